import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AUDIT_LOG_FILE } from '../../electron/services/audit-log';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createCredentialsStore } from '../../electron/services/sync/credentials-store';
import { createSyncClient } from '../../electron/services/sync/sync-client';
import { SyncHttpError } from '../../electron/services/sync/sync-error';
import { revokeDevice } from '../../server/devices/revoke-device';
import { z } from 'zod';
import type { EnrolledInfo, SyncStatus } from '../../shared/contract/host-contract';
import { zhText } from './fixtures/host-text';
import { ADMIN, CLERK, enrollWith, startSyncCounter, SUPERVISOR, syncPairPerTest } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';

/**
 * The central system revokes a counter (its own revoke function, as `npm run server -- revoke` runs
 * it); the counter says so and keeps sealing; the device administrator enrolls the same device again
 * with a new code for that counter, and what could not go up meanwhile goes up — on the real
 * central system, with the device's archive, signing key and chain as they were.
 */
const pair = syncPairPerTest();

const status = async () => value(await pair.counter.call<SyncStatus>('syncStatus'));
const credentialsNow = () => createCredentialsStore(pair.counter.dataDir, createKeyFileSecretStore(path.join(pair.counter.dataDir, FALLBACK_SECRET_KEY_FILE))).read();

describe('enrolling again after the central system revoked the device', () => {
  it('is refused while enrolled; after DEVICE_REVOKED the administrator enrolls with a new code and the unsent lines are receipted', async () => {
    const { central, counter } = pair;
    const { db } = central.central.context.central;
    await enrollWith(central, counter);
    await counter.sealWithLetter('draft-1');
    expect(value(await counter.call<SyncStatus>('syncNow'))).toMatchObject({ unsentRecords: 0, receiptedHead: { ledgerSeq: 2 }, revoked: null });
    const before = (await credentialsNow())!;
    const deviceBefore = await db.selectFrom('devices').selectAll().where('device_id', '=', counter.device.deviceId).executeTakeFirstOrThrow();

    // In force: a second enrollment is refused, whatever the code.
    await counter.signInAs(ADMIN);
    const twice = await counter.call('syncEnroll', { address: central.central.url, code: await central.code('C02'), fingerprint: null });
    expect(!twice.ok && twice.error.code).toBe('SYNC_ALREADY_ENROLLED');

    await revokeDevice(db, { deviceId: counter.device.deviceId, reason: '窗口设备送修', now: new Date() });
    await counter.sealWithLetter('draft-2');
    const revoked = value(await counter.call<SyncStatus>('syncNow'));
    expect(revoked.lastError?.code).toBe('SYNC_DEVICE_REVOKED');
    expect(zhText(revoked.lastError!)).toContain('已被吊销');
    expect(revoked.revoked?.reason).toContain('窗口设备送修');
    expect(revoked).toMatchObject({ enrolled: true, unsentRecords: 1, receiptedHead: { ledgerSeq: 2 } });
    // The counter goes on sealing meanwhile.
    await counter.sealWithLetter('draft-3');
    expect((await status()).unsentRecords).toBe(2);

    // Only the administrator enrolls; a supervisor or clerk is refused.
    const code = await central.code();
    for (const account of [CLERK, SUPERVISOR]) {
      await counter.signInAs(account);
      const refused = await counter.call('syncEnroll', { address: central.central.url, code, fingerprint: null });
      expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');
    }
    await counter.signInAs(ADMIN);
    expect(value(await counter.call<{ transport: string }>('syncEnrollPreview', { address: central.central.url, code })).transport).toBe('http-loopback');
    const info = value(await counter.call<EnrolledInfo>('syncEnroll', { address: central.central.url, code, fingerprint: null }));
    expect(info.hallName).toBe(before.orgPath[0]!.name);
    const after = (await credentialsNow())!;
    expect(after.token).not.toBe(before.token);
    expect(after).toMatchObject({ deviceId: before.deviceId, counterId: before.counterId, serverKey: before.serverKey });
    expect((await status()).revoked).toBeNull();

    // The unsent lines go up, continuing the chain the central system held.
    const sent = value(await counter.call<SyncStatus>('syncNow'));
    expect(sent).toMatchObject({ unsentRecords: 0, receiptedHead: { ledgerSeq: 6 }, problems: 0, lastError: null, revoked: null });
    const rows = await db.selectFrom('ledger_entries').select('seq').where('device_id', '=', counter.device.deviceId).orderBy('seq').execute();
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const deviceAfter = await db.selectFrom('devices').selectAll().where('device_id', '=', counter.device.deviceId).executeTakeFirstOrThrow();
    expect(deviceAfter).toMatchObject({ revoked_at: null, public_key: deviceBefore.public_key, key_id: deviceBefore.key_id, counter_id: 'C01', hall_id: deviceBefore.hall_id });
    // The trail: the new code spent by this device, and the device's signed line, now on the server too.
    const codes = await db.selectFrom('enrollment_codes').select(['used_by_device', 'used_at']).where('used_by_device', '=', counter.device.deviceId).execute();
    expect(codes).toHaveLength(2);
    const audit = (await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { seq: number; action: string; actor: { accountId: string } | null });
    const reenroll = audit.find((entry) => entry.action === 'device.reenroll');
    expect(reenroll?.actor?.accountId).toBe(ADMIN.clerkId);
    const stored = await db.selectFrom('audit_entries').select('seq').where('device_id', '=', counter.device.deviceId).where('seq', '=', reenroll!.seq).execute();
    expect(stored).toHaveLength(1);

    // The revoked token stays refused: the new credentials replaced it, on both sides.
    const old = createSyncClient({ origin: before.origin, token: before.token, pin: before.pin });
    const refused = await old.getJson('/v1/device', z.unknown()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SyncHttpError);
    expect((refused as SyncHttpError).code).toBe('UNAUTHENTICATED');
  });

  it('sends nothing by itself while revoked — not after a seal either — and resumes once enrolled again', async () => {
    const { central } = pair;
    await pair.counter.remove();
    const stop = new AbortController();
    onTestFinished(() => stop.abort());
    pair.counter = await startSyncCounter({ sync: { automatic: true, stop: stop.signal, wakeDelayMs: 50 } });
    const { counter } = pair;
    const { db } = central.central.context.central;
    await enrollWith(central, counter);
    await revokeDevice(db, { deviceId: counter.device.deviceId, reason: '窗口设备送修', now: new Date() });
    await counter.sealWithLetter('draft-1');
    const refused = value(await counter.call<SyncStatus>('syncNow'));
    expect(refused.lastError?.code).toBe('SYNC_DEVICE_REVOKED');
    // Each refused round stamps the revocation anew; a seal would wake a round 50 ms later if rounds were not held.
    await counter.sealWithLetter('draft-2');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await status()).revoked!.observedAt).toBe(refused.revoked!.observedAt);

    await counter.signInAs(ADMIN);
    value(await counter.call('syncEnroll', { address: central.central.url, code: await central.code(), fingerprint: null }));
    const deadline = Date.now() + 15_000;
    while ((await status()).unsentRecords > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await status()).toMatchObject({ unsentRecords: 0, revoked: null, lastError: null });
  }, 30_000);
});
