import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { sha256Hex } from '../../shared/crypto/sha256';
import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import { recordHash, sealCase, SealError, verifyChain } from '../../shared/domain/seal';
import { GENESIS_HASH, sealedRecordSchema, type SealedRecord } from '../../shared/domain/sealed-record';
import { letterTemplateHash, templates } from '../../shared/letter/template-registry';
import { hasRealPressure } from '../../shared/domain/signature';
import { at, reviewedDraft, signature } from './fixtures/case-fixtures';

describe('canonical JSON', () => {
  it('sorts keys at every depth, drops undefined, has no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 'é' }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"y":"é","z":1}]},"b":1}',
    );
  });
  it('gives the same text whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
  it('refuses values JSON cannot carry exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('SHA-256', () => {
  it('matches the published test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

const seal = (draft = reviewedDraft(), sequence = 1, prevHash = GENESIS_HASH) =>
  sealCase(draft, {
    caseNumber: formatCaseNumber('C01', shanghaiDate(at(60)), sequence),
    sequence,
    prevHash,
    sealedAt: at(60),
  });

const chainOf = async (length: number): Promise<SealedRecord[]> => {
  const records: SealedRecord[] = [];
  for (let sequence = 1; sequence <= length; sequence += 1) {
    records.push(await seal(reviewedDraft(), sequence, records.at(-1)?.hash ?? GENESIS_HASH));
  }
  return records;
};

describe('sealing', () => {
  it('produces a record that satisfies the shared schema and whose hash is over its canonical body', async () => {
    const record = await seal();
    expect(sealedRecordSchema.parse(record)).toEqual(record);
    const { hash, ...body } = record;
    expect(hash).toBe(await sha256Hex(canonicalJson(body)));
    expect(record.caseNumber).toBe('C01-20261128-0001');
    expect(record.letter).toEqual({
      templateId: 'commitment-letter',
      templateVersion: templates.active('commitment-letter').version,
      templateHash: await letterTemplateHash(templates.active('commitment-letter'), record.matter),
    });
    expect(record.notification.map((page) => page.ms)).toEqual([10_000, 8_000, 5_000, 15_000]);
  });

  it('is deterministic: the same draft and context give the same hash', async () => {
    expect((await seal()).hash).toBe((await seal()).hash);
  });

  it('changes the hash when any detail changes', async () => {
    const draft = reviewedDraft();
    const other = { ...draft, applicant: { ...draft.applicant!, name: '张晓敏' } };
    expect((await seal(other)).hash).not.toBe((await seal(draft)).hash);
  });

  it('refuses a draft that has not reached review', async () => {
    const draft = { ...reviewedDraft(), step: 'signing' as const };
    await expect(seal(draft)).rejects.toBeInstanceOf(SealError);
  });

  it('dates case numbers in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
    expect(formatCaseNumber('C01', '2026-11-29', 7)).toBe('C01-20261129-0007');
  });
});

describe('the device chain', () => {
  const number = (sequence: number) => formatCaseNumber('C01', shanghaiDate(at(60)), sequence);

  it('verifies an intact chain, in whatever order the records come', async () => {
    const records = await chainOf(3);
    expect(await verifyChain(records)).toEqual([]);
    expect(await verifyChain([records[2]!, records[0]!, records[1]!])).toEqual([]);
  });

  it('detects an altered record', async () => {
    const records = await chainOf(3);
    records[1] = { ...records[1]!, applicant: { ...records[1]!.applicant, name: '李四' } };
    expect(await verifyChain(records)).toEqual([{ sequence: 2, caseNumber: number(2), problem: 'hash_mismatch' }]);
  });

  it('detects a removed record, saying which sequence numbers are missing', async () => {
    const records = await chainOf(5);
    expect(await verifyChain([records[0]!, records[3]!, records[4]!])).toEqual([
      { sequence: 4, caseNumber: number(4), problem: 'sequence_gap', missingFrom: 2, missingTo: 3 },
    ]);
    expect(await verifyChain(records.slice(1))).toEqual([
      { sequence: 2, caseNumber: number(2), problem: 'sequence_gap', missingFrom: 1, missingTo: 1 },
    ]);
  });

  it('detects a record re-hashed after alteration, through the next link', async () => {
    const records = await chainOf(3);
    const { hash: _old, ...body } = { ...records[1]!, signatureClears: 5 };
    records[1] = { ...body, hash: await recordHash(body) };
    expect(await verifyChain(records)).toEqual([{ sequence: 3, caseNumber: number(3), problem: 'broken_link' }]);
  });

  it('detects a first record that does not start from the genesis hash', async () => {
    const [first] = await chainOf(1);
    const { hash: _old, ...body } = { ...first!, prevHash: 'f'.repeat(64) };
    expect(await verifyChain([{ ...body, hash: await recordHash(body) }])).toEqual([{ sequence: 1, caseNumber: number(1), problem: 'broken_link' }]);
  });

  it('detects a fork: two records in the same place, both linked to the same predecessor', async () => {
    const records = await chainOf(2);
    const rival = await sealCase(reviewedDraft(), { caseNumber: number(9), sequence: 2, prevHash: records[0]!.hash, sealedAt: at(61) });
    const successor = await seal(reviewedDraft(), 3, rival.hash);
    expect(await verifyChain([...records, rival, successor])).toEqual([
      { sequence: 2, caseNumber: number(9), problem: 'fork', otherCaseNumber: number(2) },
    ]);
  });
});

describe('pressure', () => {
  it('a constant pressure (mouse) is not real pressure; varying pressure is', () => {
    expect(hasRealPressure(signature(() => 0.5).strokes)).toBe(false);
    expect(hasRealPressure(signature((i) => 0.2 + i / 40).strokes)).toBe(true);
  });
});
