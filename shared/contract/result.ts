import { hostMessage, type HostMessage, type HostMessageArgs, type HostMessageKey } from './host-message';

/**
 * Every host call answers with this union instead of throwing: Electron keeps only the message of a
 * thrown error, and the renderer needs a stable code to branch on and keep the clerk's input on screen.
 * The error carries no sentence: `key` and `params` (host-message.ts) are worded by whoever shows it,
 * in that reader's language (renderer/host.ts; scripts/host-error-text.ts for the command line).
 */
export type HostError = HostMessage & {
  /** Stable machine-readable code, e.g. `PIN_WRONG`, `INVALID_ARGUMENT`. */
  code: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <K extends HostMessageKey>(code: string, key: K, ...params: HostMessageArgs<K>): Result<never> => ({
  ok: false,
  error: { code, ...hostMessage(key, ...params) },
});
