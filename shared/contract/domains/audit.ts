import { z } from 'zod';
import { method } from './define';

/**
 * The audit log is main's (electron/services/audit-log.ts): main writes what it does itself — the
 * session, accounts, settings, the catalog, archive writes and print calls — and adds the actor from
 * the session and the time to what the renderer reports of its own work (case steps, the hand-over).
 * The renderer names neither who nor when, and may report only its own actions.
 */
export const mainAuditActions = [
  'clerk.sign_in',
  'clerk.sign_in_failed',
  'clerk.lockout',
  'clerk.sign_out',
  'clerk.idle_lock',
  'clerk.unlock',
  'account.create',
  'security.change',
  'printer.choose',
  'handover.release',
  'letter.archive',
  'letter.reprint',
  'letter.print',
  'letter.print_failed',
  'catalog.activate',
  // A central roster applied (electron/services/sync/pull-roster.ts): the roster, then each account it
  // disabled, brought back or changed; the accounts it added are account.create. No actor: the
  // central system acted, not whoever is signed in here.
  'roster.apply',
  'account.disable',
  'account.enable',
  'account.update',
  // The first PIN of an account a roster brought in, set by the administrator (subject the 工号);
  // a roster ending the session of the account it changed is clerk.sign_out, detail `roster_…`.
  'account.pin_set',
  'case.seal',
  'case.void',
  // Enrollment with the central system (electron/services/sync/enrollment.ts): subject the hall's id,
  // detail `pinned` (HTTPS, certificate pinned) or `loopback` (plain HTTP to this machine).
  'device.enroll',
  // The same device enrolled again after the central system revoked it (subject the hall's id),
  // and a sync problem a supervisor let go again (subject `ledger:<seq>` or `audit:<seq>`, detail
  // `note-` and the first 32 hex digits of the note's SHA-256): electron/services/sync/.
  'device.reenroll',
  'sync.problem_resolve',
  // 日结 (electron/services/day-close/): the close with its outcome, the report archived (its SHA-256
  // in the subject: it has no ledger line) and printed.
  'day.close',
  'day.report',
  'day.report_print',
  'day.report_print_failed',
] as const;

export const rendererAuditActions = [
  'case.start',
  'case.resume',
  'case.discard',
  // case.seal is main's since main seals (records/record-store.ts).
  'letter.archive_failed',
  'letter.print_done',
  'letter.print_failed',
  'letter.reprint_reason',
  'handover.enter',
  'handover.leave',
  'handover.pin_wrong',
  // catalog.activate is main's since main keeps the catalog (catalog-store.ts): no longer the renderer's to report.
] as const;

export const auditActions = [...new Set([...mainAuditActions, ...rendererAuditActions])] as [
  (typeof mainAuditActions)[number] | (typeof rendererAuditActions)[number],
  ...Array<(typeof mainAuditActions)[number] | (typeof rendererAuditActions)[number]>,
];
export type AuditAction = (typeof auditActions)[number];

/**
 * What an entry is about: a case number, draft id, account id (工号), setting or catalog key, file
 * name — codes of the app, never a name, ID number, phone or PIN. Letters, digits and `. _ : / @ -`
 * only: no Chinese name, and too short for free text.
 */
export const auditSubject = z.string().regex(/^[0-9A-Za-z._:/@-]{0,80}$/);
/** A code (a reason, `reprint`, a role), never a sentence. */
export const auditDetail = z.string().regex(/^[0-9a-z_.-]{1,40}$/);

export const auditDomain = {
  /** The renderer's own step, recorded by main with the session's account and role and main's clock. */
  recordAudit: method<{ seq: number }>()({
    input: z.object({ action: z.enum(rendererAuditActions), subject: auditSubject, detail: auditDetail.optional() }).strict(),
    access: 'session',
  }),
} as const;
