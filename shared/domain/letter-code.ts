/**
 * The text of a letter's QR code, so a paper copy can be checked without the archive:
 *
 *   CCL2|<suite>|<case number>|<record hash>|<key id>|<signature>
 *
 * `CCL2` names the format (commitment letter, version 2); the suite is `gm` or `intl`; the record
 * hash is the sealed record's SHA-256 (lower-case hex); the key id names the device key (32 hex); the
 * signature is the device's over the text before the last `|` (r ‖ s, base64url, 86 characters) —
 * made by main, which alone holds the key. Version 1 (`CCL1|<case number>|<record hash>`, unsigned)
 * is what letters printed before signatures carry; it still decodes, as unsigned. A specimen letter's
 * QR text is neither and decodes to null.
 */
export const LETTER_CODE_V1 = 'CCL1';
export const LETTER_CODE_V2 = 'CCL2';
const SEPARATOR = '|';

const CASE_NUMBER = /^[A-Z0-9]{1,8}-\d{8}-\d{4}$/;
const HASH = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{32}$/;
const SIGNATURE_B64URL = /^[A-Za-z0-9_-]{86}$/;
const SUITES = ['gm', 'intl'] as const;

export interface SignedLetterCode {
  version: 2;
  suite: (typeof SUITES)[number];
  caseNumber: string;
  recordHash: string;
  keyId: string;
  /** r ‖ s, lower-case hex (128 characters). */
  signature: string;
}

export interface UnsignedLetterCode {
  version: 1;
  caseNumber: string;
  recordHash: string;
}

/** What the device signs: the code's text without its signature. */
export const letterCodeSignedText = (code: Omit<SignedLetterCode, 'version' | 'signature'>): string => {
  if (!CASE_NUMBER.test(code.caseNumber)) throw new RangeError('letter code: invalid case number');
  if (!HASH.test(code.recordHash) || !KEY_ID.test(code.keyId)) throw new RangeError('letter code: hash and key id must be lower-case hex');
  return [LETTER_CODE_V2, code.suite, code.caseNumber, code.recordHash, code.keyId].join(SEPARATOR);
};

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const hexToBase64url = (hex: string): string => {
  const bytes = hex.match(/../g)!.map((pair) => parseInt(pair, 16));
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64URL[(n >> 18) & 63]! + B64URL[(n >> 12) & 63]!;
    if (b !== undefined) out += B64URL[(n >> 6) & 63]!;
    if (c !== undefined) out += B64URL[n & 63]!;
  }
  return out;
};

/** Null unless it is the one canonical base64url of 64 bytes (no other spelling of the same bytes). */
const base64urlToHex = (text: string): string | null => {
  if (!SIGNATURE_B64URL.test(text)) return null;
  const values = [...text].map((char) => B64URL.indexOf(char));
  const bytes: number[] = [];
  for (let i = 0; i < values.length; i += 4) {
    const chunk = values.slice(i, i + 4);
    const n = chunk.reduce((sum, value, index) => sum | (value << (18 - 6 * index)), 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return hexToBase64url(hex) === text ? hex : null;
};

export const encodeLetterCode = (code: Omit<SignedLetterCode, 'version'>): string => {
  if (!/^[0-9a-f]{128}$/.test(code.signature)) throw new RangeError('letter code: the signature must be 64 bytes of lower-case hex');
  return `${letterCodeSignedText(code)}${SEPARATOR}${hexToBase64url(code.signature)}`;
};

/** The code's parts, or null when the text is no letter code (a specimen's, a stranger's). */
export const decodeLetterCode = (text: string): SignedLetterCode | UnsignedLetterCode | null => {
  const parts = text.split(SEPARATOR);
  if (parts[0] === LETTER_CODE_V1 && parts.length === 3) {
    const [, caseNumber, recordHash] = parts as [string, string, string];
    return CASE_NUMBER.test(caseNumber) && HASH.test(recordHash) ? { version: 1, caseNumber, recordHash } : null;
  }
  if (parts[0] !== LETTER_CODE_V2 || parts.length !== 6) return null;
  const [, suite, caseNumber, recordHash, keyId, signature] = parts as [string, string, string, string, string, string];
  const hex = base64urlToHex(signature);
  if (!SUITES.includes(suite as SignedLetterCode['suite']) || !CASE_NUMBER.test(caseNumber) || !HASH.test(recordHash) || !KEY_ID.test(keyId) || !hex) return null;
  return { version: 2, suite: suite as SignedLetterCode['suite'], caseNumber, recordHash, keyId, signature: hex };
};
