import type { Session, WebContents } from 'electron';

/**
 * The security policy of every window and of the session: a strict CSP on everything app:// serves,
 * no navigation away from the app, no new windows, no <webview>, no permissions, no network.
 * Only types come from Electron here; the objects are passed in by index.ts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_BASE_URL = `${APP_SCHEME}://${APP_HOST}/`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // The letter preview is a PDF in a blob: URL shown in an <iframe> (<embed>/<object> stay blocked).
  "frame-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers added to every app:// response. */
export const securityHeaders = (): Record<string, string> => ({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
});

/**
 * Whether a URL belongs to the app: exactly `app://counter`, no user info, no port. (The URL parser
 * gives custom schemes the origin "null", so the parts are compared instead of `origin`; a prefix test
 * would let `app://counter.evil` or `app://counter@evil` through.)
 */
export const isAppUrl = (url: string | null | undefined): boolean => {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
};

/** Remote schemes the renderer must never reach: the counter works offline; sync runs in main. */
const BLOCKED_REQUESTS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];

export const hardenSession = (session: Session): void => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUESTS }, (_details, callback) => callback({ cancel: true }));
};

export const hardenWebContents = (contents: WebContents): void => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
};
