import { z } from 'zod';
import type { Catalog } from '../../catalog/catalog-schema';
import type { Message, MessageArg } from '../../i18n/message';
import { noArgument } from './fields';
import { method } from './define';

/**
 * The matter catalog is main's (electron/services/catalog-store.ts): it keeps every imported version
 * as a file that never changes, says which is in force, and checks each again whenever it is read.
 * Any signed-in account reads the catalog in force; only an administrator imports one.
 */

/** A problem of a stored catalog that could not be used, with the catalog it was found in; worded by the reader. */
export interface StoredCatalogProblem {
  /** `<catalogId>@<version>` */
  catalogKey: string;
  path: MessageArg;
  /** A catalog-check message (shared/catalog/check-messages.ts) or one of the store's own (catalog_host.stored.*). */
  message: Message;
}

export interface ActiveCatalog {
  catalog: Catalog;
  /** Empty unless a stored catalog failed its checks and another stands in. */
  problems: StoredCatalogProblem[];
  /** `<catalogId>@<version>` of the catalog in force. */
  key: string;
}

/** An imported catalog file is a few hundred KB; this bounds what a renderer can make main hold. */
export const MAX_CATALOG_CHARS = 4 * 1024 * 1024;
const MAX_DEPTH = 16;

/**
 * Whether a value is what JSON.parse of a catalog file gives: plain objects and arrays of strings,
 * finite numbers, booleans and null, not too deep and not too large. Walked with a budget so a huge
 * or deep argument is refused before it is looked at whole. The catalog's own rules are main's check.
 */
const isCatalogJson = (root: unknown): boolean => {
  let budget = MAX_CATALOG_CHARS;
  const fits = (value: unknown, depth: number): boolean => {
    budget -= 1;
    if (budget < 0 || depth > MAX_DEPTH) return false;
    if (value === null || typeof value === 'boolean') return true;
    if (typeof value === 'number') return Number.isFinite(value);
    if (typeof value === 'string') return (budget -= value.length) >= 0;
    if (typeof value !== 'object') return false;
    if (Array.isArray(value)) {
      if (Object.keys(value).length !== value.length) return false; // sparse
      return value.every((item) => fits(item, depth + 1));
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return false; // Map, Date, class instances, null-prototype
    return Object.entries(value).every(([key, item]) => key !== '__proto__' && (budget -= key.length) >= 0 && fits(item, depth + 1));
  };
  return typeof root === 'object' && root !== null && !Array.isArray(root) && fits(root, 0);
};

export const catalogDomain = {
  getActiveCatalog: method<ActiveCatalog>()({ input: noArgument, access: 'session' }),
  /** Main checks the catalog itself (checkCatalog) and refuses it with its problems (`CATALOG_INVALID`) or for its version. */
  importCatalog: method<{ key: string }>()({
    input: z.object({ catalog: z.custom<Record<string, unknown>>(isCatalogJson) }).strict(),
    access: ['administrator'],
  }),
} as const;
