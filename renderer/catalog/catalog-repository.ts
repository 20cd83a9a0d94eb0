import type { Catalog } from '../../shared/catalog/catalog-schema';
import type { ActiveCatalog } from '../../shared/contract/host-contract';
import { callHost } from '../host';

export type { StoredCatalogProblem } from '../../shared/contract/host-contract';

/**
 * The catalog is main's (electron/services/catalog-store.ts): main keeps every imported version,
 * checks the one in force again on every load, lets a good earlier one (the shipped default at the
 * latest) stand in for one that fails, and serves the shipped default itself, so this window never
 * bundles it. This file only asks.
 *
 * Catalogs activated before main kept them sit in IndexedDB's `catalogs` table (renderer/db/database.ts).
 * They are left there unread, as the old audit rows are: main takes a catalog only from an
 * administrator's import, never from what a window says it once stored, so a locality's catalog is
 * imported again from its file once on such a device.
 */
export const loadActiveCatalog = (): Promise<ActiveCatalog> => callHost('getActiveCatalog', {});

/**
 * Hands a catalog the page has checked to main, which checks it again and activates it as a new
 * version, or refuses it (HostCallError): `CATALOG_INVALID` with its problems, `CATALOG_VERSION_NOT_NEWER`,
 * `ROLE_REFUSED` for anyone but an administrator.
 */
export const importCatalog = async (catalog: Catalog): Promise<string> => (await callHost('importCatalog', { catalog })).key;
