import type { Kysely } from 'kysely';
import { ledgerEntrySchema, type LedgerEntry } from '../../electron/services/archive-ledger';
import type { ChainView } from '../../electron/services/evidence/sealed-record-file';
import { PUSH_LIMITS, type PushItemStatus, type ReceiptEntry } from '../../shared/sync/push';
import type { CentralDatabase, DeviceTable } from '../db/schema';
import { recordChainOf, type CheckedLedgerLine } from './ledger-line';
import { recordInvalid } from './refusal';

/**
 * What a batch's ledger lines do to the device's ledger on the server, worked out inside the push's
 * transaction with the device row locked: which lines are stored (in order, each continuing the
 * head), which the server already holds, which wait behind a gap and which conflict. Nothing is
 * written here; ledger-write.ts writes the plan.
 */
export interface Head {
  seq: number;
  hash: string;
}

export interface LineResult {
  seq: number;
  status: PushItemStatus;
  reason?: string;
}

export interface LedgerLineToStore {
  entry: LedgerEntry;
  text: string;
  file: Buffer;
}

export interface LedgerConflict {
  seq: number;
  heldHash: string | null;
  line: string;
  sha256: string;
  reason: string;
}

export interface LedgerPlan {
  results: LineResult[];
  store: LedgerLineToStore[];
  /** Receipt entries of lines already held, with their first serverSeq and time. */
  duplicates: ReceiptEntry[];
  conflicts: LedgerConflict[];
  pendingInserts: Array<{ seq: number; line: string; file: Buffer }>;
  pendingDeletes: number[];
  ledgerHead: Head;
  recordHead: Head;
}

type Trx = Kysely<CentralDatabase>;
type Device = Pick<DeviceTable, 'device_id' | 'suite' | 'key_id' | 'ledger_seq' | 'ledger_hash' | 'record_seq' | 'record_hash'>;
type Fit = { chain: ChainView | null } | { reason: string; where: 'file' | 'line.recordHash' };

const CHUNK = 500;

/** The record hashes the server holds for these cases of the device. */
const recordsHeld = async (trx: Trx, deviceId: string, caseNumbers: readonly string[]): Promise<Map<string, Set<string>>> => {
  const unique = [...new Set(caseNumbers)];
  const held = new Map<string, Set<string>>(unique.map((caseNumber) => [caseNumber, new Set<string>()]));
  for (let at = 0; at < unique.length; at += CHUNK) {
    const rows = await trx
      .selectFrom('ledger_entries')
      .select(['case_number', 'record_hash'])
      .where('device_id', '=', deviceId)
      .where('kind', '=', 'record')
      .where('case_number', 'in', unique.slice(at, at + CHUNK))
      .execute();
    for (const row of rows) held.get(row.case_number)?.add(row.record_hash);
  }
  return held;
};

const heldLines = (trx: Trx, deviceId: string, from: number, to: number) =>
  trx
    .selectFrom('ledger_entries')
    .select(['seq', 'line_hash', 'kind', 'case_number', 'sha256', 'record_hash', 'server_seq', 'received_at'])
    .where('device_id', '=', deviceId)
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .execute();

const pendingLines = async (trx: Trx, deviceId: string, from: number, to: number) =>
  (await trx.selectFrom('pending_entries').select(['seq', 'line']).where('device_id', '=', deviceId).where('seq', '>=', from).where('seq', '<=', to).execute()).map((row) => ({
    line: row.line,
    entry: ledgerEntrySchema.parse(JSON.parse(row.line)),
  }));

export const planLedger = async (trx: Trx, device: Device, lines: readonly CheckedLedgerLine[]): Promise<LedgerPlan> => {
  const id = device.device_id;
  const plan: LedgerPlan = {
    results: [],
    store: [],
    duplicates: [],
    conflicts: [],
    pendingInserts: [],
    pendingDeletes: [],
    ledgerHead: { seq: device.ledger_seq, hash: device.ledger_hash },
    recordHead: { seq: device.record_seq, hash: device.record_hash },
  };
  const start = plan.ledgerHead.seq;
  const first = lines[0]?.entry.seq ?? start + 1;
  const last = lines.at(-1)?.entry.seq ?? start;
  const held = new Map(first <= start ? (await heldLines(trx, id, first, Math.min(last, start))).map((row) => [Number(row.seq), row]) : []);
  const waiting = new Map(last > start ? (await pendingLines(trx, id, Math.max(first, start + 1), last)).map((row) => [row.entry.seq, row]) : []);
  const records = await recordsHeld(trx, id, lines.filter((line) => line.entry.kind !== 'record').map((line) => line.entry.caseNumber));

  /** Whether the line continues the record chain (a record) or belongs to a record held (a letter, a reprint). */
  const fit = async (entry: LedgerEntry, chain: ChainView | null): Promise<Fit> => {
    const head = plan.recordHead;
    if (chain) {
      if (chain.sequence === head.seq + 1 && chain.prevHash === head.hash) return { chain };
      const link = chain.prevHash === head.hash ? '' : '，且其 prevHash 不是上一条记录的 hash';
      return { where: 'file', reason: `记录链不接续：中心系统上该设备的记录链到第 ${head.seq} 条，此记录为第 ${chain.sequence} 条${link}` };
    }
    let hashes = records.get(entry.caseNumber);
    if (!hashes) records.set(entry.caseNumber, (hashes = (await recordsHeld(trx, id, [entry.caseNumber])).get(entry.caseNumber)!));
    if (hashes.has(entry.recordHash)) return { chain: null };
    return { where: 'line.recordHash', reason: `该${entry.kind === 'letter' ? '信函' : '补打件'}所属的记录（案件 ${entry.caseNumber}）不在中心系统` };
  };

  const accept = (entry: LedgerEntry, text: string, file: Buffer, chain: ChainView | null) => {
    plan.store.push({ entry, text, file });
    plan.ledgerHead = { seq: entry.seq, hash: entry.hash };
    if (chain) {
      plan.recordHead = { seq: chain.sequence, hash: chain.hash };
      if (!records.has(entry.caseNumber)) records.set(entry.caseNumber, new Set());
      records.get(entry.caseNumber)!.add(chain.hash);
    }
    // A line held pending at this place is settled now: the same line is done with; another one lost.
    const pending = waiting.get(entry.seq);
    if (pending) {
      plan.pendingDeletes.push(entry.seq);
      if (pending.entry.hash !== entry.hash) plan.conflicts.push({ seq: entry.seq, heldHash: entry.hash, line: pending.line, sha256: pending.entry.sha256, reason: '暂存待补齐的行与后来接续上链的行不同' });
    }
  };

  const conflict = (line: CheckedLedgerLine, heldHash: string | null, reason: string) => {
    plan.conflicts.push({ seq: line.entry.seq, heldHash, line: line.text, sha256: line.entry.sha256, reason });
    plan.results.push({ seq: line.entry.seq, status: 'conflict', reason });
  };

  let forked = false;
  for (const line of lines) {
    const { entry } = line;
    const head = plan.ledgerHead;
    const stored = held.get(entry.seq);
    if (stored) {
      if (stored.line_hash === entry.hash) {
        const { seq: _seq, line_hash: hash, kind, case_number: caseNumber, sha256, record_hash: recordHash, server_seq: serverSeq, received_at: receivedAt } = stored;
        plan.duplicates.push({ seq: entry.seq, hash, kind, caseNumber, sha256, recordHash, serverSeq: Number(serverSeq), receivedAt });
        plan.results.push({ seq: entry.seq, status: 'duplicate' });
      } else {
        forked = true;
        conflict(line, stored.line_hash, `中心系统在第 ${entry.seq} 行已存有另一行，不会被覆盖`);
      }
    } else if (forked) {
      conflict(line, null, '接续在冲突的行之后');
    } else if (entry.seq === head.seq + 1) {
      if (entry.prev !== head.hash) {
        forked = true;
        conflict(line, null, `与中心系统已有的台账分叉：prev 不是第 ${head.seq} 行的 hash`);
        continue;
      }
      const fits = await fit(entry, line.chain);
      if ('reason' in fits) throw recordInvalid(`ledger[${line.index}].${fits.where}`, fits.reason);
      accept(entry, line.text, line.file, fits.chain);
      plan.results.push({ seq: entry.seq, status: 'stored' });
    } else {
      const pending = waiting.get(entry.seq);
      if (pending && pending.entry.hash !== entry.hash) {
        conflict(line, pending.entry.hash, `第 ${entry.seq} 行已有另一行暂存待补齐`);
        continue;
      }
      if (!pending) plan.pendingInserts.push({ seq: entry.seq, line: line.text, file: line.file });
      plan.results.push({ seq: entry.seq, status: 'pending', reason: `中心系统缺第 ${start + 1}–${first - 1} 行，此行暂存，待缺行补齐后存入` });
    }
  }

  // Lines held pending that now continue the head, in order — at most a batch's worth per request (a
  // later push, even an empty one, takes the next). One that does not fit is a conflict and stops it.
  let promotedBytes = 0;
  for (let count = 0; plan.pendingInserts.length === 0 && count < PUSH_LIMITS.maxLedgerLines && promotedBytes < PUSH_LIMITS.maxBodyBytes; count += 1) {
    const head = plan.ledgerHead;
    const next = await trx.selectFrom('pending_entries').selectAll().where('device_id', '=', id).where('seq', '=', head.seq + 1).executeTakeFirst();
    if (!next) break;
    const entry = ledgerEntrySchema.parse(JSON.parse(next.line));
    plan.pendingDeletes.push(entry.seq);
    const fits: Fit =
      entry.prev !== head.hash
        ? { where: 'file', reason: `暂存的行与中心系统已有的台账分叉：prev 不是第 ${head.seq} 行的 hash` }
        : await fit(entry, entry.kind === 'record' ? recordChainOf(entry, next.file, `pending[${entry.seq}]`, device) : null);
    if ('reason' in fits) {
      plan.conflicts.push({ seq: entry.seq, heldHash: null, line: next.line, sha256: entry.sha256, reason: fits.reason });
      break;
    }
    accept(entry, next.line, next.file, fits.chain);
    plan.results.push({ seq: entry.seq, status: 'stored', reason: '此前暂存，缺行补齐后存入' });
    promotedBytes += next.file.length;
  }
  return plan;
};
