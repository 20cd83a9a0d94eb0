import type { Kysely } from 'kysely';
import { CONFLICTS_LISTED, type DeviceConflict, type DeviceStatus } from '../../shared/sync/device-status';
import type { CentralDatabase, DeviceTable } from '../db/schema';

const offeredHash = (line: string): string => (JSON.parse(line) as { hash: string }).hash;

/** `GET /v1/device`: the device's receipted heads, what the server holds of it, pending lines and conflicts. */
export const deviceStatus = async (db: Kysely<CentralDatabase>, device: DeviceTable, now: Date): Promise<DeviceStatus> => {
  const id = device.device_id;
  const [kinds, audit, pending, conflictCount, conflicts, escrow] = await Promise.all([
    db.selectFrom('ledger_entries').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('device_id', '=', id).groupBy('kind').execute(),
    db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('device_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('pending_entries').select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('seq').as('lowest')]).where('device_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('device_id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('conflicts').selectAll().where('device_id', '=', id).orderBy('id', 'desc').limit(CONFLICTS_LISTED).execute(),
    db.selectFrom('escrow_deposits').select('device_id').where('device_id', '=', id).executeTakeFirst(),
  ]);
  const count = (kind: string) => Number(kinds.find((row) => row.kind === kind)?.n ?? 0);
  return {
    deviceId: id,
    counterId: device.counter_id,
    hallId: device.hall_id,
    enrolledAt: device.enrolled_at,
    heads: {
      ledger: { seq: device.ledger_seq, hash: device.ledger_hash },
      record: { seq: device.record_seq, hash: device.record_hash },
      audit: { seq: device.audit_seq, hash: device.audit_hash },
    },
    counts: { records: count('record'), letters: count('letter'), reprints: count('reprint'), auditEntries: Number(audit.n) },
    pending: { count: Number(pending.n), lowestSeq: pending.lowest === null ? null : Number(pending.lowest) },
    conflictCount: Number(conflictCount.n),
    conflicts: conflicts.map(
      (row): DeviceConflict => ({
        log: row.kind,
        seq: Number(row.seq),
        heldHash: row.held_hash,
        offeredHash: offeredHash(row.offered_line),
        offeredSha256: row.offered_sha256,
        reason: row.reason,
        at: row.at,
      }),
    ),
    escrowDeposited: Boolean(escrow),
    serverTime: now.toISOString(),
  };
};
