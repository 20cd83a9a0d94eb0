import type { Catalog } from './catalog-schema';
import type { Matter } from './matter-schema';

/** A matter entry is in force on `date` (YYYY-MM-DD) from its effectiveFrom to its effectiveUntil, both inclusive. */
export const inForceOn = (matter: Pick<Matter, 'effectiveFrom' | 'effectiveUntil'>, date: string): boolean =>
  matter.effectiveFrom <= date && (matter.effectiveUntil === null || date <= matter.effectiveUntil);

/**
 * The matters a counter may handle on `date` (YYYY-MM-DD), in catalog order. A checked catalog has at
 * most one version of a matter in force on any day, so each id appears at most once.
 */
export const mattersInForce = (catalog: Pick<Catalog, 'matters'>, date: string): Matter[] =>
  catalog.matters.filter((matter) => inForceOn(matter, date));
