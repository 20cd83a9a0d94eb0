import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import { sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { letterForRecord } from '../../shared/letter/record-letter';
import type { LetterPdfInput } from '../../renderer/pdf/letter-pdf';
import { qrPayloadFor } from '../../renderer/pdf/qr';
import { reviewedDraft } from '../unit/fixtures/case-fixtures';

/** The i-th sample case sealed (one second apart), as after the clerk's confirmation. */
export const sealSample = (i: number): Promise<SealedRecord> => {
  const sealedAt = new Date(Date.UTC(2026, 10, 28, 2, 0, i));
  return sealCase(reviewedDraft(), {
    caseNumber: formatCaseNumber('C01', shanghaiDate(sealedAt), i + 1),
    sequence: i + 1,
    prevHash: GENESIS_HASH,
    sealedAt,
  });
};

/** The render input of a record's letter, as the app builds it when archiving. */
export const letterInputFor = (record: SealedRecord): LetterPdfInput => ({
  document: letterForRecord(record),
  signature: record.signature,
  qrPayload: qrPayloadFor(record.caseNumber, record.hash),
  issuedAt: new Date(record.timestamps.sealedAt),
  fileId: record.hash.slice(0, 32),
});
