import path from 'node:path';
import { fail, ok, type Result } from '../../../shared/contract/result';
import { decodeLetterCode } from '../../../shared/domain/letter-code';
import type { SealedRecord } from '../../../shared/domain/sealed-record';
import { KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';
import type { DeviceSigner } from '../device-key';
import { checkLetterCode, signLetterCode } from './letter-code';

/**
 * The signed letter code of each record, signed once and kept. A signature is randomized (SM2 and
 * ECDSA alike), so signing again would give another QR and another PDF: the preview's byte-for-byte
 * check, a reprint and a re-archive after a crash all need the code the letter was first drawn with.
 * Kept in main's data folder, `letter-codes/<case number>.txt` (mode 0600), one file per record,
 * created exclusively, so two concurrent calls end with one code. The file holds no personal data:
 * case number, hashes, key id and signature only.
 */
export interface LetterCodeStore {
  codeFor(record: SealedRecord): Promise<Result<{ code: string }>>;
}

const CASE_NUMBER = /^[A-Z0-9]{1,8}-\d{8}-\d{4}$/;

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : undefined;

export const createLetterCodeStore = (options: { dataDir: string; signer: () => Promise<DeviceSigner> }): LetterCodeStore => {
  const folder = path.join(options.dataDir, 'letter-codes');
  const lock = new KeyedLock();

  /** A kept code is answered only if it is this record's, by this device's key, and its signature holds. */
  const keptCode = async (bytes: Buffer, record: SealedRecord, signer: DeviceSigner): Promise<Result<{ code: string }>> => {
    const code = bytes.toString('utf8').trim();
    const decoded = decodeLetterCode(code);
    if (!decoded || decoded.version !== 2 || decoded.caseNumber !== record.caseNumber || decoded.recordHash !== record.hash) {
      return fail('LETTER_CODE_CONFLICT', 'host.archive.conflict', { caseNumber: record.caseNumber });
    }
    const check = await checkLetterCode(code, [{ suite: signer.suite, keyId: signer.keyId, publicKey: signer.publicKey, deviceId: null }]);
    if (check.status !== 'signed') return fail('LETTER_CODE_CONFLICT', 'host.archive.conflict', { caseNumber: record.caseNumber });
    return ok({ code });
  };

  return {
    codeFor: async (record) => {
      // The case number names the file: it must be one, not a path.
      if (!CASE_NUMBER.test(record.caseNumber)) return fail('RECORD_BAD_COUNTER', 'host.archive.bad_counter');
      const signer = await options.signer();
      const file = path.join(folder, `${record.caseNumber}.txt`);
      return lock.run(record.caseNumber, async () => {
        const existing = await readFileIfExists(file);
        if (existing) return keptCode(existing, record, signer);
        // signLetterCode re-hashes the record: a record whose hash does not verify is never signed.
        const code = await signLetterCode(record, signer);
        if (!code) return fail('RECORD_HASH_MISMATCH', 'host.archive.hash_mismatch');
        try {
          await writeFileAtomic(file, `${code}\n`, { exclusive: true, mode: 0o600 });
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw error;
          // Another process wrote it first: its code is the one.
          return keptCode((await readFileIfExists(file)) ?? Buffer.alloc(0), record, signer);
        }
        return ok({ code });
      });
    },
  };
};
