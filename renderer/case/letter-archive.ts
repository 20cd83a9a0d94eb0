import type { SealedRecord } from '../../shared/domain/sealed-record';
import { letterForRecord } from '../../shared/letter/record-letter';
import { db, type LetterRow } from '../db/database';
import { recordAudit } from '../db/audit-log';
import { callHost } from '../host';
import { bytesToBase64 } from './base64';

/**
 * The letter PDF of a record, with the drawing it was painted from (what the preview shows). The same
 * record always gives the same bytes (creation date and file id come from the record), so
 * re-archiving after a crash is an idempotent retry, not a second letter. A reprint is the same
 * letter, from the template version the record pinned, with the 补打 mark, and the same signed code.
 */
export const drawRecordLetter = async (record: SealedRecord, reprintedAt: Date | null = null) => {
  const document = letterForRecord(record);
  // jsPDF and the letter layout load with the first letter, not with the sign-in screen.
  const { letterPdfRenderer, needsExtensionFont } = await import('../pdf/letter-font');
  // A name like 𠮷田 needs the extension font; it is fetched only for such a letter.
  const renderer = await letterPdfRenderer({ needsExtension: needsExtensionFont(document) });
  // The QR carries main's signed code, the same on every call for this record (signatures are
  // randomized; a fresh one would change the bytes). A specimen draws its own non-verifiable QR.
  const qrPayload = document.specimen ? null : (await callHost('letterCode', { record })).code;
  const drawn = renderer.draw({
    document,
    signature: record.signature,
    qrPayload,
    issuedAt: reprintedAt ?? new Date(record.timestamps.sealedAt),
    fileId: record.hash.slice(0, 32),
    reprintedAt,
  });
  return { ...drawn, fontFiles: renderer.fontFiles };
};

/** The letter PDF of a record (see drawRecordLetter). */
export const renderRecordLetter = async (record: SealedRecord, reprintedAt: Date | null = null): Promise<Uint8Array> =>
  (await drawRecordLetter(record, reprintedAt)).pdf;

/** Renders the record's letter and has the main process write it into the archive. */
export const archiveRecordLetter = async (record: SealedRecord): Promise<LetterRow> => {
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
      jobId: null,
    };
    // Main logged the archive write before it answered.
    await db.letters.put(row);
    return row;
  } catch (error) {
    await recordAudit('letter.archive_failed', record.caseNumber);
    throw error;
  }
};

/** How far back the start-up retry looks: a few days of a busy counter. */
const RETRY_WINDOW = 500;

/**
 * Records sealed but not archived (a crash or an error between the two) are archived again when the
 * clerk signs in. Failures stay visible on the home screen as 未归档 with their own retry.
 */
export const archivePendingLetters = async (): Promise<number> => {
  const recent = await db.records.orderBy('sequence').reverse().limit(RETRY_WINDOW).toArray();
  const letters = await db.letters.bulkGet(recent.map((row) => row.caseNumber));
  const pending = recent.filter((_row, index) => !letters[index]);
  let archived = 0;
  for (const row of pending) {
    try {
      await archiveRecordLetter(row.record);
      archived += 1;
    } catch {
      // Left for the clerk to see and retry; the audit log has the failure.
    }
  }
  return archived;
};
