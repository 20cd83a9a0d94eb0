import type { HostHandlers } from '../../shared/contract/host-contract';
import { ok } from '../../shared/contract/result';
import type { AuditLog } from './audit-log';
import { createCatalogStore, type CatalogStore } from './catalog-store';

export interface CatalogHandlerOptions {
  dataDir: string;
  audit: AuditLog;
  now?: () => Date;
  /** The store the pull from the central system applies to as well: one store per process. */
  store?: CatalogStore;
}

/**
 * The catalog's host methods. Who may call each is checked before (host-access.ts: importing is the
 * administrator's); main checks the catalog itself whatever the renderer checked, and writes the
 * activation to its audit log before it answers.
 */
export const createCatalogHandlers = (options: CatalogHandlerOptions): Pick<HostHandlers, 'getActiveCatalog' | 'importCatalog'> => {
  const store = options.store ?? createCatalogStore({ dataDir: options.dataDir, ...(options.now ? { now: options.now } : {}) });
  return {
    getActiveCatalog: async () => ok(await store.active()),
    importCatalog: async ({ catalog }) => {
      const imported = await store.import(catalog);
      if (imported.ok) await options.audit.record('catalog.activate', imported.value.key);
      return imported;
    },
  };
};
