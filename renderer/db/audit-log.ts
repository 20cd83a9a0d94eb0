import type { rendererAuditActions } from '../../shared/contract/domains/audit';
import { callHost } from '../host';

/** What the renderer may report of its own work; main writes everything else it does itself. */
export type AuditAction = (typeof rendererAuditActions)[number];

/**
 * Hands one of the renderer's own steps to main's audit log (electron/services/audit-log.ts), which
 * adds the signed-in account, its role and the time from the session: the renderer names neither.
 * The subject is a draft id, case number or catalog key and the detail a code — never personal data.
 *
 * Called after the step's own IndexedDB transaction has committed (a host call inside one would end
 * it early). A refusal (the session locked meanwhile) or an I/O failure in main does not undo the
 * step already saved: it is answered false and the step stands.
 */
export const recordAudit = async (action: AuditAction, subject: string, detail?: string): Promise<boolean> => {
  try {
    await callHost('recordAudit', { action, subject, ...(detail !== undefined ? { detail } : {}) });
    return true;
  } catch {
    return false;
  }
};
