import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { HostHandlers } from '../../shared/contract/host-contract';

/**
 * Archived letters and reprints rest sealed under the device's data key (electron/services/evidence/
 * sealed-letter-file.ts): the tests read them as the app does, through main (`readArchivedLetter`,
 * which opens them for the signed-in session), never by decrypting on their own.
 */
const relativeOf = (archiveDir: string, file: string): string => path.relative(archiveDir, file).split(path.sep).join('/');

/** The plain PDF of an archived letter, opened by main. */
export const openArchivedLetter = async (counter: { handlers: HostHandlers; archiveDir: string }, file: string): Promise<Buffer> => {
  const answer = await counter.handlers.readArchivedLetter({ relativePath: relativeOf(counter.archiveDir, file) });
  if (!answer.ok) throw new Error(`readArchivedLetter ${file}: ${answer.error.code}`);
  return Buffer.from(answer.value.pdfBase64, 'base64');
};

/**
 * The opened PDF as a file in the test's own output folder, for poppler (pdftotext, pdftoppm), which
 * reads files. Only test data: the app itself never writes an opened letter to disk.
 */
export const openedLetterFile = async (counter: { handlers: HostHandlers; archiveDir: string }, file: string): Promise<string> => {
  const target = test.info().outputPath(`opened-${path.basename(file)}`);
  await writeFile(target, await openArchivedLetter(counter, file), { mode: 0o600 });
  return target;
};

/**
 * The base64 characters that encode `encoded` whatever follows it (whole 3-byte groups only), or null
 * when they are fewer than 8. The sealed file is itself base64 text, so a 4-character probe (a 3-character
 * name in UTF-16 minus its padding) turns up by chance in a few percent of letters — that failed CI once;
 * 8 characters match by chance about once in 10⁹ letters.
 */
const exactBase64Of = (encoded: Buffer): string | null => {
  const exact = encoded.toString('base64').slice(0, Math.floor(encoded.length / 3) * 4);
  return exact.length >= 8 ? exact : null;
};

/**
 * The file on disk is ciphertext: not a PDF, and none of the applicant's words in it in any encoding
 * checked — UTF-8, UTF-16 (big and little endian, as PDF text strings carry them), base64 of each.
 */
export const expectSealedOnDisk = async (file: string, secrets: readonly string[]): Promise<void> => {
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 5).toString('latin1')).not.toBe('%PDF-');
  expect(bytes.subarray(0, 10).toString('latin1')).toBe('CCSEALED1\n');
  for (const secret of secrets) {
    const utf16le = Buffer.from(secret, 'utf16le');
    const utf16be = Buffer.from(utf16le).swap16();
    for (const encoded of [Buffer.from(secret, 'utf8'), utf16le, utf16be]) {
      expect(bytes.includes(encoded), `${secret} in clear in ${path.basename(file)}`).toBe(false);
      const base64 = exactBase64Of(encoded);
      if (base64) expect(bytes.includes(Buffer.from(base64, 'latin1')), `${secret} as base64 in ${path.basename(file)}`).toBe(false);
    }
  }
};
