import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostCaller } from '../../shared/contract/host-caller';
import type { HostHandlers, HostMethod } from '../../shared/contract/host-contract';
import { fail, type Result } from '../../shared/contract/result';
import { isTrustedSenderFrame, type SenderFrame } from './sender-frame';

/** What ipc.ts hands over of Electron's IpcMainInvokeEvent. */
export interface HostCallSender {
  senderFrame?: SenderFrame | null;
  sender: { id: number };
}

/**
 * One IPC call, without Electron: a frame that is not the top frame of the app's own page is refused
 * (sender-frame.ts); the caller is the applicant's window when its web contents are the one main
 * opened for the applicant (never what the page's URL says: the applicant's page could change its own
 * hash), the clerk's otherwise.
 */
export const callerOf = (event: HostCallSender, isApplicantSender: (webContentsId: number) => boolean): HostCaller =>
  isApplicantSender(event.sender.id) ? 'applicant' : 'clerk';

export const handleHostCall = (
  handlers: HostHandlers,
  method: HostMethod,
  event: HostCallSender,
  argument: unknown,
  isApplicantSender: (webContentsId: number) => boolean,
): Promise<Result<unknown>> | Result<never> => {
  if (!isTrustedSenderFrame(event.senderFrame)) return fail('SENDER_REFUSED', 'host.error.sender_refused');
  return dispatchHostCall(handlers, method, argument, callerOf(event, isApplicantSender));
};
