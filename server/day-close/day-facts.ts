import type { Kysely } from 'kysely';
import { readRecordFile } from '../../electron/services/evidence/signed-record';
import { dayCasePrefix, letterPathCase, type DayStatement } from '../../shared/sync/day-close';
import type { AuditFact, LedgerFact } from '../../shared/sync/day-close-view';
import type { CentralDatabase, DeviceTable } from '../db/schema';

/**
 * What the central system holds of a counter's day, read for one statement: never more than the
 * statement's own heads (a push landing meanwhile is not the day the counter stated), and only the
 * rows the day touches — the day's records by the case-number index, the audit lines from the day's
 * first, and the lines of the cases those and the statement name — so closing a day costs the day,
 * not the device's whole history.
 */
export interface ServerDayFacts {
  /** The day's record lines and every line of the cases the day or the statement names. */
  ledger: LedgerFact[];
  /** Audit lines `fromSeq`…`head` as held. */
  audit: AuditFact[];
  /** The line just before `fromSeq`, to see that the statement did not start the day too late. */
  auditBefore: AuditFact | null;
  /** The chain view of this counter's newest record of the day or before, with its ledger line. */
  chainHeadLine: LedgerFact | null;
  /** How far the server holds each log (receipted head, or the newest row when more). */
  ledgerHeld: number;
  auditHeld: number;
  /** The hash of the line at the statement's heads, as held (null: no such row). */
  ledgerHashAtHead: string | null;
  auditHashAtHead: string | null;
  /** Ledger lines the server has but holds back until the gap before them is filled. */
  pending: ReadonlySet<number>;
}

const CHUNK = 400;

const parseLine = (text: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

type LedgerRow = Pick<CentralDatabase['ledger_entries'], 'seq' | 'kind' | 'case_number' | 'sha256' | 'record_hash' | 'line'> & { file?: Buffer | null };

const ledgerFact = (row: LedgerRow): LedgerFact => {
  const chain = row.kind === 'record' && row.file ? readRecordFile(row.file) : null;
  return {
    seq: Number(row.seq),
    kind: row.kind,
    caseNumber: row.case_number,
    sha256: row.sha256,
    recordHash: row.record_hash,
    at: text(parseLine(row.line)?.at),
    chain: chain && chain.kind !== 'unreadable' ? { schema: chain.chain.schema, sequence: chain.chain.sequence, hash: chain.chain.hash } : null,
  };
};

const auditFact = (row: { seq: number; line: string }): AuditFact => {
  const line = parseLine(row.line);
  return { seq: Number(row.seq), at: text(line?.at), action: text(line?.action), subject: text(line?.subject) };
};

export const loadDayFacts = async (db: Kysely<CentralDatabase>, device: DeviceTable, statement: DayStatement): Promise<ServerDayFacts> => {
  const deviceId = device.device_id;
  const ledgerTop = statement.ledgerHead.seq;
  const auditTop = statement.audit.head.seq;
  const prefix = dayCasePrefix(device.counter_id, statement.date);
  // `.` sorts right after `-`: [prefix, prefix with `.`) is exactly the day's case numbers.
  const dayEnd = `${prefix.slice(0, -1)}.`;

  const dayRecords = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'kind', 'case_number', 'sha256', 'record_hash', 'line', 'file'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', 'record')
    .where('case_number', '>=', prefix)
    .where('case_number', '<', dayEnd)
    .where('seq', '<=', ledgerTop)
    .execute();

  const auditRows = await db
    .selectFrom('audit_entries')
    .select(['seq', 'line'])
    .where('device_id', '=', deviceId)
    .where('seq', '>=', statement.audit.fromSeq - 1)
    .where('seq', '<=', auditTop)
    .orderBy('seq')
    .execute();
  const auditLines = auditRows.map(auditFact);
  const audit = auditLines.filter((line) => line.seq >= statement.audit.fromSeq);
  const auditBefore = auditLines.find((line) => line.seq === statement.audit.fromSeq - 1) ?? null;

  // The other lines (letters, 补打, records of other days) of every case the day or the statement names.
  const named = new Set<string>([...statement.cases.map((entry) => entry.caseNumber), ...dayRecords.map((row) => row.case_number)]);
  for (const line of audit) {
    const letter = line.action === 'letter.print' || line.action === 'letter.reprint' ? letterPathCase(line.subject) : null;
    if (letter) named.add(letter.caseNumber);
  }
  const others: LedgerRow[] = [];
  const list = [...named];
  for (let start = 0; start < list.length; start += CHUNK) {
    const chunk = list.slice(start, start + CHUNK);
    others.push(
      ...(await db
        .selectFrom('ledger_entries')
        .select(['seq', 'kind', 'case_number', 'sha256', 'record_hash', 'line'])
        .where('device_id', '=', deviceId)
        .where('case_number', 'in', chunk)
        .where('seq', '<=', ledgerTop)
        .where('kind', '!=', 'record')
        .execute()),
    );
  }

  const headRow = await db
    .selectFrom('ledger_entries')
    .select(['seq', 'kind', 'case_number', 'sha256', 'record_hash', 'line', 'file'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', 'record')
    .where('case_number', '>=', `${device.counter_id}-`)
    .where('case_number', '<', dayEnd)
    .where('seq', '<=', ledgerTop)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();

  const maxLedger = await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('seq').as('top')).where('device_id', '=', deviceId).executeTakeFirst();
  const maxAudit = await db.selectFrom('audit_entries').select((eb) => eb.fn.max('seq').as('top')).where('device_id', '=', deviceId).executeTakeFirst();
  const ledgerAtHead = ledgerTop > 0 ? await db.selectFrom('ledger_entries').select('line').where('device_id', '=', deviceId).where('seq', '=', ledgerTop).executeTakeFirst() : undefined;
  const auditAtHead = auditTop > 0 ? auditLines.find((line) => line.seq === auditTop) : undefined;
  const auditHeadRow = auditAtHead ? auditRows.find((row) => Number(row.seq) === auditTop) : undefined;
  const pendingRows = await db.selectFrom('pending_entries').select('seq').where('device_id', '=', deviceId).execute();

  return {
    ledger: [...dayRecords, ...others].map(ledgerFact),
    audit,
    auditBefore,
    chainHeadLine: headRow ? ledgerFact(headRow) : null,
    ledgerHeld: Math.max(Number(device.ledger_seq), Number(maxLedger?.top ?? 0)),
    auditHeld: Math.max(Number(device.audit_seq), Number(maxAudit?.top ?? 0)),
    ledgerHashAtHead: ledgerAtHead ? text(parseLine(ledgerAtHead.line)?.hash) : null,
    auditHashAtHead: auditHeadRow ? text(parseLine(auditHeadRow.line)?.hash) : null,
    pending: new Set(pendingRows.map((row) => Number(row.seq))),
  };
};
