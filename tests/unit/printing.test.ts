import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPrintService, type RunCommand, type RunError } from '../../electron/services/printing';
import { enText, zhText } from './fixtures/host-text';

/**
 * Only lp's answers are simulated here (including the failures a test machine cannot produce on
 * demand); printing through a real CUPS scheduler is tested in tests/integration/printing-cups.test.ts.
 */
interface Call {
  file: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  timeout: number;
  /** What was written to lp's standard input: the letter's PDF, never a path. */
  stdin: Buffer[];
}

const fakeLp = (answer: { error?: Partial<RunError> & { message?: string }; stdout?: string; stderr?: string }) => {
  const calls: Call[] = [];
  const run: RunCommand = (file, args, options, callback) => {
    const stdin = new PassThrough();
    const call: Call = { file, args, env: options.env, timeout: options.timeout, stdin: [] };
    stdin.on('data', (chunk: Buffer) => call.stdin.push(chunk));
    calls.push(call);
    const error = answer.error ? Object.assign(new Error(answer.error.message ?? 'Command failed'), answer.error) : null;
    queueMicrotask(() => callback(error, answer.stdout ?? '', answer.stderr ?? ''));
    return { stdin };
  };
  return { run, calls };
};

const PDF = Buffer.from('%PDF-1.3\n% a letter, opened in memory\n%%EOF\n', 'latin1');
const job = (copies: number, printer: string | null = null) => ({ pdf: PDF, printer, copies, title: 'C01-20261128-0001' });
/** The scheduler is up: lp's complaint about the destination is then about the destination. */
const reachable = async () => true;
const exitCode = (code: number, stderr: string) => ({ error: { code }, stderr });

describe('printing with lp', () => {
  it('queues the file on the default printer and reports lp\'s job id', async () => {
    const lp = fakeLp({ stdout: 'request id is Office_Laser-12 (1 file(s))\n' });
    const outcome = await createPrintService({ run: lp.run, platform: 'linux', schedulerReachable: reachable }).print(job(2));
    expect(outcome).toEqual({ status: 'queued', jobId: 'Office_Laser-12', printer: 'Office_Laser' });
    expect(lp.calls).toHaveLength(1);
    const [call] = lp.calls;
    expect(call!.file).toBe('lp');
    // No file operand: lp reads the job from its standard input, where the PDF went.
    expect(call!.args).toEqual(['-n', '2', '-t', 'C01-20261128-0001', '-o', 'media=A4']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(call!.stdin).equals(PDF)).toBe(true);
    expect(call!.env.LC_ALL).toBe('C');
    expect(call!.timeout).toBeGreaterThan(0);
  });

  it('names the printer when one is configured, and a hyphenated queue name survives parsing', async () => {
    const lp = fakeLp({ stdout: 'request id is HP-LaserJet-Pro-7 (1 file(s))\n' });
    const service = createPrintService({ run: lp.run, platform: 'linux', lpCommand: '/usr/bin/lp', server: '127.0.0.1:6310', schedulerReachable: reachable });
    expect(await service.print(job(1, 'HP-LaserJet-Pro'))).toEqual({ status: 'queued', jobId: 'HP-LaserJet-Pro-7', printer: 'HP-LaserJet-Pro' });
    expect(lp.calls[0]!.file).toBe('/usr/bin/lp');
    expect(lp.calls[0]!.args.slice(0, 4)).toEqual(['-h', '127.0.0.1:6310', '-d', 'HP-LaserJet-Pro']);
  });

  const failures: Array<[string, Parameters<typeof fakeLp>[0], RegExp]> = [
    ['lp is not installed', { error: { code: 'ENOENT', message: 'spawn lp ENOENT' } }, /^本机未安装打印系统（CUPS）/],
    ['no default printer', exitCode(1, 'lp: Error - no default destination available.\n'), /没有设置默认打印机/],
    ['the printer rejects jobs', exitCode(1, 'lp: Destination "PDF" is not accepting jobs.\n'), /暂停接收打印任务/],
    ['the named printer does not exist', exitCode(1, 'lp: The printer or class does not exist.\n'), /找不到打印机/],
    ['the scheduler is down', exitCode(1, 'lp: Error - scheduler not responding.\n'), /打印服务没有运行/],
    ['the scheduler refuses connections', exitCode(1, 'lp: Connection refused\n'), /打印服务没有运行/],
    ['lp cannot read the file', exitCode(1, 'lp: Error - unable to access "/x.pdf" - No such file or directory\n'), /无法读取/],
    ['the job is forbidden', exitCode(1, 'lp: Forbidden\n'), /没有权限/],
    ['lp hangs until the timeout', { error: { killed: true, signal: 'SIGTERM', code: null } }, /长时间没有响应/],
    ['an unknown error', exitCode(4, 'lp: something new\n'), /错误代码 lp-4/],
    ['lp says nothing recognisable', { stdout: 'okay\n' }, /无法识别/],
  ];

  it.each(failures)('explains, as a message key worded in Chinese or English, when %s', async (_case, answer, expected) => {
    const lp = fakeLp(answer);
    const outcome = await createPrintService({ run: lp.run, platform: 'linux', schedulerReachable: reachable }).print(job(1, 'PDF'));
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.reason.key).toMatch(/^host\.print\./);
    expect(JSON.stringify(outcome.reason)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zhText(outcome.reason)).toMatch(expected);
    expect(enText(outcome.reason)).toMatch(/^[\x20-\x7e“”’]+$/);
    // lp's own English text and the file path are not shown to the clerk.
    expect(JSON.stringify(outcome.reason)).not.toMatch(/lp: |request id|\/var\/lib/);
  });

  it('gives each known failure its own sentence', async () => {
    const reasons = new Set<string>();
    for (const [, answer] of failures.filter(([name]) => name !== 'the scheduler refuses connections')) {
      const outcome = await createPrintService({ run: fakeLp(answer).run, platform: 'linux', schedulerReachable: reachable }).print(job(1));
      if (outcome.status === 'failed') reasons.add(zhText(outcome.reason));
    }
    expect(reasons.size).toBe(failures.length - 1);
  });

  it('recognises a missing lp with the real execFile', async () => {
    const outcome = await createPrintService({ lpCommand: 'lp-not-installed-here', platform: 'linux' }).print(job(1));
    expect(outcome).toEqual({ status: 'failed', reason: { key: 'host.print.no_cups' } });
    expect(outcome.status === 'failed' && zhText(outcome.reason)).toMatch(/^本机未安装打印系统（CUPS）/);
    expect(outcome.status === 'failed' && enText(outcome.reason)).toMatch(/^No printing system \(CUPS\) is installed/);
  });

  it('on Windows hands the job to pdf-to-printer instead of running lp', async () => {
    const lp = fakeLp({ stdout: 'request id is X-1 (1 file(s))' });
    const calls: string[] = [];
    const service = createPrintService({
      run: lp.run,
      platform: 'win32',
      windows: {
        load: async () => ({
          print: async (pdf) => void calls.push(pdf),
          getPrinters: async () => [],
          getDefaultPrinter: async () => null,
        }),
      },
    });
    expect(await service.print(job(1))).toMatchObject({ status: 'queued' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(/C01-20261128-0001\.pdf$/);
    expect(lp.calls).toHaveLength(0);
  });
});

describe('which CUPS scheduler', () => {
  it('follows the option, then CUPS_SERVER, then ServerName of client.conf, like lp', async () => {
    const { cupsServerOf } = await import('../../electron/services/cups-ipp');
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const home = await mkdtemp(path.join(tmpdir(), 'cups-home-'));
    const saved = process.env.CUPS_SERVER;
    try {
      delete process.env.CUPS_SERVER;
      expect(cupsServerOf({ server: '10.0.0.5:631' }, home)).toBe('10.0.0.5:631');
      await mkdir(path.join(home, '.cups'));
      await writeFile(path.join(home, '.cups', 'client.conf'), '# the hall\nServerName print.hall.local\n');
      expect(cupsServerOf({}, home)).toBe('print.hall.local:631');
      process.env.CUPS_SERVER = '/run/cups/cups.sock';
      expect(cupsServerOf({}, home)).toBe('localhost:631');
      process.env.CUPS_SERVER = 'print2.hall.local:8631';
      expect(cupsServerOf({}, home)).toBe('print2.hall.local:8631');
    } finally {
      if (saved === undefined) delete process.env.CUPS_SERVER;
      else process.env.CUPS_SERVER = saved;
      await rm(home, { recursive: true, force: true });
    }
  });
});
