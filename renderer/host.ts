import type { HostApi, HostMethod, HostOutputs, HostInput } from '../shared/contract/host-contract';
import type { HostMessage } from '../shared/contract/host-message';
import { wordHostMessage } from '../shared/contract/host-message-text';
import type { HostError, Result } from '../shared/contract/result';
import { t } from './i18n';

declare global {
  interface Window {
    /** Installed by the preload (Electron) or the test harness: the only way to the main process. */
    readonly host?: HostApi;
  }
}

/** A host message in the UI's language (the host sends keys, never sentences). */
export const hostText = (message: HostMessage): string => wordHostMessage(t, message);

/** A refused host call: the code to branch on, the message key and parameters, worded in the UI's language. */
export class HostCallError extends Error {
  readonly code: string;
  readonly hostError: HostError;

  constructor(error: HostError) {
    super(hostText(error));
    this.code = error.code;
    this.hostError = error;
  }
}

/**
 * Codes by which main says the session is gone or locked: whoever mirrors the session listens.
 * `SESSION_ENDED`: main ended it because a central roster changed the account (session.ts).
 */
const SESSION_CODES = new Set(['NO_SESSION', 'SESSION_LOCKED', 'SESSION_ENDED']);
const sessionListeners = new Set<(code: string) => void>();

/** Called whenever main refuses a call for want of an (unlocked) session; returns the unsubscribe. */
export const onSessionRefused = (listener: (code: string) => void): (() => void) => {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
};

/** Calls the host and unwraps its result; a refusal becomes a HostCallError. */
export const callHost = async <K extends HostMethod>(method: K, arg: HostInput<K>): Promise<HostOutputs[K]> => {
  const host = window.host;
  if (!host) throw new HostCallError({ code: 'NO_HOST', key: 'host.error.unavailable' });
  const call = host[method] as unknown as (a: HostInput<K>) => Promise<Result<HostOutputs[K]>>;
  const result = await call(arg);
  if (!result.ok) {
    if (SESSION_CODES.has(result.error.code)) for (const listener of sessionListeners) listener(result.error.code);
    throw new HostCallError(result.error);
  }
  return result.value;
};
