import type { Kysely } from 'kysely';
import type { ReceiptEntry } from '../../shared/sync/push';
import type { CentralDatabase } from '../db/schema';
import type { LedgerPlan } from './ledger-plan';

type Trx = Kysely<CentralDatabase>;

/** Rows per INSERT: well under both databases' limits on bound parameters. */
const ROWS_PER_INSERT = 100;

const inChunks = async <T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> => {
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) await write(rows.slice(at, at + ROWS_PER_INSERT));
};

/** A conflict offered again (a retried batch) is kept once. */
export const newConflicts = async <C extends { seq: number; line: string }>(trx: Trx, deviceId: string, kind: 'ledger' | 'audit', conflicts: readonly C[]): Promise<C[]> => {
  if (conflicts.length === 0) return [];
  const seqs = conflicts.map((c) => c.seq);
  const known = await trx
    .selectFrom('conflicts')
    .select(['seq', 'offered_line'])
    .where('device_id', '=', deviceId)
    .where('kind', '=', kind)
    .where('seq', '>=', Math.min(...seqs))
    .where('seq', '<=', Math.max(...seqs))
    .execute();
  const keys = new Set(known.map((row) => `${row.seq}\n${row.offered_line}`));
  return conflicts.filter((c) => !keys.has(`${c.seq}\n${c.line}`));
};

/**
 * Writes a ledger plan inside the push's transaction: the stored lines numbered from `firstServerSeq`,
 * pending lines held or settled, conflicts kept. Answers the receipt entries of the stored lines.
 */
export const writeLedgerPlan = async (trx: Trx, deviceId: string, plan: LedgerPlan, firstServerSeq: number, receivedAt: string): Promise<ReceiptEntry[]> => {
  const rows = plan.store.map(({ entry, text, file }, index) => ({
    device_id: deviceId,
    seq: entry.seq,
    kind: entry.kind,
    case_number: entry.caseNumber,
    line: text,
    line_hash: entry.hash,
    sha256: entry.sha256,
    record_hash: entry.recordHash,
    file,
    bytes: entry.bytes,
    server_seq: firstServerSeq + index,
    received_at: receivedAt,
  }));
  await inChunks(rows, (part) => trx.insertInto('ledger_entries').values(part).execute());
  if (plan.pendingDeletes.length > 0) await trx.deleteFrom('pending_entries').where('device_id', '=', deviceId).where('seq', 'in', plan.pendingDeletes).execute();
  await inChunks(plan.pendingInserts, (part) =>
    trx.insertInto('pending_entries').values(part.map((p) => ({ device_id: deviceId, seq: p.seq, line: p.line, file: p.file, received_at: receivedAt }))).execute(),
  );
  const conflicts = await newConflicts(trx, deviceId, 'ledger', plan.conflicts);
  await inChunks(conflicts, (part) =>
    trx
      .insertInto('conflicts')
      .values(part.map((c) => ({ device_id: deviceId, seq: c.seq, kind: 'ledger' as const, held_hash: c.heldHash, offered_line: c.line, offered_sha256: c.sha256, reason: c.reason, at: receivedAt })))
      .execute(),
  );
  return rows.map((row) => ({
    seq: row.seq,
    hash: row.line_hash,
    kind: row.kind,
    caseNumber: row.case_number,
    sha256: row.sha256,
    recordHash: row.record_hash,
    serverSeq: row.server_seq,
    receivedAt,
  }));
};
