import { afterEach, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../server/enrollment/enrollment-code';
import { revokeDevice } from '../../server/devices/revoke-device';
import { tokenHash } from '../../server/http/device-auth';
import type { RunningCentral } from '../../server/start-central';
import { enrollResponseSchema, type EnrollRequest } from '../../shared/sync/enroll';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import { createCounterArchive, type CounterArchive } from './fixtures/counter-archive';
import { call, enrollRequestOf, prepareEnrollment, TEST_HALL } from './fixtures/enrolled-counter';

/**
 * A revoked device enrolls again (server/enrollment/enroll-device.ts) only as itself: its hall, its
 * counter, its signing key, with a code made for that counter after the revocation. It keeps its
 * receipted chain heads; its old token stays refused; anything else is refused with nothing spent.
 */
describeEachBackend('enrolling a revoked device again', (backend) => {
  let central: RunningCentral | null = null;
  const archives: CounterArchive[] = [];
  afterEach(async () => {
    await Promise.all(archives.splice(0).map((archive) => archive.remove()));
    await central?.close();
    central = null;
  });

  const newArchive = async (options: { counterId?: string; deviceId?: string } = {}) => {
    const archive = await createCounterArchive(options);
    archives.push(archive);
    return archive;
  };
  const codeFor = async (counterId = 'C01') => (await createEnrollmentCode(central!.context.central.db, { hallId: TEST_HALL, counterId, now: new Date() })).code;
  const enroll = (request: EnrollRequest) => call(central!, 'POST', '/v1/enroll', request, null);
  const unusedCodes = async () => (await central!.context.central.db.selectFrom('enrollment_codes').select('code_hash').where('used_at', 'is', null).execute()).length;

  it('takes back the same device under its own key, with its chain heads, and refuses another key or another counter', async () => {
    central = await startCentralUnderTest(backend(), {});
    await prepareEnrollment(central);
    const { db } = central.context.central;
    const archive = await newArchive();
    const first = enrollResponseSchema.parse((await enroll(await enrollRequestOf(archive, await codeFor()))).body);
    // As if it had pushed: heads the reinstated device must continue from.
    await db.updateTable('devices').set({ ledger_seq: 7, ledger_hash: 'a'.repeat(64) }).where('device_id', '=', archive.deviceId).execute();
    await revokeDevice(db, { deviceId: archive.deviceId, reason: '设备送修', now: new Date() });

    // Another key under the same device id: another device, refused, the code left unused.
    const impostor = await newArchive({ deviceId: archive.deviceId });
    const otherKey = await enroll(await enrollRequestOf(impostor, await codeFor()));
    expect([otherKey.status, otherKey.body.error?.code]).toEqual([409, 'DEVICE_ALREADY_ENROLLED']);
    expect(otherKey.body.error.reason).toMatch(/原来的签名密钥/);
    expect(await unusedCodes()).toBe(1);

    // Its own key at another counter: refused too.
    const elsewhere = await enrollRequestOf(archive, await codeFor('C07'));
    const moved = await enroll({ ...elsewhere, device: { ...elsewhere.device, counterId: 'C07' } });
    expect([moved.status, moved.body.error?.code]).toEqual([409, 'DEVICE_ALREADY_ENROLLED']);
    expect(moved.body.error.reason).toMatch(/原窗口/);

    // Itself, at its counter, with the new code: a new token, the heads kept.
    const again = await enroll(await enrollRequestOf(archive, await codeFor()));
    expect(again.status).toBe(200);
    const second = enrollResponseSchema.parse(again.body);
    const row = await db.selectFrom('devices').selectAll().where('device_id', '=', archive.deviceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revoked_at: null, revoked_reason: null, token_hash: tokenHash(second.token), ledger_seq: 7, ledger_hash: 'a'.repeat(64), counter_id: 'C01' });
    expect((await call(central, 'GET', '/v1/device', undefined, first.token)).status).toBe(401);
    expect((await call(central, 'GET', '/v1/device', undefined, second.token)).status).toBe(200);
    expect(await db.selectFrom('devices').select('device_id').execute()).toHaveLength(1);
    // The revocation it came back from stays on record, with its reason and when it ended.
    expect(await db.selectFrom('device_revocations').selectAll().execute()).toEqual([
      { device_id: archive.deviceId, revoked_at: expect.any(String), revoked_reason: '设备送修', reinstated_at: row.enrolled_at },
    ]);
  });
});
