import type { Kysely } from 'kysely';

/**
 * Every revocation a device came back from: re-enrollment clears `revoked_at` on the device, and the
 * province must still be able to show that — and why — the device was out of service, and from when
 * to when. Rows are only ever added.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable('device_revocations')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
    .addColumn('revoked_at', 'text', (c) => c.notNull())
    .addColumn('revoked_reason', 'text')
    .addColumn('reinstated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_revocations_pk', ['device_id', 'revoked_at'])
    .execute();
};
