import { readFile, unlink, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE, ledgerEntryHash, parseLedger } from '../../electron/services/archive-ledger';
import { verifyArchive } from '../../electron/services/archive-verify';
import { readFileIfExists } from '../../electron/services/atomic-file';
import { sha256Hex } from '../../electron/services/file-hash';
import { main } from '../../scripts/archive-verify';
import { describeChainFinding, type ChainFinding } from '../../shared/contract/archive-chain';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { recordHash } from '../../shared/domain/seal';
import { GENESIS_HASH, type SealedRecord } from '../../shared/domain/sealed-record';
import { translatorFor } from '../../shared/i18n';
import { createTestArchive, type TestArchive } from './fixtures/archive-fixtures';

/**
 * The archived records read back as chains, on real files written by the archive service. Most cases
 * also rewrite the ledger to match the tampered folder, as a careful forger would: the ledger check is
 * then blind, and only the chain can tell.
 */
const TODAY = '2026-11-29';

let t: TestArchive;
beforeEach(async () => {
  t = await createTestArchive();
});
afterEach(() => t.remove());

const recordPath = (record: SealedRecord) => `2026-11-28/${record.device.counterId}/${record.caseNumber}.record.json`;

/** Re-enters every file still on disk with its present hash and re-chains the ledger lines. */
const forgeLedger = async (): Promise<void> => {
  const { entries } = parseLedger(await readFile(t.file(LEDGER_FILE), 'utf8'));
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (const entry of entries) {
    const bytes = await readFileIfExists(t.file(entry.relativePath));
    if (!bytes) continue;
    const { hash: _stale, ...body } = { ...entry, seq: lines.length + 1, prev, sha256: sha256Hex(bytes), bytes: bytes.length };
    prev = ledgerEntryHash(body);
    // In the canonical form the archive writes: a line in any other form is unreadable.
    lines.push(canonicalJson({ ...body, hash: prev }));
  }
  await writeFile(t.file(LEDGER_FILE), `${lines.join('\n')}\n`);
};

const writeRecord = (record: SealedRecord) => writeFile(t.file(recordPath(record)), `${canonicalJson(record)}\n`);

/** The report after the forgery: the ledger check must find nothing, so what is found is the chain's. */
const chainFindings = async (): Promise<ChainFinding[]> => {
  const report = await verifyArchive(t.archiveDir, TODAY);
  expect(report.findings).toEqual([]);
  expect(report.ledgerProblems).toEqual([]);
  return report.chain.findings;
};

const sealThree = async (): Promise<SealedRecord[]> => {
  const records: SealedRecord[] = [];
  for (const sequence of [1, 2, 3]) records.push((await t.sealAndArchive(sequence)).record);
  return records;
};

describe('the archive check reads the records back as chains', () => {
  it('finds a sound chain sound, and counts each device as its own chain', async () => {
    await sealThree();
    const other = await t.seal(1, { device: { deviceId: 'dev-2', counterId: 'C02' } });
    await t.archiveRecord(other);
    await t.archiveRecord(await t.seal(2, { device: { deviceId: 'dev-2', counterId: 'C02' } }));
    expect((await verifyArchive(t.archiveDir, TODAY)).chain).toEqual({ records: 5, chains: 2, findings: [] });
  });

  it('names an altered record, even with the ledger rewritten to match it', async () => {
    const [, second] = await sealThree();
    await writeFile(t.file(recordPath(second!)), (await readFile(t.file(recordPath(second!)), 'utf8')).replace('张晓明', '李晓明'));
    await forgeLedger();
    expect(await chainFindings()).toEqual([
      { relativePath: recordPath(second!), counterId: 'C01', sequence: 2, caseNumber: second!.caseNumber, problem: 'hash_mismatch' },
    ]);
  });

  it('names the record after a removed one, with the sequence number that is missing', async () => {
    const [, second, third] = await sealThree();
    await unlink(t.file(recordPath(second!)));
    await unlink(t.file(recordPath(second!).replace('.record.json', '.pdf')));
    await forgeLedger();
    expect(await chainFindings()).toEqual([
      { relativePath: recordPath(third!), counterId: 'C01', sequence: 3, caseNumber: third!.caseNumber, problem: 'sequence_gap', missingFrom: 2, missingTo: 2 },
    ]);
  });

  it('names the successor of a record altered and re-hashed: its link no longer matches', async () => {
    const [, second, third] = await sealThree();
    const { hash: _old, ...body } = { ...second!, applicant: { ...second!.applicant, name: '李晓明' } };
    await writeRecord({ ...body, hash: await recordHash(body) });
    await forgeLedger();
    expect(await chainFindings()).toEqual([
      { relativePath: recordPath(third!), counterId: 'C01', sequence: 3, caseNumber: third!.caseNumber, problem: 'broken_link' },
    ]);
  });

  it('names a fork: a second record in the same place of the chain', async () => {
    const [first, second] = await sealThree();
    const rival = await t.seal(2, { caseNumber: 'C01-20261128-0009', prevHash: first!.hash });
    await t.archiveRecord(rival);
    expect(await chainFindings()).toEqual([
      { relativePath: recordPath(rival), counterId: 'C01', sequence: 2, caseNumber: rival.caseNumber, problem: 'fork', otherCaseNumber: second!.caseNumber },
    ]);
  });

  it('names a record file that is not a record at all', async () => {
    const [first] = await sealThree();
    await writeFile(t.file(recordPath(first!)), '{"schema":"commitment-record/1"}\n');
    await forgeLedger();
    // Unreadable, record 1 is no record: the chain then starts after a gap.
    expect(await chainFindings()).toEqual([
      { relativePath: recordPath(first!), problem: 'unreadable' },
      expect.objectContaining({ sequence: 2, problem: 'sequence_gap', missingFrom: 1, missingTo: 1 }),
    ]);
  });
});

describe('the chain findings in words', () => {
  const findings: ChainFinding[] = [
    { relativePath: 'a/C01/x.record.json', counterId: 'C01', sequence: 2, caseNumber: 'C01-20261128-0002', problem: 'hash_mismatch' },
    { relativePath: 'a/C01/x.record.json', counterId: 'C01', sequence: 3, caseNumber: 'C01-20261128-0003', problem: 'broken_link' },
    { relativePath: 'a/C01/x.record.json', counterId: 'C01', sequence: 5, caseNumber: 'C01-20261128-0005', problem: 'sequence_gap', missingFrom: 2, missingTo: 4 },
    { relativePath: 'a/C01/x.record.json', counterId: 'C01', sequence: 5, caseNumber: 'C01-20261128-0005', problem: 'sequence_gap', missingFrom: 4, missingTo: 4 },
    { relativePath: 'a/C01/x.record.json', counterId: 'C01', sequence: 2, caseNumber: 'C01-20261128-0009', problem: 'fork', otherCaseNumber: 'C01-20261128-0002' },
    { relativePath: 'a/C01/x.record.json', problem: 'unreadable' },
  ];

  it('has a sentence for every problem in both catalogs, with every placeholder filled', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const finding of findings) {
        const text = describeChainFinding(finding, translatorFor(locale));
        expect(text).not.toMatch(/ui\.archive|[{}]/);
        expect(text).toContain('a/C01/x.record.json');
      }
    }
  });

  it('says in Chinese which record fails and why', () => {
    const zh = translatorFor('zh-CN');
    expect(describeChainFinding(findings[2]!, zh)).toBe('窗口 C01 记录链第 5 号（a/C01/x.record.json）：其前缺少第 2–4 号记录（被删除或移走，或尚未存档）');
    expect(describeChainFinding(findings[3]!, zh)).toContain('其前缺少第 4 号记录');
    expect(describeChainFinding(findings[4]!, zh)).toContain('与 C01-20261128-0002 占同一序号，记录链出现分叉');
  });

  it('npm run archive:verify prints the chain finding and exits 1, though the ledger was made to match', async () => {
    const [, second, third] = await sealThree();
    await unlink(t.file(recordPath(second!)));
    await forgeLedger();
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
    try {
      expect(await main([t.archiveDir], TODAY)).toBe(1);
    } finally {
      log.mockRestore();
    }
    const text = out.join('\n');
    expect(text).toContain('记录链：2 份案件记录，分属 1 台终端。');
    expect(text).toContain(`窗口 C01 记录链第 3 号（${recordPath(third!)}）：其前缺少第 2 号记录`);
    expect(text).toContain('发现 1 个问题');
  });
});
