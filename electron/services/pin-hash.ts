import { createHmac, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * How a PIN is stored: scrypt over HMAC-SHA-256(pepper, PIN) with a random salt per account. The
 * pepper is a device secret held by main through the SecretStore (safeStorage in the app), never in
 * the accounts file, so a copied accounts file alone gives nothing to guess a six-digit PIN against.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

/**
 * OWASP Password Storage Cheat Sheet: scrypt with N ≥ 2^17, r = 8 (1024-byte blocks), p = 1 — 128 MiB
 * and about 0.28 s per check on the 2-core build machine (bench `signin_ms`).
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1, keylen: 32 };

export const scryptAsync = (secret: string | Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 128 * params.N * params.r * 2 + 1024 * 1024 };
    scrypt(secret, salt, params.keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** `pepper === null`: an account from before peppers (clerks.json), checked as it was hashed. */
export const pinSecret = (pin: string, pepper: Buffer | null): string | Buffer =>
  pepper === null ? pin : createHmac('sha256', pepper).update(pin, 'utf8').digest();

export const hashMatches = async (pin: string, pepper: Buffer | null, salt: Buffer, expected: Buffer, params: ScryptParams): Promise<boolean> => {
  const actual = await scryptAsync(pinSecret(pin, pepper), salt, params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
