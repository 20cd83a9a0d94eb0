/**
 * Every host call answers with this union instead of throwing: Electron keeps only the message of a
 * thrown error, and the renderer needs a stable code to pick the right Chinese message and keep the
 * clerk's input on screen.
 */
export interface HostError {
  /** Stable machine-readable code, e.g. `PIN_WRONG`, `INVALID_ARGUMENT`. */
  code: string;
  /** A sentence in Simplified Chinese that can be shown to the clerk as it is. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: HostError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } });
