import { safeStorage } from 'electron';
import type { SecretStore } from '../services/secret-store';

/**
 * Electron's safeStorage as the SecretStore: DPAPI on Windows, the keyring (libsecret, kwallet) on
 * Linux. Its `basic_text` backend (Linux without a keyring) protects nothing: `protectedByOs` is
 * then false, and startup says so loudly.
 */
export const createSafeStorageSecretStore = (): SecretStore => {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'win32' ? 'dpapi' : 'keychain';
  return {
    protectedByOs: safeStorage.isEncryptionAvailable() && backend !== 'basic_text',
    backend: `safeStorage (${backend})`,
    seal: async (plain) => {
      if (!safeStorage.isEncryptionAvailable()) throw Object.assign(new Error('safeStorage unavailable'), { code: 'SECRET_STORE_UNAVAILABLE' });
      // safeStorage encrypts strings only: the bytes travel as base64.
      return new Uint8Array(safeStorage.encryptString(Buffer.from(plain).toString('base64')));
    },
    open: async (sealed) => {
      if (!safeStorage.isEncryptionAvailable()) throw Object.assign(new Error('safeStorage unavailable'), { code: 'SECRET_STORE_UNAVAILABLE' });
      return new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64'));
    },
  };
};
