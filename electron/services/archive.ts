import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ArchivedLetter } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { shanghaiDate } from '../../shared/domain/case-number';
import { recordHash } from '../../shared/domain/seal';
import type { ChainRecord } from '../../shared/domain/chain-record';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { createArchiveLedger, type ArchiveLedger } from './archive-ledger';
import { KeyedLock, pathExists, readFileIfExists, writeFileAtomic } from './atomic-file';
import { loadSuite } from './crypto/suite';
import type { DeviceSigner } from './device-key';
import { publishDeviceKey } from './evidence/archive-keys';
import { isSealedCase } from '../../shared/domain/chain-record';
import { signLetterCode } from './evidence/letter-code';
import { isSealedLetter, openSealedLetter, sealedLetterBytes } from './evidence/sealed-letter-file';
import { sealedRecordFileBytes } from './evidence/sealed-record-file';
import { readRecordFile, signedRecordFileBytes, signRecord, type RecordOpener } from './evidence/signed-record';
import { sha256Hex } from './file-hash';

/**
 * The letter archive: `<archiveDir>/<YYYY-MM-DD>/<counterId>/<caseNumber>.pdf` next to
 * `<caseNumber>.record.json` (the sealed record's canonical JSON). The date is the Asia/Shanghai day of
 * sealing. What is archived never changes: the same case again with the same bytes is a harmless retry,
 * with other bytes it is refused.
 */
export interface ArchiveOptions {
  archiveDir: string;
  now?: () => Date;
  /**
   * The device signer: each record file then carries its signed envelope and each ledger line its
   * signature, and the public key is published in the archive. Without one (older tests, tools that
   * only read) the archive writes the unsigned version as before.
   */
  signer?: () => Promise<DeviceSigner>;
  /**
   * The data key (main's): record files are then written encrypted (`signed-record/2`,
   * evidence/sealed-record-file.ts), so no personal data lies in clear in them. Without one (tools,
   * older tests) they are written signed and in clear as before. Letters and reprints too are then
   * written sealed (evidence/sealed-letter-file.ts): still named `.pdf`, but ciphertext on disk.
   */
  opener?: () => Promise<RecordOpener>;
}

export interface LetterArchive {
  /** The archive folder, absolute. */
  readonly root: string;
  readonly ledger: ArchiveLedger;
  /**
   * Writes a sealed record's signed file and its ledger line (what sealing in main does before it
   * answers). Again with the same record it is a harmless retry; another record under its case
   * number is a conflict.
   */
  archiveRecord(record: ChainRecord): Promise<Result<{ relativePath: string }>>;
  archiveLetter(input: { record: SealedRecord; pdfBase64: string }): Promise<Result<ArchivedLetter>>;
  /**
   * Keeps a reprint (补打) beside the original: `<caseNumber>.reprint-<n>.pdf`, numbered from 1. The
   * original letter is never touched; the reprint is what was handed out the second time.
   */
  archiveReprint(input: { letterPath: string; pdfBase64: string }): Promise<Result<ArchivedLetter>>;
  /**
   * An archived letter's PDF, opened when sealed. `sha256` is always of the plain PDF (what the
   * preview compares its own rendering with), as are `archiveLetter`'s and `archiveReprint`'s; the
   * ledger's is of the bytes on disk.
   */
  readArchivedLetter(input: { relativePath: string }): Promise<Result<{ pdfBase64: string; sha256: string }>>;
  /**
   * The PDF of an archived letter to hand to the spooler, in memory (a sealed letter is never written
   * out in clear): inside the archive, and its bytes on disk those the ledger wrote down — checked
   * before opening. A letter altered or replaced on disk is never printed as genuine.
   */
  letterToPrint(relativePath: string): Promise<Result<Buffer>>;
}

const COUNTER_ID = /^[A-Z0-9]{1,8}$/;
const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : undefined;

/** Whether `child` is `parent` itself or lies below it (both absolute, normalized). */
const isInside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

export const createLetterArchive = (options: ArchiveOptions): LetterArchive => {
  const root = path.resolve(options.archiveDir);
  const lock = new KeyedLock();
  const signer = options.signer;
  const ledger = createArchiveLedger(root, options.now, signer);
  let published: Promise<void> | null = null;
  const publishKey = (key: DeviceSigner, deviceId: string) => (published ??= publishDeviceKey(root, key, deviceId).catch((error: unknown) => {
    published = null;
    throw error;
  }));

  /** Writes a file that must end up with exactly these bytes; an existing different file is a conflict. */
  const writeOnce = async (target: string, bytes: Buffer): Promise<'written' | 'same' | 'conflict'> => {
    const existing = await readFileIfExists(target);
    if (existing) return existing.equals(bytes) ? 'same' : 'conflict';
    try {
      await writeFileAtomic(target, bytes, { exclusive: true, mode: 0o600 });
      return 'written';
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const now = await readFileIfExists(target);
      return now?.equals(bytes) ? 'same' : 'conflict';
    }
  };

  const openerNow = async () => (options.opener ? await options.opener() : undefined);

  /** The plain PDF of a letter's bytes on disk: itself when plain, opened when sealed; null when it does not open. */
  const plainOf = (bytes: Buffer, relativePath: string, opener: RecordOpener | undefined): Buffer | null =>
    isSealedLetter(bytes) ? (opener ? openSealedLetter(bytes, opener.cipher, relativePath) : null) : bytes;

  /**
   * Writes a letter (or reprint) once: sealed when the archive holds the data key, plain otherwise.
   * Sealing is randomized, so an existing file is compared by its opened PDF, never by ciphertext;
   * the answer carries the bytes on disk, which the ledger line hashes.
   */
  const writeLetterOnce = async (
    target: string,
    relativePath: string,
    pdf: Buffer,
    deviceId: string,
    exclusiveOnly = false,
  ): Promise<{ status: 'written' | 'same' | 'conflict'; bytes: Buffer }> => {
    const opener = await openerNow();
    const sameAs = (existing: Buffer | null) => (existing !== null && plainOf(existing, relativePath, opener)?.equals(pdf) === true ? existing : null);
    if (!exclusiveOnly) {
      const existing = await readFileIfExists(target);
      if (existing) return sameAs(existing) ? { status: 'same', bytes: existing } : { status: 'conflict', bytes: existing };
    }
    const bytes = opener ? sealedLetterBytes(pdf, opener.cipher, deviceId, relativePath) : pdf;
    try {
      await writeFileAtomic(target, bytes, { exclusive: true, mode: 0o600 });
      return { status: 'written', bytes };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST' || exclusiveOnly) throw error;
      const now = await readFileIfExists(target);
      const same = sameAs(now);
      return same ? { status: 'same', bytes: same } : { status: 'conflict', bytes: now ?? Buffer.alloc(0) };
    }
  };

  interface Placement {
    folderPath: string;
    folder: string;
    key: DeviceSigner | null;
  }

  /** Where a record's files go, once its hash and counter are checked. */
  const placeOf = async (record: ChainRecord): Promise<Result<Placement>> => {
    const { hash, ...body } = record;
    if ((await recordHash(body)) !== hash) return fail('RECORD_HASH_MISMATCH', 'host.archive.hash_mismatch');
    const { counterId } = record.device;
    if (!COUNTER_ID.test(counterId) || !record.caseNumber.startsWith(`${counterId}-`)) {
      return fail('RECORD_BAD_COUNTER', 'host.archive.bad_counter');
    }
    const day = shanghaiDate(new Date(record.timestamps.sealedAt));
    return ok({ folderPath: `${day}/${counterId}`, folder: path.join(root, day, counterId), key: signer ? await signer() : null });
  };

  /** The record's file, signed (and encrypted with the data key); the bytes on disk when they already hold this very record. */
  const writeRecordFile = async (record: ChainRecord, { folder, key }: Placement): Promise<Result<Buffer>> => {
    const recordFile = path.join(folder, `${record.caseNumber}.record.json`);
    const existing = await readFileIfExists(recordFile);
    const opener = await openerNow();
    if (key && existing) {
      // A signature (and a sealing) is made anew each time: a retry keeps the file already there
      // when it holds this very record.
      const read = readRecordFile(existing, opener);
      const same = read.kind !== 'unreadable' && read.record !== null && canonicalJson(read.record) === canonicalJson(record);
      return same ? ok(existing) : fail('ARCHIVE_CONFLICT', 'host.archive.conflict', { caseNumber: record.caseNumber });
    }
    if (key) await publishKey(key, record.device.deviceId);
    const suite = key ? await loadSuite(key.suite) : null;
    const bytes =
      key && suite
        ? opener
          ? sealedRecordFileBytes(record, suite, key, opener.cipher, isSealedCase(record) ? await signLetterCode(record, key) : null)
          : signedRecordFileBytes(record, signRecord(record, suite, key))
        : Buffer.from(`${canonicalJson(record)}\n`, 'utf8');
    const write = await writeOnce(recordFile, bytes);
    return write === 'conflict' ? fail('ARCHIVE_CONFLICT', 'host.archive.conflict', { caseNumber: record.caseNumber }) : ok(bytes);
  };

  const ledgerEntry = (record: ChainRecord, kind: 'record' | 'letter', relativePath: string, bytes: Buffer, key: DeviceSigner | null) =>
    ledger.record({
      kind,
      caseNumber: record.caseNumber,
      relativePath,
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
      recordHash: record.hash,
      ...(key ? { digest: key.hashHex(bytes) } : {}),
    });

  const resolveInside = async (relativePath: string): Promise<Result<string>> => {
    const segments = relativePath.split('/');
    // The contract's pattern already excludes these; the archive does not rely on it.
    if (/[\\\0:]/.test(relativePath) || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      return fail('ARCHIVE_PATH_REFUSED', 'host.archive.path_refused');
    }
    const target = path.resolve(root, ...segments);
    if (!isInside(root, target)) return fail('ARCHIVE_PATH_REFUSED', 'host.archive.path_refused');
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return fail('ARCHIVE_NOT_FOUND', 'host.archive.not_found');
      throw error;
    }
    // A symbolic link inside the archive must not lead out of it either.
    if (!isInside(await realpath(root), real)) return fail('ARCHIVE_PATH_REFUSED', 'host.archive.path_refused');
    return ok(real);
  };

  return {
    root,
    ledger,

    archiveRecord: async (record) => {
      const placed = await placeOf(record);
      if (!placed.ok) return placed;
      return lock.run(record.caseNumber, async () => {
        const written = await writeRecordFile(record, placed.value);
        if (!written.ok) return written;
        await ledgerEntry(record, 'record', `${placed.value.folderPath}/${record.caseNumber}.record.json`, written.value, placed.value.key);
        return ok({ relativePath: `${placed.value.folderPath}/${record.caseNumber}.record.json` });
      });
    },

    archiveLetter: async ({ record, pdfBase64 }) => {
      const placed = await placeOf(record);
      if (!placed.ok) return placed;
      const pdf = Buffer.from(pdfBase64, 'base64');
      if (pdf.length < PDF_MAGIC.length || !pdf.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        return fail('NOT_A_PDF', 'host.archive.not_pdf');
      }
      const { folderPath, folder, key } = placed.value;
      const relativePath = `${folderPath}/${record.caseNumber}.pdf`;
      return lock.run(record.caseNumber, async () => {
        // The record first, the letter last: a letter in the archive always has its record beside it.
        const written = await writeRecordFile(record, placed.value);
        const pdfWrite = written.ok
          ? await writeLetterOnce(path.join(folder, `${record.caseNumber}.pdf`), relativePath, pdf, record.device.deviceId)
          : null;
        if (!written.ok || !pdfWrite || pdfWrite.status === 'conflict') {
          return fail('ARCHIVE_CONFLICT', 'host.archive.conflict', { caseNumber: record.caseNumber });
        }
        // Entered after both files are complete; a retry after a crash enters what is missing. The
        // ledger hashes the bytes on disk (sealed or not); the answer the plain PDF, as before.
        await ledgerEntry(record, 'record', `${folderPath}/${record.caseNumber}.record.json`, written.value, key);
        await ledgerEntry(record, 'letter', relativePath, pdfWrite.bytes, key);
        return ok({ relativePath, sha256: sha256Hex(pdf), bytes: pdf.length });
      });
    },

    readArchivedLetter: async ({ relativePath }) => {
      const resolved = await resolveInside(relativePath);
      if (!resolved.ok) return resolved;
      const pdf = plainOf(await readFile(resolved.value), relativePath, await openerNow());
      // A sealed letter that does not open has been altered (or moved, or is another device's).
      if (!pdf) return fail('ARCHIVE_FILE_ALTERED', 'host.archive.file_altered');
      return ok({ pdfBase64: pdf.toString('base64'), sha256: sha256Hex(pdf) });
    },

    archiveReprint: async ({ letterPath, pdfBase64 }) => {
      const original = await ledger.find(letterPath);
      if (!original || original.kind !== 'letter') return fail('ARCHIVE_NOT_FOUND', 'host.archive.not_found');
      const pdf = Buffer.from(pdfBase64, 'base64');
      if (pdf.length < PDF_MAGIC.length || !pdf.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
        return fail('NOT_A_PDF', 'host.archive.not_pdf');
      }
      return lock.run(original.caseNumber, async () => {
        // A file left by a crash before its ledger line keeps its name (verify shows it as an orphan).
        let number = (await ledger.count(original.caseNumber, 'reprint')) + 1;
        const pathFor = (n: number) => letterPath.replace(/\.pdf$/, `.reprint-${n}.pdf`);
        while (await pathExists(path.join(root, ...pathFor(number).split('/')))) number += 1;
        const relativePath = pathFor(number);
        // The device id for the sealed letter's context: the record file's chain view (in clear in
        // every version) beside the original; only needed when the reprint is sealed.
        let deviceId = '';
        if (options.opener) {
          const recordBytes = await readFileIfExists(path.join(root, ...letterPath.replace(/\.pdf$/, '.record.json').split('/')));
          const read = recordBytes ? readRecordFile(recordBytes) : null;
          if (!read || read.kind === 'unreadable') return fail('ARCHIVE_NOT_FOUND', 'host.archive.not_found');
          deviceId = read.chain.device.deviceId;
        }
        const { bytes: onDisk } = await writeLetterOnce(path.join(root, ...relativePath.split('/')), relativePath, pdf, deviceId, true);
        const key = signer ? await signer() : null;
        await ledger.record({
          kind: 'reprint',
          caseNumber: original.caseNumber,
          relativePath,
          sha256: sha256Hex(onDisk),
          bytes: onDisk.length,
          recordHash: original.recordHash,
          ...(key ? { digest: key.hashHex(onDisk) } : {}),
        });
        return ok({ relativePath, sha256: sha256Hex(pdf), bytes: pdf.length });
      });
    },

    letterToPrint: async (relativePath) => {
      const resolved = await resolveInside(relativePath);
      if (!resolved.ok) return resolved;
      const entry = await ledger.find(relativePath);
      if (!entry || entry.kind === 'record') return fail('ARCHIVE_NOT_FOUND', 'host.archive.not_found');
      const onDisk = await readFile(resolved.value);
      // The bytes on disk against the ledger first (ciphertext when sealed), then opened in memory.
      if (sha256Hex(onDisk) !== entry.sha256) return fail('ARCHIVE_FILE_ALTERED', 'host.archive.file_altered');
      const pdf = plainOf(onDisk, relativePath, await openerNow());
      return pdf ? ok(pdf) : fail('ARCHIVE_FILE_ALTERED', 'host.archive.file_altered');
    },
  };
};
