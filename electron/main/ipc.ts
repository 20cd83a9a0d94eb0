import type { IpcMain } from 'electron';
import { hostChannel, hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import { handleHostCall } from './host-call';

/**
 * The IPC plumbing, and nothing else: one `handle` per contract method; what to do with a call —
 * the sender frame check, which window it comes from, `dispatchHostCall` — is host-call.ts.
 */
export const registerHostIpc = (ipcMain: IpcMain, handlers: HostHandlers, isApplicantSender: (webContentsId: number) => boolean): void => {
  for (const method of hostMethods) {
    ipcMain.handle(hostChannel(method), (event, arg: unknown) => handleHostCall(handlers, method, event, arg, isApplicantSender));
  }
};
