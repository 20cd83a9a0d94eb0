import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/host-contract';
import { startSyncCounter, type SyncCounter } from '../../unit/fixtures/sync-counter';
import { value } from '../../unit/fixtures/test-host';
import { describeOnBackend } from '../fixtures/backends';
import {
  counterLedger,
  counterReceipts,
  enrollAt,
  faultSeed,
  heldLedger,
  openDeployment,
  receiptMismatch,
  restartableServer,
  seededRandom,
  startBalancer,
  type RestartableServer,
} from '../fixtures/fault-pg';

/**
 * Two server processes on one PostgreSQL behind a load balancer that sends each of the counters'
 * requests to either of them at random (and some pushes to both at once), two counters syncing at
 * once, and a process SIGKILLed in the middle of a push (before its body has arrived, or after,
 * racing its commit) and started again on the same database while the other serves. Whatever the
 * interleaving, the database ends holding exactly each counter's ledger — every line once, in
 * order, the central sequence without a gap — and every receipt a counter kept verifies and names
 * what the database holds. The seed is printed; FAULT_SEED replays its draws (the two counters'
 * interleaving is the machine's).
 */
const ROUNDS = 5;
const BIG_LETTER = 2_000_000;
const MAX_TRIES = 6;

describeOnBackend('postgres', 'two server processes on one PostgreSQL, one killed mid-push', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('holds exactly the sealed lines of each counter, and every receipt matches them', async () => {
    const seed = faultSeed('two server processes on one PostgreSQL');
    const random = seededRandom(seed);
    const replay = `FAULT_SEED=${seed}`;
    const database = await backend().fresh();
    const deployment = await openDeployment(database);
    cleanup.push(() => deployment.close());
    const servers: RestartableServer[] = await Promise.all([restartableServer(database, cleanup), restartableServer(database, cleanup)]);

    // Where this round's kill falls, if any: within a push's body (the server never has all of it),
    // or after its last byte (racing the server's commit: stored, and the counter may never hear).
    type Kill = 'within-body' | 'after-body';
    let armed: Kill | null = null;
    // Besides, a push sent to both processes at the same moment (a balancer retrying on the other).
    let mirroring = false;
    let mirrored = 0;
    const kills: Array<{ kind: Kill; request: number; afterBytes: number; totalBytes: number }> = [];
    const balancer = await startBalancer({
      targets: () => servers.filter((server) => server.alive).map((server) => server.url!),
      pick: (count) => Math.floor(random() * count),
      plan: (request) => {
        if (request.method !== 'POST' || request.path !== '/v1/push') return;
        const other = servers.find((server) => server.alive && server.url !== request.target);
        if (!armed) {
          if (!other || !(mirroring || random() < 0.2)) return;
          mirrored += 1;
          return { mirrorTo: other.url! };
        }
        const kind = armed;
        armed = null;
        const body = request.totalBytes - request.headerBytes;
        const afterBytes = kind === 'after-body' ? request.totalBytes : request.headerBytes + 1 + Math.floor(random() * (body - 1));
        kills.push({ kind, request: request.index, afterBytes, totalBytes: request.totalBytes });
        return { cut: { afterBytes, run: () => servers.find((server) => server.url === request.target)!.kill() } };
      },
    });
    cleanup.push(() => balancer.close());

    const counters: SyncCounter[] = [];
    for (const counterId of ['C01', 'C02']) {
      const counter = await startSyncCounter({ counterId });
      cleanup.push(() => counter.remove());
      await enrollAt(deployment, counter, balancer.url, counterId);
      counters.push(counter);
    }

    const failures: string[] = [];
    const syncUntilSent = async (counter: SyncCounter): Promise<SyncStatus> => {
      let status = value(await counter.call<SyncStatus>('syncNow'));
      for (let tries = 1; tries < MAX_TRIES && (status.unsentRecords > 0 || status.lastError !== null); tries += 1) {
        failures.push(status.lastError?.code ?? 'unsent');
        status = value(await counter.call<SyncStatus>('syncNow'));
      }
      return status;
    };

    const restarting = new Map<RestartableServer, Promise<void>>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [c, counter] of counters.entries()) {
        const cases = 1 + Math.floor(random() * 3);
        for (let i = 0; i < cases; i += 1) await counter.sealWithLetter(`draft-${c}-${round}-${i}`, random() < 0.2 ? BIG_LETTER : 0);
      }
      // Both kinds of kill at least once (rounds 0 and 2), every push sent to both in round 3, more at random.
      const kill: Kill | null = round === 0 ? 'within-body' : round === 2 ? 'after-body' : round !== 3 && random() < 0.3 ? (random() < 0.5 ? 'within-body' : 'after-body') : null;
      mirroring = round === 3;
      // A kill needs the other process up, to go on serving; otherwise the counters sync meanwhile
      // with whichever is up while the killed one comes back on the same database.
      if (kill || mirroring) await Promise.all(restarting.values());
      armed = kill;
      const statuses = await Promise.all(counters.map(syncUntilSent));
      for (const status of statuses) expect(status, replay).toMatchObject({ unsentRecords: 0, lastError: null, problems: 0 });
      expect(armed).toBeNull();
      for (const server of servers) if (!server.alive && !restarting.has(server)) restarting.set(server, server.start().finally(() => restarting.delete(server)));
    }
    await Promise.all(restarting.values());

    expect(kills.map((k) => k.kind)).toEqual(expect.arrayContaining(['within-body', 'after-body']));
    expect(mirrored).toBeGreaterThanOrEqual(2);
    // The kill within a body cut the counter's request: it felt it, and sent the batch again.
    expect(failures).toContain('SYNC_UNREACHABLE');
    const pushTargets = new Set(balancer.requests.filter((request) => request.path === '/v1/push').map((request) => request.target));
    // Both processes took pushes (a restarted one listens on a new port: more than two addresses).
    expect(pushTargets.size).toBeGreaterThanOrEqual(2);

    const { db } = deployment.central;
    let total = 0;
    for (const counter of counters) {
      const ledger = await counterLedger(counter);
      const held = await heldLedger(deployment, counter.device.deviceId);
      expect(held.map((row) => row.line), replay).toEqual(ledger);
      expect(held.map((row) => Number(row.seq))).toEqual(ledger.map((_, i) => i + 1));
      total += ledger.length;

      // Every line receipted, and every receipt verifies and names what the database holds.
      expect(await receiptMismatch(deployment, counter), replay).toBeNull();
      const receipted = new Set((await counterReceipts(counter)).flatMap((receipt) => receipt.statement.entries.map((entry) => entry.seq)));
      expect([...receipted].sort((a, b) => a - b)).toEqual(ledger.map((_, i) => i + 1));

      // The audit log the database holds is the counter's, from its first line, without a gap.
      const audit = (await readFile(path.join(counter.archiveDir, 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean);
      const heldAudit = await db.selectFrom('audit_entries').select(['seq', 'line']).where('device_id', '=', counter.device.deviceId).orderBy('seq').execute();
      expect(heldAudit.length).toBeGreaterThan(0);
      expect(heldAudit.map((row) => row.line)).toEqual(audit.slice(0, heldAudit.length));
    }

    // One central sequence over both devices: 1…total, none skipped, none twice.
    const serverSeqs = (await db.selectFrom('ledger_entries').select('server_seq').orderBy('server_seq').execute()).map((row) => Number(row.server_seq));
    expect(serverSeqs, replay).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(Number((await db.selectFrom('sequences').select('value').where('name', '=', 'ingest').executeTakeFirstOrThrow()).value)).toBe(total);
    expect(await db.selectFrom('pending_entries').select('seq').execute()).toEqual([]);
    expect(await db.selectFrom('conflicts').select('id').execute()).toEqual([]);
  }, 120_000);
});
