import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SuiteName } from '../../electron/services/crypto/suite';
import { startCentral, type RunningCentral } from '../../server/start-central';
import type { PushResponse } from '../../shared/sync/push';
import { startCentralProcess, type CentralProcess } from '../harness/central-process';
import { startPrivatePostgres } from '../harness/postgres';
import { enrollCounter, type EnrolledCounter } from '../server/fixtures/enrolled-counter';
import { median } from './browser/median';

/**
 * Counters pushing their real signed archives to the central system running as its own process
 * (server/cli/main.ts), so that its work and memory are its own and the clients' are this process's.
 * Everything a counter sends is sealed, enrolled and cut into push bodies before the clock starts:
 * the figure is the server's ingest (every line's hash, chain link and signature checked before its
 * receipt) plus loopback HTTP, not the sealing.
 */
export interface PushRun {
  seconds: number;
  /** Cases pushed (each is two ledger lines: the record file and its letter). */
  records: number;
  lines: number;
  /** The server process's peak resident memory (VmHWM), MB. */
  peakRssMb: number;
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
const pushAll = async (counter: EnrolledCounter, bodies: ReturnType<EnrolledCounter['batches']>): Promise<number> => {
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

export const pushRun = async (setup: PushSetup): Promise<PushRun> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'counter-bench-central-'));
  const postgres = setup.database === 'postgres' ? await startPrivatePostgres() : null;
  const databaseUrl = postgres ? await postgres.createDatabase() : undefined;
  const counters: EnrolledCounter[] = [];
  let server: CentralProcess | null = null;
  try {
    // Enrollment needs the server's database (escrow key, organisation, codes): done in this process
    // first, then the server process takes over the same database and the counters' calls go to it.
    const embedded = await startCentral({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, suite: setup.suite });
    const target: RunningCentral = { ...embedded };
    try {
      for (let i = 0; i < setup.counters; i += 1) {
        counters.push(
          await enrollCounter(target, {
            suite: setup.suite,
            records: setup.recordsEach,
            counterId: `C${String(i + 1).padStart(2, '0')}`,
            ...(setup.letter ? { letter: setup.letter } : {}),
          }),
        );
      }
    } finally {
      await embedded.close();
    }
    const bodies = counters.map((counter) => counter.batches({ size: setup.batchSize ?? 200, auditSize: 200 }));
    const lines = counters.reduce((sum, counter) => sum + counter.ledger.length, 0);
    server = await startCentralProcess({ dataDir, databaseUrl, suite: setup.suite });
    target.url = server.url;
    const start = performance.now();
    const stored = await Promise.all(counters.map((counter, i) => pushAll(counter, bodies[i]!)));
    const seconds = (performance.now() - start) / 1000;
    const total = stored.reduce((sum, n) => sum + n, 0);
    if (total !== lines) throw new Error(`${total} of ${lines} ledger lines stored`);
    const rss = await peakRssMb(server.child.pid!);
    return { seconds, records: setup.counters * setup.recordsEach, lines, peakRssMb: rss };
  } finally {
    await server?.stop();
    await Promise.all(counters.map((counter) => counter.remove()));
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** `runs` runs of one setup; the median run by time. */
export const medianRun = async (setup: PushSetup, runs: number, label: string): Promise<PushRun> => {
  const all: PushRun[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = await pushRun(setup);
    console.log(
      `  ${label} run ${i + 1}: ${run.records} records (${run.lines} lines) in ${run.seconds.toFixed(2)} s = ${(run.records / run.seconds).toFixed(0)} rec/s; server peak RSS ${run.peakRssMb.toFixed(0)} MB`,
    );
    all.push(run);
  }
  const seconds = median(all.map((run) => run.seconds));
  return { ...all.find((run) => run.seconds === seconds)!, seconds, peakRssMb: Math.max(...all.map((run) => run.peakRssMb)) };
};
