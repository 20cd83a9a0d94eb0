import path from 'node:path';
import type { SuiteName } from '../crypto/suite';
import { openDeviceSigner, type DeviceSigner } from '../device-key';
import { createKeyFileSecretStore } from '../key-file-secret-store';
import type { SecretStore } from '../secret-store';

export interface DeviceSignerSourceOptions {
  dataDir: string;
  /** safeStorage in the app; where it is absent, a key file in the data folder (not OS-protected). */
  secrets?: SecretStore;
  /** The deployment's suite; `gm` unless the deployment chooses `intl`. */
  suite?: SuiteName;
  now?: () => Date;
}

/** The same file name the PIN pepper's fallback store uses, so one data folder has one key file. */
const FALLBACK_KEY_FILE = 'secret-store.key';

/**
 * The device signer, opened (or made) on the first signature, then kept in memory for the life of
 * the process. A failure is not kept: the next call tries again.
 */
export const deviceSignerSource = (options: DeviceSignerSourceOptions): (() => Promise<DeviceSigner>) => {
  let signer: Promise<DeviceSigner> | null = null;
  return () =>
    (signer ??= openDeviceSigner({
      dataDir: options.dataDir,
      secrets: options.secrets ?? createKeyFileSecretStore(path.join(options.dataDir, FALLBACK_KEY_FILE)),
      suite: options.suite ?? 'gm',
      ...(options.now ? { now: options.now } : {}),
    }).catch((error: unknown) => {
      signer = null;
      throw error;
    }));
};
