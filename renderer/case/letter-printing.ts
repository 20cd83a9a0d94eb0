import type { PrintJobState } from '../../shared/contract/host-contract';
import { db, type LetterRow, type PrintState, type ReprintRow } from '../db/database';
import { recordAudit } from '../db/audit-log';
import { callHost } from '../host';

/**
 * Printing an archived file (a letter or a reprint) through the main process, and following the job to
 * its fate. Each change is kept on the file's row with the spooler's reason; the sealed record is never
 * touched, so a failed print can never block or alter a case.
 */

type Printable = PrintState & { caseNumber: string; relativePath: string };

/** Where a printable row lives: the letters table (by case number) or the reprints table (by id). */
export interface PrintTarget<Row extends Printable> {
  /** The table's name, for the transaction that keeps the row and its audit entry together. */
  tableName: 'letters' | 'reprints';
  read(): Promise<Row | undefined>;
  write(row: Row): Promise<unknown>;
  /** The audit detail for this kind of file (`reprint`), none for the letter itself. */
  detail?: string;
}

export const letterTarget = (caseNumber: string): PrintTarget<LetterRow> => ({
  tableName: 'letters',
  read: () => db.letters.get(caseNumber),
  write: (row) => db.letters.put(row),
});

export const reprintTarget = (id: number): PrintTarget<ReprintRow> => ({
  tableName: 'reprints',
  read: () => db.reprints.get(id),
  write: (row) => db.reprints.put(row),
  detail: 'reprint',
});

const stateFromJob = (job: PrintJobState, now: Date): Partial<PrintState> => {
  switch (job.status) {
    case 'done':
      // The job id stays: which job put the paper out is part of what happened.
      return { printed: 'done', printMessage: null, printedAt: now.toISOString() };
    case 'failed':
      return { printed: 'failed', printMessage: job.reason };
    default:
      return { printed: job.status, printMessage: null };
  }
};

/** Hands the file to the spooler and keeps the answer: queued with a job id, or failed with a reason. */
export const printTo = async <Row extends Printable>(target: PrintTarget<Row>, copies: number): Promise<Row> => {
  const row = await target.read();
  if (!row) throw new Error('print: the archived file is not known');
  const outcome = await callHost('printLetter', { relativePath: row.relativePath, copies });
  const state: Partial<PrintState> =
    outcome.status === 'queued'
      ? { printed: 'queued', printMessage: null, jobId: outcome.jobId, printer: outcome.printer, printedAt: null }
      : { printed: 'failed', printMessage: outcome.reason, jobId: null };
  const updated = { ...row, ...state };
  // Main logged the print call and the spooler's answer before it answered.
  await target.write(updated);
  return updated;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FollowOptions {
  intervalMs?: number;
  /** Stop asking after this long: the row stays queued or printing, and the home screen lists it. */
  timeoutMs?: number;
}

const following = (row: Printable | undefined): row is Printable & { jobId: string } =>
  !!row?.jobId && (row.printed === 'queued' || row.printed === 'printing');

/** Asks the spooler about the row's job until it is done or failed, or the time is up; the last state. */
export const followJob = async <Row extends Printable>(target: PrintTarget<Row>, options: FollowOptions = {}): Promise<Row | undefined> => {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const row = await target.read();
    if (!following(row)) return row;
    const next = { ...row, ...stateFromJob(await callHost('printJobStatus', { jobId: row.jobId }), new Date()) };
    if (next.printed !== row.printed) {
      const written = await db.transaction('rw', target.tableName, async () => {
        // Printed again meanwhile (a new job): that job's answer is not this one's.
        if ((await target.read())?.jobId !== row.jobId) return false;
        await target.write(next);
        return true;
      });
      if (written && next.printed === 'done') await recordAudit('letter.print_done', row.caseNumber, target.detail);
      if (written && next.printed === 'failed') await recordAudit('letter.print_failed', row.caseNumber, target.detail);
    }
    if (!following(next) || Date.now() >= deadline) return next;
    await sleep(options.intervalMs ?? 1000);
  }
};
