import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLetterArchive, type LetterArchive } from '../../electron/services/archive';
import { writeFileAtomic } from '../../electron/services/atomic-file';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { formatCaseNumber, shanghaiDate } from '../../shared/domain/case-number';
import type { CaseDraft } from '../../shared/domain/case-draft';
import { sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, sealedRecordSchema, type SealedRecord } from '../../shared/domain/sealed-record';
import { at, reviewedDraft } from './fixtures/case-fixtures';
import { zhText } from './fixtures/host-text';

const pdfBytes = (text: string): Buffer => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`, 'utf8');
const b64 = (bytes: Buffer): string => bytes.toString('base64');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const seal = (options: { sealedAt?: Date; sequence?: number; draft?: CaseDraft } = {}): Promise<SealedRecord> => {
  const sealedAt = options.sealedAt ?? at(60);
  const sequence = options.sequence ?? 1;
  const draft = options.draft ?? reviewedDraft();
  return sealCase(draft, {
    caseNumber: formatCaseNumber(draft.counter.counterId, shanghaiDate(sealedAt), sequence),
    sequence,
    prevHash: GENESIS_HASH,
    sealedAt,
  });
};

let root: string;
let archiveDir: string;
let archive: LetterArchive;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'archive-test-'));
  archiveDir = path.join(root, 'archive');
  archive = createLetterArchive({ archiveDir });
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Every file below a folder, relative, posix separators. */
const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
};

describe('archiveLetter', () => {
  it('writes the letter and the canonical record under <Shanghai day>/<counter>/<case number>', async () => {
    const record = await seal();
    const pdf = pdfBytes('letter');
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdf) });

    expect(result).toEqual({
      ok: true,
      value: { relativePath: `2026-11-28/C01/${record.caseNumber}.pdf`, sha256: sha256(pdf), bytes: pdf.length },
    });
    expect(await listFiles(archiveDir)).toEqual([
      `2026-11-28/C01/${record.caseNumber}.pdf`,
      `2026-11-28/C01/${record.caseNumber}.record.json`,
      'ledger.jsonl',
    ]);
    expect(await readFile(path.join(archiveDir, '2026-11-28/C01', `${record.caseNumber}.pdf`))).toEqual(pdf);
    const stored = await readFile(path.join(archiveDir, '2026-11-28/C01', `${record.caseNumber}.record.json`), 'utf8');
    expect(stored).toBe(`${canonicalJson(record)}\n`);
    expect(sealedRecordSchema.parse(JSON.parse(stored))).toEqual(record);
  });

  it('files a letter sealed on a UTC evening under the next Shanghai day', async () => {
    // 2026-11-28 17:30 UTC is 2026-11-29 01:30 in Asia/Shanghai.
    const record = await seal({ sealedAt: new Date(Date.UTC(2026, 10, 28, 17, 30, 0)) });
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('night')) });
    expect(result.ok && result.value.relativePath).toBe(`2026-11-29/C01/${record.caseNumber}.pdf`);
    expect(record.caseNumber).toBe('C01-20261129-0001');
  });

  it('treats the same case with identical bytes as a successful retry', async () => {
    const record = await seal();
    const pdf = pdfBytes('letter');
    const first = await archive.archiveLetter({ record, pdfBase64: b64(pdf) });
    const again = await createLetterArchive({ archiveDir }).archiveLetter({ record, pdfBase64: b64(pdf) });
    expect(again).toEqual(first);
    expect(await listFiles(archiveDir)).toHaveLength(3); // the letter, its record, the ledger
  });

  it('completes an archive interrupted after the record was written (crash between the two files)', async () => {
    const record = await seal();
    const folder = path.join(archiveDir, '2026-11-28', 'C01');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${record.caseNumber}.record.json`), `${canonicalJson(record)}\n`);
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('letter')) });
    expect(result.ok).toBe(true);
    expect(await listFiles(archiveDir)).toHaveLength(3); // the letter, its record, the ledger
  });

  it('refuses other bytes for a case already archived and keeps the archived letter', async () => {
    const record = await seal();
    const original = pdfBytes('original');
    await archive.archiveLetter({ record, pdfBase64: b64(original) });
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('changed')) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ARCHIVE_CONFLICT');
    expect(result.error).toEqual({ code: 'ARCHIVE_CONFLICT', key: 'host.archive.conflict', params: { caseNumber: record.caseNumber } });
    expect(zhText(result.error)).toContain('不能更改');
    expect(await readFile(path.join(archiveDir, '2026-11-28/C01', `${record.caseNumber}.pdf`))).toEqual(original);
  });

  it('refuses a different record under a case number already archived', async () => {
    const first = await seal();
    await archive.archiveLetter({ record: first, pdfBase64: b64(pdfBytes('a')) });
    const other = await seal({ sealedAt: at(61) }); // same case number, another sealing time
    expect(other.caseNumber).toBe(first.caseNumber);
    const result = await archive.archiveLetter({ record: other, pdfBase64: b64(pdfBytes('a')) });
    expect(!result.ok && result.error.code).toBe('ARCHIVE_CONFLICT');
  });

  it('lets exactly one of two concurrent, different submissions of a case win', async () => {
    const record = await seal();
    const results = await Promise.all([
      archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('one')) }),
      archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('two')) }),
      createLetterArchive({ archiveDir }).archiveLetter({ record, pdfBase64: b64(pdfBytes('three')) }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.error.code === 'ARCHIVE_CONFLICT')).toHaveLength(2);
    expect(await listFiles(archiveDir)).toHaveLength(3); // the letter, its record, the ledger
  });

  it('refuses a record whose hash does not match its content, writing nothing', async () => {
    const record = await seal();
    const tampered: SealedRecord = { ...record, applicant: { ...record.applicant, idNumber: '110105194912310037' } };
    const result = await archive.archiveLetter({ record: tampered, pdfBase64: b64(pdfBytes('x')) });
    expect(!result.ok && result.error.code).toBe('RECORD_HASH_MISMATCH');
    expect(!result.ok && JSON.stringify(result.error)).not.toContain('110105');
    expect(await listFiles(archiveDir)).toEqual([]);
  });

  it('refuses a record whose hash field was changed', async () => {
    const record = await seal();
    const result = await archive.archiveLetter({ record: { ...record, hash: 'f'.repeat(64) }, pdfBase64: b64(pdfBytes('x')) });
    expect(!result.ok && result.error.code).toBe('RECORD_HASH_MISMATCH');
  });

  it('refuses a counter number that could not be a folder name, even with a valid hash', async () => {
    const draft = reviewedDraft();
    const record = await sealCase(
      { ...draft, counter: { ...draft.counter, counterId: '..' } },
      { caseNumber: 'C01-20261128-0001', sequence: 1, prevHash: GENESIS_HASH, sealedAt: at(60) },
    );
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('x')) });
    expect(!result.ok && result.error.code).toBe('RECORD_BAD_COUNTER');
    expect(await listFiles(root)).toEqual([]);
  });

  it('refuses a case number of another counter', async () => {
    const record = await sealCase(reviewedDraft(), {
      caseNumber: 'C02-20261128-0001',
      sequence: 1,
      prevHash: GENESIS_HASH,
      sealedAt: at(60),
    });
    const result = await archive.archiveLetter({ record, pdfBase64: b64(pdfBytes('x')) });
    expect(!result.ok && result.error.code).toBe('RECORD_BAD_COUNTER');
  });

  it('refuses bytes that are not a PDF', async () => {
    const record = await seal();
    const result = await archive.archiveLetter({ record, pdfBase64: b64(Buffer.from('<html>not a letter</html>')) });
    expect(!result.ok && result.error.code).toBe('NOT_A_PDF');
    expect(await listFiles(archiveDir)).toEqual([]);
  });
});

describe('readArchivedLetter', () => {
  it('returns the archived bytes and their SHA-256', async () => {
    const record = await seal();
    const pdf = pdfBytes('round trip');
    const archived = await archive.archiveLetter({ record, pdfBase64: b64(pdf) });
    if (!archived.ok) throw new Error(zhText(archived.error));
    const read = await archive.readArchivedLetter({ relativePath: archived.value.relativePath });
    expect(read).toEqual({ ok: true, value: { pdfBase64: b64(pdf), sha256: sha256(pdf) } });
  });

  it('answers not found for a letter that is not there', async () => {
    const read = await archive.readArchivedLetter({ relativePath: '2026-11-28/C01/C01-20261128-0009.pdf' });
    expect(!read.ok && read.error.code).toBe('ARCHIVE_NOT_FOUND');
  });

  it('refuses paths that leave the archive', async () => {
    await writeFile(path.join(root, 'outside.pdf'), pdfBytes('secret'));
    for (const relativePath of [
      '../outside.pdf',
      '2026-11-28/../../outside.pdf',
      '/etc/passwd',
      '2026-11-28\\..\\..\\outside.pdf',
      'C:/Windows/win.ini',
      '2026-11-28//C01/x.pdf',
    ]) {
      const read = await archive.readArchivedLetter({ relativePath });
      expect(!read.ok && read.error.code, relativePath).toBe('ARCHIVE_PATH_REFUSED');
    }
  });

  it('refuses a symbolic link inside the archive that points out of it', async () => {
    await writeFile(path.join(root, 'outside.pdf'), pdfBytes('secret'));
    await mkdir(path.join(archiveDir, '2026-11-28', 'C01'), { recursive: true });
    await symlink(path.join(root, 'outside.pdf'), path.join(archiveDir, '2026-11-28', 'C01', 'C01-20261128-0001.pdf'));
    const read = await archive.readArchivedLetter({ relativePath: '2026-11-28/C01/C01-20261128-0001.pdf' });
    expect(!read.ok && read.error.code).toBe('ARCHIVE_PATH_REFUSED');
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file and leaves no temporary file behind', async () => {
    const target = path.join(root, 'sub', 'file.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readFile(target, 'utf8')).toBe('two');
    expect(await readdir(path.dirname(target))).toEqual(['file.json']);
  });

  it('in exclusive mode refuses to replace an existing file and keeps it intact', async () => {
    const target = path.join(root, 'once.txt');
    await writeFileAtomic(target, 'first', { exclusive: true });
    await expect(writeFileAtomic(target, 'second', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(root)).toEqual(['once.txt']);
  });

  it('fails without touching the target when the folder cannot be written', async () => {
    const blocker = path.join(root, 'not-a-folder');
    await writeFile(blocker, 'x');
    await expect(writeFileAtomic(path.join(blocker, 'file.txt'), 'data')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(await readFile(blocker, 'utf8')).toBe('x');
  });
});
