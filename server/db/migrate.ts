import { Migrator, type Migration } from 'kysely';
import type { CentralDb } from './open-database';
import { migrations } from './migrations';

/**
 * Brings the database to the newest schema. Kysely's Migrator keeps the applied names in its own
 * table and takes a lock (an advisory lock on PostgreSQL), so two server processes starting at once
 * on one database run each migration once.
 */
export const migrateToLatest = async ({ db, dialect }: CentralDb): Promise<string[]> => {
  const provided: Record<string, Migration> = Object.fromEntries(
    Object.entries(migrations).map(([name, migration]) => [name, { up: (tx) => migration.up(tx, dialect) }]),
  );
  const migrator = new Migrator({ db, provider: { getMigrations: async () => provided } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
};
