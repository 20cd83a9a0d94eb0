import type { Kysely } from 'kysely';
import type { CentralDatabase, OrgUnitTable } from '../db/schema';
import { allowedParents, flattenOrgTree, levelName, OrgImportError, placeRule, type OrgLevel, type OrgNode } from './org-tree';

export interface OrgImportOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Checks the tree as the database will hold it after the import: units already there and not in the
 * file keep their place, so a unit moved or changed in level must still fit with them, and devices and
 * enrollment codes must still name halls.
 */
const problemsAfter = async (db: Kysely<CentralDatabase>): Promise<string[]> => {
  const units = await db.selectFrom('org_units').selectAll().execute();
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const problems: string[] = [];
  for (const unit of units) {
    const parent = unit.parent_id === null ? null : (byId.get(unit.parent_id)?.level ?? null);
    if (!allowedParents[unit.level].includes(parent)) problems.push(`${unit.id}（${unit.name}）：${placeRule(unit.level)}`);
    if (parent === 'hall') problems.push(`${unit.parent_id}：服务大厅之下不能再有机构，而 ${unit.id}（${unit.name}）仍在其下`);
  }
  const halls = [
    ...(await db.selectFrom('devices').select('hall_id').distinct().execute()),
    ...(await db.selectFrom('enrollment_codes').select('hall_id').distinct().execute()),
  ];
  for (const { hall_id } of halls) {
    const level = byId.get(hall_id)?.level as OrgLevel | undefined;
    if (level !== 'hall') problems.push(`${hall_id}：已有窗口设备或登记码属于它，不能改为${levelName(level ?? 'city')}`);
  }
  return [...new Set(problems)];
};

/** Upserts a tree in one transaction: all of it, or nothing when a unit would not fit. */
export const importOrgTree = async (db: Kysely<CentralDatabase>, tree: readonly OrgNode[]): Promise<OrgImportOutcome> =>
  db.transaction().execute(async (trx) => {
    const outcome: OrgImportOutcome = { inserted: 0, updated: 0, unchanged: 0 };
    const flat = flattenOrgTree(tree);
    const existing = new Map(
      (await trx.selectFrom('org_units').selectAll().where('id', 'in', flat.map((unit) => unit.id)).execute()).map((unit) => [unit.id, unit]),
    );
    for (const unit of flat) {
      const row: OrgUnitTable = { id: unit.id, parent_id: unit.parentId, level: unit.level, name: unit.name };
      const held = existing.get(unit.id);
      if (!held) {
        await trx.insertInto('org_units').values(row).execute();
        outcome.inserted += 1;
      } else if (held.name !== row.name || held.level !== row.level || held.parent_id !== row.parent_id) {
        await trx.updateTable('org_units').set({ name: row.name, level: row.level, parent_id: row.parent_id }).where('id', '=', unit.id).execute();
        outcome.updated += 1;
      } else outcome.unchanged += 1;
    }
    const problems = await problemsAfter(trx);
    if (problems.length > 0) throw new OrgImportError(problems);
    return outcome;
  });
