import type { RecordCipher } from './sealed-record-file';

/**
 * A letter or reprint PDF as it rests in the archive once main holds the data key: the PDF carries
 * the applicant's name, ID number and signature strokes, so the file on disk is sealed under the
 * personal-data cipher like the record files (`signed-record/2`). The file keeps its `.pdf` name, so
 * paths, the ledger, the renderer's rows and the contract do not change.
 *
 * Format (UTF-8 text, three lines, each ending in `\n`):
 *
 *     CCSEALED1
 *     <deviceId>
 *     <cipher.sealJson(base64 of the PDF, context)>
 *
 * - The magic tells a sealed letter from a plain `%PDF-` (a scanned paper letter, an archive written
 *   without a key by tools and older tests): both are read.
 * - The device id is in clear because opening needs it for the context, and the context is
 *   `letter:<deviceId>:<relativePath>`: the associated data of the AEAD, so a sealed letter copied to
 *   another case's path, or given another device id, does not open.
 * - `sealJson` over the base64 text rather than raw bytes: the archive sees the cipher only through
 *   `RecordCipher` (what record files need), and a letter is small enough for the base64 overhead.
 * - Sealing is randomized: the same PDF seals to other bytes each time, so a retry compares the opened
 *   PDF, never the ciphertext. The ledger's `sha256`/`digest` are of the bytes on disk (ciphertext), so
 *   `archive:verify` and `verify` check files without the key.
 */
export const SEALED_LETTER_MAGIC = 'CCSEALED1\n';

const MAGIC_BYTES = Buffer.from(SEALED_LETTER_MAGIC, 'ascii');

export const letterContext = (deviceId: string, relativePath: string): string => `letter:${deviceId}:${relativePath}`;

export const isSealedLetter = (bytes: Uint8Array): boolean =>
  bytes.length >= MAGIC_BYTES.length && Buffer.from(bytes.subarray(0, MAGIC_BYTES.length)).equals(MAGIC_BYTES);

export const sealedLetterBytes = (pdf: Uint8Array, cipher: RecordCipher, deviceId: string, relativePath: string): Buffer =>
  Buffer.from(`${SEALED_LETTER_MAGIC}${deviceId}\n${cipher.sealJson(Buffer.from(pdf).toString('base64'), letterContext(deviceId, relativePath))}\n`, 'utf8');

/** The PDF inside a sealed letter; `null` when it is not one or does not open (altered, moved, another key). */
export const openSealedLetter = (bytes: Uint8Array, cipher: RecordCipher, relativePath: string): Buffer | null => {
  if (!isSealedLetter(bytes)) return null;
  const lines = Buffer.from(bytes.subarray(MAGIC_BYTES.length)).toString('utf8').split('\n');
  if (lines.length !== 3 || lines[2] !== '' || !lines[0] || !lines[1]) return null;
  try {
    const base64 = cipher.openJson<unknown>(lines[1], letterContext(lines[0], relativePath));
    return typeof base64 === 'string' ? Buffer.from(base64, 'base64') : null;
  } catch {
    return null;
  }
};
