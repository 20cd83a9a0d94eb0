/**
 * Secrets only the main process may read (the PIN pepper, the device's private signing key, the data
 * key): sealed under a key the operating system keeps for this user, and written to disk only sealed.
 *
 * In the app this is Electron's safeStorage (electron/main wires it in; services never import Electron).
 * Where safeStorage has nothing better than its plain-text backend (Linux without a keyring:
 * `getSelectedStorageBackend() === 'basic_text'`), `protectedByOs` is false and the app says so loudly:
 * the secrets are then only as safe as the file permissions.
 */
export interface SecretStore {
  /** False when the OS offers no real protection (safeStorage's basic_text backend, or a key file). */
  readonly protectedByOs: boolean;
  /** A name for logs and the settings page, e.g. `safeStorage (gnome_libsecret)`; never secret. */
  readonly backend: string;
  seal(plain: Uint8Array): Promise<Uint8Array>;
  open(sealed: Uint8Array): Promise<Uint8Array>;
}
