import path from 'node:path';
import type { DayReportFile } from '../../../shared/contract/domains/day-close';
import { fail, ok, type Result } from '../../../shared/contract/result';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';
import { sha256Hex } from '../file-hash';

/**
 * Day reports in the archive: `<archive>/day-reports/<YYYY-MM-DD>-<attempt>.pdf`, written once,
 * atomically, 0600, in clear (a report holds case numbers and counts, never a name or an ID number).
 *
 * Why not a ledger line of a kind of its own: a ledger line names a case and its record's hash
 * (`caseNumber`, `recordHash`), which a day has not; the record store, the archive check, the
 * counter's push and the central system's ingest all read `kind` as record / letter / reprint. A
 * fourth kind would change every one of them. The report's SHA-256 goes into the signed,
 * hash-chained audit log instead (`day.report`, subject `<date>-<attempt>@<sha256>`), which is
 * pushed like every audit line — so the central system holds the report's hash under the device's
 * signature, and the archive check passes the folder over as it does the published device keys.
 */
export const DAY_REPORTS_DIR = 'day-reports';

const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');

export const dayReportPath = (date: string, attempt: number): string => `${DAY_REPORTS_DIR}/${date}-${attempt}.pdf`;

/** The audit subject that binds the file to its bytes (fits the subject's 80 characters). */
export const dayReportSubject = (date: string, attempt: number, sha256: string): string => `${date}-${attempt}@${sha256}`;

export const archiveDayReportFile = async (archiveDir: string, date: string, attempt: number, pdf: Buffer): Promise<Result<DayReportFile & { written: boolean }>> => {
  if (pdf.length < PDF_MAGIC.length || !pdf.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return fail('NOT_A_PDF', 'host.archive.not_pdf');
  const relativePath = dayReportPath(date, attempt);
  const target = path.join(archiveDir, ...relativePath.split('/'));
  const existing = await readFileIfExists(target);
  if (existing) {
    // The renderer lays out the same close the same way (fixed file id and date): a retry is harmless.
    return existing.equals(pdf) ? ok({ relativePath, sha256: sha256Hex(pdf), bytes: pdf.length, written: false }) : fail('DAY_REPORT_CONFLICT', 'host.day_close.report_conflict');
  }
  await writeFileAtomic(target, pdf, { exclusive: true, mode: 0o600 });
  return ok({ relativePath, sha256: sha256Hex(pdf), bytes: pdf.length, written: true });
};

/** The report's bytes to print, only while they are those recorded when it was archived. */
export const dayReportToPrint = async (archiveDir: string, report: DayReportFile): Promise<Result<Buffer>> => {
  const bytes = await readFileIfExists(path.join(archiveDir, ...report.relativePath.split('/')));
  if (!bytes) return fail('ARCHIVE_NOT_FOUND', 'host.archive.not_found');
  return sha256Hex(bytes) === report.sha256 ? ok(bytes) : fail('ARCHIVE_FILE_ALTERED', 'host.archive.file_altered');
};
