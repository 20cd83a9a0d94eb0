import { applyCaseEvent, newCaseDraft, type CaseEvent, type CaseFlowOutcome } from '../../shared/domain/case-flow';
import type { Clerk, CounterContext } from '../../shared/domain/case-draft';
import type { SignatureStroke } from '../../shared/domain/signature';
import type { ApplicantForm } from '../case/applicant-form';
import { callHost } from '../host';
import { useSession } from '../state/session-store';
import { recordAudit } from './audit-log';
import { db, type DraftPersonal, type DraftRow, type SealedDraftRow, type StoredDraftRow } from './database';

/**
 * Drafts in IndexedDB hold their personal part only sealed by main (database.ts): every read opens it
 * through `revealDraft`, every write seals it through `protectDraft`. Callers see a plain `DraftRow`.
 *
 * A transaction cannot wait for a host call (IndexedDB ends it), so a write reads the row, opens and
 * changes it, has it sealed, then stores it in a transaction only if the row's version is still the
 * one it read — otherwise another window wrote meanwhile and the write starts again from the newer
 * row. Within one window, writes to a draft run one after the other, so keystrokes land in order.
 */

export class DraftMissingError extends Error {
  constructor() {
    super('draft missing');
  }
}

/** The row changed under a write more often than this: something keeps writing; give up loudly. */
const MAX_ATTEMPTS = 8;

class VersionMovedError extends Error {}

const personalOf = (row: DraftRow): DraftPersonal => ({
  draft: row.draft,
  applicantForm: row.applicantForm,
  signatureInProgress: row.signatureInProgress,
});

/**
 * The last row this window opened or wrote, per draft, by its sealed text: a write after a read (or
 * a keystroke after a keystroke) needs no second host call. Only what the screens show anyway.
 */
const opened = new Map<string, { sealed: string; row: DraftRow }>();

// Main opens a draft only for the account that sealed it: another account signed in on this window
// does not get it from here either.
useSession.subscribe((state, previous) => {
  if (state.clerk?.clerkId !== previous.clerk?.clerkId) opened.clear();
});

const protect = async (row: DraftRow): Promise<string> =>
  (await callHost('protectDraft', { draftId: row.draftId, data: personalOf(row) })).sealed;

/** A stored row opened: a legacy clear row as it is, a sealed one by main (or from this window's last). */
export const openStoredDraft = async (stored: StoredDraftRow): Promise<DraftRow> => {
  const { draftId, clerkId, updatedAt } = stored;
  if (stored.sealed === undefined) {
    return { draftId, clerkId, updatedAt, draft: stored.draft, applicantForm: stored.applicantForm, signatureInProgress: stored.signatureInProgress };
  }
  const cached = opened.get(draftId);
  if (cached?.sealed === stored.sealed) return cached.row;
  const { data } = await callHost('revealDraft', { draftId, sealed: stored.sealed });
  const row: DraftRow = {
    draftId,
    clerkId,
    updatedAt,
    draft: data.draft,
    applicantForm: data.applicantForm as ApplicantForm | null,
    signatureInProgress: data.signatureInProgress,
  };
  opened.set(draftId, { sealed: stored.sealed, row });
  return row;
};

/** The draft opened, or undefined when there is none (sealed, discarded). The sealing step reads it so. */
export const readDraft = async (draftId: string): Promise<DraftRow | undefined> => {
  const stored = await db.drafts.get(draftId);
  return stored ? openStoredDraft(stored) : undefined;
};

const sealedRowOf = (row: DraftRow, sealed: string, version: number): SealedDraftRow => ({
  draftId: row.draftId,
  clerkId: row.clerkId,
  updatedAt: row.updatedAt,
  step: row.draft.step,
  version,
  sealed,
});

const queues = new Map<string, Promise<unknown>>();

/** Runs the writes of one draft in this window one at a time, in the order they were asked for. */
const serially = <T>(draftId: string, work: () => Promise<T>): Promise<T> => {
  const previous = queues.get(draftId) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(draftId, settled);
  void settled.then(() => {
    if (queues.get(draftId) === settled) queues.delete(draftId);
  });
  return next;
};

/**
 * Changes a stored draft: `change` gets the opened row and answers the new one (or `null`: nothing
 * to write) with a result for the caller. Retried from the newer row when another window wrote first.
 */
const updateDraft = <T>(draftId: string, change: (row: DraftRow) => { row: DraftRow | null; result: T }): Promise<T> =>
  serially(draftId, async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const stored = await db.drafts.get(draftId);
      if (!stored) throw new DraftMissingError();
      const { row, result } = change(await openStoredDraft(stored));
      if (!row) return result;
      const sealed = await protect(row);
      try {
        await db.transaction('rw', db.drafts, async () => {
          const current = await db.drafts.get(draftId);
          if (!current) throw new DraftMissingError();
          if (current.version !== stored.version || current.sealed !== stored.sealed) throw new VersionMovedError();
          // `put` replaces the whole row: a legacy row's clear fields go with it.
          await db.drafts.put(sealedRowOf(row, sealed, stored.version + 1));
        });
      } catch (error) {
        if (error instanceof VersionMovedError) continue;
        throw error;
      }
      opened.set(draftId, { sealed, row });
      return result;
    }
    throw new Error('draft kept changing while saving');
  });

export const startDraft = async (counter: CounterContext, clerk: Clerk, now = new Date()): Promise<DraftRow> => {
  const draftId = crypto.randomUUID();
  const row: DraftRow = {
    draftId,
    clerkId: clerk.clerkId,
    updatedAt: now.toISOString(),
    // Only who the clerk is: the session's account also carries its role, which a record does not hold.
    draft: { ...newCaseDraft(crypto.randomUUID(), counter, { clerkId: clerk.clerkId, name: clerk.name }, now), draftId },
    applicantForm: null,
    signatureInProgress: null,
  };
  const sealed = await protect(row);
  await db.drafts.add(sealedRowOf(row, sealed, 1));
  opened.set(draftId, { sealed, row });
  await recordAudit('case.start', row.draftId);
  return row;
};

/**
 * Applies one event to a stored draft: the clerk's window and the applicant's screen both change the
 * same draft, and neither may overwrite the other's step (the version check of `updateDraft`).
 */
export const applyToDraft = (draftId: string, event: CaseEvent, now = new Date()): Promise<CaseFlowOutcome> =>
  updateDraft(draftId, (row) => {
    const outcome = applyCaseEvent(row.draft, event, now);
    return { row: outcome.ok ? { ...row, draft: outcome.draft, updatedAt: outcome.draft.updatedAt } : null, result: outcome };
  });

/** 1 when saved, 0 when the draft is gone (as Dexie's `update` answered before). */
const saveField = (draftId: string, changes: Partial<DraftPersonal>): Promise<number> =>
  updateDraft(draftId, (row) => ({ row: { ...row, ...changes }, result: 1 })).catch((error: unknown) => {
    if (error instanceof DraftMissingError) return 0;
    throw error;
  });

export const saveApplicantForm = (draftId: string, form: ApplicantForm): Promise<number> => saveField(draftId, { applicantForm: form });

export const saveSignatureInProgress = (draftId: string, strokes: SignatureStroke[] | null): Promise<number> =>
  saveField(draftId, { signatureInProgress: strokes });

export const discardDraft = async (draftId: string): Promise<void> => {
  await serially(draftId, () => db.drafts.delete(draftId));
  opened.delete(draftId);
  await recordAudit('case.discard', draftId);
};

/**
 * Seals the clerk's drafts still in clear from before drafts were sealed (database version 4): run
 * once the clerk is signed in (main seals for the session's account only). Each goes through
 * `updateDraft`, so a window writing the same draft meanwhile is never overwritten. A draft that
 * fails stays as it was and is tried again at the next sign-in; the count of those sealed is answered.
 */
export const sealLegacyDrafts = async (clerkId: string): Promise<number> => {
  const legacy = await db.drafts
    .where('clerkId')
    .equals(clerkId)
    .filter((row) => row.sealed === undefined)
    .primaryKeys();
  let sealed = 0;
  for (const draftId of legacy) {
    try {
      await updateDraft(draftId, (row) => ({ row, result: null }));
      sealed += 1;
    } catch {
      // Left in clear for the next pass; the case itself still opens.
    }
  }
  return sealed;
};
