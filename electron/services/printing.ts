import { execFile } from 'node:child_process';
import type { PrintJobState, PrintOutcome, PrinterInfo } from '../../shared/contract/host-contract';
import { hostMessage, type HostMessage } from '../../shared/contract/host-message';
import type { Result } from '../../shared/contract/result';
import { cupsJobState, listCupsPrinters } from './cups-ipp';
import { createWindowsPrintService, type WindowsPrintOptions } from './windows-print';

/**
 * Printing an archived PDF through the system spooler: CUPS on Linux and macOS — `lp` to hand the job
 * over (what every CUPS installation has), IPP to list printers and follow jobs. `print` reports what
 * the spooler did with the job ("queued" means it took it, not that paper came out); `jobStatus`
 * follows it to done or failed. Windows: pdf-to-printer (windows-print.ts).
 */
export interface PrintRequest {
  /**
   * The letter's PDF, in memory: the archive keeps it sealed and opens it only to print, so it is
   * never written in clear by us. CUPS: piped to `lp` on its standard input; Windows: a short-lived
   * private temp file (windows-print.ts). The spooler's own spool files are outside our control.
   */
  pdf: Uint8Array;
  /** `null`: the system's default printer. */
  printer: string | null;
  copies: number;
  /** The job's title, visible to every user of the spooler: a case number, never a name. */
  title: string;
}

export interface PrintService {
  listPrinters(): Promise<Result<PrinterInfo[]>>;
  print(request: PrintRequest): Promise<PrintOutcome>;
  jobStatus(jobId: string): Promise<PrintJobState>;
}

export interface RunError extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

/**
 * The shape of `child_process.execFile` used here (string output). What it returns must give the
 * child's standard input: the PDF is written there (`lp` without a file name reads the job from it).
 */
export type RunCommand = (
  file: string,
  args: readonly string[],
  options: { encoding: 'utf8'; timeout: number; windowsHide: boolean; env: NodeJS.ProcessEnv },
  callback: (error: RunError | null, stdout: string, stderr: string) => void,
) => { stdin: NodeJS.WritableStream | null } | unknown;

export interface PrintServiceOptions {
  lpCommand?: string;
  /** The CUPS scheduler as `host:port`; the system's own by default. */
  server?: string;
  run?: RunCommand;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
  /** Windows: where SumatraPDF is, and (for tests) pdf-to-printer itself. */
  windows?: WindowsPrintOptions;
  /** Whether the scheduler answers at all; asked over IPP unless a test gives its own answer. */
  schedulerReachable?: () => Promise<boolean>;
}

const REQUEST_ID = /request id is (\S+)-(\d+)\b/i;

interface LpFailure {
  reason: HostMessage;
  /** lp blamed the destination — which it also does when it cannot reach the scheduler at all. */
  blamesDestination: boolean;
}

/** Maps `lp`'s complaint (CUPS messages, English under LC_ALL=C) to what the clerk should read. */
const failureFor = (error: RunError, stderr: string, printerName: string | undefined): LpFailure => {
  const plain = (reason: HostMessage): LpFailure => ({ reason, blamesDestination: false });
  if (error.code === 'ENOENT') return plain(hostMessage('host.print.no_cups'));
  if (error.killed || error.signal) return plain(hostMessage('host.print.timeout'));
  const text = stderr.toLowerCase();
  if (text.includes('no default destination')) return { reason: hostMessage('host.print.no_default_printer'), blamesDestination: true };
  if (text.includes('printer or class does not exist') || text.includes('non-existent destination') || text.includes('unknown destination')) {
    return { reason: hostMessage('host.print.printer_not_found', { printer: printerName ?? '' }), blamesDestination: true };
  }
  if (text.includes('not accepting jobs') || text.includes('not-accepting-jobs')) return plain(hostMessage('host.print.not_accepting'));
  if (text.includes('unable to access') || text.includes('unable to open')) return plain(hostMessage('host.print.file_unreadable'));
  if (text.includes('scheduler not responding') || text.includes('connection refused') || text.includes('unable to connect') || text.includes('service-unavailable')) {
    return plain(hostMessage('host.print.scheduler_down'));
  }
  if (text.includes('forbidden') || text.includes('not authorized') || text.includes('unauthorized')) return plain(hostMessage('host.print.not_authorized'));
  return plain(hostMessage('host.print.failed', { code: typeof error.code === 'number' ? `lp-${error.code}` : String(error.code ?? 'lp') }));
};

export const createPrintService = (options: PrintServiceOptions = {}): PrintService => {
  const lpCommand = options.lpCommand ?? 'lp';
  const run: RunCommand = options.run ?? (execFile as unknown as RunCommand);
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cups = { ...(options.server ? { server: options.server } : {}) };
  const schedulerReachable =
    options.schedulerReachable ?? (async () => {
      const listed = await listCupsPrinters(cups);
      return listed.ok || listed.error.code !== 'PRINT_SCHEDULER_DOWN';
    });

  if (platform === 'win32') return createWindowsPrintService(options.windows);

  const handOver = ({ pdf, printer, copies, title }: PrintRequest): Promise<PrintOutcome | LpFailure> => {
      const args = [
        ...(options.server ? ['-h', options.server] : []),
        ...(printer ? ['-d', printer] : []),
        '-n',
        String(copies),
        '-t',
        title,
        '-o',
        'media=A4',
        // No file operand: lp reads the document from standard input, so the opened PDF stays in memory.
      ];
      return new Promise((resolve) => {
        const child = run(
          lpCommand,
          args,
          // C locale: lp's answers in English, which is what the patterns above expect.
          { encoding: 'utf8', timeout: timeoutMs, windowsHide: true, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
          (error, stdout, stderr) => {
            if (error) {
              resolve(failureFor(error, stderr ?? '', printer ?? undefined));
              return;
            }
            const match = REQUEST_ID.exec(stdout ?? '');
            if (!match) {
              resolve({ status: 'failed', reason: hostMessage('host.print.unknown_answer') });
              return;
            }
            const queue = match[1] ?? '';
            resolve({ status: 'queued', jobId: `${queue}-${match[2] ?? ''}`, printer: printer ?? queue });
          },
        );
        const stdin = typeof child === 'object' && child !== null && 'stdin' in child ? (child as { stdin: NodeJS.WritableStream | null }).stdin : null;
        if (stdin) {
          // lp gone before reading it all (ENOENT, a refusal) gives EPIPE here: its exit answers instead.
          stdin.on('error', () => undefined);
          stdin.end(Buffer.from(pdf));
        }
      });
  };

  return {
    listPrinters: () => listCupsPrinters(cups),
    jobStatus: (jobId) => cupsJobState(jobId, cups),
    print: async (request) => {
      const outcome = await handOver(request);
      if ('status' in outcome) return outcome;
      if (outcome.blamesDestination && !(await schedulerReachable())) return { status: 'failed', reason: hostMessage('host.print.scheduler_down') };
      return { status: 'failed', reason: outcome.reason };
    },
  };
};
