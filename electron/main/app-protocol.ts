import type { CustomScheme, Protocol } from 'electron';
import { respondToAppRequest } from './app-request';
import { APP_SCHEME_PRIVILEGES as APP_SCHEME_PRIVILEGES_PLAIN } from './scheme-privileges';
import { APP_SCHEME } from './security-policy';

/**
 * `app://counter/` serves the built renderer (dist/renderer) through app-request.ts. The scheme is
 * registered privileged (standard + secure + fetch, scheme-privileges.ts) before `ready`: IndexedDB and
 * other storage exist only on standard secure origins, and the origin must stay the same forever or the
 * local database would appear empty. Typed here against Electron's own CustomScheme.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = APP_SCHEME_PRIVILEGES_PLAIN;

export const serveAppProtocol = (protocol: Pick<Protocol, 'handle'>, rendererDir: string): void => {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(rendererDir, request));
};
