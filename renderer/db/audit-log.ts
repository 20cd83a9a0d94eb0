import { db } from './database';

/**
 * Audit actions. The subject is a draft id or a case number: the log must prove who did what and
 * when without itself becoming a second copy of applicants' personal data.
 */
export type AuditAction =
  | 'clerk.sign_in'
  | 'clerk.sign_out'
  | 'clerk.idle_lock'
  | 'clerk.unlock'
  | 'account.create'
  | 'security.change'
  | 'case.start'
  | 'case.resume'
  | 'case.discard'
  | 'case.seal'
  | 'letter.archive'
  | 'letter.archive_failed'
  | 'letter.print'
  | 'letter.print_failed'
  | 'letter.print_done'
  | 'letter.reprint'
  | 'printer.choose'
  | 'handover.enter'
  | 'handover.leave'
  | 'handover.pin_wrong'
  | 'handover.release'
  | 'catalog.activate';

export const recordAudit = (clerkId: string, action: AuditAction, subject: string, detail?: string, at = new Date()) =>
  db.audit.add({ at: at.toISOString(), clerkId, action, subject, ...(detail ? { detail } : {}) });
