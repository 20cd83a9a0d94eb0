import { APP_SCHEME } from './security-policy';

/**
 * The privileges app:// is registered with before `ready` (index.ts, through app-protocol.ts), as plain
 * data so a unit test pins them. Exactly what the app needs and nothing more:
 * - `standard`: app://counter/… parses as a URL with a host, so the page has a real origin and
 *   relative URLs, and the origin never changes (the local database is keyed by it);
 * - `secure`: a secure context, without which IndexedDB, WebCrypto's subtle and storage persistence
 *   are missing;
 * - `supportFetchAPI`: the renderer fetches its own fonts with fetch().
 * Never `bypassCSP` (the page's CSP must hold), nor service workers, CORS to others, streaming or a
 * code cache: nothing the counter uses.
 */
export interface SchemePrivileges {
  standard?: boolean;
  secure?: boolean;
  bypassCSP?: boolean;
  allowServiceWorkers?: boolean;
  supportFetchAPI?: boolean;
  corsEnabled?: boolean;
  stream?: boolean;
  codeCache?: boolean;
}

export const APP_SCHEME_PRIVILEGES: { readonly scheme: string; readonly privileges: Readonly<SchemePrivileges> } = Object.freeze({
  scheme: APP_SCHEME,
  privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: true }),
});
