import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_LOG_FILE, parseAuditLog } from '../../electron/services/audit-log';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { test, expect } from '../harness/fixtures';
import { ADMIN, prepareCounter, storedDrafts } from './counter-steps';

test.use({ displayMode: 'second-display' });

const catalogFile = (content: unknown, name = 'catalog.json') => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof content === 'string' ? content : JSON.stringify(content, null, 2)),
});

test('matters are found by pinyin initials and category from the keyboard, recent ones first', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  await page.keyboard.press('F2');
  const search = page.getByRole('combobox');
  await search.fill('jjzy');
  await expect(page.getByRole('option').first()).toContainText('经济专业技术资格');
  await search.fill('社会保险');
  await expect(page.getByRole('option').first()).toContainText('【示例】');
  await search.fill('没有这个事项');
  await expect(page.getByRole('status')).toHaveText('没有找到与“没有这个事项”相符的事项');

  await search.fill('zcchs');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  const chosen = (await page.getByRole('option', { selected: true }).locator('.matter-list__name').textContent())!;
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();

  // The next case lists the matter just used first, marked as recent.
  await page.getByRole('button', { name: '返回上一步' }).click();
  await expect(page.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /新建案件/ })).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.getByRole('option').first()).toContainText(chosen);
  await expect(page.getByRole('option').first()).toContainText('最近办理');
});

test('keys typed straight after F2 are not lost, and Enter on an empty search chooses nothing', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  // No wait for the search to appear: a clerk types the initials and Enter in one go.
  await page.keyboard.press('F2');
  await page.keyboard.type('jjzy');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
  const draft = (await storedDrafts(page))[0]?.draft.matter?.name;
  expect(draft).toContain('经济专业技术资格');

  await page.getByRole('button', { name: '返回上一步' }).click();
  const search = page.getByRole('combobox');
  await expect(search).toBeFocused();
  await search.fill('');
  await search.press('Enter');
  await expect(page.getByRole('alert')).toContainText('请先输入事项名称');
  await expect(page.getByRole('heading', { name: '选择办理事项' })).toBeVisible();
});

test('a case is discarded from any step with Esc, asked once, and nothing of it stays', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  await page.keyboard.press('F2');
  await page.getByRole('combobox').fill('测绘');
  await page.getByRole('combobox').press('Enter');
  await page.locator('#applicantName').fill('张晓明');

  // Esc asks; 继续办理 (focused, the safe answer) keeps everything typed.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toContainText('确定放弃本案件吗');
  await expect(page.getByRole('button', { name: '继续办理' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.locator('#applicantName')).toHaveValue('张晓明');

  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '确定放弃' }).click();
  await expect(page.getByRole('button', { name: /新建案件/ })).toBeVisible();
  const drafts = (await storedDrafts(page)).length;
  expect(drafts).toBe(0);
});

test('a clerk sees the catalog in force but is offered no import: only an administrator changes it', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  await page.getByRole('button', { name: '事项目录' }).click();
  await expect(page.getByTestId('active-catalog')).toContainText(`第 ${defaultCatalog.version} 版`);
  await expect(page.getByTestId('catalog-admin-only')).toHaveText('只有设备管理员可以导入事项目录，如需更换目录请联系设备管理员。');
  await expect(page.getByTestId('catalog-file')).toHaveCount(0);
  // Main refuses it whatever the page shows (tests/unit/host-access.test.ts covers every role).
  const next = { ...structuredClone(defaultCatalog), version: defaultCatalog.version + 1 };
  const refused = await page.evaluate((catalog) => window.host!.importCatalog({ catalog }), next);
  expect(refused).toEqual({ ok: false, error: { code: 'ROLE_REFUSED', key: 'host.session.administrator_only' } });
});

test('an administrator imports a locality catalog: a bad file is refused with its problems, a good one is shown as a difference and activated', async ({ page, counter }) => {
  await prepareCounter(page, counter, undefined, ADMIN);
  await page.getByRole('button', { name: '事项目录' }).click();
  await expect(page.getByTestId('active-catalog')).toContainText(`第 ${defaultCatalog.version} 版`);

  // A broken file: every problem with its path, and nothing changes.
  const broken = structuredClone(defaultCatalog) as unknown as { matters: Record<string, unknown>[] };
  delete broken.matters[1]!.conditions;
  broken.matters[2]!.category = '不存在的类别';
  await page.getByTestId('catalog-file').setInputFiles(catalogFile(broken, 'broken.json'));
  await expect(page.getByRole('heading', { name: /“broken.json”未通过检查/ })).toBeVisible();
  await expect(page.locator('.problems')).toContainText('conditions');
  await expect(page.locator('.problems')).toContainText('matters[2]');
  await page.getByTestId('catalog-file').setInputFiles(catalogFile('{ "catalogId": ', 'truncated.json'));
  await expect(page.locator('.problems')).toContainText('行');

  // A good file: version 2, one matter changed, one added, one retired.
  const next = structuredClone(defaultCatalog);
  next.version = defaultCatalog.version + 1;
  next.locality = '某市人力资源和社会保障局';
  const [first, ...rest] = next.matters;
  const retired = rest.pop()!;
  const changed = { ...first!, conditions: `${first!.conditions}（本市补充）`, version: first!.version + 1 };
  const added = { ...first!, id: 'exam-local-added', name: '本市新增资格考试报名', version: 1 };
  next.matters = [changed, ...rest, added];
  await page.getByTestId('catalog-file').setInputFiles(catalogFile(next, 'city.json'));
  await expect(page.getByTestId('diff-added')).toContainText('本市新增资格考试报名');
  await expect(page.getByTestId('diff-changed')).toContainText(first!.name);
  await expect(page.getByTestId('diff-changed')).toContainText('conditions');
  await expect(page.getByTestId('diff-retired')).toContainText(retired.name);
  await page.getByRole('button', { name: `启用第 ${next.version} 版` }).click();
  await expect(page.getByRole('status')).toContainText(`已启用第 ${next.version} 版目录`);
  await expect(page.getByTestId('active-catalog')).toContainText('某市人力资源和社会保障局');
  // Main keeps it, as the canonical JSON of the file, and wrote the activation to its audit log.
  const stored = await readFile(path.join(counter.dataDir, 'catalogs', `${next.catalogId}@${next.version}.json`), 'utf8');
  expect(JSON.parse(stored)).toEqual(next);

  // The same file again is not newer: refused, the active one stays.
  await page.getByTestId('catalog-file').setInputFiles(catalogFile(next, 'city.json'));
  await page.getByRole('button', { name: `启用第 ${next.version} 版` }).click();
  await expect(page.getByRole('alert')).toContainText('不高于现行');
  const audit = parseAuditLog(await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8')).entries;
  expect(audit.filter((entry) => entry.action === 'catalog.activate').map(({ subject, actor }) => ({ subject, actor }))).toEqual([
    { subject: `${next.catalogId}@${next.version}`, actor: { accountId: ADMIN.clerkId, role: 'administrator' } },
  ]);

  // Survives a reload (the page stays open), and new cases choose from it.
  await page.reload();
  await expect(page.getByTestId('active-catalog')).toContainText('某市人力资源和社会保障局');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /新建案件/ })).toBeVisible();
  await page.keyboard.press('F2');
  await page.getByRole('combobox').fill('本市新增');
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.getByRole('combobox').fill(retired.name.slice(0, 6));
  await expect(page.getByRole('option').filter({ hasText: retired.name })).toHaveCount(0);
});
