import type { Kysely } from 'kysely';
import type { CentralDatabase, OrgUnitTable } from '../db/schema';
import { orgPathOf } from '../org/org-path';

/** The unit a publication is for, or why it cannot be (worded for the administrator at the command line). */
export const findScope = async (db: Kysely<CentralDatabase>, scope: string): Promise<{ unit: OrgUnitTable } | { problem: string }> => {
  const unit = await db.selectFrom('org_units').selectAll().where('id', '=', scope).executeTakeFirst();
  return unit ? { unit } : { problem: `适用范围 ${scope} 不是中心系统中的单位：请核对单位编号，或先导入组织机构（npm run server -- org import）` };
};

/**
 * The units whose publications reach a counter of this hall: the hall and every unit above it. A
 * sibling hall, or a city beside this one, is never among them.
 */
export const scopesOfHall = async (db: Kysely<CentralDatabase>, hallId: string): Promise<string[]> => (await orgPathOf(db, hallId)).map((unit) => unit.id);
