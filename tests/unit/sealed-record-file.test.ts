import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromHex } from '../../electron/services/crypto/bytes';
import { loadSuite, type CryptoSuite } from '../../electron/services/crypto/suite';
import type { DeviceSigner } from '../../electron/services/device-key';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { signLetterCode } from '../../electron/services/evidence/letter-code';
import { sealedRecordFileBytes, sealedRecordStatement } from '../../electron/services/evidence/sealed-record-file';
import { readRecordFile, type RecordOpener } from '../../electron/services/evidence/signed-record';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPersonalDataCipher, type PersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { formatCaseNumber } from '../../shared/domain/case-number';
import { recordHash, sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { applicant, at, reviewedDraft } from './fixtures/case-fixtures';

/**
 * `signed-record/2`, the encrypted record file: nothing personal in clear, the chain checkable and the
 * signature verifiable without the data key, every byte bound. The intl suite keeps the byte loop quick.
 */
let dir: string;
let signer: DeviceSigner;
let suite: CryptoSuite;
let cipher: PersonalDataCipher;
let opener: RecordOpener;
let record: SealedRecord;

const sealAt = async (sequence: number, prevHash: string) =>
  sealCase(reviewedDraft(), { caseNumber: formatCaseNumber('C01', '2026-11-28', sequence), sequence, prevHash, sealedAt: at(60 + sequence) });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sealed-record-'));
  signer = await deviceSignerSource({ dataDir: dir, suite: 'intl' })();
  suite = await loadSuite('intl');
  cipher = await createPersonalDataCipher({ dataDir: dir, secrets: createKeyFileSecretStore(path.join(dir, 'key')), suite: 'intl' });
  opener = { cipher, suite };
  record = await sealAt(1, GENESIS_HASH);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const signatureHolds = (bytes: Uint8Array): boolean => {
  const read = readRecordFile(bytes);
  if (read.kind !== 'sealed') return false;
  return suite.verifier(fromHex(signer.publicKey))(sealedRecordStatement(read, suite), fromHex(read.envelope.signature));
};

describe('the encrypted record file (signed-record/2)', () => {
  it('holds no personal data in clear, names its place in the chain, and opens to the record with the data key only', async () => {
    const bytes = sealedRecordFileBytes(record, suite, signer, cipher, await signLetterCode(record, signer));
    const text = bytes.toString('utf8');
    for (const secret of [applicant.name, applicant.idNumber, applicant.idNumber.toUpperCase(), '"strokes"', '"phone"']) expect(text).not.toContain(secret);
    const read = readRecordFile(bytes);
    expect(read).toMatchObject({ kind: 'sealed', record: null, chain: { caseNumber: record.caseNumber, sequence: 1, prevHash: GENESIS_HASH, hash: record.hash } });
    expect(signatureHolds(bytes)).toBe(true);
    expect(readRecordFile(bytes, opener)).toMatchObject({ kind: 'sealed', record });
    // Another device's data key opens nothing.
    const other = await createPersonalDataCipher({ dataDir: await mkdtemp(path.join(dir, 'other-')), secrets: createKeyFileSecretStore(path.join(dir, 'other-key')), suite: 'intl' });
    expect(readRecordFile(bytes, { cipher: other, suite })).toMatchObject({ kind: 'sealed', record: null });
  });

  it('detects every single-byte change: the file no longer reads, or its signature fails', async () => {
    const bytes = sealedRecordFileBytes(record, suite, signer, cipher, await signLetterCode(record, signer));
    let undetected = 0;
    for (let index = 0; index < bytes.length; index += 1) {
      const changed = Buffer.from(bytes);
      changed[index] = changed[index] === 0x41 ? 0x42 : 0x41;
      if (readRecordFile(changed).kind !== 'unreadable' && signatureHolds(changed)) undetected += 1;
    }
    expect(bytes.length).toBeGreaterThan(1000);
    expect(undetected).toBe(0);
  });

  it('does not let a sealed text move to another record, nor a chain view be rewritten', async () => {
    const second = await sealAt(2, record.hash);
    const first = JSON.parse(sealedRecordFileBytes(record, suite, signer, cipher, await signLetterCode(record, signer)).toString('utf8')) as { sealed: string; chain: { hash: string } };
    const other = JSON.parse(sealedRecordFileBytes(second, suite, signer, cipher, await signLetterCode(second, signer)).toString('utf8')) as { sealed: string };
    // The second record's sealed text in the first record's file: it does not open there (associated data).
    const moved = Buffer.from(`${canonicalJson({ ...first, sealed: other.sealed })}\n`);
    expect(readRecordFile(moved, opener)).toMatchObject({ kind: 'sealed', record: null });
    expect(signatureHolds(moved)).toBe(false);
    // A forger re-hashing an altered record cannot produce the chain view's signature.
    const { hash: _hash, ...body } = { ...record, signatureClears: record.signatureClears + 1 };
    const rewritten = Buffer.from(`${canonicalJson({ ...first, chain: { ...first.chain, hash: await recordHash(body) } })}\n`);
    expect(signatureHolds(rewritten)).toBe(false);
  });
});
