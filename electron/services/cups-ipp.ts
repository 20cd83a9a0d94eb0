import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import ipp, { type IppResponse } from '@sealsystems/ipp';
import type { PrintJobState, PrinterInfo } from '../../shared/contract/host-contract';
import { hostMessage, type HostMessage } from '../../shared/contract/host-message';
import { fail, ok, type Result } from '../../shared/contract/result';

/**
 * Asking CUPS about printers and jobs over IPP, its own protocol, instead of parsing `lpstat`'s
 * human-oriented (and localized) output: job states and reasons come back as keywords.
 */
export interface CupsServer {
  /** `host:port` of the scheduler; CUPS_SERVER when it names one, else localhost:631. */
  server?: string;
  timeoutMs?: number;
}

/** `ServerName` of a CUPS client.conf, if the file exists and names one. */
const clientConfServer = (file: string): string | null => {
  try {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .map((text) => text.trim())
      .find((text) => /^ServerName\s+\S/i.test(text));
    return line ? (line.split(/\s+/)[1] ?? null) : null;
  } catch {
    return null;
  }
};

/**
 * The scheduler `lp` itself would use: the option, CUPS_SERVER, then ServerName in ~/.cups/client.conf
 * and /etc/cups/client.conf (a counter PC may print through the hall's central CUPS), else localhost.
 * A domain socket cannot carry IPP over HTTP; the local scheduler also listens on localhost:631.
 */
export const cupsServerOf = (options: CupsServer, home = homedir()): string => {
  if (options.server) return options.server;
  const named =
    process.env.CUPS_SERVER || clientConfServer(path.join(home, '.cups', 'client.conf')) || clientConfServer('/etc/cups/client.conf');
  if (!named || named.startsWith('/')) return 'localhost:631';
  return named.includes(':') ? named : `${named}:631`;
};


class SchedulerUnreachable extends Error {}

const execute = (url: string, operation: string, attributes: Record<string, unknown>, timeoutMs: number): Promise<IppResponse> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SchedulerUnreachable('timeout')), timeoutMs);
    ipp.Printer(url).execute(operation, { 'operation-attributes-tag': { 'requesting-user-name': 'counter', ...attributes } }, (error, response) => {
      clearTimeout(timer);
      if (error) reject(new SchedulerUnreachable(error.message));
      else resolve(response);
    });
  });

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

const printerState = (state: unknown, reasons: string[]): PrinterInfo['state'] => {
  if (state === 'stopped' || reasons.some((reason) => reason.startsWith('paused'))) return 'stopped';
  return state === 'processing' ? 'printing' : 'idle';
};

/** CUPS's printer-state-reasons as a message for the clerk; the spooler's own words where no keyword fits. */
const printerMessage = (reasons: string[], message: string, state: PrinterInfo['state']): HostMessage | null => {
  if (reasons.some((reason) => reason.startsWith('paused')) || (state === 'stopped' && !message)) return hostMessage('host.print.printer_paused');
  if (reasons.some((reason) => reason.startsWith('media-empty') || reason.startsWith('media-needed'))) return hostMessage('host.print.media_empty');
  if (reasons.some((reason) => reason.startsWith('media-jam'))) return hostMessage('host.print.media_jam');
  if (reasons.some((reason) => reason.startsWith('toner-empty') || reason.startsWith('marker-supply-empty'))) return hostMessage('host.print.toner_empty');
  if (reasons.some((reason) => reason.startsWith('offline') || reason.startsWith('connecting-to-device'))) return hostMessage('host.print.printer_offline');
  return state === 'stopped' && message ? hostMessage('host.print.spooler_message', { message }) : null;
};

export const listCupsPrinters = async (options: CupsServer): Promise<Result<PrinterInfo[]>> => {
  const base = `http://${cupsServerOf(options)}/`;
  const timeoutMs = options.timeoutMs ?? 5000;
  let printers: IppResponse;
  let defaults: IppResponse;
  try {
    printers = await execute(base, 'CUPS-Get-Printers', {
      'requested-attributes': ['printer-name', 'printer-info', 'printer-state', 'printer-state-message', 'printer-state-reasons', 'printer-is-accepting-jobs'],
    }, timeoutMs);
    defaults = await execute(base, 'CUPS-Get-Default', { 'requested-attributes': ['printer-name'] }, timeoutMs);
  } catch {
    return fail('PRINT_SCHEDULER_DOWN', 'host.print.scheduler_down');
  }
  // No printer at all is an answer (an empty list), not an error.
  if (printers.statusCode !== 'successful-ok' && printers.statusCode !== 'client-error-not-found') {
    return fail('PRINT_QUERY_FAILED', 'host.print.query_failed', { code: printers.statusCode });
  }
  const defaultName = asString((defaults['printer-attributes-tag'] as Record<string, unknown> | undefined)?.['printer-name']);
  return ok(
    asArray(printers['printer-attributes-tag'] as Record<string, unknown> | Record<string, unknown>[] | undefined).map((attributes) => {
      const reasons = asArray(attributes['printer-state-reasons'] as string | string[] | undefined).filter((reason) => reason !== 'none');
      const state = printerState(attributes['printer-state'], reasons);
      const name = asString(attributes['printer-name']);
      return {
        name,
        description: asString(attributes['printer-info']) || name,
        isDefault: name === defaultName,
        accepting: attributes['printer-is-accepting-jobs'] !== false,
        state,
        message: printerMessage(reasons, asString(attributes['printer-state-message']), state),
      };
    }),
  );
};

/** `Office_Laser-12` (as `lp` reports it) → printer and job number. */
const parseJobId = (jobId: string): { printer: string; id: number } | null => {
  const match = /^(.+)-(\d+)$/.exec(jobId);
  return match ? { printer: match[1] as string, id: Number(match[2]) } : null;
};

const failedReason = (state: 'canceled' | 'aborted', reasons: string[], printerMessageText: string): HostMessage => {
  // CUPS gives a cancelled job no specific reason (often only processing-to-stop-point).
  if (state === 'canceled' || reasons.some((reason) => reason.startsWith('job-canceled'))) return hostMessage('host.print.job_canceled');
  if (reasons.some((reason) => reason.includes('document-format') || reason.includes('unsupported'))) return hostMessage('host.print.job_unprintable');
  return printerMessageText ? hostMessage('host.print.job_aborted_with', { message: printerMessageText }) : hostMessage('host.print.job_aborted');
};

/**
 * A job's fate. A job on a paused printer stays pending in CUPS: that is `queued` — it will print when
 * the printer is resumed — and the printer's own state says why it waits.
 */
export const cupsJobState = async (jobId: string, options: CupsServer): Promise<PrintJobState> => {
  const parsed = parseJobId(jobId);
  if (!parsed) return { status: 'failed', reason: hostMessage('host.print.job_unknown') };
  let response: IppResponse;
  try {
    response = await execute(
      `http://${cupsServerOf(options)}/printers/${encodeURIComponent(parsed.printer)}`,
      'Get-Job-Attributes',
      { 'job-id': parsed.id, 'requested-attributes': ['job-state', 'job-state-reasons', 'job-printer-state-message'] },
      options.timeoutMs ?? 5000,
    );
  } catch {
    // Unknown, not failed: the job may well print; the clerk's screen keeps asking.
    return { status: 'queued' };
  }
  if (response.statusCode === 'client-error-not-found') return { status: 'failed', reason: hostMessage('host.print.job_unknown') };
  const job = (response['job-attributes-tag'] ?? {}) as Record<string, unknown>;
  const reasons = asArray(job['job-state-reasons'] as string | string[] | undefined);
  switch (job['job-state']) {
    case 'completed':
      return { status: 'done' };
    case 'processing':
      return { status: 'printing' };
    case 'canceled':
    case 'aborted':
      return { status: 'failed', reason: failedReason(job['job-state'], reasons, asString(job['job-printer-state-message'])) };
    default:
      // pending, pending-held, processing-stopped: waiting for the printer.
      return { status: 'queued' };
  }
};
