import type { ServerErrorCode } from '../../shared/sync/server-error';

/** A refusal a handler throws: the status, the code and a reason in Chinese; nothing was written. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    readonly reason: string,
    readonly path?: string,
  ) {
    super(`${code}: ${reason}`);
  }
}

export const problemBody = (code: ServerErrorCode, reason: string, path?: string) => ({ error: { code, reason, ...(path ? { path } : {}) } });
