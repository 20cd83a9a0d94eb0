import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './open-database';

/** The few column types the two databases spell differently. */
export const columnTypes = (dialect: DialectName) => ({
  binary: (dialect === 'postgres' ? sql`bytea` : sql`blob`) as RawBuilder<unknown>,
  /** 64-bit integers: server sequences and byte counts. */
  bigint: (dialect === 'postgres' ? sql`bigint` : sql`integer`) as RawBuilder<unknown>,
});
