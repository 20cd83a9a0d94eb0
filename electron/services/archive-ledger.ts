import { mkdir, open, truncate } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ArchiveCheck } from '../../shared/contract/host-contract';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { GENESIS_HASH } from '../../shared/domain/sealed-record';
import { fsyncDirectory, KeyedLock, readFileIfExists } from './atomic-file';
import { sha256Hex } from './file-hash';

/**
 * The archive's ledger, `<archiveDir>/ledger.jsonl`: one line per file ever written into the archive,
 * with its SHA-256, each line hashed and chained to the one before. It is what `archive:verify` walks
 * the folders against: a file without a line is an orphan, a line without its file is missing, a file
 * whose hash differs was altered — and an edited or removed line breaks the chain.
 *
 * Lines are only ever appended (then flushed). A power cut can leave a torn last line: it is cut off
 * before the next append, and the file it described is entered again by the retry that follows.
 */
export const LEDGER_FILE = 'ledger.jsonl';

export const ledgerKinds = ['record', 'letter', 'reprint'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const hexOf = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/**
 * A line is unsigned (as every line before signatures) or signed: then it also names the suite and
 * the device key, carries the suite's hash of the file (`digest`: SM3 under `gm`, SHA-256 under
 * `intl`) and `sig`, the device's signature over `ledger-line/1` and the line's canonical JSON
 * without `sig` (its chain hash included). `hash` stays SHA-256 over the line without `hash` and
 * `sig`, so unsigned lines hash exactly as they always did.
 */
export const ledgerEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    kind: z.enum(ledgerKinds),
    caseNumber: z.string().min(1).max(40),
    /** Inside the archive, with `/` separators. */
    relativePath: z.string().min(1).max(200),
    sha256,
    bytes: z.number().int().nonnegative(),
    /** The sealed record the file belongs to. */
    recordHash: sha256,
    at: z.iso.datetime({ offset: true }),
    prev: sha256,
    suite: z.enum(['gm', 'intl']).optional(),
    keyId: hexOf(16).optional(),
    digest: hexOf(32).optional(),
    hash: sha256,
    sig: hexOf(64).optional(),
  })
  .strict()
  .refine((entry) => [entry.suite, entry.keyId, entry.digest, entry.sig].every((field) => (field === undefined) === (entry.sig === undefined)), {
    message: 'a signed line has suite, keyId, digest and sig, an unsigned one none of them',
  });

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;
export type NewLedgerEntry = Omit<LedgerEntry, 'seq' | 'prev' | 'hash' | 'at' | 'suite' | 'keyId' | 'digest' | 'sig'> & {
  /** The suite's hash of the file, for a signed line. */
  digest?: string;
};

export const ledgerEntryHash = (entry: Omit<LedgerEntry, 'hash' | 'sig'>): string => sha256Hex(canonicalJson(entry));

export const LEDGER_LINE_STATEMENT = 'ledger-line/1';

/** The bytes a line's signature is over: everything on the line but the signature itself. */
export const ledgerLineStatement = (entry: LedgerEntry): Uint8Array => {
  const { sig: _sig, ...signed } = entry;
  return new TextEncoder().encode(`${LEDGER_LINE_STATEMENT}\n${canonicalJson(signed)}`);
};

/** Signs ledger lines: the device signer, seen only through what the ledger needs. */
export interface LedgerSigner {
  suite: 'gm' | 'intl';
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

export type LedgerProblem = ArchiveCheck['ledgerProblems'][number];

export interface ParsedLedger {
  entries: LedgerEntry[];
  /** The line (from 1) each entry was read from. */
  lines: number[];
  problems: LedgerProblem[];
  /** Byte length of the complete lines: where the next append goes after a torn line is cut off. */
  completeLength: number;
}

/** Reads the ledger's text: every entry that parses, and each line that is damaged or out of chain. */
export const parseLedger = (text: string): ParsedLedger => {
  const entries: LedgerEntry[] = [];
  const lines: number[] = [];
  const problems: LedgerProblem[] = [];
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  // Each line is checked against the one before it, so a removed line shows once, where the gap is.
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  complete
    .split('\n')
    .slice(0, -1)
    .forEach((raw, index) => {
      const line = index + 1;
      let parsed: LedgerEntry;
      try {
        parsed = ledgerEntrySchema.parse(JSON.parse(raw));
      } catch {
        problems.push({ line, problem: 'unreadable' });
        return;
      }
      const { hash, sig: _sig, ...body } = parsed;
      // A line must be its canonical form: a space or an escape added is a change like any other.
      if (canonicalJson(parsed) !== raw) problems.push({ line, problem: 'unreadable' });
      else if (ledgerEntryHash(body) !== hash) problems.push({ line, problem: 'bad-hash' });
      else if (parsed.prev !== prev || parsed.seq !== prevSeq + 1) problems.push({ line, problem: 'broken-chain' });
      entries.push(parsed);
      lines.push(line);
      prev = hash;
      prevSeq = parsed.seq;
    });
  if (lastNewline + 1 < text.length) problems.push({ line: complete.split('\n').length, problem: 'torn-line' });
  return { entries, lines, problems, completeLength: Buffer.byteLength(complete, 'utf8') };
};

export interface ArchiveLedger {
  /** The entry for a file, if the ledger has one. */
  find(relativePath: string): Promise<LedgerEntry | undefined>;
  /** Appends an entry for a file (once: an existing one for the same path and hash is returned). */
  record(entry: NewLedgerEntry): Promise<LedgerEntry>;
  /** How many entries of a kind a case has: the next reprint's number. */
  count(caseNumber: string, kind: LedgerKind): Promise<number>;
}

/** `signer`: from the first signed archive on, every line is signed (the archive always passes one). */
export const createArchiveLedger = (root: string, now: () => Date = () => new Date(), signer?: () => Promise<LedgerSigner>): ArchiveLedger => {
  const file = path.join(root, LEDGER_FILE);
  const lock = new KeyedLock();
  let loaded: { entries: LedgerEntry[]; byPath: Map<string, LedgerEntry> } | null = null;

  const load = async () => {
    if (loaded) return loaded;
    const bytes = await readFileIfExists(file);
    const parsed = parseLedger(bytes?.toString('utf8') ?? '');
    if (bytes && parsed.completeLength < bytes.length) await truncate(file, parsed.completeLength);
    loaded = { entries: parsed.entries, byPath: new Map(parsed.entries.map((entry) => [entry.relativePath, entry])) };
    return loaded;
  };

  const append = async (line: string): Promise<void> => {
    await mkdir(root, { recursive: true });
    const handle = await open(file, 'a', 0o644);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDirectory(root);
  };

  return {
    find: (relativePath) => lock.run(file, async () => (await load()).byPath.get(relativePath)),

    count: (caseNumber, kind) =>
      lock.run(file, async () => (await load()).entries.filter((entry) => entry.caseNumber === caseNumber && entry.kind === kind).length),

    record: (input) =>
      lock.run(file, async () => {
        const ledger = await load();
        const existing = ledger.byPath.get(input.relativePath);
        if (existing && existing.sha256 === input.sha256) return existing;
        const last = ledger.entries.at(-1);
        const { digest, ...fields } = input;
        const base = { ...fields, seq: (last?.seq ?? 0) + 1, at: now().toISOString(), prev: last?.hash ?? GENESIS_HASH };
        let entry: LedgerEntry;
        if (signer) {
          const key = await signer();
          if (digest === undefined) throw new Error('a signed ledger line needs the suite digest of its file');
          const body = { ...base, suite: key.suite, keyId: key.keyId, digest };
          const unsigned: LedgerEntry = { ...body, hash: ledgerEntryHash(body) };
          entry = { ...unsigned, sig: Buffer.from(key.sign(ledgerLineStatement(unsigned))).toString('hex') };
        } else {
          entry = { ...base, hash: ledgerEntryHash(base) };
        }
        await append(`${canonicalJson(entry)}\n`);
        ledger.entries.push(entry);
        ledger.byPath.set(entry.relativePath, entry);
        return entry;
      }),
  };
};
