import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { captureStderr, waitForService } from './service-start';

/**
 * The central system as its own OS process (`npm run server` without npm: node with tsx's loader on server/cli/main.ts),
 * for the tests that kill it (SIGKILL mid-batch), restart it on the same database, or run two of
 * them on one PostgreSQL. It picks a free port itself (`--port 0`) and says where it listens on its
 * first line of stdout; a process that does not come up fails with its own stderr.
 */
export interface CentralProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hook runs, as in a power cut of the server. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface CentralProcessOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  suite?: 'gm' | 'intl';
  extraArgs?: string[];
}

const ROOT = path.resolve(import.meta.dirname, '../..');

const exitOf = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));

export const startCentralProcess = async (options: CentralProcessOptions): Promise<CentralProcess> => {
  const env = { ...process.env };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  // One process, not tsx's launcher and its child: a SIGKILL must hit the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', '--port', '0', '--data', options.dataDir, '--suite', options.suite ?? 'intl', ...(options.extraArgs ?? [])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = captureStderr(child);
  let url: string | null = null;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    url ??= /central listening (\S+)/.exec(chunk)?.[1] ?? null;
  });
  await waitForService({ name: 'central system (server/cli/main.ts)', child, logFiles: [] }, stderr, async () => url !== null, 60_000);
  return {
    url: url as unknown as string,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await exitOf(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exitOf(child);
    },
  };
};
