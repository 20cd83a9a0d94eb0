import { fail, type HostError, type Result } from '../../../shared/contract/result';
import { hostMessage, type HostMessage } from '../../../shared/contract/host-message';
import { serverErrorCodes, type ServerErrorCode } from '../../../shared/sync/server-error';

/**
 * Why a call to the central system did not give an answer to trust: either the server refused it
 * with one of its codes (shared/sync/server-error.ts, `reason` its Chinese sentence), or the counter
 * side stopped it — no connection, a timeout, a certificate that is not the pinned one, plain HTTP
 * beyond loopback, an answer that does not parse. `code` is stable for the engine to branch on;
 * `message` is what the status line words. Nothing here carries the token or a body.
 */
export type LocalSyncErrorCode =
  | 'NOT_ENROLLED'
  | 'ADDRESS_INVALID'
  | 'INSECURE_TRANSPORT'
  | 'CERTIFICATE_MISMATCH'
  | 'TLS_FAILED'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'BAD_RESPONSE'
  | 'RECEIPT_INVALID';

export type SyncErrorCode = ServerErrorCode | LocalSyncErrorCode;

export class SyncHttpError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly message_: HostMessage,
    /** The HTTP status when the server answered; null when it did not. */
    readonly status: number | null = null,
    /** The server's own reason (Chinese), for the supervisor's problem list; never shown as ours. */
    readonly reason: string | null = null,
    readonly path: string | null = null,
  ) {
    super(`${code}${status ? ` (HTTP ${status})` : ''}`);
  }

  /** True for a refusal that retrying the same request cannot change. */
  get permanent(): boolean {
    return ['RECORD_INVALID', 'SIGNATURE_INVALID', 'CHAIN_CONFLICT', 'DEVICE_REVOKED', 'UNAUTHENTICATED', 'BAD_REQUEST', 'BAD_JSON', 'BODY_TOO_LARGE'].includes(this.code);
  }

  toHostError(): HostError {
    return { code: this.code === 'NOT_ENROLLED' ? 'SYNC_NOT_ENROLLED' : `SYNC_${this.code}`, ...this.message_ };
  }
}

const isServerCode = (code: string): code is ServerErrorCode => (serverErrorCodes as readonly string[]).includes(code);

/** The server's refusal, worded by the counter's catalog (the key is built from the closed list of codes). */
export const serverRefusal = (code: string, status: number, reason: string | null, path: string | null): SyncHttpError =>
  isServerCode(code)
    ? new SyncHttpError(code, hostMessage(`host.sync.server.${code}` as 'host.sync.server.INTERNAL'), status, reason, path)
    : new SyncHttpError('BAD_RESPONSE', hostMessage('host.sync.bad_response', { status }), status);

/** A failure as a host answer: a SyncHttpError with its message, anything else thrown on. */
export const syncFailure = (error: unknown): Result<never> => {
  if (error instanceof SyncHttpError) return { ok: false, error: error.toHostError() };
  throw error;
};

export const notEnrolled = (): Result<never> => fail('SYNC_NOT_ENROLLED', 'host.sync.not_enrolled');
