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
  const qrPayload = document.specimen ? null : (await callHost('letterCode', { caseNumber: record.caseNumber })).code;
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
    const archived = await callHost('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: bytesToBase64(bytes) });
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

/**
 * Records sealed but not archived (a crash or an error between the two) are archived again when the
 * clerk signs in: main says which (its store against the ledger). Failures stay visible on the home
 * screen as 未归档 with their own retry.
 */
export const archivePendingLetters = async (): Promise<number> => {
  let archived = 0;
  for (const caseNumber of await callHost('unarchivedRecords', {})) {
    try {
      await archiveRecordLetter(await callHost('sealedRecord', { caseNumber }));
      archived += 1;
    } catch {
      // Left for the clerk to see and retry; the audit log has the failure.
    }
  }
  return archived;
};

/**
 * The renderer's letter rows are a working copy: one lost with the browser's database is rebuilt from
 * main's ledger, and a letter main has already sent to a printer counts as printed, so a further copy
 * goes through 补打 with its reason rather than as a silent duplicate.
 */
export const restoreLetterRows = async (caseNumbers: readonly string[]): Promise<number> => {
  const rows = await db.letters.bulkGet([...caseNumbers]);
  let restored = 0;
  for (const [index, caseNumber] of caseNumbers.entries()) {
    if (rows[index]) continue;
    const archived = await callHost('archivedLetter', { caseNumber });
    if (!archived) continue;
    const { printCalls, ...file } = archived;
    await db.letters.put({ caseNumber, ...file, printed: printCalls > 0 ? 'done' : 'not_printed', printMessage: null, jobId: null });
    restored += 1;
  }
  return restored;
};
