import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { captureStderr, serviceReport, waitForService } from './service-start';

/**
 * A private CUPS scheduler for one test run: its own configuration, spool and logs in a temporary
 * folder, listening on a free port of 127.0.0.1, so tests never depend on (or disturb) the machine's
 * printers. Queues:
 * - `pdf`: the cups-pdf virtual printer; what it prints lands as a PDF in `pdfOutDir` (cups-pdf renders
 *   the job again, so compare page images, not bytes);
 * - `raw`: a raw queue to a socket (JetDirect-style) printer played by this process, which keeps the
 *   bytes each job sent — a raw queue passes the file through unchanged;
 * - `paused` (cupsdisable: jobs wait) and `rejecting` (cupsreject: jobs refused).
 * Needs Debian's cups, cups-client and printer-driver-cups-pdf, and root: cupsd and the
 * cups-pdf backend run as root, and cups-pdf reads its per-queue configuration from /etc/cups.
 */
export interface PrivateCups {
  /** `127.0.0.1:<port>`: give it to createPrintService({ server }). */
  server: string;
  queues: { pdf: string; raw: string; paused: string; rejecting: string };
  pdfOutDir: string;
  /** error_log, access_log and page_log of this scheduler (what a spooler keeps of every job). */
  logDir: string;
  /** Runs a CUPS command-line tool (lpadmin, cupsaccept, …) against this scheduler. */
  admin(command: string, args: string[]): Promise<string>;
  /** The PDF cups-pdf wrote for a job (`<queue>-<n>`), once it is complete. */
  pdfOutput(jobId: string, timeoutMs?: number): Promise<string>;
  /** The bytes of the raw queue's jobs, in order, waiting until at least `count` arrived. */
  rawJobs(count: number, timeoutMs?: number): Promise<Buffer[]>;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's scheduler; CUPSD_PATH runs the suites against another build (an older CUPS, say). */
export const CUPSD = process.env.CUPSD_PATH ?? '/usr/sbin/cupsd';
const CUPS_PDF_PPD = 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd';

/** Why a private CUPS cannot run here, or null when it can. */
export const cupsUnavailableReason = (): string | null => {
  if (!existsSync(CUPSD)) return 'cupsd is not installed (Debian: cups cups-client cups-bsd printer-driver-cups-pdf)';
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) return 'the cups-pdf backend is not installed (printer-driver-cups-pdf)';
  if (process.getuid?.() !== 0) return 'a private cupsd with cups-pdf needs root';
  return null;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** A socket printer: every connection is one job; its bytes are kept. */
const socketPrinter = async (): Promise<{ server: Server; port: number; jobs: Buffer[] }> => {
  const jobs: Buffer[] = [];
  const server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, jobs };
};

const waitFor = async <T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`private CUPS: timed out waiting for ${what}`);
    await sleep(100);
  }
};

export interface PrivateCupsOptions {
  /**
   * Lines added to cups-files.conf, for a fault injected on purpose (a line cupsd refuses, to see the
   * failure quote the scheduler's own error).
   */
  extraFilesConf?: readonly string[];
}

export const startPrivateCups = async (options: PrivateCupsOptions = {}): Promise<PrivateCups> => {
  const unavailable = cupsUnavailableReason();
  if (unavailable) throw new Error(`private CUPS: ${unavailable}`);
  const root = await mkdtemp(path.join(tmpdir(), 'counter-cups-'));
  const dirs = Object.fromEntries(['conf', 'spool', 'cache', 'state', 'log', 'tmp', 'pdf'].map((name) => [name, path.join(root, name)]));
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  // Filters run as the unprivileged user lp: they must reach the folder and write their temporary files.
  await chmod(root, 0o755);
  await chmod(dirs.tmp!, 0o1777);
  await chmod(dirs.pdf!, 0o777);
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  await writeFile(
    path.join(dirs.conf!, 'cups-files.conf'),
    [
      `ServerRoot ${dirs.conf}`,
      `RequestRoot ${dirs.spool}`,
      `CacheDir ${dirs.cache}`,
      `StateDir ${dirs.state}`,
      `TempDir ${dirs.tmp}`,
      `ErrorLog ${dirs.log}/error_log`,
      `AccessLog ${dirs.log}/access_log`,
      `PageLog ${dirs.log}/page_log`,
      // Our own printcap file, never the machine's /etc/printcap. (A bare `Printcap` used to mean
      // "none"; CUPS 2.4.2-3+deb12u10 refuses it: "Missing value for Printcap".)
      `Printcap ${dirs.state}/printcap`,
      ...(options.extraFilesConf ?? []),
      '',
    ].join('\n'),
  );
  await writeFile(
    path.join(dirs.conf!, 'cupsd.conf'),
    [
      `Listen ${server}`,
      'LogLevel info',
      'WebInterface No',
      'Browsing No',
      'DefaultAuthType None',
      // A job whose filter fails is aborted (and reported), rather than stopping the whole printer.
      'ErrorPolicy abort-job',
      'PreserveJobHistory Yes',
      '<Location />',
      '  Order allow,deny',
      '  Allow all',
      '</Location>',
      '<Policy default>',
      '  <Limit All>',
      '    Order deny,allow',
      '  </Limit>',
      '</Policy>',
      '',
    ].join('\n'),
  );
  const cupsd: ChildProcess = spawn(CUPSD, ['-f', '-c', path.join(dirs.conf!, 'cupsd.conf'), '-s', path.join(dirs.conf!, 'cups-files.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const cupsdStderr = captureStderr(cupsd);
  const service = { name: `private CUPS (cupsd, ${server})`, child: cupsd, logFiles: [path.join(dirs.log!, 'error_log')] };
  const admin = async (command: string, args: string[]): Promise<string> =>
    (await run(command, ['-h', server, ...args], { env: { ...process.env, LC_ALL: 'C' } })).stdout;
  const printer = await socketPrinter();
  const instance = `counter-test-${port}`;
  const cupsPdfConf = `/etc/cups/cups-pdf-${instance}.conf`;

  const stop = async () => {
    cupsd.kill('SIGTERM');
    await new Promise<void>((resolve) => (cupsd.exitCode !== null ? resolve() : cupsd.once('exit', () => resolve())));
    await new Promise<void>((resolve) => printer.server.close(() => resolve()));
    await rm(cupsPdfConf, { force: true });
    await rm(root, { recursive: true, force: true });
  };

  const queues = { pdf: 'CounterPDF', raw: 'CounterRaw', paused: 'CounterPaused', rejecting: 'CounterRejecting' };
  try {
    await waitForService(service, cupsdStderr, async () => (await admin('lpstat', ['-r'])).includes('is running'), 10_000);
    // cups-pdf takes its settings from /etc/cups/cups-pdf-<instance>.conf, <instance> from the device URI.
    await writeFile(cupsPdfConf, `Out ${dirs.pdf}\nLabel 1\n`);
    await admin('lpadmin', ['-p', queues.pdf, '-E', '-v', `cups-pdf:/${instance}`, '-m', CUPS_PDF_PPD, '-D', '测试用 PDF 打印机']);
    await admin('lpadmin', ['-p', queues.raw, '-E', '-v', `socket://127.0.0.1:${printer.port}`, '-D', '测试用原始打印机']);
    await admin('lpadmin', ['-p', queues.paused, '-E', '-v', `socket://127.0.0.1:${printer.port}`]);
    await admin('lpadmin', ['-p', queues.rejecting, '-E', '-v', `socket://127.0.0.1:${printer.port}`]);
    await admin('cupsdisable', [queues.paused]);
    await admin('cupsreject', [queues.rejecting]);
    await admin('lpadmin', ['-d', queues.pdf]);
  } catch (error) {
    // The scheduler's own words (its error_log) go with the failure; stop() removes the log folder.
    const message = error instanceof Error ? error.message : String(error);
    const report = message.includes(service.name) ? '' : `\n${await serviceReport(service, cupsdStderr)}`;
    await stop();
    throw new Error(`${message}${report}`, { cause: error });
  }

  return {
    server,
    queues,
    pdfOutDir: dirs.pdf!,
    logDir: dirs.log!,
    admin,
    pdfOutput: (jobId, timeoutMs = 20_000) =>
      waitFor(`the cups-pdf output of ${jobId}`, timeoutMs, async () => {
        const number = jobId.slice(jobId.lastIndexOf('-') + 1);
        const name = (await readdir(dirs.pdf!)).find((file) => file.startsWith(`job_${number}-`) && file.endsWith('.pdf'));
        if (!name) return null;
        // cups-pdf writes in place: wait until the file has stopped growing and is a whole PDF.
        const file = path.join(dirs.pdf!, name);
        const before = (await stat(file)).size;
        await sleep(200);
        return before > 0 && (await stat(file)).size === before ? file : null;
      }),
    rawJobs: (count, timeoutMs = 20_000) => waitFor(`${count} raw job(s)`, timeoutMs, async () => (printer.jobs.length >= count ? [...printer.jobs] : null)),
    stop,
  };
};
