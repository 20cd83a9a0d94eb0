import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { CryptoSuite } from './suite';

/** `intl`: ECDSA P-256 / SHA-256 / AES-256-GCM, all from node:crypto (BoringSSL in Electron). */
const COORD = 32;
const NONCE = 12;
const TAG = 16;

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

const publicJwk = (publicKey: Uint8Array) => {
  if (publicKey.length !== 1 + 2 * COORD || publicKey[0] !== 0x04) throw new RangeError('P-256 public key must be an uncompressed point');
  return { kty: 'EC', crv: 'P-256', x: b64url(publicKey.subarray(1, 1 + COORD)), y: b64url(publicKey.subarray(1 + COORD)) };
};

const privateKeyObject = (privateKey: Uint8Array, publicKey: Uint8Array): KeyObject =>
  createPrivateKey({ key: { ...publicJwk(publicKey), d: b64url(privateKey) }, format: 'jwk' });

const fromB64url = (text: string | undefined): Buffer => {
  const bytes = Buffer.from(text ?? '', 'base64url');
  if (bytes.length !== COORD) throw new Error('P-256 key coordinate has the wrong length');
  return bytes;
};

export const createIntlSuite = (): CryptoSuite => ({
  name: 'intl',
  algorithms: { signature: 'ECDSA P-256 / SHA-256', hash: 'SHA-256', cipher: 'AES-256-GCM' },
  hash: (data) => new Uint8Array(createHash('sha256').update(data).digest()),
  generateKeyPair: () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    return {
      privateKey: new Uint8Array(fromB64url(jwk.d)),
      publicKey: new Uint8Array(Buffer.concat([Buffer.from([0x04]), fromB64url(jwk.x), fromB64url(jwk.y)])),
    };
  },
  sign: (privateKey, publicKey, message) =>
    new Uint8Array(sign('sha256', message, { key: privateKeyObject(privateKey, publicKey), dsaEncoding: 'ieee-p1363' })),
  verifier: (publicKey) => {
    const key = createPublicKey({ key: publicJwk(publicKey), format: 'jwk' });
    return (message, signature) => signature.length === 2 * COORD && verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  },
  keyBytes: 32,
  encrypt: (key, plain, associatedData) => {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    if (associatedData) cipher.setAAD(associatedData);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
  },
  decrypt: (key, sealed, associatedData) => {
    if (sealed.length < NONCE + TAG) throw new Error('sealed data too short');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE));
    if (associatedData) decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(NONCE, sealed.length - TAG)), decipher.final()]));
  },
});
