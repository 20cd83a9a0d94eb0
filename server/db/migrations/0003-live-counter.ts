import { sql, type Kysely } from 'kysely';

/**
 * One live device per counter of a hall, held by the database itself: two enrollments for one counter
 * at the same moment (two codes, two server processes) cannot both pass a check made before either
 * writes. Revoked devices stay in the table, hence partial. And the conflicts a supervisor lists are
 * found per device.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.createIndex('devices_live_counter').unique().on('devices').columns(['hall_id', 'counter_id']).where(sql.ref('revoked_at'), 'is', null).execute();
  await db.schema.createIndex('conflicts_device').on('conflicts').columns(['device_id', 'seq']).execute();
};
