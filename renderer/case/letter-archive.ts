import type { SealedRecord } from '../../shared/domain/sealed-record';
import { letterForRecord } from '../../shared/letter/record-letter';
import { db, type LetterRow } from '../db/database';
import { recordAudit } from '../db/audit-log';
import { callHost } from '../host';
import { letterPdfRenderer } from '../pdf/letter-font';
import { qrPayloadFor } from '../pdf/qr';
import { bytesToBase64 } from './base64';

/**
 * The letter PDF of a record. The same record always gives the same bytes (creation date and file id
 * come from the record), so re-archiving after a crash is an idempotent retry, not a second letter.
 */
export const renderRecordLetter = async (record: SealedRecord): Promise<Uint8Array> => {
  const renderer = await letterPdfRenderer();
  return renderer.render({
    document: letterForRecord(record),
    signature: record.signature,
    qrPayload: qrPayloadFor(record.caseNumber, record.hash),
    issuedAt: new Date(record.timestamps.sealedAt),
    fileId: record.hash.slice(0, 32),
  });
};

/** Renders the record's letter and has the main process write it into the archive. */
export const archiveRecordLetter = async (record: SealedRecord, clerkId: string): Promise<LetterRow> => {
  try {
    const bytes = await renderRecordLetter(record);
    const archived = await callHost('archiveLetter', { record, pdfBase64: bytesToBase64(bytes) });
    const row: LetterRow = {
      caseNumber: record.caseNumber,
      relativePath: archived.relativePath,
      sha256: archived.sha256,
      bytes: archived.bytes,
      archivedAt: new Date().toISOString(),
      printed: 'not_printed',
      printMessage: null,
    };
    await db.transaction('rw', db.letters, db.audit, async () => {
      await db.letters.put(row);
      await recordAudit(clerkId, 'letter.archive', record.caseNumber);
    });
    return row;
  } catch (error) {
    await recordAudit(clerkId, 'letter.archive_failed', record.caseNumber);
    throw error;
  }
};

/** Records sealed but not yet archived (a crash or an error between the two): retried at start-up. */
export const unarchivedRecords = async (): Promise<SealedRecord[]> => {
  const archived = new Set(await db.letters.toCollection().primaryKeys());
  const recent = await db.records.orderBy('sequence').reverse().limit(500).toArray();
  return recent.filter((row) => !archived.has(row.caseNumber)).map((row) => row.record);
};

export const printRecordLetter = async (letter: LetterRow, copies: number, clerkId: string): Promise<LetterRow> => {
  const outcome = await callHost('printLetter', { relativePath: letter.relativePath, copies });
  const updated: LetterRow =
    outcome.status === 'queued'
      ? { ...letter, printed: 'queued', printMessage: null }
      : { ...letter, printed: 'failed', printMessage: outcome.reason };
  await db.transaction('rw', db.letters, db.audit, async () => {
    await db.letters.put(updated);
    await recordAudit(clerkId, outcome.status === 'queued' ? 'letter.print' : 'letter.print_failed', letter.caseNumber);
  });
  return updated;
};
