import { truncate } from 'node:fs/promises';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { GENESIS_HASH } from '../../shared/domain/sealed-record';
import { appendDurably, KeyedLock, readFileIfExists } from './atomic-file';
import { sha256Hex } from './file-hash';

/**
 * An append-only JSONL log whose lines are hashed, chained and (optionally) signed by the device
 * key: the archive's ledger and the audit log are both one. Each line is its entry's canonical JSON;
 * `hash` is SHA-256 over the entry without `hash` and `sig`, `prev` the hash of the line before
 * (GENESIS_HASH first), `seq` counts from 1, and `sig` is the device's signature over the log's own
 * statement label and the entry's canonical JSON without `sig` — the label keeps a line of one log
 * from passing for a line of the other. A power cut can leave a torn last line: it is cut off before
 * the next append.
 */
export interface ChainedEntry {
  seq: number;
  prev: string;
  hash: string;
  sig?: string | undefined;
}

export type LogProblem = { line: number; problem: 'unreadable' | 'bad-hash' | 'broken-chain' | 'torn-line' };

export interface ParsedLog<E> {
  entries: E[];
  /** The line (from 1) each entry was read from. */
  lines: number[];
  problems: LogProblem[];
  /** Byte length of the complete lines: where the next append goes after a torn line is cut off. */
  completeLength: number;
}

/** Signs log lines: the device signer, seen only through what a log needs. */
export interface LogSigner {
  suite: 'gm' | 'intl';
  keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

export const chainHash = (body: object): string => sha256Hex(canonicalJson(body));

/** The bytes a line's signature is over: its log's label, then everything on the line but the signature. */
export const lineStatement = (label: string, entry: ChainedEntry): Uint8Array => {
  const { sig: _sig, ...signed } = entry;
  return new TextEncoder().encode(`${label}\n${canonicalJson(signed)}`);
};

/** Every entry that parses, and each line that is damaged or out of chain (once, where the gap is). */
export const parseSignedLog = <E extends ChainedEntry>(text: string, schema: z.ZodType<E>): ParsedLog<E> => {
  const entries: E[] = [];
  const lines: number[] = [];
  const problems: LogProblem[] = [];
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  complete
    .split('\n')
    .slice(0, -1)
    .forEach((raw, index) => {
      const line = index + 1;
      let parsed: E;
      try {
        parsed = schema.parse(JSON.parse(raw));
      } catch {
        problems.push({ line, problem: 'unreadable' });
        return;
      }
      const { hash, sig: _sig, ...body } = parsed;
      // A line must be its canonical form: a space or an escape added is a change like any other.
      if (canonicalJson(parsed) !== raw) problems.push({ line, problem: 'unreadable' });
      else if (chainHash(body) !== hash) problems.push({ line, problem: 'bad-hash' });
      else if (parsed.prev !== prev || parsed.seq !== prevSeq + 1) problems.push({ line, problem: 'broken-chain' });
      entries.push(parsed);
      lines.push(line);
      prev = hash;
      prevSeq = parsed.seq;
    });
  if (lastNewline + 1 < text.length) problems.push({ line: complete.split('\n').length, problem: 'torn-line' });
  return { entries, lines, problems, completeLength: Buffer.byteLength(complete, 'utf8') };
};

/** What a caller appends: the entry without what the log assigns (seq, prev, hash, sig). */
export type EntryBody<E extends ChainedEntry> = Omit<E, 'seq' | 'prev' | 'hash' | 'sig'>;

export interface SignedLog<E extends ChainedEntry> {
  /**
   * Runs `work` alone on the log with its entries so far; `append` writes one more line durably
   * (write, fsync, fsync of the folder) before it resolves, signed when a key is given.
   */
  transact<T>(work: (entries: readonly E[], append: (body: EntryBody<E>, key?: LogSigner) => Promise<E>) => Promise<T>): Promise<T>;
}

export interface SignedLogOptions<E extends ChainedEntry> {
  file: string;
  schema: z.ZodType<E>;
  /** The statement label of this log's signatures (`ledger-line/1`, `audit-entry/1`). */
  label: string;
  /** The fields a signed line adds beside `sig`, from the key (suite, keyId). */
  signedFields?: (key: LogSigner) => object;
}

export const createSignedLog = <E extends ChainedEntry>(options: SignedLogOptions<E>): SignedLog<E> => {
  const { file } = options;
  const lock = new KeyedLock();
  let loaded: E[] | null = null;

  const load = async (): Promise<E[]> => {
    if (loaded) return loaded;
    const bytes = await readFileIfExists(file);
    const parsed = parseSignedLog(bytes?.toString('utf8') ?? '', options.schema);
    if (bytes && parsed.completeLength < bytes.length) await truncate(file, parsed.completeLength);
    return (loaded = parsed.entries);
  };

  const write = (line: string): Promise<void> => appendDurably(file, line);

  return {
    transact: (work) =>
      lock.run(file, async () => {
        const entries = await load();
        const append = async (body: EntryBody<E>, key?: LogSigner): Promise<E> => {
          const last = entries.at(-1);
          const chained = { ...body, ...(key && options.signedFields ? options.signedFields(key) : {}), seq: (last?.seq ?? 0) + 1, prev: last?.hash ?? GENESIS_HASH };
          const unsigned = { ...chained, hash: chainHash(chained) } as unknown as E;
          const entry = key ? ({ ...unsigned, sig: Buffer.from(key.sign(lineStatement(options.label, unsigned))).toString('hex') } as E) : unsigned;
          await write(`${canonicalJson(entry)}\n`);
          entries.push(entry);
          return entry;
        };
        return work(entries, append);
      }),
  };
};
