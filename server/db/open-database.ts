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
  // Pages of 32 KB, not 4: the database is mostly files (sealed records, letters), and a commit writes
  // each page to the WAL with its own write call, so a batch of letters took four times as many.
  // It only takes effect on a new database (an existing one keeps its page size until a VACUUM).
  file.pragma('page_size = 32768');
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
  // An idle connection the database drops (a restart, a failover) is discarded and replaced by the
  // pool; without a listener its error would end the whole process.
  pool.on('error', (error) => console.error(`中心系统：一条空闲的数据库连接已断开，将自动重连（${error.message}）`));
  // pool.end() resolves before its connections have closed; close() waits for them to be gone.
  let open = 0;
  let allClosed: (() => void) | null = null;
  pool.on('connect', () => (open += 1));
  pool.on('remove', () => {
    open -= 1;
    if (open === 0) allClosed?.();
  });
  const db = new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    close: async () => {
      const closed = open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve));
      await db.destroy();
      await closed;
    },
  };
};

export const openCentralDb = (choice: DatabaseChoice): CentralDb =>
  choice.databaseUrl ? openPostgres(choice.databaseUrl) : openSqlite(choice.dataDir);
