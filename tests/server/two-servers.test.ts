import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate';
import { openCentralDb } from '../../server/db/open-database';
import { createEnrollmentCode } from '../../server/enrollment/enrollment-code';
import { loadServerSigner } from '../../server/keys/server-signing-key';
import type { RunningCentral } from '../../server/start-central';
import { pushResponseSchema } from '../../shared/sync/push';
import { describeOnBackend } from './fixtures/backends';
import { startCentralOn } from './fixtures/central-under-test';
import { createCounterArchive, type CounterArchive } from './fixtures/counter-archive';
import { call, enrollCounter, enrollRequestOf, prepareEnrollment, TEST_HALL, type EnrolledCounter } from './fixtures/enrolled-counter';
import { heldBy } from './fixtures/push-checks';

/**
 * The central system keeps no state of its own outside the database: two server processes on one
 * PostgreSQL serve the same counters, and what reaches both at the same moment is taken once.
 */
describeOnBackend('postgres', 'two server processes on one database', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  const twoServers = async (): Promise<[RunningCentral, RunningCentral]> => {
    const database = await backend().fresh();
    const otherFolder = await mkdtemp(path.join(tmpdir(), 'central-b-'));
    const a = await startCentralOn(database);
    const b = await startCentralOn({ databaseUrl: database.databaseUrl, dataDir: otherFolder });
    cleanup.push(() => rm(otherFolder, { recursive: true, force: true }), () => a.close(), () => b.close());
    expect(b.context.signer.info).toEqual(a.context.signer.info);
    return [a, b];
  };

  it('stores a batch pushed to both at the same moment once; one answers stored, the other duplicate', async () => {
    const [a, b] = await twoServers();
    const counter: EnrolledCounter = await enrollCounter(a, { records: 20, reprintEvery: 5 });
    cleanup.push(() => counter.remove());
    for (const body of counter.batches({ size: 8, auditSize: 5 })) {
      const answers = await Promise.all([a, b].map((central) => call(central, 'POST', '/v1/push', body, counter.token)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const [first, second] = answers.map((answer) => pushResponseSchema.parse(answer.body));
      const outcomes = [first!, second!].map((answer) => [...new Set([...answer.results, ...answer.auditResults].map((r) => r.status))].join());
      expect(outcomes.sort()).toEqual(['duplicate', 'stored']);
      expect(first!.receipt!.statement.entries).toEqual(second!.receipt!.statement.entries);
      expect(first!.receipt!.statement.auditHead).toEqual(second!.receipt!.statement.auditHead);
    }
    const held = await heldBy(counter);
    expect(held.ledger.map((row) => row.line)).toEqual(counter.ledger.map((item) => item.line));
    expect(held.audit.map((row) => row.line)).toEqual(counter.audit);
    expect(held.ledger.map((row) => Number(row.server_seq))).toEqual(counter.ledger.map((_, i) => i + 1));
    expect(held.ingest).toBe(counter.ledger.length);
  });

  it('lets exactly one of two enrollments with one code win, one on each server', async () => {
    const [a, b] = await twoServers();
    await prepareEnrollment(a);
    const archives: CounterArchive[] = await Promise.all([createCounterArchive(), createCounterArchive()]);
    cleanup.push(async () => {
      await Promise.all(archives.map((archive) => archive.remove()));
    });
    const { code } = await createEnrollmentCode(a.context.central.db, { hallId: TEST_HALL, counterId: 'C01', now: new Date() });
    const answers = await Promise.all([a, b].map(async (central, i) => call(central, 'POST', '/v1/enroll', await enrollRequestOf(archives[i]!, code), null)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.error.code).toBe('ENROLLMENT_CODE_USED');
    expect(await a.context.central.db.selectFrom('devices').select('device_id').execute()).toHaveLength(1);
  });

  it('gives processes starting at the same moment on an empty database one signing key, the only active one', async () => {
    const database = await backend().fresh();
    const pools = Array.from({ length: 4 }, () => openCentralDb(database));
    cleanup.push(() => Promise.all(pools.map((pool) => pool.close())).then(() => undefined));
    await migrateToLatest(pools[0]!);
    const signers = await Promise.all(pools.map((pool) => loadServerSigner(pool.db, 'intl')));
    expect(new Set(signers.map((signer) => signer.info.keyId)).size).toBe(1);
    const active = await pools[0]!.db.selectFrom('server_keys').select('key_id').where('purpose', '=', 'signing').where('active', '=', 1).execute();
    expect(active.map((row) => row.key_id)).toEqual([signers[0]!.info.keyId]);
    // A process started later, as after a restart, takes the same key.
    expect((await loadServerSigner(pools[1]!.db, 'intl')).info).toEqual(signers[0]!.info);
    // The race is narrow; what closes it is the database refusing a second active key whatever the timing.
    const second = { key_id: 'f'.repeat(32), purpose: 'signing' as const, suite: 'intl', public_key: '04', private_key: null, created_at: new Date(0).toISOString(), active: 1 };
    await expect(pools[2]!.db.insertInto('server_keys').values(second).execute()).rejects.toThrow();
  });
});
