import { contextBridge, ipcRenderer } from 'electron';
import type { HostApi } from '../../shared/contract/host-contract';
import { hostChannel, hostMethods } from '../../shared/contract/host-methods';

/**
 * The only thing the page gets: `window.host`, one function per contract method, each a request to
 * the main process. No ipcRenderer, no events, no Node.
 */
const host = Object.fromEntries(
  hostMethods.map((method) => [method, (arg: unknown) => ipcRenderer.invoke(hostChannel(method), arg)]),
) as unknown as HostApi;

contextBridge.exposeInMainWorld('host', host);
