import { z } from 'zod';

/**
 * Every refusal of the central system: a stable code the counter words in its own language (the
 * message catalogs key on it), and a reason in Chinese for an administrator reading logs or curl
 * output. Nothing is written when a request is refused.
 */
export const serverErrorCodes = [
  'BAD_JSON',
  'BAD_REQUEST',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'DEVICE_REVOKED',
  'ENROLLMENT_CODE_INVALID',
  'ENROLLMENT_CODE_USED',
  'ENROLLMENT_CODE_EXPIRED',
  'DEVICE_ALREADY_ENROLLED',
  /** The central system has no escrow key yet: it enrolls no device until it has one. */
  'ESCROW_KEY_MISSING',
  /** The device deposited another wrapped key before: a deposit is never replaced. */
  'ESCROW_CONFLICT',
  'RECORD_INVALID',
  'SIGNATURE_INVALID',
  'CHAIN_CONFLICT',
  'DAY_NOT_RECONCILED',
  'INTERNAL',
] as const;
export type ServerErrorCode = (typeof serverErrorCodes)[number];

export const serverErrorSchema = z
  .object({
    error: z
      .object({
        code: z.enum(serverErrorCodes),
        reason: z.string(),
        /** Where in the request the problem is (`ledger[3].file`), when it is one place. */
        path: z.string().optional(),
      })
      .strict(),
  })
  .strict();
export type ServerError = z.infer<typeof serverErrorSchema>;
