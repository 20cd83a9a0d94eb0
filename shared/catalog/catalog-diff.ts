import { canonicalJson } from '../crypto/canonical-json';
import type { Catalog } from './catalog-schema';
import type { Matter } from './matter-schema';
import { mattersInForce } from './matters-in-force';

export interface MatterChange {
  before: Matter;
  after: Matter;
  /** The fields that differ, by their name in the catalog file (`conditions`, `proofs`, …), in schema order. */
  fields: string[];
}

export interface CatalogDiff {
  /** In force on the date in the incoming catalog only, in its order. */
  added: Matter[];
  /** In force in both, with at least one field different, in the incoming catalog's order. */
  changed: MatterChange[];
  /** In force on the date in the active catalog only, in its order. */
  retired: Matter[];
  /** In force in both and identical. */
  unchanged: number;
}

/** The fields of `after` that differ from `before` (deep comparison; key order inside objects is irrelevant). */
export const changedFields = (before: Matter, after: Matter): string[] => {
  // Every field but the id, in the schema's order: a field the schema gains later is compared too.
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('id');
  const valueOf = (matter: Matter, key: string): string => canonicalJson((matter as Record<string, unknown>)[key] ?? null);
  return [...keys].filter((key) => valueOf(before, key) !== valueOf(after, key));
};

/**
 * What activating `incoming` would change at the counter on `onDate` (YYYY-MM-DD): the matters in force
 * on that day in each catalog, matched by id. A new version of a matter with other wording is
 * `changed`, with the fields that differ; a matter no longer in force is `retired`.
 */
export const diffCatalogs = (active: Catalog, incoming: Catalog, onDate: string): CatalogDiff => {
  const before = mattersInForce(active, onDate);
  const after = mattersInForce(incoming, onDate);
  const beforeById = new Map(before.map((matter) => [matter.id, matter]));
  const afterIds = new Set(after.map((matter) => matter.id));
  const diff: CatalogDiff = { added: [], changed: [], retired: [], unchanged: 0 };
  for (const matter of after) {
    const previous = beforeById.get(matter.id);
    if (!previous) {
      diff.added.push(matter);
      continue;
    }
    const fields = changedFields(previous, matter);
    if (fields.length) diff.changed.push({ before: previous, after: matter, fields });
    else diff.unchanged += 1;
  }
  diff.retired = before.filter((matter) => !afterIds.has(matter.id));
  return diff;
};
