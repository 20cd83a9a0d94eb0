import { z } from 'zod';
import { checkMessage, type CheckMessage } from './check-messages';
import { matterSchema } from './matter-schema';

/** Two periods [from, until] (until inclusive, null = open-ended) share at least one day. */
const periodsOverlap = (
  a: { effectiveFrom: string; effectiveUntil: string | null },
  b: { effectiveFrom: string; effectiveUntil: string | null },
): boolean => (a.effectiveUntil === null || b.effectiveFrom <= a.effectiveUntil) && (b.effectiveUntil === null || a.effectiveFrom <= b.effectiveUntil);

/** The marker every sample entry's name starts with, and no official entry's name may carry. */
export const SAMPLE_NAME_PREFIX = '【示例】';

export interface CatalogRuleIssue {
  path: (string | number)[];
  message: CheckMessage;
}

interface EntryKey {
  index: number;
  id: string;
  version: number;
  effectiveFrom: string;
  effectiveUntil: string | null;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The fields the cross-entry rules need, when they are well formed; otherwise the entry is left to the schema. */
const entryKey = (entry: unknown, index: number): EntryKey | null => {
  if (typeof entry !== 'object' || entry === null) return null;
  const { id, version, effectiveFrom, effectiveUntil } = entry as Record<string, unknown>;
  if (typeof id !== 'string' || typeof version !== 'number' || typeof effectiveFrom !== 'string' || !isoDay.test(effectiveFrom)) return null;
  if (effectiveUntil !== null && (typeof effectiveUntil !== 'string' || !isoDay.test(effectiveUntil))) return null;
  return { index, id, version, effectiveFrom, effectiveUntil };
};

const period = (entry: EntryKey): CheckMessage =>
  checkMessage('catalog_check.rule.period', { from: entry.effectiveFrom, until: entry.effectiveUntil ?? checkMessage('catalog_check.rule.open_ended') });

/**
 * The rules across entries of a catalog: a matter id appears more than once only as successive
 * versions whose periods do not overlap, and the 示例 mark matches the sample flag. Works on
 * unchecked data too (entries whose fields are malformed are skipped), so a file with other problems
 * still gets these reported — zod skips a refinement once a nested field has failed.
 */
export const catalogRuleIssues = (matters: readonly unknown[]): CatalogRuleIssue[] => {
  const issues: CatalogRuleIssue[] = [];
  const seen = new Map<string, EntryKey[]>();
  matters.forEach((entry, index) => {
    const key = entryKey(entry, index);
    if (key) {
      const earlier = seen.get(key.id) ?? [];
      for (const other of earlier) {
        if (other.version === key.version) {
          issues.push({
            path: ['matters', index, 'id'],
            message: checkMessage('catalog_check.rule.duplicate_version', { id: key.id, version: key.version, other: other.index }),
          });
        } else if (periodsOverlap(other, key)) {
          issues.push({
            path: ['matters', index, 'effectiveFrom'],
            message: checkMessage('catalog_check.rule.periods_overlap', {
              id: key.id,
              version: key.version,
              period: period(key),
              other: other.index,
              otherVersion: other.version,
              otherPeriod: period(other),
            }),
          });
        }
      }
      seen.set(key.id, [...earlier, key]);
    }
    if (typeof entry === 'object' && entry !== null) {
      const { name, sample } = entry as Record<string, unknown>;
      if (typeof name === 'string' && sample === true && !name.startsWith(SAMPLE_NAME_PREFIX)) {
        issues.push({ path: ['matters', index, 'name'], message: checkMessage('catalog_check.rule.sample_unmarked', { prefix: SAMPLE_NAME_PREFIX }) });
      }
      if (typeof name === 'string' && sample === false && name.includes(SAMPLE_NAME_PREFIX)) {
        issues.push({ path: ['matters', index, 'name'], message: checkMessage('catalog_check.rule.official_marked', { prefix: SAMPLE_NAME_PREFIX }) });
      }
    }
  });
  return issues;
};

/**
 * A locality's catalog: every matter it publishes, each entry valid for a period. The same matter id
 * may appear more than once only as successive versions whose periods do not overlap.
 */
export const catalogSchema = z
  .object({
    // What a malformed id means is said by the check (catalog_check.catalog_id_format), not here.
    catalogId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    version: z.number().int().positive(),
    /** The locality that published it, e.g. 某省人力资源和社会保障厅. */
    locality: z.string().min(2),
    publishedAt: z.iso.date(),
    matters: z.array(matterSchema).min(1),
  })
  .strict()
  .superRefine((catalog, ctx) => {
    for (const issue of catalogRuleIssues(catalog.matters)) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message.key, params: { checkMessage: issue.message } });
    }
  });

export type Catalog = z.infer<typeof catalogSchema>;
