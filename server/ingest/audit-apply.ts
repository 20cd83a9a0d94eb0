import type { Kysely } from 'kysely';
import type { CentralDatabase, DeviceTable } from '../db/schema';
import type { CheckedAuditLine } from './audit-line';
import { newConflicts } from './ledger-write';
import type { Head, LineResult } from './ledger-plan';
import { recordInvalid } from './refusal';

type Trx = Kysely<CentralDatabase>;

/**
 * A batch's audit lines against the device's audit log on the server, inside the push's transaction:
 * the chain rules of the ledger, except that a gap is refused (the counter sends its audit log in
 * order from the head it was last receipted). Answers each line's result and the new head.
 */
export const applyAudit = async (
  trx: Trx,
  device: Pick<DeviceTable, 'device_id' | 'audit_seq' | 'audit_hash'>,
  lines: readonly CheckedAuditLine[],
  receivedAt: string,
): Promise<{ results: LineResult[]; head: Head; matched: number }> => {
  let head: Head = { seq: device.audit_seq, hash: device.audit_hash };
  const results: LineResult[] = [];
  if (lines.length === 0) return { results, head, matched: 0 };
  const first = lines[0]!.entry.seq;
  const held = new Map(
    first <= head.seq
      ? (
          await trx.selectFrom('audit_entries').select(['seq', 'hash']).where('device_id', '=', device.device_id).where('seq', '>=', first).where('seq', '<=', Math.min(lines.at(-1)!.entry.seq, head.seq)).execute()
        ).map((row) => [Number(row.seq), row.hash])
      : [],
  );
  const store: CheckedAuditLine[] = [];
  const conflicts: Array<{ seq: number; heldHash: string | null; line: string; reason: string }> = [];
  let forked = false;
  let matched = 0;
  for (const line of lines) {
    const { entry } = line;
    const heldHash = held.get(entry.seq);
    let conflict: { heldHash: string | null; reason: string } | null = null;
    if (heldHash !== undefined) {
      if (heldHash === entry.hash) {
        results.push({ seq: entry.seq, status: 'duplicate' });
        matched += 1;
        continue;
      }
      conflict = { heldHash, reason: `中心系统在审计日志第 ${entry.seq} 条已存有另一条，不会被覆盖` };
    } else if (forked) conflict = { heldHash: null, reason: '接续在冲突的审计日志条目之后' };
    else if (entry.seq !== head.seq + 1) {
      throw recordInvalid(`audit[${line.index}]`, `审计日志不接续：中心系统已有至第 ${head.seq} 条，本批此条为第 ${entry.seq} 条；请从第 ${head.seq + 1} 条起发送`);
    } else if (entry.prev !== head.hash) conflict = { heldHash: null, reason: `与中心系统已有的审计日志分叉：prev 不是第 ${head.seq} 条的 hash` };
    if (conflict) {
      forked = true;
      conflicts.push({ seq: entry.seq, line: line.text, ...conflict });
      results.push({ seq: entry.seq, status: 'conflict', reason: conflict.reason });
      continue;
    }
    store.push(line);
    head = { seq: entry.seq, hash: entry.hash };
    results.push({ seq: entry.seq, status: 'stored' });
  }
  for (let at = 0; at < store.length; at += 500) {
    await trx
      .insertInto('audit_entries')
      .values(store.slice(at, at + 500).map((line) => ({ device_id: device.device_id, seq: line.entry.seq, line: line.text, hash: line.entry.hash, received_at: receivedAt })))
      .execute();
  }
  const fresh = await newConflicts(trx, device.device_id, 'audit', conflicts);
  if (fresh.length > 0) {
    await trx
      .insertInto('conflicts')
      .values(fresh.map((c) => ({ device_id: device.device_id, seq: c.seq, kind: 'audit' as const, held_hash: c.heldHash, offered_line: c.line, offered_sha256: null, reason: c.reason, at: receivedAt })))
      .execute();
  }
  return { results, head, matched: matched + store.length };
};
