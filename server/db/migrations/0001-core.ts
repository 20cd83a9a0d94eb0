import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../column-types';
import type { DialectName } from '../open-database';

/** The first schema: organisation, devices and enrollment, keys, what counters push, publications. */
export const up = async (db: Kysely<unknown>, dialect: DialectName): Promise<void> => {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('org_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'city', 'hall')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('device_id', 'text', (c) => c.primaryKey())
    .addColumn('counter_id', 'text', (c) => c.notNull())
    .addColumn('hall_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('agency_name', 'text', (c) => c.notNull())
    .addColumn('suite', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('ledger_seq', t.bigint, (c) => c.notNull())
    .addColumn('ledger_hash', 'text', (c) => c.notNull())
    .addColumn('record_seq', t.bigint, (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('audit_seq', t.bigint, (c) => c.notNull())
    .addColumn('audit_hash', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('last_clock_skew_s', 'real')
    .execute();
  // One live device per counter of a hall: a replaced counter is revoked first.
  await db.schema.createIndex('devices_hall_counter').on('devices').columns(['hall_id', 'counter_id']).execute();

  await db.schema
    .createTable('enrollment_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('hall_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('counter_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by_device', 'text')
    .execute();

  await db.schema
    .createTable('server_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('signing', 'escrow')`))
    .addColumn('suite', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', t.bigint, (c) => c.notNull())
    .execute();
  await db.insertInto('sequences' as never).values([{ name: 'ingest', value: 0 }, { name: 'publication', value: 0 }] as never).execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('line_hash', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('record_hash', 'text', (c) => c.notNull())
    .addColumn('file', t.binary, (c) => c.notNull())
    .addColumn('bytes', t.bigint, (c) => c.notNull())
    .addColumn('server_seq', t.bigint, (c) => c.notNull().unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_entries_pk', ['device_id', 'seq'])
    .execute();
  await db.schema.createIndex('ledger_entries_case').on('ledger_entries').columns(['device_id', 'case_number']).execute();

  await db.schema
    .createTable('pending_entries')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('file', t.binary, (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_entries_pk', ['device_id', 'seq'])
    .execute();

  await db.schema
    .createTable('conflicts')
    .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.autoIncrement().primaryKey()))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held_hash', 'text')
    .addColumn('offered_line', 'text', (c) => c.notNull())
    .addColumn('offered_sha256', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_entries_pk', ['device_id', 'seq'])
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('seq', t.bigint, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('escrow_deposits')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.device_id'))
    .addColumn('escrow_key_id', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('deposited_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('clock_observations')
    .addColumn('id', 'integer', (c) => (dialect === 'postgres' ? c.generatedAlwaysAsIdentity().primaryKey() : c.autoIncrement().primaryKey()))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('device_time', 'text', (c) => c.notNull())
    .addColumn('skew_s', 'real', (c) => c.notNull())
    .execute();
};
