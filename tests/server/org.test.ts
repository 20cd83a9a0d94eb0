import { expect, it } from 'vitest';
import { importOrgTree } from '../../server/org/import-org';
import { orgPathOf } from '../../server/org/org-path';
import { OrgImportError, parseOrgTree } from '../../server/org/org-tree';
import { describeEachBackend } from './fixtures/backends';
import { centralPerTest } from './fixtures/central-per-test';
import { TEST_HALL, TEST_ORG } from './fixtures/enrolled-counter';

const problemsOf = (work: () => unknown): readonly string[] => {
  try {
    work();
  } catch (error) {
    if (error instanceof OrgImportError) return error.problems;
    throw error;
  }
  throw new Error('expected the tree to be refused');
};

it('names each bad node of an organisation file with its place, in Chinese', () => {
  const problems = problemsOf(() =>
    parseOrgTree({
      units: [
        {
          id: 'gd',
          name: '广东省',
          level: 'province',
          children: [
            { id: 'GD-GZ', name: '广州市', level: 'city' },
            { id: 'gd-sz', name: '', level: 'city' },
            { id: 'gd-x', name: '某地', level: 'county' },
            { id: 'gd-hall', name: '省政务服务中心', level: 'hall', children: [{ id: 'gd-hall-c1', name: '一号窗口', level: 'hall' }] },
            { id: 'gd-gz2', name: '重复', level: 'city', children: [{ id: 'gd', name: '又一个广东省', level: 'province' }] },
          ],
        },
        { id: 'hk', name: '某大厅', level: 'hall', colour: 'red' },
      ],
    }),
  );
  expect(problems).toEqual([
    'units[0].children[0]（GD-GZ）：id 应为小写字母、数字和连字符，以字母或数字开头，最长 64 位',
    'units[0].children[1]（gd-sz）：name 应为 1–100 字的名称',
    'units[0].children[2]（gd-x）：level 只能是 province（省）、city（市/区）或 hall（服务大厅）',
    'units[0].children[3]（gd-hall）：服务大厅之下不能再有机构（窗口按窗口编号登记，不在此列出）',
    'units[0].children[4].children[0]（gd）：id 与 units[0] 重复',
    'units[0].children[4].children[0]（gd）：省只能在最上层',
    'units[1]（hk）：不认识的字段 "colour"',
    'units[1]（hk）：服务大厅只能在省或市/区之下',
  ]);
  expect(problemsOf(() => parseOrgTree([]))).toEqual(['文件应为 { "units": [ … ] }']);
  expect(problemsOf(() => parseOrgTree({ units: [] }))).toEqual(['units 为空：没有要导入的机构']);
});

describeEachBackend('organisation as data', (backend) => {
  const fresh = centralPerTest(backend);

  it('imports a tree, then upserts it: names change, nothing is duplicated, the path runs hall → province', async () => {
    const { db } = (await fresh.central()).context.central;
    expect(await importOrgTree(db, parseOrgTree(TEST_ORG))).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    const renamed = structuredClone(TEST_ORG);
    renamed.units[0]!.children[0]!.name = '广州市（新名）';
    renamed.units[0]!.children.push({ id: 'gd-sz', name: '深圳市', level: 'city', children: [{ id: 'gd-sz-zwzx', name: '深圳市民中心', level: 'hall' } as never] });
    expect(await importOrgTree(db, parseOrgTree(renamed))).toEqual({ inserted: 2, updated: 1, unchanged: 3 });
    expect((await orgPathOf(db, TEST_HALL)).map((unit) => [unit.id, unit.name, unit.level])).toEqual([
      [TEST_HALL, '天河区政务服务中心', 'hall'],
      ['gd-gz-th', '天河区', 'city'],
      ['gd-gz', '广州市（新名）', 'city'],
      ['gd', '广东省', 'province'],
    ]);
    expect(await db.selectFrom('org_units').select('id').execute()).toHaveLength(6);
  });

  it('refuses a change that would leave a counter outside a hall, and writes none of the file', async () => {
    await fresh.counter();
    const { db } = (await fresh.central()).context.central;
    const changed = structuredClone(TEST_ORG) as { units: Array<Record<string, any>> };
    changed.units[0]!.name = '广东省（不应写入）';
    // The hall, with a device enrolled, turned into a district.
    changed.units[0]!.children[0].children[0].children[0].level = 'city';
    await expect(importOrgTree(db, parseOrgTree(changed))).rejects.toThrow(`${TEST_HALL}：已有窗口设备或登记码属于它，不能改为市/区`);
    expect((await orgPathOf(db, TEST_HALL)).map((unit) => unit.level)).toEqual(['hall', 'city', 'city', 'province']);
    expect((await db.selectFrom('org_units').select('name').where('id', '=', 'gd').executeTakeFirstOrThrow()).name).toBe('广东省');
  });
});
