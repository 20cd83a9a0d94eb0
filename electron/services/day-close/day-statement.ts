import { fail, ok, type Result } from '../../../shared/contract/result';
import { shanghaiDate } from '../../../shared/domain/case-number';
import { isSealedCase, type ChainRecord } from '../../../shared/domain/chain-record';
import { GENESIS_HASH } from '../../../shared/domain/sealed-record';
import { DAY_STATEMENT, dayCasePrefix, isOnOrBefore, type DayCase, type DayChainHead, type DayOutcome, type DayStatement } from '../../../shared/sync/day-close';
import { countsOf, deriveDayCases, type AuditFact, type LedgerFact } from '../../../shared/sync/day-close-view';
import type { LedgerEntry } from '../archive-ledger';
import type { AuditEntry } from '../audit-log';
import type { ChainView } from '../evidence/sealed-record-file';

/**
 * The day as main's own archive states it: its ledger and its audit log, read with the same code
 * the central system checks them with (shared/sync/day-close-view.ts), plus what only the device can
 * read — each record's outcome, inside the record sealed under the data key. Main's record store is
 * not asked: the ledger is what was pushed, so the statement describes exactly what the server can
 * check, and a record the index holds but the ledger lacks would be a difference of its own.
 */
export interface StatementSources {
  date: string;
  device: { deviceId: string; counterId: string };
  ledger: readonly LedgerEntry[];
  audit: readonly AuditEntry[];
  /** A record file's chain view (clear in every version), and the record opened with the data key. */
  readRecordFile(relativePath: string): Promise<{ chain: ChainView; record: ChainRecord | null } | null>;
  builtAt: Date;
}

const outcomeOf = (record: ChainRecord): DayOutcome => {
  if (!isSealedCase(record)) return 'void';
  // No sealed record says "not applicable" yet (that notice is not sealed into the chain): the
  // statement and the report carry the category so that such records count when they come.
  return record.outcome === 'committed' ? 'commitment' : 'proof-route';
};

const unreadable = (caseNumber: string): Result<never> => fail('DAY_CLOSE_RECORD_UNREADABLE', 'host.day_close.record_unreadable', { caseNumber });

export const buildDayStatement = async (sources: StatementSources): Promise<Result<DayStatement>> => {
  const { date, device } = sources;
  const prefix = dayCasePrefix(device.counterId, date);
  const records = new Map<string, ChainRecord>();
  const facts: LedgerFact[] = [];
  for (const line of sources.ledger) {
    let chain: LedgerFact['chain'] = null;
    // Only the day's records are opened: the outcome is needed of them alone.
    if (line.kind === 'record' && line.caseNumber.startsWith(prefix) && !records.has(line.caseNumber)) {
      const read = await sources.readRecordFile(line.relativePath);
      if (!read?.record || read.chain.hash !== line.recordHash) return unreadable(line.caseNumber);
      records.set(line.caseNumber, read.record);
      chain = { schema: read.chain.schema, sequence: read.chain.sequence, hash: read.chain.hash };
    }
    facts.push({ seq: line.seq, kind: line.kind, caseNumber: line.caseNumber, sha256: line.sha256, recordHash: line.recordHash, at: line.at, chain });
  }
  const audit: AuditFact[] = sources.audit.map((entry) => ({ seq: entry.seq, at: entry.at, action: entry.action, subject: entry.subject }));

  const cases: DayCase[] = deriveDayCases({ date, counterId: device.counterId, ledger: facts, audit }).map((entry) => {
    const record = entry.record ? records.get(entry.caseNumber)! : null;
    return {
      caseNumber: entry.caseNumber,
      record:
        entry.record && record
          ? { sequence: record.sequence, ledgerSeq: entry.record.ledgerSeq, recordHash: entry.record.recordHash, outcome: outcomeOf(record), voids: isSealedCase(record) ? null : record.voids.caseNumber }
          : null,
      letter: entry.letter,
      reprints: entry.reprints,
      printed: entry.printed,
      reprinted: entry.reprinted,
    };
  });

  // The chain at the end of the day: the newest record line of this counter of that day or before —
  // read as the server reads it, from the record file's chain view.
  let chainHead: DayChainHead = { sequence: 0, hash: GENESIS_HASH, caseNumber: null };
  const headLine = [...sources.ledger].reverse().find((line) => line.kind === 'record' && isOnOrBefore(line.caseNumber, device.counterId, date));
  if (headLine) {
    const read = await sources.readRecordFile(headLine.relativePath);
    if (!read) return unreadable(headLine.caseNumber);
    chainHead = { sequence: read.chain.sequence, hash: read.chain.hash, caseNumber: headLine.caseNumber };
  }

  const lastLine = sources.ledger.at(-1);
  const lastAudit = sources.audit.at(-1);
  const firstOfDay = sources.audit.find((entry) => shanghaiDate(new Date(entry.at)) === date);
  return ok({
    schema: DAY_STATEMENT,
    deviceId: device.deviceId,
    counterId: device.counterId,
    date,
    builtAt: sources.builtAt.toISOString(),
    cases,
    counts: countsOf(cases),
    chainHead,
    ledgerHead: lastLine ? { seq: lastLine.seq, hash: lastLine.hash } : { seq: 0, hash: GENESIS_HASH },
    audit: {
      fromSeq: firstOfDay?.seq ?? (lastAudit?.seq ?? 0) + 1,
      head: lastAudit ? { seq: lastAudit.seq, hash: lastAudit.hash } : { seq: 0, hash: GENESIS_HASH },
    },
  });
};
