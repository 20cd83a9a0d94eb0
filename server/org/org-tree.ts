import { orgUnitIdField } from '../../shared/sync/wire-fields';

/**
 * The organisation file an administrator imports (`npm run server -- org import <file.json>`): the
 * province's units as a tree,
 *
 *   { "units": [ { "id": "gd", "name": "广东省", "level": "province", "children": [
 *       { "id": "gd-gz", "name": "广州市", "level": "city", "children": [
 *         { "id": "gd-gz-th", "name": "天河区", "level": "city", "children": [
 *           { "id": "gd-gz-th-zwzx", "name": "天河区政务服务中心", "level": "hall" } ] } ] } ] } ] }
 *
 * A province is at the top; a city (or a district, at the same level) lies under a province or a city;
 * a hall — where the counters are, each known by its counter id — under a province (the provincial
 * hall) or a city, and holds no units. Each problem is named with its place in the file, in Chinese.
 */
export type OrgLevel = 'province' | 'city' | 'hall';

export interface OrgNode {
  id: string;
  name: string;
  level: OrgLevel;
  children: OrgNode[];
}

export interface FlatUnit {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
}

export class OrgImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`组织机构文件有 ${problems.length} 处问题：\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const LEVELS: readonly OrgLevel[] = ['province', 'city', 'hall'];
const LEVEL_NAMES: Record<OrgLevel, string> = { province: '省', city: '市/区', hall: '服务大厅' };
const NODE_KEYS = new Set(['id', 'name', 'level', 'children']);

/** Which levels may lie directly under a unit of each level (null: at the top). */
export const allowedParents: Record<OrgLevel, ReadonlyArray<OrgLevel | null>> = {
  province: [null],
  city: ['province', 'city'],
  hall: ['province', 'city'],
};

export const levelName = (level: OrgLevel): string => LEVEL_NAMES[level];

export const placeRule = (level: OrgLevel): string =>
  level === 'province' ? '省只能在最上层' : `${levelName(level)}只能在${allowedParents[level].map((parent) => levelName(parent as OrgLevel)).join('或')}之下`;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The tree in a parsed JSON value, or every problem found in it. */
export const parseOrgTree = (value: unknown): OrgNode[] => {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  if (!isRecord(value) || !Array.isArray(value.units)) throw new OrgImportError(['文件应为 { "units": [ … ] }']);
  for (const key of Object.keys(value)) if (key !== 'units') problems.push(`不认识的字段 "${key}"`);

  const node = (raw: unknown, where: string, parent: OrgLevel | null): OrgNode | null => {
    if (!isRecord(raw)) {
      problems.push(`${where}：应为一个机构对象`);
      return null;
    }
    const label = `${where}${typeof raw.id === 'string' ? `（${raw.id}）` : ''}`;
    const before = problems.length;
    for (const key of Object.keys(raw)) if (!NODE_KEYS.has(key)) problems.push(`${label}：不认识的字段 "${key}"`);
    if (!orgUnitIdField.safeParse(raw.id).success) problems.push(`${label}：id 应为小写字母、数字和连字符，以字母或数字开头，最长 64 位`);
    else if (seen.has(raw.id as string)) problems.push(`${label}：id 与 ${seen.get(raw.id as string)} 重复`);
    else seen.set(raw.id as string, where);
    if (typeof raw.name !== 'string' || raw.name.trim() === '' || raw.name.length > 100) problems.push(`${label}：name 应为 1–100 字的名称`);
    const level = LEVELS.find((candidate) => candidate === raw.level);
    if (!level) problems.push(`${label}：level 只能是 province（省）、city（市/区）或 hall（服务大厅）`);
    else if (!allowedParents[level].includes(parent)) problems.push(`${label}：${placeRule(level)}`);
    if (raw.children !== undefined && !Array.isArray(raw.children)) problems.push(`${label}：children 应为数组`);
    const rawChildren = Array.isArray(raw.children) ? raw.children : [];
    if (level === 'hall' && rawChildren.length > 0) problems.push(`${label}：服务大厅之下不能再有机构（窗口按窗口编号登记，不在此列出）`);
    const children = level === 'hall' ? [] : rawChildren.map((child, index) => node(child, `${where}.children[${index}]`, level ?? 'city'));
    if (problems.length > before || !level) return null;
    return { id: raw.id as string, name: (raw.name as string).trim(), level, children: children.filter((child): child is OrgNode => child !== null) };
  };

  const units = value.units.map((raw, index) => node(raw, `units[${index}]`, null));
  if (value.units.length === 0) problems.push('units 为空：没有要导入的机构');
  if (problems.length > 0) throw new OrgImportError(problems);
  return units as OrgNode[];
};

/** Parents before their children, as the database's foreign key needs them. */
export const flattenOrgTree = (units: readonly OrgNode[], parentId: string | null = null): FlatUnit[] =>
  units.flatMap((unit) => [{ id: unit.id, name: unit.name, level: unit.level, parentId }, ...flattenOrgTree(unit.children, unit.id)]);
