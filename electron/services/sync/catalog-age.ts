import path from 'node:path';
import { z } from 'zod';
import { defaultCatalog } from '../../../shared/catalog/default-catalog';
import { readFileIfExists } from '../atomic-file';
import { ACTIVE_CATALOG_FILE } from '../catalog-store';

/**
 * How old the catalog in force is, for the status line: when it was activated on this device
 * (imported by the administrator, or applied from a publication), from `active-catalog.json`; for
 * the shipped catalog, the day it was published. Read from the pointer alone — the full check of
 * the catalog is the catalog store's, far too heavy for a poll every few seconds — so a last
 * activation whose file no longer passes its check still names its own time here.
 */
const pointerSchema = z.object({ activations: z.array(z.object({ at: z.string() }).passthrough()).min(1) }).passthrough();

/** The shipped catalog's `publishedAt` is a day: its start in Asia/Shanghai. */
const shippedAsOf = (): string | null => {
  const day = (defaultCatalog as { publishedAt?: unknown }).publishedAt;
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00+08:00`).toISOString() : null;
};

export const catalogAsOf = async (dataDir: string): Promise<string | null> => {
  const bytes = await readFileIfExists(path.join(dataDir, ACTIVE_CATALOG_FILE));
  if (!bytes) return shippedAsOf();
  try {
    return pointerSchema.parse(JSON.parse(bytes.toString('utf8'))).activations.at(-1)!.at;
  } catch {
    return null;
  }
};
