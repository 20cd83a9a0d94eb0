import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hostChannel, hostMethods } from '../../shared/contract/host-methods';

/**
 * Electron's checklist: do not expose Electron APIs to untrusted web content. The preload, run against
 * a stand-in for Electron's contextBridge and ipcRenderer, exposes exactly one object, `host`, with one
 * function per contract method, each a single invoke on that method's channel — never ipcRenderer, its
 * events or a generic send.
 */
const exposed: Array<{ key: string; api: unknown }> = [];
const invoke = vi.fn(async (channel: string, arg: unknown) => ({ ok: true, value: { channel, arg } }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push({ key, api }) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
}));

beforeAll(async () => {
  await import('../../electron/preload/index');
});

describe('the preload', () => {
  it('exposes one object, window.host, and nothing else', () => {
    expect(exposed.map(({ key }) => key)).toEqual(['host']);
  });

  it('has exactly the contract’s methods, all plain functions, and no Electron object among them', () => {
    const host = exposed[0]!.api as Record<string, unknown>;
    expect(Object.keys(host).sort()).toEqual([...hostMethods].sort());
    for (const value of Object.values(host)) {
      expect(typeof value).toBe('function');
      expect(Object.keys(value as object)).toEqual([]);
    }
    expect(Object.getPrototypeOf(host)).toBe(Object.prototype);
  });

  it('makes each method one invoke on that method’s own channel, with the argument as given', async () => {
    const host = exposed[0]!.api as Record<string, (arg: unknown) => Promise<unknown>>;
    for (const method of hostMethods) {
      invoke.mockClear();
      const arg = { probe: method };
      await expect(host[method]!(arg)).resolves.toEqual({ ok: true, value: { channel: hostChannel(method), arg } });
      expect(invoke).toHaveBeenCalledTimes(1);
      expect(invoke).toHaveBeenCalledWith(hostChannel(method), arg);
    }
  });
});
