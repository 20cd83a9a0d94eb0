import type { SealedRecord } from '../../shared/domain/sealed-record';
import { callHost } from '../host';
import { db } from './database';
import { DraftMissingError, readDraft } from './draft-repository';

/**
 * Seals a reviewed draft: main does it (records/record-store.ts) — case number, chain position, time,
 * clerk and signature are main's — and answers only once the signed record is on disk. The draft is
 * deleted after that answer. A crash in between leaves the draft: sealing it again is answered with
 * the same record (main knows which draft each record sealed), never a second one.
 */
export const sealDraft = async (draftId: string): Promise<SealedRecord> => {
  const row = await readDraft(draftId);
  if (!row) throw new DraftMissingError();
  const record = await callHost('sealCase', { draft: row.draft });
  await db.drafts.delete(draftId);
  return record;
};
