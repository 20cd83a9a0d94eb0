import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { serviceReport, waitForService } from './service-start';

/**
 * A private PostgreSQL server for one test run: a fresh cluster (initdb) in a temporary folder,
 * listening on a free port of 127.0.0.1 with trust authentication, durability switched off for speed.
 * It never touches the machine's own clusters. Needs Debian's postgresql package (.ci/run installs it).
 */
export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database: string): string;
  /** Creates a database of its own (a unique name unless given) and returns its DATABASE_URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server and removes its folder, log included. */
  stop(): Promise<void>;
  /** The server's log (stdout and stderr of the postmaster). */
  logFile: string;
}

export interface PrivatePostgresOptions {
  /**
   * Extra server settings (`-c name=value`), for a fault injected on purpose (a value PostgreSQL
   * refuses, to see the failure quote its log).
   */
  settings?: Readonly<Record<string, string>>;
}

const run = promisify(execFile);
const PG_LIB = '/usr/lib/postgresql';
const SUPERUSER = 'postgres';

/** Debian's server binaries of the highest major version installed, or null. */
const binDir = (): string | null => {
  if (!existsSync(PG_LIB)) return null;
  const majors = readdirSync(PG_LIB)
    .filter((entry) => /^\d+$/.test(entry) && ['initdb', 'postgres'].every((bin) => existsSync(path.join(PG_LIB, entry, 'bin', bin))))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? path.join(PG_LIB, majors[0], 'bin') : null;
};

export const postgresAvailable = (): boolean => binDir() !== null;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/**
 * PostgreSQL refuses to run as root, so as root initdb and the server run as the OS user postgres.
 * Node's own uid/gid switch rather than runuser: runuser answers SIGTERM by SIGKILLing its child two
 * seconds later, which would kill a postmaster in the middle of its shutdown, and it would stand
 * between us and the postmaster's exit.
 */
const serverUser = async (): Promise<{ uid: number; gid: number } | null> => {
  if (process.getuid?.() !== 0) return null;
  const { stdout } = await run('getent', ['passwd', SUPERUSER]).catch(() => {
    throw new Error(`private PostgreSQL: running as root, but there is no OS user "${SUPERUSER}" to run the server as`);
  });
  const [, , uid, gid] = stdout.trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
};

const canQuery = async (config: pg.ClientConfig): Promise<boolean> => {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
};

export const startPrivatePostgres = async (options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> => {
  const bin = binDir();
  if (!bin) {
    throw new Error(
      `private PostgreSQL: no PostgreSQL server binaries (${PG_LIB}/<major>/bin/initdb and postgres) on this machine; .ci/run installs Debian's postgresql package (apt-get install postgresql)`,
    );
  }
  const user = await serverUser();
  const root = await mkdtemp(path.join(tmpdir(), 'counter-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  const logFile = path.join(root, 'postgres.log');
  await mkdir(socketDir);
  if (user) for (const dir of [root, socketDir]) await chown(dir, user.uid, user.gid);
  // The tools resolve their own path from the working directory, which the user postgres may not reach.
  const asServer = { cwd: root, env: { ...process.env, LC_ALL: 'C.UTF-8' }, ...(user ?? {}) };

  try {
    // UTF-8 throughout (the data is Chinese); C.UTF-8 sorts by code point, the same on every machine.
    await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], asServer);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`private PostgreSQL: initdb failed.\n${stderr?.trim() || message}`, { cause: error });
  }
  // Only TCP from 127.0.0.1, without a password; the unix socket admits nobody.
  await writeFile(path.join(dataDir, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n');

  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir,
    // A test cluster is thrown away: no waiting for the disk.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    // Several suites may each run a server at once.
    shared_buffers: '32MB',
    ...options.settings,
  };
  const log = await open(logFile, 'a');
  const postmaster: ChildProcess = spawn(
    path.join(bin, 'postgres'),
    ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    { ...asServer, stdio: ['ignore', log.fd, log.fd] },
  );
  await log.close();
  const exited = new Promise<void>((resolve) => postmaster.once('exit', () => resolve()));
  // A suite that forgets stop() (or a worker that ends early) must not leave a server behind.
  const killOnExit = () => postmaster.kill('SIGQUIT');
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      if (postmaster.exitCode === null && postmaster.signalCode === null) {
        // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to disconnect).
        postmaster.kill('SIGINT');
        const slow = setTimeout(() => postmaster.kill('SIGQUIT'), 10_000);
        await exited;
        clearTimeout(slow);
      }
      await rm(root, { recursive: true, force: true });
    })());

  const service = { name: `private PostgreSQL (postgres, 127.0.0.1:${port})`, child: postmaster, logFiles: [logFile] };
  const noStderr = () => '';
  const url = (database: string) => `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    await waitForService(service, noStderr, () => canQuery({ connectionString: url('postgres') }), 30_000);
  } catch (error) {
    // The server's own words go with the failure; stop() removes the log.
    const message = error instanceof Error ? error.message : String(error);
    const report = message.includes(service.name) ? '' : `\n${await serviceReport(service, noStderr)}`;
    await stop();
    throw new Error(`${message}${report}`, { cause: error });
  }

  const createDatabase = async (name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`) => {
    const admin = new pg.Client({ connectionString: url('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await admin.end();
    }
    return url(name);
  };

  return { url, createDatabase, stop, logFile };
};
