import { execFile } from 'node:child_process';
import type { PrintOutcome } from '../../shared/contract/host-contract';
import { t } from '../../shared/i18n';

/**
 * Printing an archived PDF through the system spooler. For now: CUPS's `lp` (Linux), default printer
 * unless one is named, A4. It reports what `lp` answered — "queued" means the spooler took the job,
 * not that paper came out. Windows, choosing a printer and following a job come later.
 */
export interface PrintService {
  print(filePath: string, copies: number): Promise<PrintOutcome>;
}

export interface RunError extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

/** The shape of `child_process.execFile` used here (string output). */
export type RunCommand = (
  file: string,
  args: readonly string[],
  options: { encoding: 'utf8'; timeout: number; windowsHide: boolean; env: NodeJS.ProcessEnv },
  callback: (error: RunError | null, stdout: string, stderr: string) => void,
) => unknown;

export interface PrintServiceOptions {
  lpCommand?: string;
  printerName?: string;
  run?: RunCommand;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

const REQUEST_ID = /request id is (\S+)-(\d+)\b/i;

/** Maps `lp`'s complaint (CUPS messages, English under LC_ALL=C) to what the clerk should read. */
const reasonFor = (error: RunError, stderr: string, printerName: string | undefined): string => {
  if (error.code === 'ENOENT') return t('host.print.no_cups');
  if (error.killed || error.signal) return t('host.print.timeout');
  const text = stderr.toLowerCase();
  if (text.includes('no default destination')) return t('host.print.no_default_printer');
  if (text.includes('printer or class does not exist') || text.includes('non-existent destination') || text.includes('unknown destination')) {
    return t('host.print.printer_not_found', { printer: printerName ?? '' });
  }
  if (text.includes('not accepting jobs') || text.includes('not-accepting-jobs')) return t('host.print.not_accepting');
  if (text.includes('unable to access') || text.includes('unable to open')) return t('host.print.file_unreadable');
  if (text.includes('scheduler not responding') || text.includes('connection refused') || text.includes('unable to connect') || text.includes('service-unavailable')) {
    return t('host.print.scheduler_down');
  }
  if (text.includes('forbidden') || text.includes('not authorized') || text.includes('unauthorized')) return t('host.print.not_authorized');
  return t('host.print.failed', { code: typeof error.code === 'number' ? `lp-${error.code}` : String(error.code ?? 'lp') });
};

export const createPrintService = (options: PrintServiceOptions = {}): PrintService => {
  const lpCommand = options.lpCommand ?? 'lp';
  const run: RunCommand = options.run ?? (execFile as unknown as RunCommand);
  const platform = options.platform ?? process.platform;
  const timeoutMs = options.timeoutMs ?? 30_000;

  return {
    print: (filePath, copies) => {
      if (platform === 'win32') {
        return Promise.resolve({ status: 'failed', reason: t('host.print.unsupported_platform') });
      }
      const args = [
        ...(options.printerName ? ['-d', options.printerName] : []),
        '-n',
        String(copies),
        '-o',
        'media=A4',
        '--',
        filePath,
      ];
      return new Promise<PrintOutcome>((resolve) => {
        run(
          lpCommand,
          args,
          // C locale: lp's answers in English, which is what the patterns above expect.
          { encoding: 'utf8', timeout: timeoutMs, windowsHide: true, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
          (error, stdout, stderr) => {
            if (error) {
              resolve({ status: 'failed', reason: reasonFor(error, stderr ?? '', options.printerName) });
              return;
            }
            const match = REQUEST_ID.exec(stdout ?? '');
            if (!match) {
              resolve({ status: 'failed', reason: t('host.print.unknown_answer') });
              return;
            }
            const printer = match[1] ?? '';
            resolve({ status: 'queued', jobId: `${printer}-${match[2] ?? ''}`, printer: options.printerName ?? printer });
          },
        );
      });
    },
  };
};
