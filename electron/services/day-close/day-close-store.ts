import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { HostError } from '../../../shared/contract/result';
import { dayCloseResponseSchema, signedDayStatementSchema } from '../../../shared/sync/day-close';
import { KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';

/**
 * Main's own copy of each day close, `<data>/day-close/<YYYY-MM-DD>.json` (0600): every attempt of the
 * day in order with the statement it signed, the central system's whole answer and, once archived,
 * the report's file and SHA-256. A day is closed here when an attempt's answer reconciled with a
 * signed acknowledgement main checked; a later attempt that does not reconcile never undoes that.
 * Kept in the data folder rather than the archive: it is the device's working state (the evidence
 * is the audit log's `day.close` and `day.report` lines, and the central system's own copy).
 */
export const DAY_CLOSE_DIR = 'day-close';

// A host error as main wrote it: its key is one of the catalog's (the file is main's own, 0600).
const hostErrorSchema = z.object({ code: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()).optional() }) as unknown as z.ZodType<HostError>;

export const dayCloseAttemptSchema = z
  .object({
    attempt: z.number().int().positive(),
    at: z.iso.datetime({ offset: true }),
    agencyName: z.string(),
    signed: signedDayStatementSchema,
    response: dayCloseResponseSchema,
    sync: z.object({ ok: z.boolean(), error: hostErrorSchema.nullable() }),
    report: z.object({ relativePath: z.string(), sha256: z.string(), bytes: z.number().int().nonnegative() }).nullable(),
  })
  .strict();
export type DayCloseAttempt = z.infer<typeof dayCloseAttemptSchema>;

const fileSchema = z.object({ schema: z.literal('day-close-local/1'), date: z.iso.date(), attempts: z.array(dayCloseAttemptSchema) }).strict();

export interface DayCloseStore {
  attempts(date: string): Promise<DayCloseAttempt[]>;
  /** Adds the next attempt of the day (numbered here) and answers it as stored. */
  add(date: string, attempt: Omit<DayCloseAttempt, 'attempt'>): Promise<DayCloseAttempt>;
  /** Notes an attempt's archived report. */
  setReport(date: string, attempt: number, report: NonNullable<DayCloseAttempt['report']>): Promise<DayCloseAttempt | null>;
}

export const createDayCloseStore = (dataDir: string): DayCloseStore => {
  const folder = path.join(dataDir, DAY_CLOSE_DIR);
  const lock = new KeyedLock();
  const fileOf = (date: string) => path.join(folder, `${date}.json`);

  const read = async (date: string): Promise<DayCloseAttempt[]> => {
    const bytes = await readFileIfExists(fileOf(date));
    if (!bytes) return [];
    // A damaged file is refused loudly rather than read as "never closed".
    return fileSchema.parse(JSON.parse(bytes.toString('utf8'))).attempts;
  };
  const write = async (date: string, attempts: DayCloseAttempt[]) => {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFileAtomic(fileOf(date), Buffer.from(`${JSON.stringify({ schema: 'day-close-local/1', date, attempts })}\n`), { mode: 0o600 });
  };

  return {
    attempts: (date) => lock.run(date, () => read(date)),
    add: (date, attempt) =>
      lock.run(date, async () => {
        const attempts = await read(date);
        const stored: DayCloseAttempt = { attempt: (attempts.at(-1)?.attempt ?? 0) + 1, ...attempt };
        await write(date, [...attempts, stored]);
        return stored;
      }),
    setReport: (date, number, report) =>
      lock.run(date, async () => {
        const attempts = await read(date);
        const index = attempts.findIndex((entry) => entry.attempt === number);
        if (index < 0) return null;
        const updated = { ...attempts[index]!, report };
        attempts[index] = updated;
        await write(date, attempts);
        return updated;
      }),
  };
};
