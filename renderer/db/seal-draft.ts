import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import { sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { recordAudit } from './audit-log';
import { db, type RecordRow } from './database';
import { DraftMissingError } from './draft-repository';

class ChainMovedError extends Error {}

const MAX_ATTEMPTS = 5;

const rowFor = (record: SealedRecord, day: string): RecordRow => ({
  caseNumber: record.caseNumber,
  sequence: record.sequence,
  hash: record.hash,
  counterId: record.device.counterId,
  day,
  idNumber: record.applicant.idNumber,
  sealedAt: record.timestamps.sealedAt,
  record,
});

/**
 * Seals a reviewed draft into the device's chain. Hashing is asynchronous WebCrypto work, which may
 * not run inside an IndexedDB transaction, so the record is built against the chain head read
 * beforehand and written only if that head is still the head (otherwise it is rebuilt). The record
 * insert and the draft deletion are one transaction: a case is never sealed twice, nor lost.
 */
export const sealDraft = async (draftId: string, now = new Date()): Promise<SealedRecord> => {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const row = await db.drafts.get(draftId);
    if (!row) throw new DraftMissingError();
    const head = await db.records.orderBy('sequence').last();
    const day = shanghaiDate(now);
    const { counterId } = row.draft.counter;
    const sealedToday = await db.records.where('[counterId+day]').equals([counterId, day]).count();
    const record = await sealCase(row.draft, {
      caseNumber: formatCaseNumber(counterId, day, sealedToday + 1),
      sequence: (head?.sequence ?? 0) + 1,
      prevHash: head?.hash ?? GENESIS_HASH,
      sealedAt: now,
    });
    try {
      await db.transaction('rw', db.drafts, db.records, async () => {
        const currentHead = await db.records.orderBy('sequence').last();
        if (currentHead?.hash !== head?.hash) throw new ChainMovedError();
        if (!(await db.drafts.get(draftId))) throw new DraftMissingError();
        await db.records.add(rowFor(record, day));
        await db.drafts.delete(draftId);
      });
      await recordAudit('case.seal', record.caseNumber);
      return record;
    } catch (error) {
      if (!(error instanceof ChainMovedError)) throw error;
    }
  }
  throw new Error('chain head kept moving while sealing');
};
