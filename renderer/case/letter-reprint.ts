import type { SealedRecord } from '../../shared/domain/sealed-record';
import { db, type LetterRow, type ReprintRow } from '../db/database';
import { recordAudit } from '../db/audit-log';
import { callHost } from '../host';
import { bytesToBase64 } from './base64';
import { renderRecordLetter } from './letter-archive';

/** Why a letter is printed again: fixed reasons the supervisor can count, plus a short note. */
export const reprintReasons = ['lost', 'damaged', 'printer_fault', 'extra_copy', 'other'] as const;
export type ReprintReason = (typeof reprintReasons)[number];

export const NOTE_MAX = 60;

export class ReprintNoteMissing extends Error {}

/**
 * Makes a reprint (补打) of an archived letter: the record's letter from its pinned template version,
 * marked 补打 with the time, archived as its own file beside the untouched original, with the reason in
 * the audit log. It is not printed yet: the clerk first sees the very bytes in the preview.
 */
export const makeReprint = async (record: SealedRecord, letter: LetterRow, reason: ReprintReason, note: string, clerkId: string, now = new Date()): Promise<ReprintRow> => {
  const trimmed = note.trim().slice(0, NOTE_MAX);
  if (reason === 'other' && trimmed === '') throw new ReprintNoteMissing();
  const bytes = await renderRecordLetter(record, now);
  const archived = await callHost('archiveReprint', { letterPath: letter.relativePath, pdfBase64: bytesToBase64(bytes) });
  const row: ReprintRow = {
    caseNumber: record.caseNumber,
    relativePath: archived.relativePath,
    sha256: archived.sha256,
    reason,
    note: trimmed,
    clerkId,
    at: now.toISOString(),
    printed: 'not_printed',
    printMessage: null,
    jobId: null,
  };
  // Main logged the reprint's file when it archived it; the reason is the renderer's to report.
  const id = await db.reprints.add(row);
  await recordAudit('letter.reprint_reason', record.caseNumber, reason);
  return { ...row, id };
};
