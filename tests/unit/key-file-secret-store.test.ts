import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'secret-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the key-file secret store (where safeStorage is absent)', () => {
  it('opens what it sealed, across instances, with its key in a 0600 file; says it is not OS-protected', async () => {
    const keyFile = path.join(dir, 'keys', 'secret.key');
    const store = createKeyFileSecretStore(keyFile);
    expect(store.protectedByOs).toBe(false);
    const secret = new TextEncoder().encode('pepper-1234');
    const sealed = await store.seal(secret);
    expect(Buffer.from(sealed).includes(Buffer.from('pepper-1234'))).toBe(false);
    expect(Buffer.from(await createKeyFileSecretStore(keyFile).open(sealed)).toString()).toBe('pepper-1234');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    // Two seals of the same secret differ (fresh nonce).
    expect(Buffer.from(await store.seal(secret)).equals(Buffer.from(sealed))).toBe(false);
  });

  it('refuses a sealed secret changed by one byte, or opened with another key', async () => {
    const keyFile = path.join(dir, 'secret.key');
    const sealed = Buffer.from(await createKeyFileSecretStore(keyFile).seal(new Uint8Array([1, 2, 3])));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    await expect(createKeyFileSecretStore(keyFile).open(flipped)).rejects.toThrow();
    await expect(createKeyFileSecretStore(path.join(dir, 'other.key')).open(sealed)).rejects.toThrow();
    await writeFile(keyFile, Buffer.alloc(7));
    await expect(createKeyFileSecretStore(keyFile).open(sealed)).rejects.toThrow(/7 bytes/);
    expect((await readFile(keyFile)).length).toBe(7);
  });

  it('two stores on one new key file, first used at the same moment, agree on one key', async () => {
    const keyFile = path.join(dir, 'shared.key');
    const [a, b] = [createKeyFileSecretStore(keyFile), createKeyFileSecretStore(keyFile)];
    const [sealedByA, sealedByB] = await Promise.all([a.seal(new Uint8Array([7])), b.seal(new Uint8Array([8]))]);
    expect([...(await b.open(sealedByA))]).toEqual([7]);
    expect([...(await a.open(sealedByB))]).toEqual([8]);
  });
});
