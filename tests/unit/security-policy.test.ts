import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, type HardenableSession, type HardenableWebContents } from '../../electron/main/security';
import { allowsNavigation, CONTENT_SECURITY_POLICY, isAppUrl, securityHeaders } from '../../electron/main/security-policy';

/** The CSP as directive → sources. */
const directives = (policy: string): Map<string, string[]> =>
  new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );

describe('the content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('lets scripts, styles and connections come only from the app itself — no inline, no eval', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('font-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|wss?:/);
  });

  it('blocks plug-in objects, frames of any kind and framing of the app', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
  });

  it('is sent with nosniff, no referrer and an isolated opener on every response', () => {
    expect(securityHeaders()).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});

describe('which URLs are the app', () => {
  it.each(['app://counter/', 'app://counter', 'app://counter/#/applicant', 'app://counter/index.html?x=1'])('%s is', (url) => {
    expect(isAppUrl(url)).toBe(true);
    expect(allowsNavigation(url)).toBe(true);
  });

  it.each([
    'app://counter.evil/',
    'app://counter@evil/',
    'app://user@counter/',
    'app://user:pw@counter/',
    'app://counter:8080/',
    'app://evil/',
    'http://counter/',
    'https://example.gov.cn/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<p>x</p>',
    'blob:app://counter/0b7e',
    'not a url',
    '',
  ])('%s is not, and is never navigated to', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(allowsNavigation(url)).toBe(false);
  });

  it('no URL at all (a frame without one) is not the app', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

/** A web contents that records what security.ts registers, so the events can be played to it. */
const fakeWebContents = () => {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: (name: string, listener: (event: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
      openHandler = handler;
    },
  };
  /** Whether the page's attempt was stopped. */
  const stopped = (name: string, url?: string): boolean => {
    const event = { preventDefault: vi.fn() };
    const listener = listeners.get(name);
    if (!listener) throw new Error(`no ${name} listener`);
    listener(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as HardenableWebContents, stopped, open: (url: string) => openHandler?.({ url }) };
};

describe('every web contents', () => {
  it('stays on the app: navigations and redirects elsewhere are stopped, within the app they go ahead', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fake.stopped(event, 'https://evil.example/')).toBe(true);
      expect(fake.stopped(event, 'file:///C:/Windows/')).toBe(true);
      expect(fake.stopped(event, 'app://counter.evil/')).toBe(true);
      expect(fake.stopped(event, 'app://counter/#/applicant')).toBe(false);
    }
  });

  it('opens no window, not even one of the app’s own pages', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    expect(fake.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(fake.open('app://counter/')).toEqual({ action: 'deny' });
  });

  it('never attaches a <webview>', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents);
    expect(fake.stopped('will-attach-webview')).toBe(true);
  });
});

describe('the session', () => {
  const fakeSession = () => {
    const registered: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: { requestingUrl: string; isMainFrame: boolean }) => void;
      check?: (contents: unknown, permission: string, requestingOrigin?: string, details?: { isMainFrame: boolean }) => boolean;
      device?: (details: { deviceType: string }) => boolean;
      blocked?: { urls: string[] };
      onRequest?: (details: unknown, callback: (response: { cancel?: boolean }) => void) => void;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof registered.request) => void (registered.request = handler),
      setPermissionCheckHandler: (handler: typeof registered.check) => void (registered.check = handler),
      setDevicePermissionHandler: (handler: typeof registered.device) => void (registered.device = handler),
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, listener: typeof registered.onRequest) => {
          registered.blocked = filter;
          registered.onRequest = listener;
        },
      },
    };
    hardenSession(session as unknown as HardenableSession);
    return registered;
  };

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial'])(
    'refuses the permission %s, asked or checked',
    (permission) => {
      const session = fakeSession();
      const answers: boolean[] = [];
      session.request!(null, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(session.check!(null, permission)).toBe(false);
    },
  );

  it('refuses every device (USB, HID, serial)', () => {
    const session = fakeSession();
    for (const deviceType of ['usb', 'hid', 'serial']) expect(session.device!({ deviceType })).toBe(false);
  });

  it('cancels every request to a remote scheme', () => {
    const session = fakeSession();
    expect([...session.blocked!.urls].sort()).toEqual(['ftp://*/*', 'http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    const answers: Array<{ cancel?: boolean }> = [];
    session.onRequest!({ url: 'https://example.com/' }, (response) => answers.push(response));
    expect(answers).toEqual([{ cancel: true }]);
  });
});

/** Every permission Electron's own typings name, read from the installed release: an upgrade that adds one is covered. */
const electronPermissions = (): string[] => {
  const typings = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  const union = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:, *'[^']+')*?)(?:, callback)/.exec(typings);
  const names = [...(union?.[1] ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1]!);
  return names;
};

describe('permissions: all refused but what the app needs, and that only to the app', () => {
  const sessionWithPolicy = () => {
    const handlers: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
      check?: (contents: unknown, permission: string, requestingOrigin: string, details: { isMainFrame: boolean }) => boolean;
    } = {};
    hardenSession({
      setPermissionRequestHandler: (handler: typeof handlers.request) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler: typeof handlers.check) => void (handlers.check = handler),
      setDevicePermissionHandler: () => undefined,
      webRequest: { onBeforeRequest: () => undefined },
    } as unknown as HardenableSession);
    const asked = (permission: string, requestingUrl: string, isMainFrame = true): boolean => {
      const answers: boolean[] = [];
      handlers.request!(null, permission, (granted) => answers.push(granted), { requestingUrl, isMainFrame });
      expect(answers).toHaveLength(1);
      return answers[0]!;
    };
    const checked = (permission: string, origin: string, isMainFrame = true): boolean => handlers.check!(null, permission, origin, { isMainFrame });
    return { asked, checked };
  };

  it('names every permission of the installed Electron in the check below', () => {
    const names = electronPermissions();
    expect(names.length).toBeGreaterThan(30);
    expect(names).toEqual(expect.arrayContaining(['media', 'notifications', 'openExternal', 'persistent-storage', 'fullscreen', 'clipboard-read']));
  });

  it('grants the app’s own page only that its storage be kept (navigator.storage.persist / persisted)', () => {
    const { asked, checked } = sessionWithPolicy();
    expect(asked('persistent-storage', 'app://counter/')).toBe(true);
    expect(asked('persistent-storage', 'app://counter/#/applicant')).toBe(true);
    expect(checked('persistent-storage', 'app://counter')).toBe(true);
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://counter.evil/', 'app://counter@evil/', 'about:blank', ''])(
    'refuses even that to another page: %s',
    (url) => {
      const { asked, checked } = sessionWithPolicy();
      expect(asked('persistent-storage', url)).toBe(false);
      expect(checked('persistent-storage', url)).toBe(false);
    },
  );

  it('refuses it to a subframe of the app', () => {
    const { asked, checked } = sessionWithPolicy();
    expect(asked('persistent-storage', 'app://counter/', false)).toBe(false);
    expect(checked('persistent-storage', 'app://counter', false)).toBe(false);
  });

  it('refuses every other permission Electron knows, even to the app’s own page', () => {
    const { asked, checked } = sessionWithPolicy();
    const granted = electronPermissions().filter((permission) => asked(permission, 'app://counter/') || checked(permission, 'app://counter'));
    expect(granted).toEqual(['persistent-storage']);
  });
});
