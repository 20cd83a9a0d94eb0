import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/schema';

export interface DeviceListing {
  deviceId: string;
  hallId: string;
  counterId: string;
  suite: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastClockSkewSeconds: number | null;
  ledgerSeq: number;
  auditSeq: number;
  pending: number;
  conflicts: number;
}

const countsBy = async (db: Kysely<CentralDatabase>, table: 'pending_entries' | 'conflicts'): Promise<Map<string, number>> =>
  new Map(
    (await db.selectFrom(table).select(['device_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('device_id').execute()).map((row) => [row.device_id, Number(row.n)]),
  );

/** Every device, by hall and counter, with what the supervisor looks at: pending lines and conflicts. */
export const listDevices = async (db: Kysely<CentralDatabase>): Promise<DeviceListing[]> => {
  const [devices, pending, conflicts] = await Promise.all([
    db.selectFrom('devices').selectAll().orderBy('hall_id').orderBy('counter_id').orderBy('enrolled_at').execute(),
    countsBy(db, 'pending_entries'),
    countsBy(db, 'conflicts'),
  ]);
  return devices.map((device) => ({
    deviceId: device.device_id,
    hallId: device.hall_id,
    counterId: device.counter_id,
    suite: device.suite,
    enrolledAt: device.enrolled_at,
    revokedAt: device.revoked_at,
    lastSeenAt: device.last_seen_at,
    lastClockSkewSeconds: device.last_clock_skew_s,
    ledgerSeq: device.ledger_seq,
    auditSeq: device.audit_seq,
    pending: pending.get(device.device_id) ?? 0,
    conflicts: conflicts.get(device.device_id) ?? 0,
  }));
};
