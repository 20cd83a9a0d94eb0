import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from './atomic-file';
import type { SecretStore } from './secret-store';

export const PEPPER_FILE = 'pin-pepper.sealed';
const PEPPER_BYTES = 32;

/**
 * The device's PIN pepper: 32 random bytes made on first use, kept on disk only sealed by the
 * SecretStore. Losing the store's key (a new OS user profile) makes every PIN unverifiable, which is
 * the point: the accounts file must not be usable away from this device's main process.
 */
export const createPinPepper = (dataDir: string, secrets: SecretStore): (() => Promise<Buffer>) => {
  const file = path.join(dataDir, PEPPER_FILE);
  let pepper: Promise<Buffer> | null = null;
  const load = async (): Promise<Buffer> => {
    const sealed = await readFileIfExists(file);
    if (sealed !== null) return Buffer.from(await secrets.open(sealed));
    const fresh = randomBytes(PEPPER_BYTES);
    try {
      await writeFileAtomic(file, Buffer.from(await secrets.seal(fresh)), { exclusive: true, mode: 0o600 });
    } catch (error) {
      // Another process made it first: theirs is the pepper.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return load();
    }
    return fresh;
  };
  return () => {
    // A failure is not cached: the keyring may come back (it is asked again at the next sign-in).
    pepper ??= load().catch((error: unknown) => {
      pepper = null;
      throw error;
    });
    return pepper;
  };
};
