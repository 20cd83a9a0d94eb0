import path from 'node:path';
import { z } from 'zod';
import type { ArchiveCheck } from '../../shared/contract/host-contract';
import { chainHash, createSignedLog, lineStatement, parseSignedLog, type LogSigner, type ParsedLog } from './signed-log';

/**
 * The archive's ledger, `<archiveDir>/ledger.jsonl`: one line per file ever written into the archive,
 * with its SHA-256, each line hashed and chained to the one before. It is what `archive:verify` walks
 * the folders against: a file without a line is an orphan, a line without its file is missing, a file
 * whose hash differs was altered — and an edited or removed line breaks the chain.
 *
 * Lines are only ever appended (then flushed; signed-log.ts). A power cut can leave a torn last line: it is
 * cut off before the next append, and the file it described is entered again by the retry that follows.
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

export const ledgerEntryHash = (entry: Omit<LedgerEntry, 'hash' | 'sig'>): string => chainHash(entry);

export const LEDGER_LINE_STATEMENT = 'ledger-line/1';

/** The bytes a line's signature is over: everything on the line but the signature itself. */
export const ledgerLineStatement = (entry: LedgerEntry): Uint8Array => lineStatement(LEDGER_LINE_STATEMENT, entry);

/** Signs ledger lines: the device signer, seen only through what the ledger needs. */
export type LedgerSigner = LogSigner;

export type LedgerProblem = ArchiveCheck['ledgerProblems'][number];

export type ParsedLedger = ParsedLog<LedgerEntry>;

/** Reads the ledger's text: every entry that parses, and each line that is damaged or out of chain. */
export const parseLedger = (text: string): ParsedLedger => parseSignedLog(text, ledgerEntrySchema);

export interface ArchiveLedger {
  /** The entry for a file, if the ledger has one. */
  find(relativePath: string): Promise<LedgerEntry | undefined>;
  /** Appends an entry for a file (once: an existing one for the same path and hash is returned). */
  record(entry: NewLedgerEntry): Promise<LedgerEntry>;
  /** How many entries of a kind a case has: the next reprint's number. */
  count(caseNumber: string, kind: LedgerKind): Promise<number>;
  /** Every entry so far, in order (main's record store rebuilds its index from them). */
  entries(): Promise<readonly LedgerEntry[]>;
}

/** `signer`: from the first signed archive on, every line is signed (the archive always passes one). */
export const createArchiveLedger = (root: string, now: () => Date = () => new Date(), signer?: () => Promise<LedgerSigner>): ArchiveLedger => {
  // The signed hash-chained log itself (append, fsync, torn-line repair) is signed-log.ts, shared with the audit log.
  const log = createSignedLog({ file: path.join(root, LEDGER_FILE), schema: ledgerEntrySchema, label: LEDGER_LINE_STATEMENT, signedFields: (key) => ({ suite: key.suite, keyId: key.keyId }) });
  // The newest line for a path wins, as a retry that re-entered a file after a torn line would.
  const byPath = (entries: readonly LedgerEntry[], relativePath: string) => {
    for (let index = entries.length - 1; index >= 0; index -= 1) if (entries[index]!.relativePath === relativePath) return entries[index];
    return undefined;
  };

  return {
    find: (relativePath) => log.transact(async (entries) => byPath(entries, relativePath)),

    entries: () => log.transact(async (entries) => [...entries]),

    count: (caseNumber, kind) => log.transact(async (entries) => entries.filter((entry) => entry.caseNumber === caseNumber && entry.kind === kind).length),

    record: (input) =>
      log.transact(async (entries, append) => {
        const existing = byPath(entries, input.relativePath);
        if (existing && existing.sha256 === input.sha256) return existing;
        const { digest, ...fields } = input;
        const at = now().toISOString();
        if (!signer) return append({ ...fields, at });
        const key = await signer();
        if (digest === undefined) throw new Error('a signed ledger line needs the suite digest of its file');
        return append({ ...fields, at, digest }, key);
      }),
  };
};
