import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import type { SecretStore } from './secret-store';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const readKey = async (keyFile: string): Promise<Buffer> => {
  try {
    const key = await readFile(keyFile);
    if (key.length !== KEY_BYTES) throw new Error(`secret key file ${path.basename(keyFile)} has ${key.length} bytes, not ${KEY_BYTES}`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(keyFile), { recursive: true, mode: 0o700 });
    const key = randomBytes(KEY_BYTES);
    try {
      await writeFileAtomic(keyFile, key, { exclusive: true, mode: 0o600 });
    } catch (writeError) {
      // Another store on the same file made the key first (two services' first use at once): use theirs.
      if ((writeError as NodeJS.ErrnoException).code === 'EEXIST') return readKey(keyFile);
      throw writeError;
    }
    // The umask may have widened what was asked for.
    await chmod(keyFile, 0o600);
    return key;
  }
};

/**
 * Where safeStorage is absent (the test harness, `npm run ui`, command-line tools): secrets sealed with
 * AES-256-GCM under a random key in a 0600 file of its own. It protects against a copy of the sealed
 * files without the key file, nothing more — hence `protectedByOs: false`.
 */
export const createKeyFileSecretStore = (keyFile: string): SecretStore => {
  let key: Promise<Buffer> | null = null;
  const loadKey = () => (key ??= readKey(keyFile));
  return {
    protectedByOs: false,
    backend: 'key file (0600)',
    seal: async (plain) => {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await loadKey(), nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    open: async (sealed) => {
      const bytes = Buffer.from(sealed);
      if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed secret too short');
      const decipher = createDecipheriv('aes-256-gcm', await loadKey(), bytes.subarray(0, NONCE_BYTES));
      decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
};
