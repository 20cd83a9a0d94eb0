import { describe, expect, it } from 'vitest';
import { isTrustedSenderFrame, type SenderFrame } from '../../electron/main/sender-frame';

/**
 * The sender check of every IPC call, against spoofed frames: only the top frame of a window on
 * app://counter passes.
 */
const frame = (url: string, extra: Partial<SenderFrame> & { destroyed?: boolean } = {}): SenderFrame => {
  const { destroyed = false, ...rest } = extra;
  return { url, parent: null, detached: false, isDestroyed: () => destroyed, ...rest };
};
const appPage = frame('app://counter/');

describe('the sender of a host call', () => {
  it.each(['app://counter/', 'app://counter/#/applicant', 'app://counter/index.html?x=1'])('is the app’s page: %s', (url) => {
    expect(isTrustedSenderFrame(frame(url))).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'app://counter.evil/',
    'app://counter@evil/',
    'app://evil/',
    'file:///opt/counter/resources/app.asar/dist/renderer/index.html',
    'file:///C:/Users/clerk/evil.html',
    'about:blank',
    'about:srcdoc',
    'data:text/html,<script>host.signIn()</script>',
    'blob:app://counter/6f1c',
    'javascript:void 0',
    'devtools://devtools/bundled/inspector.html',
    'chrome-error://chromewebdata/',
    '',
  ])('is refused from another page: %s', (url) => {
    expect(isTrustedSenderFrame(frame(url))).toBe(false);
  });

  it('is refused from a subframe, even one on the app’s own origin', () => {
    expect(isTrustedSenderFrame(frame('app://counter/', { parent: appPage }))).toBe(false);
    expect(isTrustedSenderFrame(frame('about:blank', { parent: appPage }))).toBe(false);
    expect(isTrustedSenderFrame(frame('https://evil.example/', { parent: appPage }))).toBe(false);
  });

  it('is refused when the frame is gone: none, destroyed, detached, or throwing when read', () => {
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
    expect(isTrustedSenderFrame(frame('app://counter/', { destroyed: true }))).toBe(false);
    expect(isTrustedSenderFrame(frame('app://counter/', { detached: true }))).toBe(false);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    } as SenderFrame;
    expect(isTrustedSenderFrame(disposed)).toBe(false);
    const disposedParent = { url: 'app://counter/', get parent(): SenderFrame | null { throw new Error('disposed'); } } as SenderFrame;
    expect(isTrustedSenderFrame(disposedParent)).toBe(false);
  });

  it('is judged by its URL when a stand-in leaves out what Electron always sets (a top frame, alive)', () => {
    expect(isTrustedSenderFrame({ url: 'app://counter/' })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://counter/', parent: { url: 'https://evil.example/' } })).toBe(false);
  });
});
