import { appendFile, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE, parseLedger } from '../../electron/services/archive-ledger';
import { verifyArchive } from '../../electron/services/archive-verify';
import { retentionEndsOn } from '../../shared/domain/retention';
import { defaultArchiveDir, main } from '../../scripts/archive-verify';
import { createTestArchive, pdfBytes, type TestArchive } from './fixtures/archive-fixtures';

const TODAY = '2026-11-29';

let t: TestArchive;
let archiveDir: string;
beforeEach(async () => {
  t = await createTestArchive();
  archiveDir = t.archiveDir;
});
afterEach(() => t.remove());

const sealAndArchive: TestArchive['sealAndArchive'] = (sequence, retention) => t.sealAndArchive(sequence, retention);
const file = (relativePath: string) => t.file(relativePath);

describe('the archive ledger', () => {
  it('enters every file once, chained, and a retry adds nothing', async () => {
    const { record } = await sealAndArchive(1);
    await t.archive.archiveLetter({ record, pdfBase64: pdfBytes('letter 1').toString('base64') });
    const ledger = parseLedger(await readFile(file(LEDGER_FILE), 'utf8'));
    expect(ledger.problems).toEqual([]);
    expect(ledger.entries.map((entry) => [entry.seq, entry.kind, entry.relativePath])).toEqual([
      [1, 'record', `2026-11-28/C01/${record.caseNumber}.record.json`],
      [2, 'letter', `2026-11-28/C01/${record.caseNumber}.pdf`],
    ]);
    expect(ledger.entries[1]!.prev).toBe(ledger.entries[0]!.hash);
    expect(ledger.entries.every((entry) => entry.recordHash === record.hash)).toBe(true);
  });

  it('cuts off a line torn by a power cut before the next append, and stays verifiable', async () => {
    await sealAndArchive(1);
    await appendFile(file(LEDGER_FILE), '{"seq":3,"kind":"let');
    expect(parseLedger(await readFile(file(LEDGER_FILE), 'utf8')).problems).toEqual([{ line: 3, problem: 'torn-line' }]);
    t.reopen();
    await sealAndArchive(2);
    const report = await verifyArchive(archiveDir, TODAY);
    expect(report.ledgerProblems).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.ledgerEntries).toBe(4);
  });

  it('keeps reprints beside the original, numbered, and never touches the original', async () => {
    const { letterPath } = await sealAndArchive(1);
    const original = await readFile(file(letterPath));
    const first = await t.archive.archiveReprint({ letterPath, pdfBase64: pdfBytes('reprint a').toString('base64') });
    const second = await t.archive.archiveReprint({ letterPath, pdfBase64: pdfBytes('reprint b').toString('base64') });
    expect(first.ok && first.value.relativePath).toBe(letterPath.replace('.pdf', '.reprint-1.pdf'));
    expect(second.ok && second.value.relativePath).toBe(letterPath.replace('.pdf', '.reprint-2.pdf'));
    expect(await readFile(file(letterPath))).toEqual(original);
    expect((await verifyArchive(archiveDir, TODAY)).findings).toEqual([]);
    const unknown = await t.archive.archiveReprint({ letterPath: '2026-11-28/C01/C01-20261128-0099.pdf', pdfBase64: pdfBytes('x').toString('base64') });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ARCHIVE_NOT_FOUND' } });
  });
});

describe('verifyArchive', () => {
  it('finds a sound archive sound', async () => {
    await sealAndArchive(1);
    await sealAndArchive(2);
    const report = await verifyArchive(archiveDir, TODAY);
    expect(report).toMatchObject({ ledgerEntries: 4, filesOnDisk: 4, intact: 4, findings: [], ledgerProblems: [], chain: { records: 2, chains: 1, findings: [] } });
  });

  it('catches a flipped byte, a deleted file and an extra file, each by name', async () => {
    const one = await sealAndArchive(1);
    const two = await sealAndArchive(2);
    const bytes = await readFile(file(one.letterPath));
    bytes[bytes.length - 3]! ^= 0x01;
    await writeFile(file(one.letterPath), bytes);
    await unlink(file(two.letterPath));
    await writeFile(file('2026-11-28/C01/C01-20261128-0003.pdf'), pdfBytes('slipped in'));

    const report = await verifyArchive(archiveDir, TODAY);
    expect(report.findings).toEqual([
      { relativePath: one.letterPath, status: 'altered', kind: 'letter' },
      { relativePath: two.letterPath, status: 'missing', kind: 'letter' },
      { relativePath: '2026-11-28/C01/C01-20261128-0003.pdf', status: 'orphan' },
    ]);
    expect(report.intact).toBe(2);
  });

  it('catches an altered record file, and an edited or deleted ledger line', async () => {
    const one = await sealAndArchive(1);
    await sealAndArchive(2);
    const recordPath = one.letterPath.replace('.pdf', '.record.json');
    await writeFile(file(recordPath), (await readFile(file(recordPath), 'utf8')).replace('张晓明', '李晓明'));
    expect((await verifyArchive(archiveDir, TODAY)).findings).toEqual([{ relativePath: recordPath, status: 'altered', kind: 'record' }]);

    const lines = (await readFile(file(LEDGER_FILE), 'utf8')).split('\n');
    // Deleting line 2 hides the first letter: its file becomes an orphan and the chain breaks.
    await writeFile(file(LEDGER_FILE), [lines[0], ...lines.slice(2)].join('\n'));
    const report = await verifyArchive(archiveDir, TODAY);
    expect(report.ledgerProblems).toEqual([{ line: 2, problem: 'broken-chain' }]);
    expect(report.findings).toContainEqual({ relativePath: one.letterPath, status: 'orphan' });

    // Editing a line (pointing it at other bytes) no longer matches its own hash.
    await writeFile(file(LEDGER_FILE), lines.map((line, index) => (index === 1 ? line.replace(/"sha256":"[0-9a-f]{4}/, '"sha256":"0000') : line)).join('\n'));
    expect((await verifyArchive(archiveDir, TODAY)).ledgerProblems).toEqual([{ line: 2, problem: 'bad-hash' }]);
  });

  it('counts letters past their retention and keeps them', async () => {
    await sealAndArchive(1, { years: 10 });
    await sealAndArchive(2, 'permanent');
    expect((await verifyArchive(archiveDir, '2036-12-31')).retention).toEqual({ expired: [], permanent: 1, unknown: 0 });
    const later = await verifyArchive(archiveDir, '2037-01-01');
    expect(later.retention).toEqual({ expired: ['C01-20261128-0001'], permanent: 1, unknown: 0 });
    expect(later.findings).toEqual([]);
  });
});

describe('retention', () => {
  it('counts from 1 January of the following year', () => {
    expect(retentionEndsOn('2026-01-01', { years: 10 })).toBe('2037-01-01');
    expect(retentionEndsOn('2026-12-31', { years: 30 })).toBe('2057-01-01');
    expect(retentionEndsOn('2026-06-30', 'permanent')).toBeNull();
  });
});

describe('npm run archive:verify', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
    const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void out.push(text));
    try {
      return { code: await main(args, TODAY), text: out.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  it('exits 0 on a sound archive and 1 with each problem named in Chinese', async () => {
    const { letterPath } = await sealAndArchive(1);
    expect(await run([archiveDir])).toMatchObject({ code: 0, text: expect.stringContaining('档案完好') });
    await unlink(file(letterPath));
    const broken = await run([archiveDir]);
    expect(broken.code).toBe(1);
    expect(broken.text).toContain(`缺失  ${letterPath}（文书）`);
    expect(broken.text).toContain('发现 1 个问题');
  });

  it('exits 2 for a folder that does not exist, or bad arguments', async () => {
    expect(await run([path.join(archiveDir, 'nowhere')])).toMatchObject({ code: 2, text: expect.stringContaining('目录不存在') });
    expect((await run(['--all'])).code).toBe(2);
  });

  it('defaults to the app’s own archive folder on each system', () => {
    expect(defaultArchiveDir('linux', {}, '/home/clerk')).toBe('/home/clerk/.config/证明事项告知承诺窗口/letter-archive');
    expect(defaultArchiveDir('win32', { APPDATA: 'C:\\Users\\clerk\\AppData\\Roaming' }, 'C:\\Users\\clerk')).toContain('证明事项告知承诺窗口');
  });
});
