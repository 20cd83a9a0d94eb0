import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { DATA_KEY_FILE, openDataKeys } from '../../electron/services/personal-data/data-key';
import type { SecretStore } from '../../electron/services/secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'data-key-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A real key-file store that also remembers what it was asked to seal, to look for it on disk. */
const spyStore = (): SecretStore & { sealedPlain: Uint8Array[] } => {
  const inner = createKeyFileSecretStore(path.join(dir, 'secret-store.key'));
  const sealedPlain: Uint8Array[] = [];
  return {
    protectedByOs: inner.protectedByOs,
    backend: inner.backend,
    sealedPlain,
    seal: async (plain) => {
      sealedPlain.push(new Uint8Array(plain));
      return inner.seal(plain);
    },
    open: (sealed) => inner.open(sealed),
  };
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the device data key', () => {
  it('is made once, written only sealed (0600), and the same keys come back from the sealed file', async () => {
    const secrets = spyStore();
    const keys = await openDataKeys({ dataDir: dir, secrets, suite: 'gm', keyBytes: 16 });
    expect(keys.encryptionKey).toHaveLength(16);
    expect(keys.blindIndexKey).toHaveLength(32);
    expect(keys.protectedByOs).toBe(false);
    expect(secrets.sealedPlain).toHaveLength(1);
    const secret = Buffer.from(secrets.sealedPlain[0]!);
    expect(secret).toHaveLength(32);

    const file = path.join(dir, DATA_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Neither the secret nor a derived key lies in any file of the folder.
    for (const name of await readdir(dir)) {
      const bytes = await readFile(path.join(dir, name));
      for (const needle of [secret, Buffer.from(keys.encryptionKey), Buffer.from(keys.blindIndexKey)]) expect(bytes.includes(needle)).toBe(false);
    }

    const again = await openDataKeys({ dataDir: dir, secrets, suite: 'gm', keyBytes: 16 });
    expect(secrets.sealedPlain).toHaveLength(1);
    expect(hex(again.encryptionKey)).toBe(hex(keys.encryptionKey));
    expect(hex(again.blindIndexKey)).toBe(hex(keys.blindIndexKey));
  });

  it('derives independent keys: encryption differs from the blind index, and per suite', async () => {
    const secrets = spyStore();
    const gm = await openDataKeys({ dataDir: dir, secrets, suite: 'gm', keyBytes: 16 });
    const intl = await openDataKeys({ dataDir: dir, secrets, suite: 'intl', keyBytes: 32 });
    expect(intl.encryptionKey).toHaveLength(32);
    // The SM4 key is not the first half of the AES key; the blind index is the same for both suites.
    expect(hex(intl.encryptionKey).startsWith(hex(gm.encryptionKey))).toBe(false);
    expect(hex(intl.blindIndexKey)).toBe(hex(gm.blindIndexKey));
    expect(hex(intl.encryptionKey)).not.toBe(hex(intl.blindIndexKey));
  });

  it('two first uses at the same moment agree on one secret', async () => {
    const secrets = spyStore();
    const [a, b] = await Promise.all([0, 1].map(() => openDataKeys({ dataDir: dir, secrets, suite: 'intl', keyBytes: 32 })));
    expect(hex(a!.encryptionKey)).toBe(hex(b!.encryptionKey));
    const later = await openDataKeys({ dataDir: dir, secrets, suite: 'intl', keyBytes: 32 });
    expect(hex(later.encryptionKey)).toBe(hex(a!.encryptionKey));
  });

  it('does not open under another secret store (another OS profile) and never replaces the file', async () => {
    await openDataKeys({ dataDir: dir, secrets: spyStore(), suite: 'gm', keyBytes: 16 });
    const before = await readFile(path.join(dir, DATA_KEY_FILE));
    const other = createKeyFileSecretStore(path.join(dir, 'other.key'));
    await expect(openDataKeys({ dataDir: dir, secrets: other, suite: 'gm', keyBytes: 16 })).rejects.toThrow();
    expect((await readFile(path.join(dir, DATA_KEY_FILE))).equals(before)).toBe(true);
  });
});
