import { applyCaseEvent, newCaseDraft, type CaseEvent, type CaseFlowOutcome } from '../../shared/domain/case-flow';
import type { Clerk, CounterContext } from '../../shared/domain/case-draft';
import type { SignatureStroke } from '../../shared/domain/signature';
import type { ApplicantForm } from '../case/applicant-form';
import { recordAudit } from './audit-log';
import { db, type DraftRow } from './database';

export const startDraft = async (counter: CounterContext, clerk: Clerk, now = new Date()): Promise<DraftRow> => {
  const row: DraftRow = {
    draftId: crypto.randomUUID(),
    clerkId: clerk.clerkId,
    updatedAt: now.toISOString(),
    // Only who the clerk is: the session's account also carries its role, which a record does not hold.
    draft: newCaseDraft(crypto.randomUUID(), counter, { clerkId: clerk.clerkId, name: clerk.name }, now),
    applicantForm: null,
    signatureInProgress: null,
  };
  row.draft.draftId = row.draftId;
  await db.drafts.add(row);
  await recordAudit('case.start', row.draftId);
  return row;
};

export class DraftMissingError extends Error {
  constructor() {
    super('draft missing');
  }
}

/**
 * Applies one event to a stored draft inside a transaction: the clerk's window and the applicant's
 * screen both change the same draft, and neither may overwrite the other's step.
 */
export const applyToDraft = (draftId: string, event: CaseEvent, now = new Date()): Promise<CaseFlowOutcome> =>
  db.transaction('rw', db.drafts, async () => {
    const row = await db.drafts.get(draftId);
    if (!row) throw new DraftMissingError();
    const outcome = applyCaseEvent(row.draft, event, now);
    if (outcome.ok) await db.drafts.put({ ...row, draft: outcome.draft, updatedAt: outcome.draft.updatedAt });
    return outcome;
  });

export const saveApplicantForm = (draftId: string, form: ApplicantForm): Promise<number> =>
  db.drafts.update(draftId, { applicantForm: form });

export const saveSignatureInProgress = (draftId: string, strokes: SignatureStroke[] | null): Promise<number> =>
  db.drafts.update(draftId, { signatureInProgress: strokes });

export const discardDraft = async (draftId: string): Promise<void> => {
  await db.drafts.delete(draftId);
  await recordAudit('case.discard', draftId);
};
