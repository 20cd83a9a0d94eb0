import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ipp from '@sealsystems/ipp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrintService, type PrintService } from '../../electron/services/printing';
import type { PrintJobState } from '../../shared/contract/host-contract';
import { cupsUnavailableReason, startPrivateCups, type PrivateCups } from '../harness/cups';
import { pageDifference, pageImages } from '../harness/page-images';
import { createSampleRenderer, loadCatalog, sampleLetterInput } from '../../scripts/letter';
import { zhText } from '../unit/fixtures/host-text';

/**
 * Printing through a real CUPS scheduler (a private one, see tests/harness/cups.ts). In CI a missing
 * CUPS is a failure, not a skip: .ci/run installs it.
 */
const unavailable = cupsUnavailableReason();
if (unavailable && process.env.CI) throw new Error(`printing tests need CUPS: ${unavailable}`);
if (unavailable) console.warn(`printing tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('printing through CUPS', () => {
  let cups: PrivateCups;
  let service: PrintService;
  let workDir: string;
  let letterFile: string;

  beforeAll(async () => {
    cups = await startPrivateCups();
    service = createPrintService({ server: cups.server });
    workDir = await mkdtemp(path.join(tmpdir(), 'print-cups-'));
    letterFile = path.join(workDir, 'C01-20260115-0007.pdf');
    const input = await sampleLetterInput(loadCatalog().matters[0]!, 'commitment');
    letterBytes = Buffer.from(createSampleRenderer().render(input));
    await writeFile(letterFile, letterBytes);
  }, 30_000);

  afterAll(async () => {
    await cups?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  // The PDF in memory, as main hands it over after opening the sealed letter: lp reads it from stdin.
  let letterBytes: Buffer;
  const request = (printer: string | null, copies = 1) => ({ pdf: letterBytes, printer, copies, title: 'C01-20260115-0007' });

  const jobAttribute = (jobId: string, name: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const [printer, id] = [jobId.slice(0, jobId.lastIndexOf('-')), Number(jobId.slice(jobId.lastIndexOf('-') + 1))];
      ipp.Printer(`http://${cups.server}/printers/${printer}`).execute(
        'Get-Job-Attributes',
        { 'operation-attributes-tag': { 'job-id': id, 'requested-attributes': [name] } },
        (error, response) => (error ? reject(error) : resolve((response['job-attributes-tag'] as Record<string, unknown>)[name])),
      );
    });

  const settle = async (jobId: string): Promise<PrintJobState> => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const state = await service.jobStatus(jobId);
      if (state.status === 'done' || state.status === 'failed') return state;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return service.jobStatus(jobId);
  };

  it('lists the queues with their description, default flag, state and whether they accept jobs', async () => {
    const listed = await service.listPrinters();
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const byName = new Map(listed.value.map((printer) => [printer.name, printer]));
    expect(byName.get(cups.queues.pdf)).toMatchObject({ description: '测试用 PDF 打印机', isDefault: true, accepting: true, state: 'idle' });
    expect(byName.get(cups.queues.raw)).toMatchObject({ isDefault: false, accepting: true, state: 'idle' });
    expect(byName.get(cups.queues.paused)).toMatchObject({ state: 'stopped', message: { key: 'host.print.printer_paused' } });
    expect(byName.get(cups.queues.rejecting)).toMatchObject({ accepting: false });
  });

  it('passes the letter byte for byte to a raw queue, and the job ends done', async () => {
    const outcome = await service.print(request(cups.queues.raw));
    expect(outcome).toMatchObject({ status: 'queued', printer: cups.queues.raw, jobId: expect.stringMatching(new RegExp(`^${cups.queues.raw}-\\d+$`)) });
    if (outcome.status !== 'queued') return;
    const [received] = await cups.rawJobs(1);
    expect(Buffer.compare(received!, await readFile(letterFile))).toBe(0);
    expect(await settle(outcome.jobId)).toEqual({ status: 'done' });
  });

  it('prints on the default queue (cups-pdf): the printout has the letter’s pages, looking the same', async () => {
    const outcome = await service.print(request(null, 2));
    expect(outcome.status).toBe('queued');
    if (outcome.status !== 'queued') return;
    expect(outcome.printer).toBe(cups.queues.pdf);
    const printed = await cups.pdfOutput(outcome.jobId);
    expect(await settle(outcome.jobId)).toEqual({ status: 'done' });
    const [original, printout] = await Promise.all([pageImages(letterFile), pageImages(printed)]);
    expect(original.length).toBeGreaterThan(0);
    expect(printout.length).toBe(original.length);
    const differences = original.map((page, index) => pageDifference(page, printout[index]!));
    console.log(`cups-pdf printout vs archived letter, share of differing pixels per page: ${differences.map((d) => d.toFixed(4)).join(', ')}`);
    for (const difference of differences) expect(difference).toBeLessThan(0.005);
    // The copies reached the spooler with the job.
    expect(await jobAttribute(outcome.jobId, 'copies')).toBe(2);
  }, 30_000);

  it('tells a different letter apart (the comparison can fail)', async () => {
    const other = path.join(workDir, 'other.pdf');
    const input = await sampleLetterInput(loadCatalog().matters[1]!, 'proof-list');
    await writeFile(other, createSampleRenderer().render(input));
    const [a, b] = await Promise.all([pageImages(letterFile), pageImages(other)]);
    const difference = pageDifference(a[0]!, b[0]!);
    console.log(`another letter vs the archived letter, first page: ${difference.toFixed(4)}`);
    expect(difference).toBeGreaterThan(0.02);
  });

  it('keeps a job on a paused printer queued, and it prints once the printer is resumed', async () => {
    const before = (await cups.rawJobs(0)).length;
    const outcome = await service.print(request(cups.queues.paused));
    expect(outcome.status).toBe('queued');
    if (outcome.status !== 'queued') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await service.jobStatus(outcome.jobId)).toEqual({ status: 'queued' });
    await cups.admin('cupsenable', [cups.queues.paused]);
    await cups.rawJobs(before + 1);
    expect(await settle(outcome.jobId)).toEqual({ status: 'done' });
    await cups.admin('cupsdisable', [cups.queues.paused]);
  });

  it('refuses with a clear reason: a queue that rejects jobs, a printer that does not exist', async () => {
    expect(await service.print(request(cups.queues.rejecting))).toEqual({ status: 'failed', reason: { key: 'host.print.not_accepting' } });
    const missing = await service.print(request('NoSuchPrinter'));
    expect(missing).toEqual({ status: 'failed', reason: { key: 'host.print.printer_not_found', params: { printer: 'NoSuchPrinter' } } });
    expect(missing.status === 'failed' && zhText(missing.reason)).toContain('找不到打印机“NoSuchPrinter”');
  });

  it('reports a cancelled job as failed with its reason, and an unknown job as unknown', async () => {
    const outcome = await service.print(request(cups.queues.paused));
    if (outcome.status !== 'queued') throw new Error('expected the job to be queued');
    await cups.admin('cancel', [outcome.jobId]);
    expect(await settle(outcome.jobId)).toEqual({ status: 'failed', reason: { key: 'host.print.job_canceled' } });
    expect(await service.jobStatus(`${cups.queues.pdf}-99999`)).toEqual({ status: 'failed', reason: { key: 'host.print.job_unknown' } });
  });

  it('says the print service is not running when the scheduler is down', async () => {
    const stopped = await startPrivateCups();
    await stopped.stop();
    const down = createPrintService({ server: stopped.server });
    expect(await down.listPrinters()).toEqual({ ok: false, error: { code: 'PRINT_SCHEDULER_DOWN', key: 'host.print.scheduler_down' } });
    // lp itself would say the printer does not exist: the service asks the scheduler before blaming the printer.
    expect(await down.print(request(null))).toEqual({ status: 'failed', reason: { key: 'host.print.scheduler_down' } });
    expect(await down.print(request(cups.queues.pdf))).toEqual({ status: 'failed', reason: { key: 'host.print.scheduler_down' } });
  });

  it('a scheduler that cannot start fails with its own error, not only a timeout', async () => {
    const started = startPrivateCups({ extraFilesConf: ['NoSuchDirective yes'] });
    await expect(started).rejects.toThrow(/did not start[\s\S]*error_log[\s\S]*Unknown directive NoSuchDirective/);
  });
});
