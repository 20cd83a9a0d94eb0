import { z } from 'zod';
import type { DayChainHead, DayCounts, DayDifference, DayOutcome, ServerDayCounts } from '../../sync/day-close';
import type { HostError } from '../result';
import type { PrintOutcome } from './printing';
import { method } from './define';

/**
 * 日结, the supervisor's day close (electron/services/day-close/): one call pushes and pulls, states
 * the day from main's own archive and audit log, signs it with the device key, has the central
 * system reconcile it and keeps the answer. The renderer lays the day report out from that answer
 * (the letters' PDF pipeline) and hands the bytes back to be archived and printed. A supervisor's
 * only: main checks the role before anything runs (ROLE_REFUSED).
 */

/** One case of the day as the report lists it: codes and counts, never a name. */
export interface DayCloseCase {
  caseNumber: string;
  /** Null for an earlier day's case printed this day. */
  outcome: DayOutcome | null;
  /** A void's case. */
  voids: string | null;
  letter: boolean;
  reprints: number;
  printed: number;
  reprinted: number;
}

export interface DayReportFile {
  relativePath: string;
  sha256: string;
  bytes: number;
}

/** One close of a day as main keeps it (`<data>/day-close/<date>.json`), and answers it. */
export interface DayCloseResult {
  date: string;
  /** The counter's own count of closes of this day, from 1: the report's file is named by it. */
  attempt: number;
  /** When main had the central system's answer. */
  at: string;
  counterId: string;
  agencyName: string;
  reconciled: boolean;
  /** The content was closed before: the acknowledgement is the earlier one. */
  alreadyClosed: boolean;
  /**
   * The day's close as it stands on this device: the latest attempt that reconciled, whatever came
   * after it (a later attempt that does not reconcile never undoes a close); null while never closed.
   */
  dayClosed: { attempt: number; revision: number; closedAt: string } | null;
  /** The central system's signed acknowledgement, checked by main against the key pinned at enrollment. */
  acknowledgement: { revision: number; closedAt: string; keyId: string; statementHash: string } | null;
  differences: DayDifference[];
  counterCounts: DayCounts;
  serverCounts: ServerDayCounts;
  chainHead: { counter: DayChainHead; server: DayChainHead | null };
  cases: DayCloseCase[];
  /** How the push and pull before it went: a failed round leaves what was not sent to be named as a difference. */
  sync: { ok: boolean; error: HostError | null };
  /** The day report once archived (`<archive>/day-reports/<date>-<attempt>.pdf`). */
  report: DayReportFile | null;
}

const date = z.iso.date();
const attempt = z.number().int().min(1).max(9999);

export const dayCloseDomain = {
  /** 日结 now: sync, statement, reconciliation; answers the day's close (reconciled or with its differences). */
  closeDay: method<DayCloseResult>()({ input: z.object({ date }).strict(), access: ['supervisor'] }),
  /** The day's latest close as main keeps it; null before the first. */
  dayCloseStatus: method<DayCloseResult | null>()({ input: z.object({ date }).strict(), access: ['supervisor'] }),
  /** The report of a close, laid out by the renderer from that close: archived once, its SHA-256 in the audit log. */
  archiveDayReport: method<DayReportFile>()({
    input: z.object({ date, attempt, pdfBase64: z.base64().max(16 * 1024 * 1024) }).strict(),
    access: ['supervisor'],
  }),
  /** The archived report, printed only while its bytes are those the audit log wrote down. */
  printDayReport: method<PrintOutcome>()({
    input: z.object({ date, attempt, copies: z.number().int().min(1).max(5) }).strict(),
    access: ['supervisor'],
  }),
} as const;
