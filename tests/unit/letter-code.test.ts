import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { suiteNames } from '../../electron/services/crypto/suite';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { checkLetterCode, signLetterCode } from '../../electron/services/evidence/letter-code';
import { decodeLetterCode, encodeLetterCode } from '../../shared/domain/letter-code';
import { sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { letterMarks } from '../../shared/letter/letter-marks';

const SPECIMEN_QR_TEXT = letterMarks.specimen.qrText;
import { at, reviewedDraft } from './fixtures/case-fixtures';

let dir: string;
let record: SealedRecord;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'letter-code-'));
  record = await sealCase(reviewedDraft(), { caseNumber: 'C01-20261128-0001', sequence: 1, prevHash: GENESIS_HASH, sealedAt: at(60) });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the letter code format (QR text)', () => {
  it('encodes and decodes version 2 exactly; refuses any other spelling', () => {
    const code = { suite: 'gm' as const, caseNumber: 'C01-20261128-0001', recordHash: 'a'.repeat(64), keyId: 'b'.repeat(32), signature: '0f'.repeat(64) };
    const text = encodeLetterCode(code);
    expect(text).toMatch(/^CCL2\|gm\|C01-20261128-0001\|a{64}\|b{32}\|[A-Za-z0-9_-]{86}$/);
    expect(decodeLetterCode(text)).toEqual({ version: 2, ...code });
    expect(decodeLetterCode(text.replace('|gm|', '|rsa|'))).toBeNull();
    expect(decodeLetterCode(text.toUpperCase())).toBeNull();
    expect(decodeLetterCode(`${text}|x`)).toBeNull();
    // The last base64url character carries 2 bits and 4 of padding: one differing in the padding only
    // would decode to the same bytes, and is refused (one spelling per signature).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const samePadding = alphabet[alphabet.indexOf(text.at(-1)!) ^ 1]!;
    expect(decodeLetterCode(text.slice(0, -1) + samePadding)).toBeNull();
  });

  it('still decodes version 1 (unsigned letters printed before), and no specimen text', () => {
    expect(decodeLetterCode(`CCL1|C01-20261128-0001|${'c'.repeat(64)}`)).toEqual({ version: 1, caseNumber: 'C01-20261128-0001', recordHash: 'c'.repeat(64) });
    expect(decodeLetterCode(SPECIMEN_QR_TEXT)).toBeNull();
  });
});

describe.each(suiteNames)('letter codes signed by main (%s)', (suite) => {
  it('signs a verified record; the paper code checks with the device key and fails for any change', async () => {
    const signer = await deviceSignerSource({ dataDir: path.join(dir, suite), suite })();
    const keys = [{ suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey, deviceId: null }];
    const text = (await signLetterCode(record, signer))!;
    expect(await checkLetterCode(text, keys)).toEqual({ status: 'signed', caseNumber: record.caseNumber, recordHash: record.hash, keyId: signer.keyId });
    // Another record's hash, another case number, another signature character: each refused.
    const otherHash = text.replace(record.hash, record.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect((await checkLetterCode(otherHash, keys)).status).toBe('signature_invalid');
    expect((await checkLetterCode(text.replace(record.caseNumber, 'C01-20261128-0002'), keys)).status).toBe('signature_invalid');
    const sigStart = text.lastIndexOf('|') + 1;
    const flipped = text.slice(0, sigStart + 5) + (text[sigStart + 5] === 'A' ? 'B' : 'A') + text.slice(sigStart + 6);
    expect((await checkLetterCode(flipped, keys)).status).toBe('signature_invalid');
    expect((await checkLetterCode(text, [])).status).toBe('key_unknown');
  });

  it('refuses to sign a record whose hash does not verify', async () => {
    const signer = await deviceSignerSource({ dataDir: path.join(dir, suite), suite })();
    expect(await signLetterCode({ ...record, signatureClears: record.signatureClears + 1 }, signer)).toBeNull();
  });
});

describe('npm run verify -- <QR text>', () => {
  it('checks a paper code with --public-key: 0 when it holds, 1 when a character changed or no key is given', async () => {
    const { main } = await import('../../scripts/verify');
    const signer = await deviceSignerSource({ dataDir: path.join(dir, 'cli'), suite: 'gm' })();
    const text = (await signLetterCode(record, signer))!;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main([text, '--public-key', `gm:${signer.publicKey}`])).toBe(0);
    expect(log.mock.calls.at(-1)?.[0]).toContain('签名成立');
    expect(await main([text.replace('C01-20261128-0001', 'C01-20261128-0009'), '--public-key', `gm:${signer.publicKey}`])).toBe(1);
    expect(await main([text])).toBe(1);
    log.mockRestore();
  });
});
