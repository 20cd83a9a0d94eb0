import { sql, type Kysely } from 'kysely';

/**
 * One active signing key per suite, held by the database: two server processes starting on an empty
 * database each generated a key, both stayed active, and which one a process later signed with was
 * left to the order of a query — receipts from the other process would then fail the key the counters
 * pinned. A database that already holds two keeps the earliest (by created_at, then key_id: the one
 * the loading code took first) and retires the rest.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    UPDATE server_keys SET active = 0
    WHERE purpose = 'signing' AND active = 1 AND key_id <> (
      SELECT first.key_id FROM server_keys AS first
      WHERE first.purpose = 'signing' AND first.active = 1 AND first.suite = server_keys.suite
      ORDER BY first.created_at, first.key_id LIMIT 1
    )`.execute(db);
  await db.schema
    .createIndex('server_keys_one_active_signing')
    .unique()
    .on('server_keys')
    .column('suite')
    .where(sql.ref('purpose'), '=', 'signing')
    .where(sql.ref('active'), '=', 1)
    .execute();
};
