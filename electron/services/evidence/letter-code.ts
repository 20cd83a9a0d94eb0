import { decodeLetterCode, encodeLetterCode, letterCodeSignedText } from '../../../shared/domain/letter-code';
import { recordHash } from '../../../shared/domain/seal';
import type { SealedRecord } from '../../../shared/domain/sealed-record';
import { fromHex, toHex, utf8Bytes } from '../crypto/bytes';
import { loadSuite, type Verifier } from '../crypto/suite';
import type { DeviceSigner } from '../device-key';
import type { TrustedKey } from './check-evidence';

/**
 * Main's side of the letter's QR code: it signs the code of a record whose hash verifies (never a
 * bare hash it is handed), and checks a code read off a paper letter. The renderer asks for the code
 * before it draws the letter (host method letterCode); letter-code-store.ts signs it once and keeps it.
 */
export const signLetterCode = async (record: SealedRecord, signer: DeviceSigner): Promise<string | null> => {
  const { hash, ...body } = record;
  if ((await recordHash(body)) !== hash) return null;
  const fields = { suite: signer.suite, caseNumber: record.caseNumber, recordHash: hash, keyId: signer.keyId };
  return encodeLetterCode({ ...fields, signature: toHex(signer.sign(utf8Bytes(letterCodeSignedText(fields)))) });
};

export type LetterCodeCheck =
  | { status: 'signed'; caseNumber: string; recordHash: string; keyId: string }
  | { status: 'unsigned'; caseNumber: string; recordHash: string }
  | { status: 'not_a_letter_code' | 'key_unknown' | 'signature_invalid' };

// Preparing an SM2 public key costs more than a verification (~60 ms here): once per key per process,
// as main checks the kept code on every letterCode call.
const verifiers = new Map<string, Promise<Verifier>>();
const verifierFor = (key: TrustedKey): Promise<Verifier> => {
  const cacheKey = `${key.suite}:${key.publicKey}`;
  let verifier = verifiers.get(cacheKey);
  if (!verifier) verifiers.set(cacheKey, (verifier = loadSuite(key.suite).then((suite) => suite.verifier(fromHex(key.publicKey)))));
  return verifier;
};

/** Checks a code's signature with the trusted keys; a record given must be the one it names. */
export const checkLetterCode = async (text: string, keys: readonly TrustedKey[]): Promise<LetterCodeCheck> => {
  const code = decodeLetterCode(text);
  if (!code) return { status: 'not_a_letter_code' };
  if (code.version === 1) return { status: 'unsigned', caseNumber: code.caseNumber, recordHash: code.recordHash };
  const key = keys.find((candidate) => candidate.keyId === code.keyId && candidate.suite === code.suite);
  if (!key) return { status: 'key_unknown' };
  const verify = await verifierFor(key);
  return verify(utf8Bytes(letterCodeSignedText(code)), fromHex(code.signature))
    ? { status: 'signed', caseNumber: code.caseNumber, recordHash: code.recordHash, keyId: code.keyId }
    : { status: 'signature_invalid' };
};
