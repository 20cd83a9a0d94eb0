import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { SuiteName } from '../../electron/services/crypto/suite';
import { startCentral } from '../../server/start-central';
import type { PushResponse } from '../../shared/sync/push';
import { startCentralProcess, type CentralProcess } from '../harness/central-process';
import { startPrivatePostgres } from '../harness/postgres';
import { enrollCounter, type EnrolledCounter } from '../server/fixtures/enrolled-counter';
import { median } from './browser/median';

/**
 * Counters pushing their real signed archives to the central system running as its own process
 * (server/cli/main.ts), so that its work and memory are its own and the clients' are this process's.
 * Everything a counter sends is sealed, enrolled, cut into push bodies and serialised before the clock
 * starts: the figure is the server's ingest (every line's hash, chain link and signature checked before
 * its receipt) plus loopback HTTP, not the sealing. The counters are sealed once per figure; each run
 * is a fresh server process on a fresh copy of the enrolled database.
 */
export interface PushRun {
  seconds: number;
  /** Cases pushed (each is two ledger lines: the record file and its letter). */
  records: number;
  lines: number;
  /** The server process's peak resident memory (VmHWM), MB. */
  peakRssMb: number;
  /** The server process's CPU time while the counters pushed, ms. */
  serverCpuMs: number;
}

export interface PushSetup {
  counters: number;
  recordsEach: number;
  suite: SuiteName;
  database: 'sqlite' | 'postgres';
  /** The letter's PDF; the fixture's small one by default. */
  letter?: (caseNumber: string) => Buffer;
  /** Ledger lines per push body. */
  batchSize?: number;
}

const peakRssMb = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
};

/** A counter pushes its bodies one after another, as its outbox does; the next only after the receipt. */
const pushAll = async (counter: EnrolledCounter, bodies: readonly string[]): Promise<number> => {
  let stored = 0;
  for (const body of bodies) {
    const answer = await counter.post('/v1/push', body);
    if (answer.status !== 200) throw new Error(`push refused: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    const response = answer.body as PushResponse;
    const notStored = response.results.filter((item) => item.status !== 'stored');
    if (notStored.length > 0 || !response.receipt) throw new Error(`push not receipted: ${JSON.stringify(notStored[0] ?? response).slice(0, 300)}`);
    stored += response.results.length;
  }
  return stored;
};

/** The server process's CPU time (user + system), ms: a figure the other work on a shared machine disturbs less than the clock. */
const cpuMs = async (pid: number): Promise<number> => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
};

/**
 * Cases of a counter that is not measured, pushed to each fresh server process before the clock
 * starts: a central system has been up for more than the first second of its life, and in that second
 * V8 runs the ingest in its interpreter and compiles it. Without it the figure is the cold start's.
 */
const WARM_UP_RECORDS = 50;

/** Counters sealed and enrolled once; each run then starts from a copy of that database. */
interface Prepared {
  counters: EnrolledCounter[];
  warmUp: EnrolledCounter;
  /** Each counter's push bodies, serialised before the clock: the counters are other machines. */
  bodies: string[][];
  warmUpBodies: string[];
  lines: number;
  /** A fresh database for one run, in the state enrollment left: a folder (SQLite) and a URL (PostgreSQL). */
  freshDatabase(): Promise<{ dataDir: string; databaseUrl: string | undefined; remove(): Promise<void> }>;
  remove(): Promise<void>;
}

const prepare = async (setup: PushSetup): Promise<Prepared> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'counter-bench-central-'));
  const postgres = setup.database === 'postgres' ? await startPrivatePostgres() : null;
  const template = postgres ? `bench_${Date.now().toString(36)}` : null;
  const databaseUrl = postgres && template ? await postgres.createDatabase(template) : undefined;
  const counters: EnrolledCounter[] = [];
  let warmUp: EnrolledCounter | null = null;
  const remove = async () => {
    await Promise.all([...counters, ...(warmUp ? [warmUp] : [])].map((counter) => counter.remove()));
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    // Enrollment needs the server's database (escrow key, organisation, codes): done in this process
    // first, then each run's server process takes over a copy of that database.
    const embedded = await startCentral({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, suite: setup.suite });
    try {
      const options = { suite: setup.suite, ...(setup.letter ? { letter: setup.letter } : {}) };
      for (let i = 0; i < setup.counters; i += 1) counters.push(await enrollCounter(embedded, { ...options, records: setup.recordsEach, counterId: `C${String(i + 1).padStart(2, '0')}` }));
      warmUp = await enrollCounter(embedded, { ...options, records: Math.min(WARM_UP_RECORDS, setup.recordsEach), counterId: 'W01' });
    } finally {
      await embedded.close();
    }
    const cut = (counter: EnrolledCounter) => counter.batches({ size: setup.batchSize ?? 200, auditSize: 200 }).map((body) => JSON.stringify(body));
    let run = 0;
    return {
      counters,
      warmUp,
      bodies: counters.map(cut),
      warmUpBodies: cut(warmUp),
      lines: counters.reduce((sum, counter) => sum + counter.ledger.length, 0),
      freshDatabase: async () => {
        run += 1;
        if (postgres && template) {
          const name = `${template}_run${run}`;
          const admin = new pg.Client({ connectionString: postgres.url('postgres') });
          await admin.connect();
          try {
            await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
          } finally {
            await admin.end();
          }
          return { dataDir, databaseUrl: postgres.url(name), remove: async () => {} };
        }
        const copy = `${dataDir}-run${run}`;
        await cp(dataDir, copy, { recursive: true });
        return { dataDir: copy, databaseUrl: undefined, remove: () => rm(copy, { recursive: true, force: true }) };
      },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
};

const pushRun = async (prepared: Prepared, setup: PushSetup): Promise<PushRun> => {
  const database = await prepared.freshDatabase();
  let server: CentralProcess | null = null;
  try {
    server = await startCentralProcess({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, suite: setup.suite });
    // The counters only call the server; their `central` is the enrollment's, so they are pointed at this process.
    for (const counter of [...prepared.counters, prepared.warmUp]) counter.central.url = server.url;
    await pushAll(prepared.warmUp, prepared.warmUpBodies);
    const cpuBefore = await cpuMs(server.child.pid!);
    const start = performance.now();
    const stored = await Promise.all(prepared.counters.map((counter, i) => pushAll(counter, prepared.bodies[i]!)));
    const seconds = (performance.now() - start) / 1000;
    const serverCpuMs = (await cpuMs(server.child.pid!)) - cpuBefore;
    const total = stored.reduce((sum, n) => sum + n, 0);
    if (total !== prepared.lines) throw new Error(`${total} of ${prepared.lines} ledger lines stored`);
    const rss = await peakRssMb(server.child.pid!);
    return { seconds, records: setup.counters * setup.recordsEach, lines: prepared.lines, peakRssMb: rss, serverCpuMs };
  } finally {
    await server?.stop();
    await database.remove();
  }
};

/** `runs` runs of one setup, each on a fresh server process and database; the median run by time. */
export const medianRun = async (setup: PushSetup, runs: number, label: string): Promise<PushRun> => {
  const prepared = await prepare(setup);
  try {
    const all: PushRun[] = [];
    for (let i = 0; i < runs; i += 1) {
      const run = await pushRun(prepared, setup);
      console.log(
        `  ${label} run ${i + 1}: ${run.records} records (${run.lines} lines) in ${run.seconds.toFixed(2)} s = ${(run.records / run.seconds).toFixed(0)} rec/s; ` +
          `server CPU ${((run.serverCpuMs * 1000) / run.records).toFixed(0)} µs/record, peak RSS ${run.peakRssMb.toFixed(0)} MB`,
      );
      all.push(run);
    }
    const seconds = median(all.map((run) => run.seconds));
    // With an even number of runs the median lies between two: the figures of the nearer one go with it.
    const nearest = all.reduce((best, run) => (Math.abs(run.seconds - seconds) < Math.abs(best.seconds - seconds) ? run : best));
    return { ...nearest, seconds, peakRssMb: Math.max(...all.map((run) => run.peakRssMb)) };
  } finally {
    await prepared.remove();
  }
};
