import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/contract/host-contract';
import type { SealedRecord } from '../../../shared/domain/sealed-record';
import { startSyncCounter } from '../../unit/fixtures/sync-counter';
import { value } from '../../unit/fixtures/test-host';
import { describeOnBackend } from '../fixtures/backends';
import { counterLedger, enrollAt, heldLedger, openDeployment, receiptMismatch, restartableServer, startBalancer, type Deployment, type RestartableServer } from '../fixtures/fault-pg';

/**
 * A counter whose clock is hours off (HostServiceOptions.now: every clock of its main process, the
 * seal's timestamps and the push's sentAt alike) against the real server process: it still syncs;
 * the server answers and writes down the skew; the status line warns of it; and the records sealed
 * once it is known carry it in their evidence, bound by the record's hash, which the central system's
 * copy of the ledger holds.
 */
const HOUR_S = 3600;
/** Loopback and a loaded machine: the measured skew is the offset give or take this. */
const SLACK_S = 120;

describeOnBackend('sqlite', 'a device clock hours off, against the server process', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  let deployment: Deployment;
  let server: RestartableServer;
  beforeAll(async () => {
    const database = await backend().fresh();
    deployment = await openDeployment(database);
    cleanup.push(() => deployment.close());
    server = await restartableServer(database, cleanup);
  }, 90_000);
  afterAll(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it.each([
    { counterId: 'C01', hours: 3 },
    { counterId: 'C02', hours: -5 },
  ])('syncs with the clock $hours h off, warns, and writes the skew into the records sealed meanwhile', async ({ counterId, hours }) => {
    const offsetMs = hours * HOUR_S * 1000;
    const counter = await startSyncCounter({ counterId, now: () => new Date(Date.now() + offsetMs) });
    cleanup.push(() => counter.remove());
    await enrollAt(deployment, counter, server.url!, counterId);

    // Sealed before any answer of the server: nothing known, nothing written.
    const before = await counter.sealWithLetter('draft-before');
    expect(before.clockSkew).toBeUndefined();

    const first = value(await counter.call<SyncStatus>('syncNow'));
    expect(first).toMatchObject({ unsentRecords: 0, lastError: null, problems: 0, clockSkewWarning: true });
    expect(Math.abs(first.clockSkewSeconds! - hours * HOUR_S)).toBeLessThan(SLACK_S);

    // The server wrote it down: on the device, and as an observation beyond its 300 s.
    const { db } = deployment.central;
    const device = await db.selectFrom('devices').select(['last_clock_skew_s']).where('device_id', '=', counter.device.deviceId).executeTakeFirstOrThrow();
    expect(Math.abs(Number(device.last_clock_skew_s) - hours * HOUR_S)).toBeLessThan(SLACK_S);
    const observations = await db.selectFrom('clock_observations').select(['skew_s', 'device_time', 'observed_at']).where('device_id', '=', counter.device.deviceId).execute();
    expect(observations.length).toBeGreaterThan(0);
    for (const observation of observations) {
      expect(Math.abs(Number(observation.skew_s) - hours * HOUR_S)).toBeLessThan(SLACK_S);
      // The device's own time as it sent it, hours from the server's.
      expect(Math.abs((Date.parse(observation.device_time) - Date.parse(observation.observed_at)) / 1000 - hours * HOUR_S)).toBeLessThan(SLACK_S);
    }

    // Sealed with the skew known: in the record, with the device's own time of the measurement.
    const skewed: SealedRecord = await counter.sealWithLetter('draft-after');
    expect(skewed.clockSkew).toEqual({ seconds: expect.any(Number), observedAt: expect.any(String) });
    expect(Math.abs(skewed.clockSkew!.seconds - hours * HOUR_S)).toBeLessThan(SLACK_S);
    expect(Math.abs(Date.parse(skewed.clockSkew!.observedAt) - (Date.now() + offsetMs))).toBeLessThan(SLACK_S * 1000);

    const second = value(await counter.call<SyncStatus>('syncNow'));
    expect(second).toMatchObject({ unsentRecords: 0, lastError: null, problems: 0, clockSkewWarning: true });

    // The central system holds both cases, the second by the hash that covers its skew.
    const held = await heldLedger(deployment, counter.device.deviceId);
    expect(held.map((row) => row.line)).toEqual(await counterLedger(counter));
    const recordRows = held.filter((row) => row.kind === 'record');
    expect(recordRows.map((row) => [row.case_number, row.record_hash])).toEqual([
      [before.caseNumber, before.hash],
      [skewed.caseNumber, skewed.hash],
    ]);
    expect(await receiptMismatch(deployment, counter)).toBeNull();
  });

  it('shows no warning and writes nothing into the record within 5 minutes', async () => {
    const counter = await startSyncCounter({ counterId: 'C03', now: () => new Date(Date.now() + 4 * 60_000) });
    cleanup.push(() => counter.remove());
    await enrollAt(deployment, counter, server.url!, 'C03');
    await counter.sealWithLetter('draft-1');
    const status = value(await counter.call<SyncStatus>('syncNow'));
    expect(status).toMatchObject({ unsentRecords: 0, lastError: null, clockSkewWarning: false });
    expect(Math.abs(status.clockSkewSeconds! - 240)).toBeLessThan(60);
    expect((await counter.sealWithLetter('draft-2')).clockSkew).toBeUndefined();
  });

  it('does not count a slow upload as skew: a push held 3 s on its way, the clock right, measures 0', async () => {
    let slow = false;
    const balancer = await startBalancer({
      targets: () => [server.url!],
      pick: () => 0,
      hold: async (request) => {
        if (slow && request.path === '/v1/push') await new Promise((resolve) => setTimeout(resolve, 3_000));
      },
    });
    cleanup.push(() => balancer.close());
    const counter = await startSyncCounter({ counterId: 'C04' });
    cleanup.push(() => counter.remove());
    await enrollAt(deployment, counter, balancer.url, 'C04');
    await counter.sealWithLetter('draft-1');
    slow = true;
    const status = value(await counter.call<SyncStatus>('syncNow'));
    expect(status).toMatchObject({ unsentRecords: 0, lastError: null, clockSkewWarning: false });
    // The server's own figure (its time minus sentAt) counts the 3 s on the way; the counter's does not.
    const { db } = deployment.central;
    const device = await db.selectFrom('devices').select(['last_clock_skew_s']).where('device_id', '=', counter.device.deviceId).executeTakeFirstOrThrow();
    expect(Number(device.last_clock_skew_s)).toBeLessThan(-2.5);
    expect(status.clockSkewSeconds).toBe(0);
  }, 30_000);
});
