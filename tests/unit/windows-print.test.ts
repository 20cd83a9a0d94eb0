import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWindowsPrintService, type PdfToPrinter } from '../../electron/services/windows-print';
import { zhText } from './fixtures/host-text';

/**
 * Windows printing cannot run on the Linux build machines: only how the service maps the app's calls
 * onto pdf-to-printer's is checked here, with pdf-to-printer replaced by a recorder.
 */
const recorder = (behaviour: { fail?: boolean } = {}) => {
  const printed: Array<{ pdf: string; options: unknown; bytes: Buffer; mode: number }> = [];
  const module: PdfToPrinter = {
    print: async (pdf, options) => {
      // What SumatraPDF would find: the temp file exists while the job is handed over.
      const [bytes, info] = await Promise.all([readFile(pdf), stat(pdf)]);
      if (behaviour.fail) throw new Error('SumatraPDF exited with 1');
      printed.push({ pdf, options, bytes, mode: info.mode & 0o777 });
    },
    getPrinters: async () => [
      { deviceId: 'HP LaserJet 二楼', name: 'HP LaserJet 二楼' },
      { deviceId: 'Microsoft Print to PDF', name: 'Microsoft Print to PDF' },
    ],
    getDefaultPrinter: async () => ({ deviceId: 'HP LaserJet 二楼', name: 'HP LaserJet 二楼' }),
  };
  return { module, printed };
};

const PDF = Buffer.from('%PDF-1.3\n% a letter, opened in memory\n%%EOF\n', 'latin1');

describe('printing on Windows (pdf-to-printer)', () => {
  // The private temp folders are made here, so the test sees that none is left behind.
  let tempDir: string;
  beforeEach(async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), 'windows-print-'));
  });
  afterEach(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('prints A4, unscaled, silently, with the copies and printer asked for and the bundled SumatraPDF', async () => {
    const { module, printed } = recorder();
    const service = createWindowsPrintService({ load: async () => module, sumatraPdfPath: 'C:\\app\\resources\\SumatraPDF.exe', tempDir });
    const outcome = await service.print({ pdf: PDF, printer: 'HP LaserJet 二楼', copies: 2, title: 'C01-20261128-0001' });
    expect(outcome).toMatchObject({ status: 'queued', printer: 'HP LaserJet 二楼', jobId: expect.stringMatching(/^windows-/) });
    expect(printed).toEqual([
      {
        pdf: expect.stringMatching(/C01-20261128-0001\.pdf$/),
        bytes: PDF,
        mode: 0o600,
        options: { printer: 'HP LaserJet 二楼', copies: 2, paperSize: 'A4', scale: 'noscale', silent: true, sumatraPdfPath: 'C:\\app\\resources\\SumatraPDF.exe' },
      },
    ]);
    if (outcome.status === 'queued') expect(await service.jobStatus(outcome.jobId)).toEqual({ status: 'done' });
    // The clear copy is gone once the job is handed over.
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('uses the Windows default printer when none is chosen', async () => {
    const { module, printed } = recorder();
    const outcome = await createWindowsPrintService({ load: async () => module, tempDir }).print({ pdf: PDF, printer: null, copies: 1, title: 'x' });
    expect(printed[0]!.options).not.toHaveProperty('printer');
    // Unnamed: the renderer says 系统默认打印机 (or its English) itself.
    expect(outcome).toMatchObject({ status: 'queued', printer: null });
  });

  it('lists the printers with the default marked', async () => {
    const { module } = recorder();
    const listed = await createWindowsPrintService({ load: async () => module }).listPrinters();
    expect(listed).toEqual({
      ok: true,
      value: [
        { name: 'HP LaserJet 二楼', description: 'HP LaserJet 二楼', isDefault: true, accepting: true, state: 'idle', message: null },
        { name: 'Microsoft Print to PDF', description: 'Microsoft Print to PDF', isDefault: false, accepting: true, state: 'idle', message: null },
      ],
    });
  });

  it('turns a failure into a message the clerk reads, and does not know jobs it did not hand over', async () => {
    const { module } = recorder({ fail: true });
    const service = createWindowsPrintService({ load: async () => module, tempDir });
    expect(await service.print({ pdf: PDF, printer: null, copies: 1, title: 'x' })).toEqual({ status: 'failed', reason: { key: 'host.print.windows_failed' } });
    // Deleted after a failed hand-over too.
    expect(await readdir(tempDir)).toEqual([]);
    expect(zhText({ key: 'host.print.windows_failed' })).toMatch(/打印机/);
    expect(await service.jobStatus('CounterPDF-3')).toEqual({ status: 'failed', reason: { key: 'host.print.job_unknown' } });
  });
});
