import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostCaller } from '../../shared/contract/host-caller';
import type { HostHandlers, HostMethod } from '../../shared/contract/host-contract';
import { fail, type Result } from '../../shared/contract/result';
import { isAppUrl } from './security-policy';

/** What ipc.ts hands over of Electron's IpcMainInvokeEvent. */
export interface HostCallSender {
  senderFrame?: { url: string } | null;
  sender: { id: number };
}

/**
 * One IPC call, without Electron: a frame that is not the app's own page is refused; the caller is
 * the applicant's window when its web contents are the one main opened for the applicant (never
 * what the page's URL says: the applicant's page could change its own hash), the clerk's otherwise.
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
  if (!isAppUrl(event.senderFrame?.url)) return fail('SENDER_REFUSED', 'host.error.sender_refused');
  return dispatchHostCall(handlers, method, argument, callerOf(event, isApplicantSender));
};
