import { subtleDigest, utf8 } from './platform';

const toHex = (buffer: ArrayBuffer): string =>
  Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

export const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
  toHex(await subtleDigest(typeof data === 'string' ? utf8(data) : data));

export const isSha256Hex = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
