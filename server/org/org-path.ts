import type { Kysely } from 'kysely';
import type { CentralDatabase, OrgUnitTable } from '../db/schema';

/** A unit and the units above it, nearest first: hall, city (and district), province. */
export const orgPathOf = async (db: Kysely<CentralDatabase>, unitId: string): Promise<OrgUnitTable[]> => {
  const path: OrgUnitTable[] = [];
  let next: string | null = unitId;
  // The import keeps the tree acyclic; the bound is there in case a hand-edited database does not.
  while (next !== null && path.length < 16) {
    const unit: OrgUnitTable | undefined = await db.selectFrom('org_units').selectAll().where('id', '=', next).executeTakeFirst();
    if (!unit) break;
    path.push(unit);
    next = unit.parent_id;
  }
  return path;
};
