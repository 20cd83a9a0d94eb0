import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PrinterInfo } from '../../shared/contract/host-contract';
import { hostMessage } from '../../shared/contract/host-message';
import { fail, ok } from '../../shared/contract/result';
import type { PrintRequest, PrintService } from './printing';

/**
 * Printing on Windows with pdf-to-printer, which drives the SumatraPDF it ships (the installer puts it
 * in the app's resources: see electron-builder.yml). UNTESTED ON A REAL WINDOWS MACHINE: the build
 * machines run Linux; only the mapping to pdf-to-printer's calls is tested (tests/unit/windows-print.test.ts).
 *
 * pdf-to-printer reports only that SumatraPDF handed the job to the Windows spooler; it has no job
 * ids and no job fate. So a job it took is reported as `queued` and then `done` ("given to Windows"),
 * and a jammed printer is not seen here — the clerk's 补打 covers that case.
 */
export interface PdfToPrinter {
  print(pdf: string, options?: { printer?: string; copies?: number; paperSize?: string; scale?: 'noscale' | 'shrink' | 'fit'; silent?: boolean; sumatraPdfPath?: string }): Promise<void>;
  getPrinters(): Promise<Array<{ deviceId: string; name: string }>>;
  getDefaultPrinter(): Promise<{ deviceId: string; name: string } | null>;
}

export interface WindowsPrintOptions {
  /** SumatraPDF.exe in the installed app's resources; pdf-to-printer's own copy when absent. */
  sumatraPdfPath?: string;
  load?: () => Promise<PdfToPrinter>;
  /** Where the private temp folder for a job is made: the OS temp folder unless a test gives one. */
  tempDir?: string;
}

const JOB_PREFIX = 'windows-';

export const createWindowsPrintService = (options: WindowsPrintOptions = {}): PrintService => {
  const load = options.load ?? (async () => (await import('pdf-to-printer')) as PdfToPrinter);
  let jobs = 0;
  return {
    listPrinters: async () => {
      try {
        const module = await load();
        const [printers, preferred] = await Promise.all([module.getPrinters(), module.getDefaultPrinter()]);
        return ok(
          printers.map(
            (printer): PrinterInfo => ({
              name: printer.name,
              description: printer.name,
              isDefault: printer.name === preferred?.name,
              // pdf-to-printer reads no queue state: Windows shows it in its own printer settings.
              accepting: true,
              state: 'idle',
              message: null,
            }),
          ),
        );
      } catch {
        return fail('PRINT_QUERY_FAILED', 'host.print.query_failed', { code: 'windows' });
      }
    },

    print: async ({ pdf, printer, copies, title }: PrintRequest) => {
      // pdf-to-printer (SumatraPDF) needs a file: the opened letter goes to a fresh private folder,
      // 0600, named by the case number only, and is deleted in `finally` once the job is handed over
      // (or refused). UNTESTED ON WINDOWS, where the mode bits are not ACLs: the folder under the
      // user's own %TEMP% is what keeps it private there. The spooler's own spool files are outside our control.
      let folder: string | null = null;
      try {
        const module = await load();
        folder = await (options.tempDir ? mkdtemp(path.join(options.tempDir, 'letter-')) : mkdtemp(path.join(tmpdir(), 'letter-')));
        const filePath = path.join(folder, `${title.replace(/[^A-Za-z0-9-]/g, '_') || 'letter'}.pdf`);
        await writeFile(filePath, pdf, { mode: 0o600, flag: 'wx' });
        await module.print(filePath, {
          ...(printer ? { printer } : {}),
          copies,
          paperSize: 'A4',
          // The letter is laid out on A4: never let the driver shrink it.
          scale: 'noscale',
          silent: true,
          ...(options.sumatraPdfPath ? { sumatraPdfPath: options.sumatraPdfPath } : {}),
        });
        jobs += 1;
        return { status: 'queued', jobId: `${JOB_PREFIX}${Date.now()}-${jobs}`, printer };
      } catch {
        return { status: 'failed', reason: hostMessage('host.print.windows_failed') };
      } finally {
        if (folder) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      }
    },

    jobStatus: async (jobId) =>
      jobId.startsWith(JOB_PREFIX) ? { status: 'done' } : { status: 'failed', reason: hostMessage('host.print.job_unknown') },
  };
};
