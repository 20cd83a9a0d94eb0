import { createHmac } from 'node:crypto';
import { utf8Bytes } from '../crypto/bytes';
import { loadSuite, type SuiteName } from '../crypto/suite';
import type { SecretStore } from '../secret-store';
import { openDataKeys } from './data-key';

/**
 * Personal data at rest (names, ID numbers, phones, signature strokes), sealed under the device's
 * data key, which only main holds (data-key.ts).
 *
 * Sealed text: `pd1.<suite>.<base64url of nonce ‖ ciphertext ‖ tag>`, the suite's AEAD (SM4-GCM for
 * `gm`, AES-256-GCM for `intl`). The `context` — what the value is and whose, e.g. `draft:<clerk>:<id>`
 * — is the associated data: a sealed value copied into another field, draft or record does not open.
 *
 * Stable API, used by the drafts' host methods and by main's record store:
 * - `seal(plain, context)` / `open(text, context)`: bytes; `open` throws `PersonalDataUnreadable`.
 * - `sealJson(value, context)` / `openJson(text, context)`: the same over JSON.
 * - `blindIndex(value)`: HMAC-SHA256 of the value under the blind-index key, lower-case hex — equal
 *   values give equal indexes on this device only, so an ID number can be looked up without being
 *   stored. The caller normalizes first (`normalizeIdNumber` of shared/domain/id-documents.ts).
 */
export interface PersonalDataCipher {
  readonly suite: SuiteName;
  /** False where the data key is only as safe as file permissions (no OS keyring): warn loudly. */
  readonly protectedByOs: boolean;
  seal(plain: Uint8Array, context: string): string;
  open(text: string, context: string): Uint8Array;
  sealJson(value: unknown, context: string): string;
  openJson<T = unknown>(text: string, context: string): T;
  blindIndex(value: string): string;
}

/** A sealed value that does not open: another device's key, another context, or altered bytes. */
export class PersonalDataUnreadable extends Error {
  readonly code = 'PERSONAL_DATA_UNREADABLE';
  readonly reason: 'format' | 'suite' | 'authentication';
  constructor(reason: 'format' | 'suite' | 'authentication') {
    // Never the text itself nor the context: either may name a person or a case.
    super(`personal data unreadable (${reason})`);
    this.reason = reason;
  }
}

const VERSION = 'pd1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Whether a string is in the sealed form (for schemas and a legacy check); it may still not open. */
export const isSealedText = (text: string): boolean => {
  const [version, suite, body, ...rest] = text.split('.');
  return version === VERSION && (suite === 'gm' || suite === 'intl') && !!body && BASE64URL.test(body) && rest.length === 0;
};

export interface PersonalDataCipherOptions {
  dataDir: string;
  secrets: SecretStore;
  suite: SuiteName;
}

export const createPersonalDataCipher = async ({ dataDir, secrets, suite: suiteName }: PersonalDataCipherOptions): Promise<PersonalDataCipher> => {
  const suite = await loadSuite(suiteName);
  const keys = await openDataKeys({ dataDir, secrets, suite: suiteName, keyBytes: suite.keyBytes });
  const aad = (context: string) => utf8Bytes(`${VERSION}|${context}`);

  const seal = (plain: Uint8Array, context: string): string =>
    `${VERSION}.${suiteName}.${Buffer.from(suite.encrypt(keys.encryptionKey, plain, aad(context))).toString('base64url')}`;

  const open = (text: string, context: string): Uint8Array => {
    if (!isSealedText(text)) throw new PersonalDataUnreadable('format');
    const [, named, body] = text.split('.') as [string, string, string];
    // Text of another suite would need that suite's key; a deployment changing suite re-seals.
    if (named !== suiteName) throw new PersonalDataUnreadable('suite');
    try {
      return suite.decrypt(keys.encryptionKey, new Uint8Array(Buffer.from(body, 'base64url')), aad(context));
    } catch {
      throw new PersonalDataUnreadable('authentication');
    }
  };

  return {
    suite: suiteName,
    protectedByOs: keys.protectedByOs,
    seal,
    open,
    sealJson: (value, context) => seal(utf8Bytes(JSON.stringify(value)), context),
    openJson: <T>(text: string, context: string) => JSON.parse(Buffer.from(open(text, context)).toString('utf8')) as T,
    blindIndex: (value) => createHmac('sha256', keys.blindIndexKey).update(value, 'utf8').digest('hex'),
  };
};
