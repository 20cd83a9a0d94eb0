/**
 * The security policy of every window and of the session, as plain decisions: security.ts hands them
 * to Electron's objects. The counter works offline and shows only its own pages, so the policy is to
 * refuse: no navigation away from app://counter, no new windows, no <webview>, no permission but
 * keeping its own storage, no request to a remote scheme, and a strict CSP on everything app:// serves.
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
  // The letter preview is drawn on a canvas: the app shows no frame of any kind.
  "frame-src 'none'",
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
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
};

/** A page may navigate (or be redirected) only within the app. */
export const allowsNavigation = (url: string): boolean => isAppUrl(url);

/** window.open and target=_blank: the counter has exactly the windows main opens. */
export const windowOpenDecision = (): { action: 'deny' } => ({ action: 'deny' });

/**
 * The one permission the counter needs: that the browser keep its IndexedDB (drafts, sealed records,
 * the audit log) under disk pressure — renderer/db/persistent-storage.ts asks at start. With a
 * permission handler set, Electron asks it for that too ('persistent-storage'), so it is named here.
 */
export const APP_PERMISSIONS: readonly string[] = ['persistent-storage'];

/**
 * Camera, microphone, notifications, clipboard, fullscreen, openExternal…: refused. A permission the
 * app needs is granted only to the app's own page (URL or origin `app://counter`) in its main frame.
 */
export const allowsPermission = (permission: string, requestingUrl?: string | null, isMainFrame = true): boolean =>
  APP_PERMISSIONS.includes(permission) && isMainFrame && isAppUrl(requestingUrl);

/** USB, HID, serial, Bluetooth: the counter talks to no device from its page (printing is main's). */
export const allowsDevice = (): boolean => false;

/** A <webview> would be a browser inside the app: never attached. */
export const allowsWebviewAttach = (): boolean => false;

/** Remote schemes the renderer must never reach: the counter works offline; sync runs in main. */
export const BLOCKED_REQUEST_PATTERNS: readonly string[] = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'];
