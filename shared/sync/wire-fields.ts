import { z } from 'zod';

/** Fields the counter and the central system both read on the wire. */
export const hexOf = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
export const sha256Hex = hexOf(32);
export const deviceIdField = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
export const counterIdField = z.string().regex(/^[A-Z0-9]{1,8}$/);
/** An organisation unit's id: `gd`, `gd-gz`, `gd-gz-tianhe-hall1` — lower case, digits, dashes. */
export const orgUnitIdField = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const isoTime = z.iso.datetime({ offset: true });
/** The two cryptographic suites a key belongs to (国密 SM2/SM3, or ECDSA P-256/SHA-256). */
export const suiteField = z.enum(['gm', 'intl']);
/**
 * A statement as one party signs it: the statement, the signer's suite and key id, the signature —
 * the shape of receipts, day statements and their acknowledgements alike.
 */
export const signedStatementOf = <Statement extends z.ZodType>(statement: Statement) =>
  z.object({ statement, suite: suiteField, keyId: hexOf(16), signature: hexOf(64) }).strict();
/**
 * Base64 of bytes (letter PDFs, sealed record files), bounded by the batch limit, not here. Checked by
 * a search for a stray character rather than the anchored pattern it publishes: over the megabytes of
 * a push batch that pattern alone costs more than every hash of the batch.
 */
const BASE64_PATTERN = '^[A-Za-z0-9+/]*={0,2}$';
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const isBase64 = (text: string): boolean => {
  if (NOT_BASE64.test(text)) return false;
  const padding = text.indexOf('=');
  return padding === -1 || (padding >= text.length - 2 && (padding === text.length - 1 || text[padding + 1] === '='));
};
export const base64Field = z.string().refine(isBase64, '不是 base64').meta({ pattern: BASE64_PATTERN, contentEncoding: 'base64' });
