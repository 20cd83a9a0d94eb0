import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * Waiting for a service a test starts itself (a private cupsd, later a database), so that when it does
 * not come up the failure shows the service's own words — the tail of its log and what it wrote to
 * stderr — rather than only "timed out". A service that exits while we wait fails at once.
 */
export interface ServiceUnderTest {
  /** How the failure names the service, e.g. "private CUPS (cupsd)". */
  name: string;
  child: ChildProcess;
  /** Files the service logs to; the tail of each is quoted in the failure. */
  logFiles: readonly string[];
}

const TAIL_LINES = 20;

/** Keeps the last bytes a child writes to stderr, for the failure message. */
export const captureStderr = (child: ChildProcess, limit = 8192): (() => string) => {
  let kept = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    kept = (kept + chunk).slice(-limit);
  });
  return () => kept;
};

const tailOf = async (file: string): Promise<string> => {
  try {
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    return lines.slice(-TAIL_LINES).join('\n') || '(empty)';
  } catch (error) {
    return `(cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
};

/** The service's own account of what happened: exit status, stderr, the tail of every log. */
export const serviceReport = async (service: ServiceUnderTest, stderr: () => string): Promise<string> => {
  const { child } = service;
  const status =
    child.exitCode !== null || child.signalCode !== null
      ? `exited with ${child.exitCode !== null ? `code ${child.exitCode}` : `signal ${child.signalCode}`}`
      : 'still running';
  const parts = [`${service.name}: ${status}`];
  const err = stderr().trim();
  if (err) parts.push(`stderr:\n${err}`);
  for (const file of service.logFiles) parts.push(`${file} (last ${TAIL_LINES} lines):\n${await tailOf(file)}`);
  return parts.join('\n');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `ready` until it answers true. Throws, with the service's report, when the child exits first
 * or `timeoutMs` passes.
 */
export const waitForService = async (
  service: ServiceUnderTest,
  stderr: () => string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  const exited = () => service.child.exitCode !== null || service.child.signalCode !== null;
  for (;;) {
    if (exited()) throw new Error(`${service.name} did not start.\n${await serviceReport(service, stderr)}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${service.name} did not answer within ${timeoutMs / 1000} s.\n${await serviceReport(service, stderr)}`);
    }
    await sleep(100);
  }
};
