import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES as REGISTERED } from '../../electron/main/app-protocol';
import { APP_SCHEME_PRIVILEGES } from '../../electron/main/scheme-privileges';
import { APP_BASE_URL, APP_SCHEME } from '../../electron/main/security-policy';

/**
 * What app:// is registered with before `ready` (index.ts passes app-protocol.ts's object, which is
 * this one): standard and secure, so the page has a lasting secure origin with IndexedDB; fetch for its
 * fonts; and no privilege that would loosen the page's security.
 */
describe('the app:// scheme privileges', () => {
  it('are the ones index.ts registers, for the scheme the app is served on', () => {
    expect(REGISTERED).toBe(APP_SCHEME_PRIVILEGES);
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe(APP_SCHEME);
    expect(APP_BASE_URL.startsWith(`${APP_SCHEME}://`)).toBe(true);
  });

  it('make app:// standard and secure, with fetch — and nothing else', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
  });

  it('never bypass the CSP, allow service workers, CORS, streaming or a code cache', () => {
    const { privileges } = APP_SCHEME_PRIVILEGES;
    for (const loosening of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled', 'stream', 'codeCache'] as const) {
      expect(privileges[loosening], loosening).not.toBe(true);
    }
  });

  it('cannot be changed at run time by code that imports them', () => {
    expect(Object.isFrozen(APP_SCHEME_PRIVILEGES)).toBe(true);
    expect(Object.isFrozen(APP_SCHEME_PRIVILEGES.privileges)).toBe(true);
  });
});
