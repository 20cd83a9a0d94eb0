import { migrateToLatest } from '../db/migrate';
import { openCentralDb, type CentralDb } from '../db/open-database';

/** The administrator's commands share the service's choice of database: DATABASE_URL, else `--data`'s SQLite file. */
export const DATA_OPTION = { data: { type: 'string', default: 'central-data' } } as const;

export const withCommandDb = async <T>(dataDir: string, work: (central: CentralDb) => Promise<T>): Promise<T> => {
  const central = openCentralDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    await migrateToLatest(central);
    return await work(central);
  } finally {
    await central.close();
  }
};
