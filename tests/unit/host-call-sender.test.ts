import { describe, expect, it } from 'vitest';
import { handleHostCall } from '../../electron/main/host-call';
import type { SenderFrame } from '../../electron/main/sender-frame';
import { hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import { ok, type Result } from '../../shared/contract/result';

/**
 * The IPC entry (host-call.ts, what ipc.ts hands every call to) applies the sender check of
 * sender-frame.ts before anything else: a spoofed frame never reaches a handler.
 */
const reached: string[] = [];
const handlers = Object.fromEntries(hostMethods.map((method) => [method, async () => (reached.push(method), ok({}))])) as unknown as HostHandlers;

const callFrom = async (senderFrame: SenderFrame | null): Promise<string> => {
  const result = (await handleHostCall(handlers, 'getSetup', { sender: { id: 1 }, senderFrame }, {}, () => false)) as Result<unknown>;
  return result.ok ? 'OK' : result.error.code;
};

const top = (url: string, extra: Partial<SenderFrame> = {}): SenderFrame => ({ url, parent: null, detached: false, isDestroyed: () => false, ...extra });

describe('a host call over IPC', () => {
  it('from the app’s own top frame reaches the contract', async () => {
    reached.length = 0;
    expect(await callFrom(top('app://counter/'))).toBe('OK');
    expect(reached).toEqual(['getSetup']);
  });

  it.each([
    ['a subframe on the app’s origin', top('app://counter/', { parent: top('app://counter/') })],
    ['a destroyed frame', top('app://counter/', { isDestroyed: () => true })],
    ['a detached frame', top('app://counter/', { detached: true })],
    ['about:blank', top('about:blank')],
    ['file://', top('file:///opt/counter/index.html')],
    ['another origin', top('https://evil.example/')],
    ['no frame (navigated away)', null],
  ])('from %s is refused before any handler', async (_name, frame) => {
    reached.length = 0;
    expect(await callFrom(frame)).toBe('SENDER_REFUSED');
    expect(reached).toEqual([]);
  });
});
