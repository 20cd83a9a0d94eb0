import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { CentralDatabase } from './schema';

export type DialectName = 'sqlite' | 'postgres';

export interface CentralDb {
  db: Kysely<CentralDatabase>;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseChoice {
  /** `postgres://…`: production. Absent: the embedded SQLite file in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export const SQLITE_FILE = 'central.sqlite';

// pg hands bigint (int8) back as a string; our sequences stay far below 2^53.
pg.types.setTypeParser(20, (text) => Number(text));

const openSqlite = (dataDir: string): CentralDb => {
  mkdirSync(dataDir, { recursive: true });
  const file = new BetterSqlite3(path.join(dataDir, SQLITE_FILE));
  // WAL: readers do not wait for the writer. FULL: a receipt is only sent for what survives a power cut.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<CentralDatabase>({ dialect: new SqliteDialect({ database: file }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
};

const openPostgres = (url: string): CentralDb => {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
};

export const openCentralDb = (choice: DatabaseChoice): CentralDb =>
  choice.databaseUrl ? openPostgres(choice.databaseUrl) : openSqlite(choice.dataDir);
