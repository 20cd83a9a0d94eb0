import { afterEach, expect, it } from 'vitest';
import { tokenHash } from '../../server/http/device-auth';
import { createEnrollmentCode, newEnrollmentCode } from '../../server/enrollment/enrollment-code';
import { revokeDevice } from '../../server/devices/revoke-device';
import type { RunningCentral } from '../../server/start-central';
import { GENESIS_HASH } from '../../shared/domain/sealed-record';
import { enrollResponseSchema, type EnrollRequest } from '../../shared/sync/enroll';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import { createCounterArchive, type CounterArchive } from './fixtures/counter-archive';
import { call, enrollCounter, enrollRequestOf, prepareEnrollment, TEST_HALL, type EnrolledCounter } from './fixtures/enrolled-counter';

describeEachBackend('enrollment', (backend) => {
  let central: RunningCentral | null = null;
  const archives: CounterArchive[] = [];
  const counters: EnrolledCounter[] = [];
  let clock = new Date();
  afterEach(async () => {
    await Promise.all([...archives.splice(0), ...counters.splice(0).map((c) => c.archive)].map((a) => a.remove()));
    await central?.close();
    central = null;
  });

  const start = async () => {
    clock = new Date();
    central = await startCentralUnderTest(backend(), { now: () => clock });
    return central;
  };
  const newArchive = async (counterId = 'C01') => {
    const archive = await createCounterArchive({ counterId });
    archives.push(archive);
    return archive;
  };
  const codeFor = async (counterId = 'C01', hours?: number) =>
    (await createEnrollmentCode(central!.context.central.db, { hallId: TEST_HALL, counterId, now: clock, ...(hours ? { hours } : {}) })).code;
  const enroll = (request: EnrollRequest) => call(central!, 'POST', '/v1/enroll', request, null);
  const refusal = (answer: { status: number; body: any }) => [answer.status, answer.body.error?.code];

  it('enrolls a device with a one-time code: token, organisation, the server key and the escrow key', async () => {
    await start();
    await prepareEnrollment(central!);
    const archive = await newArchive();
    const code = await codeFor();
    const answer = await enroll(await enrollRequestOf(archive, code));
    expect(answer.status).toBe(200);
    const enrolled = enrollResponseSchema.parse(answer.body);
    expect(enrolled).toMatchObject({ deviceId: archive.deviceId, counterId: 'C01', serverKey: central!.context.signer.info, serverTime: clock.toISOString() });
    expect(enrolled.orgPath.map((unit) => unit.level)).toEqual(['hall', 'city', 'city', 'province']);
    expect(enrolled.orgPath[0]).toEqual({ id: TEST_HALL, name: '天河区政务服务中心', level: 'hall' });
    expect(enrolled.escrowKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');

    // The database keeps the token's hash only, the key as sent, and the genesis heads.
    const { db } = central!.context.central;
    const row = await db.selectFrom('devices').selectAll().where('device_id', '=', archive.deviceId).executeTakeFirstOrThrow();
    const key = await archive.signer();
    expect(row).toMatchObject({ token_hash: tokenHash(enrolled.token), hall_id: TEST_HALL, key_id: key.keyId, public_key: key.publicKey, suite: 'gm', ledger_seq: 0, ledger_hash: GENESIS_HASH, record_hash: GENESIS_HASH, audit_hash: GENESIS_HASH });
    expect(JSON.stringify(await db.selectFrom('devices').selectAll().execute())).not.toContain(enrolled.token);
    expect(await db.selectFrom('enrollment_codes').select(['used_by_device', 'code_hash']).executeTakeFirstOrThrow()).toMatchObject({ used_by_device: archive.deviceId });
    expect(JSON.stringify(await db.selectFrom('enrollment_codes').selectAll().execute())).not.toContain(code);

    const status = await call(central!, 'GET', '/v1/device', undefined, enrolled.token);
    expect(status.status).toBe(200);
    expect(status.body.heads.ledger).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('refuses an unknown, a replayed, an expired and another counter’s code, each with its reason', async () => {
    await start();
    await prepareEnrollment(central!);
    const archive = await newArchive();
    expect(refusal(await enroll(await enrollRequestOf(archive, newEnrollmentCode())))).toEqual([403, 'ENROLLMENT_CODE_INVALID']);

    const code = await codeFor();
    expect((await enroll(await enrollRequestOf(archive, code))).status).toBe(200);
    const replay = await enroll(await enrollRequestOf(await newArchive(), code));
    expect(refusal(replay)).toEqual([409, 'ENROLLMENT_CODE_USED']);
    expect(replay.body.error.reason).toMatch(/只能用一次/);

    const expiring = await codeFor('C02', 1);
    clock = new Date(clock.getTime() + 3_600_001);
    expect(refusal(await enroll(await enrollRequestOf(await newArchive('C02'), expiring)))).toEqual([410, 'ENROLLMENT_CODE_EXPIRED']);

    const forC03 = await codeFor('C03');
    const wrongCounter = await enroll(await enrollRequestOf(await newArchive('C04'), forC03));
    expect(refusal(wrongCounter)).toEqual([403, 'ENROLLMENT_CODE_INVALID']);
    expect(wrongCounter.body.error.reason).toContain('C03');
    // Refusals spend nothing: the right counter still enrolls with that code.
    expect((await enroll(await enrollRequestOf(await newArchive('C03'), forC03))).status).toBe(200);
  });

  it('refuses a key that is not a point of its suite or not named by its key id', async () => {
    await start();
    await prepareEnrollment(central!);
    const archive = await newArchive();
    const code = await codeFor();
    const request = await enrollRequestOf(archive, code);
    const offCurve = { ...request, device: { ...request.device, signingKey: { ...request.device.signingKey, publicKey: `04${'7'.repeat(128)}` } } };
    expect(refusal(await enroll(offCurve))).toEqual([400, 'BAD_REQUEST']);
    const misnamed = { ...request, device: { ...request.device, signingKey: { ...request.device.signingKey, keyId: 'ab'.repeat(16) } } };
    const answer = await enroll(misnamed);
    expect(refusal(answer)).toEqual([400, 'BAD_REQUEST']);
    expect(answer.body.error.path).toBe('device.signingKey.keyId');
    expect((await enroll(request)).status).toBe(200);
  });

  it('keeps one live device per counter and never enrolls a device id twice; a revoked counter takes a replacement', async () => {
    await start();
    await prepareEnrollment(central!);
    const { db } = central!.context.central;
    // Two codes for one counter, both issued before either was used.
    const [firstCode, secondCode] = [await codeFor('C01'), await codeFor('C01')];
    const first = await newArchive('C01');
    const second = await newArchive('C01');
    expect((await enroll(await enrollRequestOf(first, firstCode))).status).toBe(200);
    const refused = await enroll(await enrollRequestOf(second, secondCode));
    expect(refusal(refused)).toEqual([409, 'DEVICE_ALREADY_ENROLLED']);
    expect(refused.body.error.reason).toMatch(/先吊销原设备/);
    // Refused in the transaction that would have spent the code: it is still unused.
    expect(await db.selectFrom('enrollment_codes').select('code_hash').where('used_at', 'is', null).execute()).toHaveLength(1);
    // And no new code is issued for a counter in use.
    await expect(codeFor('C01')).rejects.toThrow(/已有在用设备/);

    await revokeDevice(db, { deviceId: first.deviceId, reason: '窗口电脑更换', now: clock });
    expect((await enroll(await enrollRequestOf(second, secondCode))).status).toBe(200);

    // The revoked device's id does not come back, not even at another counter.
    const request = await enrollRequestOf(first, await codeFor('C09'));
    const again = await enroll({ ...request, device: { ...request.device, counterId: 'C09' } });
    expect(refusal(again)).toEqual([409, 'DEVICE_ALREADY_ENROLLED']);
    expect(again.body.error.reason).toMatch(/已被吊销/);
  });

  it('refuses every call of a revoked device', async () => {
    await start();
    const counter = await enrollCounter(central!, { records: 1 });
    counters.push(counter);
    expect((await counter.get('/v1/device')).status).toBe(200);
    await revokeDevice(central!.context.central.db, { deviceId: counter.deviceId, reason: '设备丢失', now: clock });
    for (const answer of [
      await counter.get('/v1/device'),
      await counter.post('/v1/push', counter.body(counter.ledger)),
      await call(central!, 'PUT', '/v1/device/escrow', { escrowKeyId: counter.enrollment.escrowKey.keyId, wrappedKey: Buffer.alloc(384, 1).toString('base64') }, counter.token),
    ]) {
      expect(refusal(answer)).toEqual([403, 'DEVICE_REVOKED']);
      expect(answer.body.error.reason).toContain('设备丢失');
    }
    expect(await central!.context.central.db.selectFrom('ledger_entries').select('seq').execute()).toHaveLength(0);
  });

  it('enrolls nobody until the central system has an escrow key', async () => {
    await start();
    const { db } = central!.context.central;
    await prepareEnrollment(central!);
    await db.updateTable('server_keys').set({ active: 0 }).where('purpose', '=', 'escrow').execute();
    const archive = await newArchive();
    const code = await codeFor();
    const answer = await enroll(await enrollRequestOf(archive, code));
    expect(refusal(answer)).toEqual([503, 'ESCROW_KEY_MISSING']);
    expect(answer.body.error.reason).toContain('escrow-key');
    expect(await db.selectFrom('devices').select('device_id').execute()).toHaveLength(0);
    expect((await db.selectFrom('enrollment_codes').select('used_at').executeTakeFirstOrThrow()).used_at).toBeNull();
  });

  it('lets exactly one of several enrollments with one code win, at the same moment', async () => {
    await start();
    await prepareEnrollment(central!);
    const code = await codeFor();
    const requests = await Promise.all(Array.from({ length: 6 }, async () => enrollRequestOf(await newArchive(), code)));
    const answers = await Promise.all(requests.map((request) => enroll(request)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status !== 200).map(refusal)).toEqual(Array.from({ length: 5 }, () => [409, 'ENROLLMENT_CODE_USED']));
    expect(await central!.context.central.db.selectFrom('devices').select('device_id').execute()).toHaveLength(1);
  });
});
