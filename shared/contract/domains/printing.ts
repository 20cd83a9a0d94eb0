import { z } from 'zod';
import type { HostMessage } from '../host-message';
import { archivePath, noArgument } from './fields';
import { method } from './define';

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

/** Printing: any signed-in account prints; only the administrator chooses the device's printer. */
export const printingDomain = {
  printLetter: method<PrintOutcome>()({
    input: z.object({ relativePath: archivePath, copies: z.number().int().min(1).max(5) }).strict(),
    access: 'session',
  }),
  printJobStatus: method<PrintJobState>()({ input: z.object({ jobId: z.string().regex(/^[^\s\0/\\]{1,160}$/) }).strict(), access: 'session' }),
  listPrinters: method<PrinterInfo[]>()({ input: noArgument, access: 'session' }),
  getPrintSettings: method<PrintSettings>()({ input: noArgument, access: 'session' }),
  /** `null`: the system's default printer. Printer names as the system spells them (Windows allows spaces). */
  choosePrinter: method<PrintSettings>()({
    input: z.object({ printer: z.string().regex(/^[^\0-\x1f\x7f/\\#]{1,127}$/).nullable() }).strict(),
    access: ['administrator'],
  }),
} as const;
