import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CaseStep } from '../../shared/domain/case-draft';
import { errorMessage } from '../components/ErrorBanner';
import { db, type DraftRow, type StoredDraftRow } from './database';
import { openStoredDraft, sealLegacyDrafts } from './draft-repository';

/**
 * The live query watches the stored (sealed) rows only, and the rows are opened through main outside
 * it: a host call inside a Dexie live query leaves Dexie's zone and could lose its reactivity. Each
 * change of a stored row — from this window or the other — opens it again (from this window's last
 * open when it wrote it itself); until then the previous opening stays on screen, so nothing flickers.
 */

export type DraftState =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'ready'; row: DraftRow }
  /** Main would not open it (another data key, another account, damaged), or the session is gone. */
  | { state: 'unreadable'; message: string };

interface Opening {
  stored: StoredDraftRow;
  row: DraftRow | null;
  message: string | null;
}

/** Opens each stored row given, dropping an opening that a newer row overtook. */
const useOpened = (rows: readonly StoredDraftRow[] | undefined | null): Map<string, Opening> => {
  const [openings, setOpenings] = useState(() => new Map<string, Opening>());
  useEffect(() => {
    if (!rows) return;
    let live = true;
    for (const stored of rows) {
      openStoredDraft(stored).then(
        (row) => live && setOpenings((all) => new Map(all).set(stored.draftId, { stored, row, message: null })),
        (error: unknown) => live && setOpenings((all) => new Map(all).set(stored.draftId, { stored, row: null, message: errorMessage(error) })),
      );
    }
    return () => {
      live = false;
    };
  }, [rows]);
  return openings;
};

/** One draft, opened, following every change of it in either window. */
export const useDraft = (draftId: string | null): DraftState => {
  const stored = useLiveQuery(async () => (draftId ? ((await db.drafts.get(draftId)) ?? false) : false), [draftId], null);
  const rows = useMemo(() => (stored ? [stored] : stored === false ? [] : null), [stored]);
  const opening = useOpened(rows).get(draftId ?? '');
  if (stored === null) return { state: 'loading' };
  if (stored === false) return { state: 'missing' };
  if (opening?.stored === stored) return opening.row ? { state: 'ready', row: opening.row } : { state: 'unreadable', message: opening.message ?? '' };
  // Until the newest version is open, the previous opening stays on screen.
  return opening?.row ? { state: 'ready', row: opening.row } : { state: 'loading' };
};

/** A clerk's case in progress on the home screen: opened, or only its step when it cannot be. */
export interface DraftListItem {
  draftId: string;
  step: CaseStep;
  updatedAt: string;
  /** Null while being opened, and when it cannot be (`unreadable`). */
  row: DraftRow | null;
  unreadable: boolean;
}

/**
 * The signed-in clerk's drafts, newest first, opened. Drafts still in clear from before drafts were
 * sealed are sealed first (main seals for the signed-in account only, so after sign-in is the time).
 */
export const useDraftList = (clerkId: string | null | undefined): DraftListItem[] | undefined => {
  useEffect(() => {
    if (clerkId) void sealLegacyDrafts(clerkId);
  }, [clerkId]);
  const stored = useLiveQuery(
    () => (clerkId ? db.drafts.where('clerkId').equals(clerkId).reverse().sortBy('updatedAt') : Promise.resolve([] as StoredDraftRow[])),
    [clerkId],
  );
  const openings = useOpened(stored);
  if (!stored) return undefined;
  return stored.map((row) => {
    const opening = openings.get(row.draftId);
    return { draftId: row.draftId, step: row.step, updatedAt: row.updatedAt, row: opening?.row ?? null, unreadable: opening?.stored === row && !opening.row };
  });
};
