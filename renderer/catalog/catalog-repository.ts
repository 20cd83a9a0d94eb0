import type { Catalog } from '../../shared/catalog/catalog-schema';
import { checkCatalog, type CatalogProblem } from '../../shared/catalog/check-catalog';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { sha256Hex } from '../../shared/crypto/sha256';
import { recordAudit } from '../db/audit-log';
import { db } from '../db/database';

const ACTIVE_CATALOG = 'activeCatalog';

/** The shipped catalog is 110 KB of data that only a device without an imported catalog needs. */
const shippedCatalog = async (): Promise<Catalog> => (await import('../../shared/catalog/default-catalog')).defaultCatalog;

export const catalogKey = (catalog: Catalog): string => `${catalog.catalogId}@${catalog.version}`;

/** A problem of a stored catalog, with the catalog it was found in; worded where it is shown. */
export type StoredCatalogProblem = CatalogProblem & { catalogKey: string };

/**
 * The catalog in force on this device: the last one activated, checked again on every load. A stored
 * catalog that no longer passes the checks (a damaged database, a schema change) is never used: the
 * newest earlier catalog that still passes stands in — the shipped default at the latest — and the
 * problems are reported.
 */
export const loadActiveCatalog = async (): Promise<{ catalog: Catalog; problems: StoredCatalogProblem[] }> => {
  const key = (await db.settings.get(ACTIVE_CATALOG))?.value;
  if (typeof key !== 'string') return { catalog: await shippedCatalog(), problems: [] };
  const active = await db.catalogs.get(key);
  const activeCheck = checkCatalog(active?.catalog);
  if (activeCheck.ok) return { catalog: activeCheck.catalog, problems: [] };

  const problems = activeCheck.problems.map((problem) => ({ ...problem, catalogKey: key }));
  const earlier = await db.catalogs.orderBy('importedAt').reverse().toArray();
  for (const row of earlier) {
    const check = checkCatalog(row.catalog);
    if (row.key !== key && check.ok) return { catalog: check.catalog, problems };
  }
  return { catalog: await shippedCatalog(), problems };
};

export class CatalogVersionError extends Error {}

/**
 * Activates a checked catalog as a new version. A catalog with the id of the active one must carry a
 * higher version: an old or repeated file never replaces what is in force.
 */
export const activateCatalog = async (catalog: Catalog, active: Catalog, clerkId: string): Promise<void> => {
  if (catalog.catalogId === active.catalogId && catalog.version <= active.version) {
    throw new CatalogVersionError(String(active.version));
  }
  const sha256 = await sha256Hex(canonicalJson(catalog));
  await db.transaction('rw', db.catalogs, db.settings, async () => {
    await db.catalogs.put({
      key: catalogKey(catalog),
      catalogId: catalog.catalogId,
      version: catalog.version,
      catalog,
      sha256,
      importedAt: new Date().toISOString(),
      importedBy: clerkId,
    });
    await db.settings.put({ key: ACTIVE_CATALOG, value: catalogKey(catalog) });
  });
  await recordAudit('catalog.activate', catalogKey(catalog));
};
