import { shanghaiDate } from '../domain/case-number';
import { GENESIS_HASH } from '../domain/sealed-record';
import { dayCasePrefix, isOnOrBefore, letterPathCase, type DayCase, type DayChainHead, type DayCounts, type LedgerRef } from './day-close';

/**
 * A day as the ledger and the audit log show it, derived by the same code on the counter (from its
 * own archive, to state the day) and on the central system (from what the counter pushed, to check
 * the statement): whatever differs between the two is then a difference of the data, never of two
 * readings of it. Neither side needs a record's content here but the counter's outcome, which it adds.
 */
export interface LedgerFact {
  seq: number;
  kind: string;
  caseNumber: string;
  /** Of the file as stored (sealed bytes for a sealed letter). */
  sha256: string;
  recordHash: string;
  at: string;
  /** A record line's file's chain view (in clear in every record file version); null when unreadable. */
  chain: { schema: string; sequence: number; hash: string } | null;
}

export interface AuditFact {
  seq: number;
  at: string;
  action: string;
  subject: string;
}

export interface DerivedRecord {
  /** Null when the record file's chain view could not be read. */
  sequence: number | null;
  ledgerSeq: number;
  recordHash: string;
  isVoid: boolean;
}

export interface DerivedCase {
  caseNumber: string;
  record: DerivedRecord | null;
  letter: LedgerRef | null;
  reprints: LedgerRef[];
  printed: number;
  reprinted: number;
}

export const VOID_SCHEMA = 'void-record/1';

const dayOf = (iso: string): string | null => {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : shanghaiDate(instant);
};

/**
 * The day's cases, in case-number order: every chain record whose case number is of `date`, and every
 * case the day's audit log prints or makes a 补打 of; `include` adds cases to describe whatever the
 * facts say of them (the server adds those the statement lists, to name each field it lacks).
 */
export const deriveDayCases = (input: {
  date: string;
  counterId: string;
  ledger: readonly LedgerFact[];
  audit: readonly AuditFact[];
  include?: Iterable<string>;
}): DerivedCase[] => {
  const { date, counterId } = input;
  const prefix = dayCasePrefix(counterId, date);
  const prints = new Map<string, { printed: number; reprinted: number }>();
  for (const entry of input.audit) {
    if ((entry.action !== 'letter.print' && entry.action !== 'letter.reprint') || dayOf(entry.at) !== date) continue;
    const letter = letterPathCase(entry.subject);
    if (!letter) continue;
    const tally = prints.get(letter.caseNumber) ?? { printed: 0, reprinted: 0 };
    // `letter.print` is main's line for a job the spooler accepted; `letter.reprint` a 补打 file made.
    if (entry.action === 'letter.print') {
      if (letter.reprint) tally.reprinted += 1;
      else tally.printed += 1;
    }
    prints.set(letter.caseNumber, tally);
  }
  const linesOf = new Map<string, LedgerFact[]>();
  for (const line of [...input.ledger].sort((a, b) => a.seq - b.seq)) {
    const list = linesOf.get(line.caseNumber);
    if (list) list.push(line);
    else linesOf.set(line.caseNumber, [line]);
  }
  const caseNumbers = new Set<string>([...prints.keys(), ...(input.include ?? [])]);
  for (const [caseNumber, lines] of linesOf) if (caseNumber.startsWith(prefix) && lines.some((line) => line.kind === 'record')) caseNumbers.add(caseNumber);

  return [...caseNumbers].sort().map((caseNumber): DerivedCase => {
    const lines = linesOf.get(caseNumber) ?? [];
    const recordLine = caseNumber.startsWith(prefix) ? lines.find((line) => line.kind === 'record') : undefined;
    const letterLine = lines.filter((line) => line.kind === 'letter').at(-1);
    const tally = prints.get(caseNumber) ?? { printed: 0, reprinted: 0 };
    return {
      caseNumber,
      record: recordLine
        ? { sequence: recordLine.chain?.sequence ?? null, ledgerSeq: recordLine.seq, recordHash: recordLine.recordHash, isVoid: recordLine.chain?.schema === VOID_SCHEMA }
        : null,
      letter: letterLine ? { ledgerSeq: letterLine.seq, sha256: letterLine.sha256 } : null,
      reprints: lines.filter((line) => line.kind === 'reprint' && dayOf(line.at) === date).map((line) => ({ ledgerSeq: line.seq, sha256: line.sha256 })),
      printed: tally.printed,
      reprinted: tally.reprinted,
    };
  });
};

/** The chain at the end of `date`: the record line of this counter's newest record of that day or before. */
export const chainHeadOf = (ledger: readonly LedgerFact[], counterId: string, date: string): DayChainHead => {
  let head: DayChainHead = { sequence: 0, hash: GENESIS_HASH, caseNumber: null };
  for (const line of ledger) {
    if (line.kind !== 'record' || !line.chain || !isOnOrBefore(line.caseNumber, counterId, date)) continue;
    if (line.chain.sequence > head.sequence) head = { sequence: line.chain.sequence, hash: line.chain.hash, caseNumber: line.caseNumber };
  }
  return head;
};

/** The day's counts from its listed cases (the statement's, or what the server holds). */
export const countsOf = (cases: readonly Pick<DayCase, 'record' | 'printed' | 'reprinted'>[]): DayCounts => {
  const counts: DayCounts = { sealed: 0, committed: 0, proofRoute: 0, notApplicable: 0, voided: 0, printed: 0, reprinted: 0 };
  for (const entry of cases) {
    counts.printed += entry.printed;
    counts.reprinted += entry.reprinted;
    switch (entry.record?.outcome) {
      case 'commitment':
        counts.committed += 1;
        break;
      case 'proof-route':
        counts.proofRoute += 1;
        break;
      case 'not-applicable':
        counts.notApplicable += 1;
        break;
      case 'void':
        counts.voided += 1;
        break;
      default:
        break;
    }
  }
  counts.sealed = counts.committed + counts.proofRoute + counts.notApplicable;
  return counts;
};
