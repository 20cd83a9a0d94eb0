import type { Session, WebContents } from 'electron';
import { allowsDevice, allowsNavigation, allowsPermission, allowsWebviewAttach, BLOCKED_REQUEST_PATTERNS, windowOpenDecision } from './security-policy';

/**
 * Hands the security policy (security-policy.ts) to Electron's session and to every web contents.
 * Only types come from Electron here; the objects are passed in by index.ts, so the tests pass fakes.
 */
export { APP_BASE_URL, APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, securityHeaders } from './security-policy';

export type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

export const hardenSession = (session: HardenableSession): void => {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details?.requestingUrl, details?.isMainFrame ?? false)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowsPermission(permission, requestingOrigin, details?.isMainFrame ?? false),
  );
  session.setDevicePermissionHandler(() => allowsDevice());
  session.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_PATTERNS] }, (_details, callback) => callback({ cancel: true }));
};

export type HardenableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export const hardenWebContents = (contents: HardenableWebContents): void => {
  contents.on('will-navigate', (event, url) => {
    if (!allowsNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowsNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-attach-webview', (event) => {
    if (!allowsWebviewAttach()) event.preventDefault();
  });
};
