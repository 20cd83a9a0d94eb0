import type { CustomScheme, Protocol } from 'electron';
import { respondToAppRequest } from './app-request';
import { APP_SCHEME } from './security-policy';

/**
 * `app://counter/` serves the built renderer (dist/renderer) through app-request.ts. The scheme is
 * registered privileged as standard + secure before `ready`: IndexedDB and other storage exist only on
 * standard secure origins, and the origin must stay the same forever or the local database would
 * appear empty.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export const serveAppProtocol = (protocol: Pick<Protocol, 'handle'>, rendererDir: string): void => {
  protocol.handle(APP_SCHEME, (request) => respondToAppRequest(rendererDir, request));
};
