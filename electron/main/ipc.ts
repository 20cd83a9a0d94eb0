import type { IpcMain } from 'electron';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { hostChannel, hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import { fail } from '../../shared/contract/result';
import { isTrustedSenderFrame } from './sender-frame';

/**
 * The IPC plumbing, and nothing else: one `handle` per contract method; a call from any frame that is
 * not the top frame of the app's own page is refused (sender-frame.ts, unit-tested); everything else
 * is `dispatchHostCall`, exactly as in the tests.
 */
export const registerHostIpc = (ipcMain: IpcMain, handlers: HostHandlers): void => {
  for (const method of hostMethods) {
    ipcMain.handle(hostChannel(method), (event, arg: unknown) => {
      if (!isTrustedSenderFrame(event.senderFrame)) return fail('SENDER_REFUSED', 'host.error.sender_refused');
      return dispatchHostCall(handlers, method, arg);
    });
  }
};
