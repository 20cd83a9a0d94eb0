import { z } from 'zod';
import { sealedRecordSchema } from '../domain/sealed-record';
import type { ArchiveChainCheck } from './archive-chain';
import { hostChannel, hostMethods, isHostMethod, type HostMethod } from './host-methods';
import type { HostMessage } from './host-message';
import type { Result } from './result';

/**
 * The host contract: everything the renderer may ask of the main process. One method per capability,
 * each with the schema its argument must satisfy; the main side validates every call against it before
 * any work is done. The renderer reaches it only as `window.host`.
 */
const clerkId = z.string().regex(/^[0-9A-Za-z]{2,16}$/);
const pin = z.string().regex(/^\d{6}$/);
const counterId = z.string().regex(/^[A-Z0-9]{1,8}$/);
/** An archived letter, or one of its reprints (`….reprint-<n>.pdf`). */
const archivePath = z.string().regex(/^\d{4}-\d{2}-\d{2}\/[A-Z0-9]{1,8}\/[A-Z0-9-]{1,40}(\.reprint-\d{1,3})?\.pdf$/);

export const hostInputSchemas = {
  getSetup: z.object({}).strict(),
  configureDevice: z
    .object({ counterId, agencyName: z.string().trim().min(2).max(60) })
    .strict(),
  createClerk: z
    .object({
      clerkId,
      name: z.string().trim().min(1).max(30),
      pin,
      /** Needed once any account exists: an existing clerk vouches for the new one. */
      authorizedBy: z.object({ clerkId, pin }).strict().optional(),
    })
    .strict(),
  signIn: z.object({ clerkId, pin }).strict(),
  verifyPin: z.object({ clerkId, pin }).strict(),
  /** The PIN typed on the hand-over panel: never counts against the account (handover-guard.ts). */
  unlockHandover: z.object({ clerkId, pin }).strict(),
  /** A supervisor, with their own 工号 and PIN, ends the hand-over panel's wait for the clerk. */
  releaseHandoverWait: z.object({ clerkId, supervisor: z.object({ clerkId, pin }).strict() }).strict(),
  archiveLetter: z
    .object({
      record: sealedRecordSchema,
      pdfBase64: z.base64().max(16 * 1024 * 1024),
    })
    .strict(),
  readArchivedLetter: z.object({ relativePath: archivePath }).strict(),
  printLetter: z.object({ relativePath: archivePath, copies: z.number().int().min(1).max(5) }).strict(),
  printJobStatus: z.object({ jobId: z.string().regex(/^[^\s\0/\\]{1,160}$/) }).strict(),
  listPrinters: z.object({}).strict(),
  getPrintSettings: z.object({}).strict(),
  /** `null`: the system's default printer. Printer names as the system spells them (Windows allows spaces). */
  choosePrinter: z.object({ printer: z.string().regex(/^[^\0-\x1f\x7f/\\#]{1,127}$/).nullable() }).strict(),
  /** A reprint (补打) of an archived letter: its own file beside the original, which never changes. */
  archiveReprint: z
    .object({ letterPath: archivePath, pdfBase64: z.base64().max(16 * 1024 * 1024) })
    .strict(),
  verifyArchive: z.object({}).strict(),
  openApplicantScreen: z.object({}).strict(),
  closeApplicantScreen: z.object({}).strict(),
} as const satisfies { [K in HostMethod]: z.ZodType };

export interface DeviceSettings {
  deviceId: string;
  counterId: string;
  agencyName: string;
}

export interface SetupState {
  device: DeviceSettings | null;
  clerkCount: number;
  appVersion: string;
}

export interface ClerkAccount {
  clerkId: string;
  name: string;
}

export interface ArchivedLetter {
  relativePath: string;
  sha256: string;
  bytes: number;
}

/**
 * What the spooler answered when the job was handed over: it took it (with its id and the printer's
 * name; `null` where the system's default printer took it unnamed), or why not, as a message the
 * renderer words.
 */
export type PrintOutcome =
  | { status: 'queued'; jobId: string; printer: string | null }
  | { status: 'failed'; reason: HostMessage };

/** A job's fate, followed after it was queued. `reason` is the spooler's, as a message for the clerk. */
export type PrintJobState =
  | { status: 'queued' }
  | { status: 'printing' }
  | { status: 'done' }
  | { status: 'failed'; reason: HostMessage };

/** The archive walked against its ledger (what `npm run archive:verify` prints), for the supervisor. */
export interface ArchiveCheck {
  ledgerEntries: number;
  filesOnDisk: number;
  intact: number;
  /** Files that are missing, altered, or orphans (no ledger line); `kind` as the ledger says. */
  findings: Array<{ relativePath: string; status: 'missing' | 'altered' | 'orphan'; kind?: 'record' | 'letter' | 'reprint' }>;
  /** Ledger lines that are damaged or out of chain. */
  ledgerProblems: Array<{ line: number; problem: 'unreadable' | 'bad-hash' | 'broken-chain' | 'torn-line' }>;
  /** The record files read back as one hash chain per device, whatever the ledger says. */
  chain: ArchiveChainCheck;
  /** Case numbers past their retention (kept: deletion needs a central receipt and approval). */
  expired: string[];
}

/** This device's printing settings. */
export interface PrintSettings {
  /** The chosen printer, or `null` for the system's default. */
  printer: string | null;
}

/** A printer the operating system knows. */
export interface PrinterInfo {
  name: string;
  /** The description the administrator gave it, or the name. */
  description: string;
  isDefault: boolean;
  /** False when the queue rejects new jobs (CUPS: cupsreject). */
  accepting: boolean;
  /** `stopped`: paused (CUPS: cupsdisable) or in error; jobs wait until it is resumed. */
  state: 'idle' | 'printing' | 'stopped';
  /** Why the printer stands still, as a message for the clerk; `null` when there is nothing to say. */
  message: HostMessage | null;
}

export interface HostOutputs {
  getSetup: SetupState;
  configureDevice: DeviceSettings;
  createClerk: ClerkAccount;
  signIn: ClerkAccount;
  verifyPin: ClerkAccount;
  unlockHandover: ClerkAccount;
  releaseHandoverWait: { releasedBy: ClerkAccount };
  archiveLetter: ArchivedLetter;
  readArchivedLetter: { pdfBase64: string; sha256: string };
  printLetter: PrintOutcome;
  printJobStatus: PrintJobState;
  listPrinters: PrinterInfo[];
  getPrintSettings: PrintSettings;
  choosePrinter: PrintSettings;
  archiveReprint: ArchivedLetter;
  verifyArchive: ArchiveCheck;
  /** `second-display`: a separate full-screen window faces the applicant; `handover`: one display only. */
  openApplicantScreen: { mode: 'second-display' | 'handover' };
  closeApplicantScreen: { closed: boolean };
}

export type HostInput<K extends HostMethod> = z.input<(typeof hostInputSchemas)[K]>;
export type HostValidInput<K extends HostMethod> = z.output<(typeof hostInputSchemas)[K]>;

/** What the renderer sees on `window.host`. */
export type HostApi = { [K in HostMethod]: (arg: HostInput<K>) => Promise<Result<HostOutputs[K]>> };

/** What the main process implements: arguments arrive already validated. */
export type HostHandlers = { [K in HostMethod]: (arg: HostValidInput<K>) => Promise<Result<HostOutputs[K]>> };

export { hostMethods, hostChannel, isHostMethod, type HostMethod };
