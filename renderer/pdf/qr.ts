/**
 * The unsigned version-1 letter code, `CCL1|<caseNumber>|<recordHash>`, that letters carried before
 * main signed them. Archived letters now carry main's signed code (CCL2, host method letterCode); this
 * one remains for the fixture letters, whose corpus is pinned by hash and must not change.
 */

export const QR_PAYLOAD_PREFIX = 'CCL1';
const SEPARATOR = '|';

export interface QrPayload {
  version: 1;
  caseNumber: string;
  /** Lower-case hex. */
  recordHash: string;
}

const CASE_NUMBER = /^[^|\s]{1,64}$/;
const HASH = /^[0-9a-fA-F]{16,128}$/;

export const qrPayloadFor = (caseNumber: string, recordHash: string): string => {
  if (!CASE_NUMBER.test(caseNumber)) throw new RangeError(`QR: invalid case number: ${JSON.stringify(caseNumber)}`);
  if (!HASH.test(recordHash)) throw new RangeError(`QR: record hash must be hex: ${JSON.stringify(recordHash)}`);
  return [QR_PAYLOAD_PREFIX, caseNumber, recordHash.toLowerCase()].join(SEPARATOR);
};

/** The payload's parts, or null when the text is not a version-1 letter code. */
export const parseQrPayload = (text: string): QrPayload | null => {
  const parts = text.trim().split(SEPARATOR);
  if (parts.length !== 3) return null;
  const [prefix, caseNumber, recordHash] = parts as [string, string, string];
  if (prefix !== QR_PAYLOAD_PREFIX || !CASE_NUMBER.test(caseNumber) || !HASH.test(recordHash)) return null;
  return { version: 1, caseNumber, recordHash: recordHash.toLowerCase() };
};
