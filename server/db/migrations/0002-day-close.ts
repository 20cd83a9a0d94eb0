import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../open-database';

/**
 * 日结: the days a counter closed, one row per close. A day closes only when it reconciles; closing
 * the same content again answers the stored acknowledgement (the unique content hash), and a day
 * closed again after more work that day gets the next revision — the earlier close stays as it was.
 * The signed statement and the answer are kept as the text that was signed and sent.
 */
export const up = async (db: Kysely<unknown>, _dialect: DialectName): Promise<void> => {
  await db.schema
    .createTable('day_closes')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision > 0`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('statement_hash', 'text', (c) => c.notNull())
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('day_closes_pk', ['device_id', 'day', 'revision'])
    .addUniqueConstraint('day_closes_content', ['device_id', 'day', 'content_hash'])
    .execute();
};
