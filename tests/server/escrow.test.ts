import { constants, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { activeEscrowKey, generateEscrowKey } from '../../server/enrollment/escrow-key';
import type { RunningCentral } from '../../server/start-central';
import { escrowDepositResponseSchema } from '../../shared/sync/enroll';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import { call, enrollCounter, type EnrolledCounter } from './fixtures/enrolled-counter';

const wrap = (publicKeyPem: string, secret: Buffer): string =>
  publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, secret).toString('base64');

describeEachBackend('escrow: the province’s key and the devices’ wrapped data keys', (backend) => {
  let central: RunningCentral | null = null;
  let counter: EnrolledCounter | null = null;
  let folder = '';
  afterEach(async () => {
    await counter?.remove();
    await central?.close();
    await rm(folder, { recursive: true, force: true });
    central = counter = null;
  });

  const started = async () => {
    central = await startCentralUnderTest(backend());
    folder = await mkdtemp(path.join(tmpdir(), 'escrow-test-'));
    return central.context.central.db;
  };

  it('writes the private half to its file alone (0600, never over a file), the public half to the database', async () => {
    const db = await started();
    const file = path.join(folder, 'escrow.pem');
    const key = await generateEscrowKey(db, { privateKeyFile: file, now: new Date() });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(await activeEscrowKey(db)).toEqual(key);
    const rows = await db.selectFrom('server_keys').selectAll().where('purpose', '=', 'escrow').execute();
    expect(rows).toMatchObject([{ key_id: key.keyId, private_key: null, suite: 'rsa-oaep-sha256', active: 1 }]);

    await expect(generateEscrowKey(db, { privateKeyFile: path.join(folder, 'second.pem'), now: new Date() })).rejects.toThrow(/--rotate/);
    await writeFile(path.join(folder, 'taken.pem'), 'keep me');
    await expect(generateEscrowKey(db, { privateKeyFile: path.join(folder, 'taken.pem'), now: new Date(), rotate: true })).rejects.toThrow(/不覆盖/);
    expect(await readFile(path.join(folder, 'taken.pem'), 'utf8')).toBe('keep me');
    expect(await activeEscrowKey(db)).toEqual(key);

    const rotated = await generateEscrowKey(db, { privateKeyFile: path.join(folder, 'next.pem'), now: new Date(), rotate: true });
    expect(rotated.keyId).not.toBe(key.keyId);
    expect(await activeEscrowKey(db)).toEqual(rotated);
  });

  it('keeps a device’s wrapped data key once, which the private key file opens again', async () => {
    const db = await started();
    const privateKeyFile = path.join(folder, 'escrow.pem');
    await generateEscrowKey(db, { privateKeyFile, now: new Date() });
    counter = await enrollCounter(central!);
    const { escrowKey } = counter.enrollment;
    const secret = randomBytes(32);
    const deposit = { escrowKeyId: escrowKey.keyId, wrappedKey: wrap(escrowKey.publicKeyPem, secret) };
    const put = (body: unknown) => call(central!, 'PUT', '/v1/device/escrow', body, counter!.token);

    const first = await put(deposit);
    expect(first.status).toBe(200);
    expect(escrowDepositResponseSchema.parse(first.body).escrowKeyId).toBe(escrowKey.keyId);
    expect((await put(deposit)).body).toEqual(first.body);
    const other = await put({ ...deposit, wrappedKey: wrap(escrowKey.publicKeyPem, randomBytes(32)) });
    expect([other.status, other.body.error.code]).toEqual([409, 'ESCROW_CONFLICT']);
    expect((await counter.get('/v1/device')).body.escrowDeposited).toBe(true);

    // The province recovers the data key of a dead counter from what the server kept.
    const kept = await db.selectFrom('escrow_deposits').selectAll().where('device_id', '=', counter.deviceId).executeTakeFirstOrThrow();
    const opened = privateDecrypt({ key: await readFile(privateKeyFile, 'utf8'), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(kept.wrapped_key, 'base64'));
    expect(opened.equals(secret)).toBe(true);
  });

  it('refuses a deposit under an unknown key or of the wrong size', async () => {
    await started();
    counter = await enrollCounter(central!);
    const { escrowKey } = counter.enrollment;
    const put = (body: unknown) => call(central!, 'PUT', '/v1/device/escrow', body, counter!.token);
    const unknown = await put({ escrowKeyId: 'ab'.repeat(16), wrappedKey: wrap(escrowKey.publicKeyPem, randomBytes(32)) });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.path]).toEqual([400, 'BAD_REQUEST', 'escrowKeyId']);
    const short = await put({ escrowKeyId: escrowKey.keyId, wrappedKey: randomBytes(256).toString('base64') });
    expect([short.status, short.body.error.path]).toEqual([400, 'wrappedKey']);
    expect((await counter.get('/v1/device')).body.escrowDeposited).toBe(false);
  });
});
