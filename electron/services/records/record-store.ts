import { truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type Result } from '../../../shared/contract/result';
import type { CaseDraft, Clerk, CounterContext } from '../../../shared/domain/case-draft';
import { formatCaseNumber, shanghaiDate } from '../../../shared/domain/case-number';
import { normalizeIdNumber } from '../../../shared/domain/id-documents';
import { SealError, sealCase } from '../../../shared/domain/seal';
import { isSealedCase, type ChainRecord } from '../../../shared/domain/chain-record';
import { recordHash } from '../../../shared/domain/seal';
import { GENESIS_HASH, sealedRecordSchema, type SealedRecord } from '../../../shared/domain/sealed-record';
import { VOID_RECORD_SCHEMA, voidRecordSchema, type VoidReason, type VoidRecord } from '../../../shared/domain/void-record';
import type { LetterArchive } from '../archive';
import { appendDurably, KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';
import { readRecordFile, type RecordOpener } from '../evidence/signed-record';
import { parseRecordIndex, RECORD_INDEX_FILE, recordIndexLine, type RecordIndexEntry } from './record-index';
import { recordFilePath } from './record-paths';

/**
 * Main's store of sealed records, the device's one authority on its chain: sealing happens here and
 * nowhere else. The records of truth are the signed record files in the archive (each with its
 * ledger line); `record-index.jsonl` in main's data folder says in which order they were sealed.
 *
 * A seal writes, in order: a pending mark (which draft, which case number), the signed record file
 * and its ledger line (archive.archiveRecord), the index line — the commit — and then drops the
 * mark. A crash anywhere leaves either nothing sealed (the retry seals anew, under the same case
 * number) or a complete record that the next start takes into the index with its draft id (the retry
 * then answers that record). So a case is never sealed twice, nor a number given twice.
 */
export interface RecordStoreOptions {
  dataDir: string;
  archive: LetterArchive;
  /** The keyed blind index of a normalized ID number (the data key's HMAC; never the number). */
  idIndex: (normalizedIdNumber: string) => Promise<string>;
  /** The data key that opens the (encrypted) record files. */
  opener?: () => Promise<RecordOpener>;
  /** The device clock's last measured skew when beyond the limit (sync/sync-engine.ts), else null. */
  clockSkew?: () => Promise<{ seconds: number; observedAt: string } | null>;
  now?: () => Date;
}

export interface SealRequest {
  draft: CaseDraft;
  /** From the session, never from the draft. */
  clerk: Clerk;
  /** From the device's settings. */
  device: CounterContext;
}

export interface VoidRequest {
  caseNumber: string;
  reason: VoidReason;
  note: string;
  /** From the session: a supervisor's. */
  supervisor: Clerk;
  device: CounterContext;
}

export interface ChainHead {
  sequence: number;
  hash: string;
  caseNumber: string | null;
}

export interface RecordStore {
  seal(request: SealRequest): Promise<Result<SealedRecord>>;
  /**
   * Voids a sealed case: a void record sealed into the chain after it, pointing at it. A case is
   * voided once; a void is not voided.
   */
  voidCase(request: VoidRequest): Promise<Result<VoidRecord>>;
  /** A sealed case (not a void) by its case number. */
  get(caseNumber: string): Promise<Result<SealedRecord>>;
  /** The void of a case, if it was voided. */
  voidOf(caseNumber: string): Promise<VoidRecord | null>;
  /** The letter code signed into a case's record file when it was sealed; null for records archived before. */
  letterCodeOf(caseNumber: string): Promise<string | null>;
  /** The cases sealed on a day (Asia/Shanghai), newest first; voids are not listed, only found by voidOf. */
  ofDay(day: string): Promise<SealedRecord[]>;
  /** Records of an ID number (normalized here), newest first, at most `limit`. */
  ofIdNumber(idNumber: string, limit: number): Promise<SealedRecord[]>;
  /** The newest cases first (voids left out: they have no letter), as case numbers, at most `limit` looked at. */
  newest(limit: number): Promise<string[]>;
  head(): Promise<ChainHead>;
}

const PENDING_FILE = 'seal-pending.json';
const MAX_CASES_PER_DAY = 9999;
/** Draft ids kept in memory for retries: a retry comes right after a lost answer, not years later. */
const RECENT_DRAFTS = 2000;

/** What main keeps in memory per record: compact, so 200,000 records stay a few tens of MB. */
interface Loaded {
  caseNumbers: string[];
  sequenceOf: Map<string, number>;
  /** The blind index's first 16 hex digits → sequences; matches are read and checked in full. */
  byIdIndex: Map<string, number[]>;
  recentDrafts: Map<string, string>;
  /** Voided case → its void's case number. */
  voidedBy: Map<string, string>;
  /** `<counter>-<yyyymmdd>` → the highest number of that day. */
  dayMax: Map<string, number>;
  head: { sequence: number; hash: string };
  /** Why sealing is refused: the index or the archive does not hold one unbroken chain. */
  broken: 'index_damaged' | 'head_mismatch' | 'ledger_out_of_chain' | null;
}

interface PendingSeal {
  /** null for a void (it seals no draft). */
  draftId: string | null;
  caseNumber: string;
}

const dayKeyOf = (caseNumber: string) => caseNumber.slice(0, caseNumber.lastIndexOf('-'));
const dayNumberOf = (caseNumber: string) => Number(caseNumber.slice(caseNumber.lastIndexOf('-') + 1));

export const createRecordStore = (options: RecordStoreOptions): RecordStore => {
  const now = options.now ?? (() => new Date());
  const indexFile = path.join(options.dataDir, RECORD_INDEX_FILE);
  const pendingFile = path.join(options.dataDir, PENDING_FILE);
  const archiveRoot = path.resolve(options.archive.root);
  const lock = new KeyedLock();
  let loading: Promise<Loaded> | null = null;

  const readFile = async (caseNumber: string) => {
    const bytes = await readFileIfExists(path.join(archiveRoot, ...recordFilePath(caseNumber).split('/')));
    return bytes ? readRecordFile(bytes, options.opener ? await options.opener() : undefined) : null;
  };

  const readRecord = async (caseNumber: string): Promise<ChainRecord | null> => {
    const read = await readFile(caseNumber);
    return !read || read.kind === 'unreadable' ? null : read.record;
  };

  const remember = (state: Loaded, entry: RecordIndexEntry) => {
    state.caseNumbers[entry.sequence - 1] = entry.caseNumber;
    state.sequenceOf.set(entry.caseNumber, entry.sequence);
    if (entry.idIndex) {
      const key = entry.idIndex.slice(0, 16);
      const list = state.byIdIndex.get(key);
      if (list) list.push(entry.sequence);
      else state.byIdIndex.set(key, [entry.sequence]);
    }
    if (entry.voids) state.voidedBy.set(entry.voids, entry.caseNumber);
    if (entry.draftId) {
      state.recentDrafts.set(entry.draftId, entry.caseNumber);
      if (state.recentDrafts.size > RECENT_DRAFTS) state.recentDrafts.delete(state.recentDrafts.keys().next().value!);
    }
    const dayKey = dayKeyOf(entry.caseNumber);
    state.dayMax.set(dayKey, Math.max(state.dayMax.get(dayKey) ?? 0, dayNumberOf(entry.caseNumber)));
    state.head = { sequence: entry.sequence, hash: entry.hash };
  };

  const entryFor = async (record: ChainRecord, draftId: string | null): Promise<RecordIndexEntry> => ({
    sequence: record.sequence,
    caseNumber: record.caseNumber,
    hash: record.hash,
    prevHash: record.prevHash,
    sealedAt: record.timestamps.sealedAt,
    draftId,
    idIndex: isSealedCase(record) ? await options.idIndex(normalizeIdNumber(record.applicant.idNumber)) : null,
    voids: isSealedCase(record) ? null : record.voids.caseNumber,
  });

  const commit = async (state: Loaded, entry: RecordIndexEntry) => {
    await appendDurably(indexFile, recordIndexLine(entry), 0o600);
    remember(state, entry);
  };

  /** Takes a record into the index when it is the chain's next one; false when it is not. */
  const adopt = async (state: Loaded, record: ChainRecord, draftId: string | null): Promise<boolean> => {
    if (record.sequence !== state.head.sequence + 1 || record.prevHash !== state.head.hash) return false;
    await commit(state, await entryFor(record, draftId));
    return true;
  };

  const readPending = async (): Promise<PendingSeal | null> => {
    const bytes = await readFileIfExists(pendingFile);
    if (!bytes) return null;
    try {
      const value = JSON.parse(bytes.toString('utf8')) as PendingSeal;
      return (typeof value.draftId === 'string' || value.draftId === null) && typeof value.caseNumber === 'string' ? value : null;
    } catch {
      return null;
    }
  };

  /**
   * Loads the index and brings it level with the archive: records the ledger has and the index
   * lacks (an archive from before the index, a crash after the ledger line) are taken in, in
   * ledger order, and a seal interrupted after its record file is completed.
   */
  const load = async (): Promise<Loaded> => {
    const bytes = await readFileIfExists(indexFile);
    const parsed = parseRecordIndex(bytes?.toString('utf8') ?? '');
    const state: Loaded = {
      caseNumbers: [],
      sequenceOf: new Map(),
      byIdIndex: new Map(),
      recentDrafts: new Map(),
      voidedBy: new Map(),
      dayMax: new Map(),
      head: { sequence: 0, hash: GENESIS_HASH },
      broken: parsed.damagedLine === null ? null : 'index_damaged',
    };
    if (bytes && parsed.damagedLine === null && parsed.completeLength < bytes.length) await truncate(indexFile, parsed.completeLength);
    for (const entry of parsed.entries) remember(state, entry);
    if (state.broken) return state;

    const pending = await readPending();
    for (const line of await options.archive.ledger.entries()) {
      if (line.kind !== 'record' || state.sequenceOf.has(line.caseNumber)) continue;
      const record = await readRecord(line.caseNumber);
      const draftId = pending?.caseNumber === line.caseNumber ? pending.draftId : null;
      if (!record || record.hash !== line.recordHash || !(await adopt(state, record, draftId))) {
        state.broken = 'ledger_out_of_chain';
        return state;
      }
    }
    if (pending && !state.sequenceOf.has(pending.caseNumber)) {
      // The record file was written, its ledger line not: complete the seal the crash cut short.
      const record = await readRecord(pending.caseNumber);
      if (record && record.sequence === state.head.sequence + 1 && record.prevHash === state.head.hash) {
        const archived = await options.archive.archiveRecord(record);
        if (archived.ok) await adopt(state, record, pending.draftId);
      }
    }
    if (pending) await unlink(pendingFile).catch(() => undefined);

    // The newest record file must still be the one the index sealed: a replaced head is a fork.
    const headCase = state.caseNumbers[state.head.sequence - 1];
    if (headCase && (await readRecord(headCase))?.hash !== state.head.hash) state.broken = 'head_mismatch';
    return state;
  };

  const loaded = (): Promise<Loaded> =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));

  const brokenChain = (state: Loaded): Result<never> => fail('CHAIN_BROKEN', `host.seal.chain_${state.broken!}`);

  /** The sealed cases at these places of the chain (voids and unreadable files left out). */
  const casesAt = async (state: Loaded, sequences: Iterable<number>): Promise<SealedRecord[]> => {
    const records: SealedRecord[] = [];
    for (const sequence of sequences) {
      const record = await readRecord(state.caseNumbers[sequence - 1]!);
      if (record && isSealedCase(record)) records.push(record);
    }
    return records;
  };

  /** The next case number of today at this counter, or the refusal when the day's are used up. */
  const nextCaseNumber = (state: Loaded, counterId: string, sealedAt: Date): Result<string> => {
    const day = shanghaiDate(sealedAt);
    const numberOfDay = (state.dayMax.get(`${counterId}-${day.replaceAll('-', '')}`) ?? 0) + 1;
    if (numberOfDay > MAX_CASES_PER_DAY) return fail('CASE_NUMBERS_EXHAUSTED', 'host.seal.numbers_exhausted');
    return ok(formatCaseNumber(counterId, day, numberOfDay));
  };

  /**
   * Seals a record built for the next place of the chain: the pending mark, the signed file and its
   * ledger line, the index line (the commit). Called inside the seal lock only.
   */
  const append = async <R extends ChainRecord>(state: Loaded, record: R, draftId: string | null): Promise<Result<R>> => {
    await writeFileAtomic(pendingFile, JSON.stringify({ draftId, caseNumber: record.caseNumber } satisfies PendingSeal), { mode: 0o600 });
    const archived = await options.archive.archiveRecord(record);
    if (!archived.ok) return archived;
    await commit(state, await entryFor(record, draftId));
    await unlink(pendingFile);
    return ok(record);
  };

  return {
    seal: ({ draft, clerk, device }) =>
      lock.run('seal', async () => {
        const state = await loaded();
        if (state.broken) return brokenChain(state);
        const earlier = state.recentDrafts.get(draft.draftId);
        if (earlier) {
          // The same draft again (an answer lost to a crash): the record it already is.
          const record = await readRecord(earlier);
          return record && isSealedCase(record) ? ok(record) : fail('RECORD_NOT_FOUND', 'host.record.not_found');
        }
        const sealedAt = now();
        const caseNumber = nextCaseNumber(state, device.counterId, sealedAt);
        if (!caseNumber.ok) return caseNumber;
        let record: SealedRecord;
        try {
          record = await sealCase(
            { ...draft, clerk, counter: device },
            { caseNumber: caseNumber.value, sequence: state.head.sequence + 1, prevHash: state.head.hash, sealedAt, clockSkew: (await options.clockSkew?.()) ?? null },
          );
        } catch (error) {
          if (error instanceof SealError) return fail('CASE_NOT_READY', 'host.seal.not_ready');
          throw error;
        }
        // Built from a draft a window sent: it must be a record every verifier will accept.
        if (!sealedRecordSchema.safeParse(record).success) return fail('CASE_NOT_READY', 'host.seal.not_ready');
        return append(state, record, draft.draftId);
      }),

    voidCase: ({ caseNumber, reason, note, supervisor, device }) =>
      lock.run('seal', async () => {
        const state = await loaded();
        if (state.broken) return brokenChain(state);
        const target = state.sequenceOf.has(caseNumber) ? await readRecord(caseNumber) : null;
        if (!target || !isSealedCase(target)) return fail('RECORD_NOT_FOUND', 'host.record.not_found');
        const earlier = state.voidedBy.get(caseNumber);
        if (earlier) return fail('RECORD_ALREADY_VOIDED', 'host.void.already_voided', { voidNumber: earlier });
        const sealedAt = now();
        const number = nextCaseNumber(state, device.counterId, sealedAt);
        if (!number.ok) return number;
        const body = {
          schema: VOID_RECORD_SCHEMA,
          caseNumber: number.value,
          sequence: state.head.sequence + 1,
          prevHash: state.head.hash,
          voids: { caseNumber: target.caseNumber, hash: target.hash },
          reason,
          note,
          supervisor: { clerkId: supervisor.clerkId, name: supervisor.name },
          device,
          timestamps: { sealedAt: sealedAt.toISOString() },
        } as const;
        const record = voidRecordSchema.parse({ ...body, hash: await recordHash(body) });
        return append(state, record, null);
      }),

    get: async (caseNumber) => {
      const state = await loaded();
      if (!state.sequenceOf.has(caseNumber)) return fail('RECORD_NOT_FOUND', 'host.record.not_found');
      const record = await readRecord(caseNumber);
      if (!record) return fail('RECORD_UNREADABLE', 'host.record.unreadable');
      return isSealedCase(record) ? ok(record) : fail('RECORD_NOT_FOUND', 'host.record.not_found');
    },

    letterCodeOf: async (caseNumber) => {
      const state = await loaded();
      if (!state.sequenceOf.has(caseNumber)) return null;
      const read = await readFile(caseNumber);
      // Only from a file that opened as its record: the code names that record's hash.
      return read?.kind === 'sealed' && read.record ? read.envelope.letterCode : null;
    },

    voidOf: async (caseNumber) => {
      const state = await loaded();
      const voidNumber = state.voidedBy.get(caseNumber);
      const record = voidNumber ? await readRecord(voidNumber) : null;
      return record && !isSealedCase(record) ? record : null;
    },

    ofDay: async (day) => {
      const state = await loaded();
      const compact = day.replaceAll('-', '');
      const sequences: number[] = [];
      // Newest first; a day's records are at the end of the chain for today, near it for recent days.
      for (let sequence = state.caseNumbers.length; sequence >= 1; sequence -= 1) {
        if (dayKeyOf(state.caseNumbers[sequence - 1]!).endsWith(`-${compact}`)) sequences.push(sequence);
      }
      return casesAt(state, sequences);
    },

    ofIdNumber: async (idNumber, limit) => {
      const state = await loaded();
      const normalized = normalizeIdNumber(idNumber);
      const key = (await options.idIndex(normalized)).slice(0, 16);
      const sequences = [...(state.byIdIndex.get(key) ?? [])].reverse().slice(0, limit);
      // The short key may collide: the decrypted record itself decides.
      return (await casesAt(state, sequences)).filter((record) => normalizeIdNumber(record.applicant.idNumber) === normalized);
    },

    newest: async (limit) => {
      const state = await loaded();
      const voids = new Set(state.voidedBy.values());
      return state.caseNumbers.slice(-limit).reverse().filter((caseNumber) => !voids.has(caseNumber));
    },

    head: async () => {
      const state = await loaded();
      return { ...state.head, caseNumber: state.caseNumbers[state.head.sequence - 1] ?? null };
    },
  };
};

