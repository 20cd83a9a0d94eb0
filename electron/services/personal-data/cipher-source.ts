import path from 'node:path';
import type { SuiteName } from '../crypto/suite';
import { FALLBACK_SECRET_KEY_FILE } from '../identity';
import { createKeyFileSecretStore } from '../key-file-secret-store';
import type { SecretStore } from '../secret-store';
import { createPersonalDataCipher, type PersonalDataCipher } from './personal-data-cipher';

export interface CipherSourceOptions {
  dataDir: string;
  /** safeStorage in the app; without one, the key file the folder's other secrets use (identity.ts). */
  secrets?: SecretStore;
  /**
   * The deployment's suite (`gm` unless it chooses `intl`): SM4-GCM or AES-256-GCM. A function reads
   * it when the cipher is first needed (the app's device settings, chosen at first start).
   */
  cryptoSuite?: SuiteName | (() => Promise<SuiteName>);
}

/** The data key could not be opened (keyring gone, another profile's key file): only the kind of failure. */
export class DataKeyUnavailable extends Error {
  readonly reason: string;
  constructor(cause: unknown) {
    super('data key unavailable');
    this.reason = cause instanceof Error ? (('code' in cause && String(cause.code)) || cause.name) : 'unknown';
  }
}

/**
 * The device's one personal-data cipher, made on first use and then kept for the life of the
 * process; a failure is not kept, so a keyring that comes back is asked again. Drafts, main's record
 * index and the record files all go through the same instance.
 */
export const personalDataCipherSource = (options: CipherSourceOptions): (() => Promise<PersonalDataCipher>) => {
  // One cipher per suite: a lazy suite read before the device is configured answers the default, and
  // the one chosen at first start must not then be shadowed by a cipher made for that default.
  const ciphers = new Map<SuiteName, Promise<PersonalDataCipher>>();
  const suiteOf = async (): Promise<SuiteName> =>
    typeof options.cryptoSuite === 'function' ? options.cryptoSuite() : (options.cryptoSuite ?? 'gm');
  return async () => {
    const suite = await suiteOf();
    let cipher = ciphers.get(suite);
    if (!cipher) {
      cipher = createPersonalDataCipher({
        dataDir: options.dataDir,
        secrets: options.secrets ?? createKeyFileSecretStore(path.join(options.dataDir, FALLBACK_SECRET_KEY_FILE)),
        suite,
      }).catch((error: unknown) => {
        ciphers.delete(suite);
        throw new DataKeyUnavailable(error);
      });
      ciphers.set(suite, cipher);
    }
    return cipher;
  };
};
