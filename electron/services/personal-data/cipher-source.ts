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
  /** The deployment's suite (`gm` unless it chooses `intl`): SM4-GCM or AES-256-GCM. */
  cryptoSuite?: SuiteName;
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
  let cipher: Promise<PersonalDataCipher> | null = null;
  return () =>
    (cipher ??= createPersonalDataCipher({
      dataDir: options.dataDir,
      secrets: options.secrets ?? createKeyFileSecretStore(path.join(options.dataDir, FALLBACK_SECRET_KEY_FILE)),
      suite: options.cryptoSuite ?? 'gm',
    }).catch((error: unknown) => {
      cipher = null;
      throw new DataKeyUnavailable(error);
    }));
};
