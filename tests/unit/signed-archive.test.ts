import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE, ledgerEntryHash, ledgerLineStatement, parseLedger } from '../../electron/services/archive-ledger';
import { createLetterArchive } from '../../electron/services/archive';
import { toHex } from '../../electron/services/crypto/bytes';
import { loadSuite, suiteNames, type SuiteName } from '../../electron/services/crypto/suite';
import { keyIdOf } from '../../electron/services/device-key';
import { DEVICE_KEYS_DIR, publishedKeyBytes } from '../../electron/services/evidence/archive-keys';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { readRecordFile, signedRecordFileBytes, signRecord } from '../../electron/services/evidence/signed-record';
import { sha256Hex } from '../../electron/services/file-hash';
import { main, verifyFile, verifyFolder } from '../../scripts/verify';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import { recordHash, sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { createTestArchive, pdfBytes, type TestArchive } from './fixtures/archive-fixtures';
import { at, reviewedDraft } from './fixtures/case-fixtures';

/**
 * The signed archive, through the real archive service and `npm run verify`'s own functions: sound
 * archives pass, every single-byte change is named, a forger without the device key is caught.
 */
let dataDir: string;
let t: TestArchive;
let output: string[];

const recordPath = (record: SealedRecord) => `2026-11-28/C01/${record.caseNumber}.record.json`;
const letterPath = (record: SealedRecord) => `2026-11-28/C01/${record.caseNumber}.pdf`;

const setUp = async (suite: SuiteName) => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'signed-archive-'));
  t = await createTestArchive({ signer: deviceSignerSource({ dataDir, suite }) });
};

beforeEach(() => {
  output = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void output.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void output.push(text));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const sealThree = async () => {
  const records: SealedRecord[] = [];
  for (const sequence of [1, 2, 3]) records.push((await t.sealAndArchive(sequence)).record);
  return records;
};

/** A small record (one short stroke), so that a loop over every byte of its file stays quick. */
const archiveSmallRecord = async (): Promise<SealedRecord> => {
  const draft = reviewedDraft();
  const signature = draft.signature!;
  draft.signature = { ...signature, strokes: [{ points: signature.strokes[0]!.points.slice(0, 2) }] };
  const sealedAt = at(61);
  const record = await sealCase(draft, { caseNumber: formatCaseNumber('C01', shanghaiDate(sealedAt), 1), sequence: 1, prevHash: GENESIS_HASH, sealedAt });
  await t.archiveRecord(record, 'small letter');
  return record;
};

/** Rewrites the ledger to match the files on disk, re-hashed and re-chained, keeping or dropping the signatures. */
const forgeLedger = async (signatures: 'keep' | 'drop') => {
  const { entries } = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8'));
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    const bytes = await readFile(t.file(entry.relativePath));
    const { hash: _h, sig, suite, keyId, digest: _d, ...rest } = entry;
    const digest = toHex((await loadSuite(suite!)).hash(bytes));
    const body = signatures === 'keep'
      ? { ...rest, seq: lines.length + 1, prev, sha256: sha256Hex(bytes), bytes: bytes.length, suite, keyId, digest }
      : { ...rest, seq: lines.length + 1, prev, sha256: sha256Hex(bytes), bytes: bytes.length };
    prev = ledgerEntryHash(body);
    lines.push(canonicalJson(signatures === 'keep' ? { ...body, hash: prev, sig } : { ...body, hash: prev }));
  }
  await writeFile(t.file(LEDGER_FILE), `${lines.join('\n')}\n`);
};

/** Alters record 2, re-hashes it and re-chains record 3 after it, as a forger without the key can. */
const forgeRecords = async (records: SealedRecord[], signatures: 'keep' | 'drop') => {
  const rehash = async (record: SealedRecord): Promise<SealedRecord> => {
    const { hash: _stale, ...body } = record;
    return { ...body, hash: await recordHash(body) };
  };
  const second = await rehash({ ...records[1]!, applicant: { ...records[1]!.applicant, name: '李晓明' } });
  const third = await rehash({ ...records[2]!, prevHash: second.hash });
  for (const record of [second, third]) {
    const old = readRecordFile(await readFile(t.file(recordPath(record))));
    if (old.kind !== 'signed') throw new Error('expected a signed record');
    await writeFile(
      t.file(recordPath(record)),
      signatures === 'keep' ? signedRecordFileBytes(record, old.envelope) : `${canonicalJson(record)}\n`,
    );
  }
};

describe.each(suiteNames)('a signed archive (%s)', (suite) => {
  beforeEach(() => setUp(suite));

  it('is sound, names its suite and key, and says what it cannot detect; exit 0', async () => {
    const [first] = await sealThree();
    expect(await main([t.archiveDir])).toBe(0);
    const text = output.join('\n');
    expect(text).toContain('签名：记录 3 份已签名、0 份未签名；台账 6 行已签名、0 行未签名。');
    expect(text).toContain('最新的若干记录连同其台账行一并删除');
    const file = readRecordFile(await readFile(t.file(recordPath(first!))));
    expect(file.kind === 'signed' && file.envelope.suite).toBe(suite);
    expect(text).toContain(file.kind === 'signed' ? file.envelope.keyId : 'no key');
    const ledger = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8'));
    expect(ledger.entries.every((entry) => entry.suite === suite && entry.sig !== undefined)).toBe(true);
  });

  it('archives the same record again as a harmless retry (the signed file already there is kept)', async () => {
    const record = await t.seal(1);
    await t.archiveRecord(record);
    const before = await readFile(t.file(recordPath(record)));
    t.reopen();
    await t.archiveRecord(record);
    expect((await readFile(t.file(recordPath(record)))).equals(before)).toBe(true);
    expect(parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8')).entries).toHaveLength(2);
    expect(await main([t.archiveDir])).toBe(0);
  });

  // Every byte under gm (its JavaScript signatures are the likelier to be lax); under intl, whose file
  // format is the same code, every seventh byte, to keep the suite quick.
  const stride = suite === 'gm' ? 1 : 7;
  it(`detects every ${suite === 'gm' ? '' : 'seventh '}single-byte change of a signed record file (verify of the file and of the folder)`, async () => {
    const record = await archiveSmallRecord();
    const file = t.file(recordPath(record));
    const original = await readFile(file);
    expect((await verifyFile(file, [])).sound).toBe(true);
    const missed: number[] = [];
    for (let index = 0; index < original.length; index += stride) {
      const changed = Buffer.from(original);
      changed[index]! ^= 0x01;
      await writeFile(file, changed);
      if ((await verifyFile(file, [])).sound) missed.push(index);
    }
    // The folder check on a sample of the changes too (it reads the file without the ledger's help).
    for (const index of [0, 40, Math.floor(original.length / 2), original.length - 1]) {
      const changed = Buffer.from(original);
      changed[index]! ^= 0x01;
      await writeFile(file, changed);
      if ((await verifyFolder(t.archiveDir, [], 1)).sound) missed.push(-index - 1);
    }
    await writeFile(file, original);
    expect(missed).toEqual([]);
    expect((await verifyFile(file, [])).sound).toBe(true);
  }, 240_000);

  it('detects every single-byte change of the signed ledger', async () => {
    await archiveSmallRecord();
    const file = t.file(LEDGER_FILE);
    const original = await readFile(file);
    expect((await verifyFolder(t.archiveDir, [], 1)).sound).toBe(true);
    const missed: number[] = [];
    for (let index = 0; index < original.length; index += 1) {
      const changed = Buffer.from(original);
      changed[index]! ^= 0x01;
      await writeFile(file, changed);
      if ((await verifyFolder(t.archiveDir, [], 1)).sound) missed.push(index);
    }
    await writeFile(file, original);
    expect(missed).toEqual([]);
  }, 240_000);

  it('catches a forger who alters a record, re-hashes it and its successor and rewrites the ledger, keeping the old signatures', async () => {
    const records = await sealThree();
    await forgeRecords(records, 'keep');
    await forgeLedger('keep');
    const result = await verifyFolder(t.archiveDir, [], 1);
    expect(result.sound).toBe(false);
    // The hash chain is consistent: only the signatures can tell.
    expect(result.text).toContain('档案完好');
    for (const record of records.slice(1)) expect(result.text).toContain(`记录 ${record.caseNumber}（链第 ${record.sequence} 号，${recordPath(record)}）：签名不成立`);
    expect(result.text).toContain(`台账第 3 行（${recordPath(records[1]!)}）：签名不成立`);
    expect(result.text).not.toContain(`记录 ${records[0]!.caseNumber}（`);
  });

  it('catches the same forger dropping the signatures of what was forged (unsigned after signed)', async () => {
    const records = await sealThree();
    await forgeRecords(records, 'drop');
    // Only the forged lines lose their signatures; the first record's two lines keep theirs.
    const { entries } = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8'));
    await forgeLedger('keep');
    const forged = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8')).entries;
    const lines: string[] = [];
    let prev = GENESIS_HASH;
    for (const [index, entry] of forged.entries()) {
      const { hash: _h, sig, suite: s, keyId, digest, ...rest } = entry;
      const body = index < 2 ? { ...rest, prev, suite: s, keyId, digest } : { ...rest, prev };
      prev = ledgerEntryHash(body);
      lines.push(canonicalJson(index < 2 ? { ...body, hash: prev, sig } : { ...body, hash: prev }));
    }
    await writeFile(t.file(LEDGER_FILE), `${lines.join('\n')}\n`);
    expect(entries).toHaveLength(6);
    const result = await verifyFolder(t.archiveDir, [], 1);
    expect(result.sound).toBe(false);
    expect(result.text).toContain(`记录 ${records[1]!.caseNumber}（链第 2 号，${recordPath(records[1]!)}）：未签名，却排在已签名的之后`);
    expect(result.text).toContain('台账第 3 行');
  });

  it('with --public-key, catches a forger who replaced the published key and re-signed everything', async () => {
    const records = await sealThree();
    const [published] = await readdir(path.join(t.archiveDir, DEVICE_KEYS_DIR));
    const real = await readFile(path.join(t.archiveDir, DEVICE_KEYS_DIR, published!), 'utf8');
    const realKeyFile = path.join(dataDir, 'registered-key.json');
    await writeFile(realKeyFile, real);
    // The forger's own key, published in place of the device's, and everything re-signed with it.
    const forgerDir = await mkdtemp(path.join(tmpdir(), 'forger-'));
    const forger = await deviceSignerSource({ dataDir: forgerDir, suite })();
    await rm(path.join(t.archiveDir, DEVICE_KEYS_DIR), { recursive: true });
    await mkdir(path.join(t.archiveDir, DEVICE_KEYS_DIR));
    await writeFile(path.join(t.archiveDir, DEVICE_KEYS_DIR, `${forger.keyId}.json`), publishedKeyBytes(forger, records[0]!.device.deviceId));
    const suiteImpl = await loadSuite(suite);
    for (const record of records) await writeFile(t.file(recordPath(record)), signedRecordFileBytes(record, signRecord(record, suiteImpl, forger)));
    // The ledger re-signed line by line with the forger's key.
    const { entries } = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8'));
    const lines: string[] = [];
    let prev = GENESIS_HASH;
    for (const entry of entries) {
      const bytes = await readFile(t.file(entry.relativePath));
      const { hash: _h, sig: _s, ...rest } = entry;
      const body = { ...rest, prev, sha256: sha256Hex(bytes), bytes: bytes.length, keyId: forger.keyId, digest: forger.hashHex(bytes) };
      prev = ledgerEntryHash(body);
      const unsigned = { ...body, hash: prev };
      lines.push(canonicalJson({ ...unsigned, sig: toHex(forger.sign(ledgerLineStatement(unsigned))) }));
    }
    await writeFile(t.file(LEDGER_FILE), `${lines.join('\n')}\n`);
    expect(keyIdOf(suiteImpl, Buffer.from(forger.publicKey, 'hex'))).toBe(forger.keyId);

    // With the archive's own (replaced) key it passes: what the output warns about.
    expect((await verifyFolder(t.archiveDir, [], 1)).sound).toBe(true);
    expect(await main([t.archiveDir, '--public-key', realKeyFile])).toBe(1);
    const text = output.join('\n');
    for (const record of records) expect(text).toContain(`记录 ${record.caseNumber}（链第 ${record.sequence} 号，${recordPath(record)}）：签名所用密钥不在可信公钥之列`);
    await rm(forgerDir, { recursive: true, force: true });
  });

  it('verifies a letter against its signed ledger line and its record; a changed letter fails', async () => {
    const [first] = await sealThree();
    expect(await main([t.file(letterPath(first!))])).toBe(0);
    await writeFile(t.file(letterPath(first!)), pdfBytes('another letter'));
    output = [];
    expect(await main([t.file(letterPath(first!))])).toBe(1);
    expect(output.join('\n')).toContain(`${letterPath(first!)} 与台账第 2 行记下的 SHA-256 不符（被改动）`);
  });
});

describe('records and ledgers from before signatures', () => {
  it('are reported as unsigned, not as broken (exit 0)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'signed-archive-'));
    t = await createTestArchive();
    await sealThree();
    expect(await main([t.archiveDir])).toBe(0);
    const text = output.join('\n');
    expect(text).toContain('签名：记录 0 份已签名、3 份未签名；台账 0 行已签名、6 行未签名。');
    expect(text).toContain('未签名的记录和台账行是启用签名之前的旧格式');
  });

  it('an archive signed from some record on: the older ones unsigned, the newer signed, all sound', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'signed-archive-'));
    t = await createTestArchive();
    await t.sealAndArchive(1);
    const unsigned = t;
    t = await createTestArchive({ signer: deviceSignerSource({ dataDir, suite: 'intl' }) });
    // The same folder, now signed: the chain goes on across the upgrade.
    t.archive = createLetterArchive({ archiveDir: unsigned.archiveDir, signer: deviceSignerSource({ dataDir, suite: 'intl' }) });
    const record = await unsigned.seal(2);
    await t.archive.archiveLetter({ record, pdfBase64: pdfBytes('two').toString('base64') });
    const result = await verifyFolder(unsigned.archiveDir, [], 1);
    expect(result.text).toContain('签名：记录 1 份已签名、1 份未签名；台账 2 行已签名、2 行未签名。');
    expect(result.sound).toBe(true);
    await t.remove();
    t = unsigned;
  });
});

describe('npm run verify: exit codes', () => {
  it('2 for a usage error, a missing path or a file that is neither letter nor record; 1 for a problem', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'signed-archive-'));
    t = await createTestArchive({ signer: deviceSignerSource({ dataDir, suite: 'intl' }) });
    const [first] = await sealThree();
    expect(await main([])).toBe(2);
    expect(await main([t.archiveDir, '--bogus'])).toBe(2);
    expect(await main([t.archiveDir, '--public-key'])).toBe(2);
    expect(await main([t.archiveDir, '--public-key', 'intl:04zz'])).toBe(2);
    expect(await main([path.join(t.archiveDir, 'nowhere')])).toBe(2);
    expect(await main([t.file(LEDGER_FILE)])).toBe(2);
    expect(await main([t.archiveDir])).toBe(0);
    await writeFile(t.file(recordPath(first!)), (await readFile(t.file(recordPath(first!)), 'utf8')).replace('张晓明', '李晓明'));
    expect(await main([t.archiveDir])).toBe(1);
    expect(await main([t.file(recordPath(first!))])).toBe(1);
  });
});
