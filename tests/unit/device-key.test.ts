import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { loadSuite, suiteNames } from '../../electron/services/crypto/suite';
import { deviceKeyFile, keyIdOf, openDeviceSigner } from '../../electron/services/device-key';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'device-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe.each(suiteNames)('the device signing key (%s)', (suite) => {
  const secrets = () => createKeyFileSecretStore(path.join(dir, 'secret.key'));

  it('is made on first use: private key sealed, public key and its id in clear, the same key after a restart', async () => {
    const signer = await openDeviceSigner({ dataDir: dir, secrets: secrets(), suite });
    const file = path.join(dir, deviceKeyFile(suite));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { publicKey: string; keyId: string; sealedPrivateKey: string; suite: string };
    expect(stored).toMatchObject({ suite, publicKey: signer.publicKey, keyId: signer.keyId });
    const impl = await loadSuite(suite);
    expect(signer.keyId).toBe(keyIdOf(impl, fromHex(signer.publicKey)));
    // The private scalar is in the file only sealed.
    const privateKey = await secrets().open(Buffer.from(stored.sealedPrivateKey, 'base64'));
    expect(privateKey).toHaveLength(32);
    expect(await readFile(file, 'utf8')).not.toContain(toHex(privateKey));
    expect(await readFile(file, 'utf8')).not.toContain(Buffer.from(privateKey).toString('base64'));

    const again = await openDeviceSigner({ dataDir: dir, secrets: secrets(), suite });
    expect(again.keyId).toBe(signer.keyId);
    const message = utf8Bytes('statement');
    expect(impl.verifier(fromHex(signer.publicKey))(message, again.sign(message))).toBe(true);
  });

  it('makes one key when asked twice at once', async () => {
    // One secret store, as in the app (two key-file stores on one new key file race each other).
    const store = secrets();
    const [a, b] = await Promise.all([openDeviceSigner({ dataDir: dir, secrets: store, suite }), openDeviceSigner({ dataDir: dir, secrets: store, suite })]);
    expect(a.keyId).toBe(b.keyId);
  });

  it('refuses a key file whose id or public key was changed, or opened with another secret store', async () => {
    await openDeviceSigner({ dataDir: dir, secrets: secrets(), suite });
    const file = path.join(dir, deviceKeyFile(suite));
    const original = await readFile(file, 'utf8');
    const stored = JSON.parse(original) as { keyId: string; publicKey: string };
    await writeFile(file, original.replace(stored.keyId, stored.keyId.replace(/^./, (c) => (c === '0' ? '1' : '0'))));
    await expect(openDeviceSigner({ dataDir: dir, secrets: secrets(), suite })).rejects.toThrow(/key id/);
    // Another valid public key with its own id: the sealed private key no longer matches it.
    const impl = await loadSuite(suite);
    const other = impl.generateKeyPair().publicKey;
    await writeFile(file, original.replace(stored.publicKey, toHex(other)).replace(stored.keyId, keyIdOf(impl, other)));
    await expect(openDeviceSigner({ dataDir: dir, secrets: secrets(), suite })).rejects.toThrow(/does not match/);
    await writeFile(file, original);
    await expect(openDeviceSigner({ dataDir: dir, secrets: createKeyFileSecretStore(path.join(dir, 'other.key')), suite })).rejects.toThrow();
  });
});
