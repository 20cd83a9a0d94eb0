import type { Kysely } from 'kysely';
import { PULL_LIMITS, type Publication } from '../../shared/sync/pull';
import type { CentralDatabase } from '../db/schema';
import { scopesOfHall } from './publication-scope';
import { publicationOfRow } from './store-publication';

export interface PullPage {
  items: Publication[];
  more: boolean;
}

/**
 * One page of a hall's stream: the publications for the hall or a unit above it, numbered after
 * `after`, in order. A page ends at `limit` items or once its bodies pass the page's size (the first
 * item always comes, however large); `more` says whether anything follows.
 */
export const pullPage = async (db: Kysely<CentralDatabase>, hallId: string, after: number, limit: number, maxChars: number = PULL_LIMITS.maxPageBodyChars): Promise<PullPage> => {
  const scopes = await scopesOfHall(db, hallId);
  if (scopes.length === 0) return { items: [], more: false };
  // Sizes first, bodies only for the rows that make the page: a page of catalogs is megabytes each.
  const heads = await db
    .selectFrom('publications')
    .select(['seq', (eb) => eb.fn<number>('length', ['body']).as('chars')])
    .where('scope', 'in', scopes)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  let taken = 0;
  let chars = 0;
  while (taken < Math.min(limit, heads.length)) {
    const size = Number(heads[taken]!.chars);
    if (taken > 0 && chars + size > maxChars) break;
    chars += size;
    taken += 1;
  }
  if (taken === 0) return { items: [], more: false };
  const last = Number(heads[taken - 1]!.seq);
  const rows = await db.selectFrom('publications').selectAll().where('scope', 'in', scopes).where('seq', '>', after).where('seq', '<=', last).orderBy('seq').execute();
  return { items: rows.map(publicationOfRow), more: heads.length > taken };
};
