import { isAppUrl } from './security-policy';

/** What the check reads of Electron's WebFrameMain (`event.senderFrame` of an IPC call). */
export interface SenderFrame {
  readonly url: string;
  /** `null` for a top frame (Electron always sets it; a stand-in may leave it out). */
  readonly parent?: SenderFrame | null;
  readonly detached?: boolean;
  isDestroyed?(): boolean;
}

/**
 * Whether an IPC call comes from the app's own page (Electron's checklist: validate the sender of all
 * IPC messages). Only the top frame of a window showing `app://counter` may call the host: the app
 * shows no frame of its own, so a subframe — even one on the app's origin — is someone else's page
 * (or the app's page framed to be driven); an `about:blank` or `file://` page, another origin, a frame
 * that has navigated away, been detached or destroyed (Electron then gives `null`, or throws when
 * the frame is read) is refused. Electron-free, so the unit tests hand it spoofed frames.
 */
export const isTrustedSenderFrame = (frame: SenderFrame | null | undefined): boolean => {
  if (!frame) return false;
  try {
    if (typeof frame.isDestroyed === 'function' && frame.isDestroyed()) return false;
    if (frame.detached === true) return false;
    if (frame.parent) return false;
    return isAppUrl(frame.url);
  } catch {
    // A frame disposed while the call was on its way throws on every read.
    return false;
  }
};
