import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEDGER_FILE, parseLedger } from '../../electron/services/archive-ledger';
import { verifyArchive, archiveIsSound } from '../../electron/services/archive-verify';
import { loadSuite } from '../../electron/services/crypto/suite';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { isSealedLetter } from '../../electron/services/evidence/sealed-letter-file';
import type { RecordOpener } from '../../electron/services/evidence/signed-record';
import { sha256Hex } from '../../electron/services/file-hash';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import { verifyFile } from '../../scripts/verify';
import { createTestArchive, pdfBytes, type TestArchive } from './fixtures/archive-fixtures';

/**
 * Letters and reprints rest sealed under the data key when the archive has one (as the app's always
 * does): the ledger hashes the ciphertext, the answers the plain PDF; a retry compares opened PDFs.
 */
let t: TestArchive;
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sealed-letter-data-'));
  const cipher = createPersonalDataCipher({ dataDir, secrets: createKeyFileSecretStore(path.join(dataDir, FALLBACK_SECRET_KEY_FILE)), suite: 'gm' });
  const opener = async (): Promise<RecordOpener> => ({ cipher: await cipher, suite: await loadSuite('gm') });
  t = await createTestArchive({ signer: deviceSignerSource({ dataDir, suite: 'gm' }), opener });
});

afterEach(async () => {
  await t.remove();
  await rm(dataDir, { recursive: true, force: true });
});

const ledgerEntries = async () => parseLedger(await readFile(path.join(t.archiveDir, LEDGER_FILE), 'utf8')).entries;

describe('letters sealed at rest', () => {
  it('writes ciphertext under the .pdf name, hashes it in the ledger, answers the plain PDF', async () => {
    const record = await t.seal(1);
    const pdf = pdfBytes(`letter of ${record.applicant.name} ${record.applicant.idNumber}`);
    const archived = await t.archive.archiveLetter({ record, pdfBase64: pdf.toString('base64') });
    expect(archived.ok).toBe(true);
    if (!archived.ok) return;
    expect(archived.value).toEqual({ relativePath: `2026-11-28/C01/${record.caseNumber}.pdf`, sha256: sha256Hex(pdf), bytes: pdf.length });
    const onDisk = await readFile(t.file(archived.value.relativePath));
    expect(isSealedLetter(onDisk)).toBe(true);
    for (const secret of [record.applicant.name, record.applicant.idNumber, '%PDF']) expect(onDisk.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    const line = (await ledgerEntries()).find((entry) => entry.relativePath === archived.value.relativePath)!;
    expect(line.sha256).toBe(sha256Hex(onDisk));

    // Read and printed opened; a retry with the same PDF is "same" (sealing is randomized), another PDF a conflict.
    expect(await t.archive.readArchivedLetter({ relativePath: archived.value.relativePath })).toEqual({ ok: true, value: { pdfBase64: pdf.toString('base64'), sha256: sha256Hex(pdf) } });
    const printed = await t.archive.letterToPrint(archived.value.relativePath);
    expect(printed.ok && printed.value.equals(pdf)).toBe(true);
    expect((await t.archive.archiveLetter({ record, pdfBase64: pdf.toString('base64') })).ok).toBe(true);
    expect((await readFile(t.file(archived.value.relativePath))).equals(onDisk)).toBe(true);
    const other = await t.archive.archiveLetter({ record, pdfBase64: pdfBytes('another').toString('base64') });
    expect(!other.ok && other.error.code).toBe('ARCHIVE_CONFLICT');

    // The key-less checks still check the file: the archive is sound, and verify says the QR is not readable.
    expect(archiveIsSound(await verifyArchive(t.archiveDir, '2026-11-29'))).toBe(true);
    const verified = await verifyFile(t.file(archived.value.relativePath), []);
    expect(verified.text).toContain('信函已加密（本机数据密钥），无密钥不能读取其二维码');
    expect(verified.text).not.toMatch(/被改动/);
  });

  it('seals reprints too, and refuses to print or read a sealed letter altered on disk', async () => {
    const record = await t.seal(1);
    const letterPath = await t.archiveRecord(record, 'original');
    const reprintPdf = pdfBytes('reprint 补打');
    const reprint = await t.archive.archiveReprint({ letterPath, pdfBase64: reprintPdf.toString('base64') });
    expect(reprint.ok && reprint.value.sha256).toBe(sha256Hex(reprintPdf));
    if (!reprint.ok) return;
    const onDisk = await readFile(t.file(reprint.value.relativePath));
    expect(isSealedLetter(onDisk)).toBe(true);
    expect((await ledgerEntries()).find((entry) => entry.relativePath === reprint.value.relativePath)!.sha256).toBe(sha256Hex(onDisk));
    const read = await t.archive.readArchivedLetter({ relativePath: reprint.value.relativePath });
    expect(read.ok && Buffer.from(read.value.pdfBase64, 'base64').equals(reprintPdf)).toBe(true);

    // A sealed letter copied over another case's path does not open there (the context names the path).
    await writeFile(t.file(letterPath), onDisk);
    expect(await t.archive.readArchivedLetter({ relativePath: letterPath })).toMatchObject({ ok: false, error: { code: 'ARCHIVE_FILE_ALTERED' } });
    expect(await t.archive.letterToPrint(letterPath)).toMatchObject({ ok: false, error: { code: 'ARCHIVE_FILE_ALTERED' } });
  });
});
