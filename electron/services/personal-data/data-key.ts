import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';
import type { SuiteName } from '../crypto/suite';
import type { SecretStore } from '../secret-store';

export const DATA_KEY_FILE = 'data-key.sealed';
const SECRET_BYTES = 32;
const BLIND_INDEX_KEY_BYTES = 32;

/**
 * The keys personal data at rest is protected with, derived from one device data secret. They live
 * in main's memory only: the renderer gets sealed text and, for the signed-in session, plain data,
 * never a key.
 */
export interface DataKeys {
  /** `suite.keyBytes` bytes (16 for SM4, 32 for AES-256), for the suite's AEAD. */
  readonly encryptionKey: Uint8Array;
  /** 32 bytes for the HMAC of the blind index (lookup by ID number without storing it). */
  readonly blindIndexKey: Uint8Array;
  /** False when the SecretStore is safeStorage's plain-text backend or a key file: see secret-store.ts. */
  readonly protectedByOs: boolean;
  readonly backend: string;
}

/**
 * HKDF with SHA-256 in both suites: node:crypto derives with it natively (Electron's BoringSSL has no
 * SM3), and the derivation never leaves this device — nothing outside has to re-derive these keys, so
 * the suite's hash buys no interoperability here. The suite's name is in the info, so the SM4 key is
 * not the first half of the AES key a deployment that changes suite would derive.
 */
const derive = (secret: Uint8Array, info: string, bytes: number): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `commitment-counter/personal-data/${info}`, bytes));

/**
 * The 32-byte device data secret: made on first use, kept on disk only sealed by the SecretStore
 * (`<dataDir>/data-key.sealed`, 0600). Losing the store's key (another OS profile) makes every sealed
 * draft unreadable, which is the point: a copy of the browser profile must not be readable elsewhere.
 */
const loadSecret = async (file: string, secrets: SecretStore): Promise<Uint8Array> => {
  const sealed = await readFileIfExists(file);
  if (sealed !== null) {
    const secret = await secrets.open(sealed);
    if (secret.length !== SECRET_BYTES) throw new Error('data key: unsealed secret has the wrong length');
    return secret;
  }
  const fresh = randomBytes(SECRET_BYTES);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFileAtomic(file, Buffer.from(await secrets.seal(fresh)), { exclusive: true, mode: 0o600 });
  } catch (error) {
    // Another caller made it first (both windows' first draft at once): theirs is the secret.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSecret(file, secrets);
  }
  return new Uint8Array(fresh);
};

export interface DataKeyOptions {
  dataDir: string;
  secrets: SecretStore;
  suite: SuiteName;
  /** Bytes of the suite's AEAD key (`suite.keyBytes`). */
  keyBytes: number;
}

/** The data keys of this device, made (and sealed to disk) the first time they are asked for. */
export const openDataKeys = async (options: DataKeyOptions): Promise<DataKeys> => {
  const secret = await loadSecret(path.join(options.dataDir, DATA_KEY_FILE), options.secrets);
  return {
    encryptionKey: derive(secret, `encryption/${options.suite}/v1`, options.keyBytes),
    blindIndexKey: derive(secret, 'blind-index/v1', BLIND_INDEX_KEY_BYTES),
    protectedByOs: options.secrets.protectedByOs,
    backend: options.secrets.backend,
  };
};

/**
 * The raw device data secret, for main's escrow deposit alone (sync/escrow.ts wraps it under the
 * central system's escrow key before it leaves main): never answered to a window, never logged.
 */
export const readDataSecret = (options: { dataDir: string; secrets: SecretStore }): Promise<Uint8Array> =>
  loadSecret(path.join(options.dataDir, DATA_KEY_FILE), options.secrets);
