import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { revokeDevice } from '../../server/devices/revoke-device';
import { publishCatalog } from '../../server/publications/publish-catalog';
import type { DeviceSettings } from '../../shared/contract/host-contract';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { test, expect, type CounterFixture } from '../harness/fixtures';
import { TEST_HALL } from '../server/fixtures/enrolled-counter';
import { pdfBytes } from '../unit/fixtures/archive-fixtures';
import { reviewedDraft } from '../unit/fixtures/case-fixtures';
import { catalogOf } from '../unit/fixtures/pull-catalogs';
import { ADMIN, addAccount, CLERK, prepareAccounts, signIn } from './counter-steps';

test.use({ central: true });

const SUPERVISOR = { clerkId: 'S002', name: '周负责', pin: '864200' };
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
];

const shoot = async (page: Page, name: string) => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screens/${size.width}x${size.height}-sync-screen-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/** A case sealed by the clerk through main, with its letter: two ledger lines. */
const sealThroughMain = async (counter: CounterFixture, device: DeviceSettings, draftId: string): Promise<SealedRecord> => {
  expect((await counter.handlers.signIn({ clerkId: CLERK.clerkId, pin: CLERK.pin })).ok).toBe(true);
  const sealed = await counter.handlers.sealCase({ draft: reviewedDraft(device, { clerkId: CLERK.clerkId, name: CLERK.name }, draftId) });
  if (!sealed.ok) throw new Error(sealed.error.code);
  const archived = await counter.handlers.archiveLetter({ caseNumber: sealed.value.caseNumber, pdfBase64: pdfBytes(sealed.value.caseNumber).toString('base64') });
  expect(archived.ok).toBe(true);
  return sealed.value;
};

const letterFile = async (counter: CounterFixture, caseNumber: string) => {
  const lines = (await readFile(join(counter.archiveDir, 'ledger.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { caseNumber: string; relativePath: string });
  return join(counter.archiveDir, ...lines.find((line) => line.caseNumber === caseNumber && line.relativePath.endsWith('.pdf'))!.relativePath.split('/'));
};

/*
 * 中心同步 as the supervisor and the administrator need it, against the real central system: a line
 * whose letter was altered here stops the push; the supervisor reads the problem, puts the file back
 * and lets it go with a note (已核对，重新发送), and it goes up. Publications the pull refused are
 * listed with their reason. The central system revokes the device; the page says so, and the
 * administrator enrolls it again with a new code, after which the unsent case goes up.
 */
test('中心同步: a problem let go again by the supervisor, refused publications, enrolling again after revocation', async ({ page, counter }) => {
  const central = counter.central!;
  const { context } = central.running;
  await prepareAccounts(counter);
  await addAccount(counter, SUPERVISOR, 'supervisor');
  expect((await counter.handlers.signIn({ clerkId: ADMIN.clerkId, pin: ADMIN.pin })).ok).toBe(true);
  expect((await counter.handlers.syncEnroll({ address: central.url, code: await central.code(), fingerprint: null })).ok).toBe(true);
  const setup = await counter.handlers.getSetup({});
  if (!setup.ok || !setup.value.device) throw new Error('device not configured');
  const device: DeviceSettings = setup.value.device;

  // A refused catalog (older than the shipped one in force) and one whose signature fails.
  const older = await publishCatalog(context, { catalog: { ...defaultCatalog, version: 1 }, scope: TEST_HALL });
  const forged = await publishCatalog(context, { catalog: catalogOf(7), scope: TEST_HALL });
  if (!older.ok || !forged.ok) throw new Error('publish failed');
  const signature = forged.publication.signature;
  await context.central.db
    .updateTable('publications')
    .set({ signature: `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}` })
    .where('seq', '=', forged.publication.seq)
    .execute();

  await sealThroughMain(counter, device, 'draft-1');
  const altered = await sealThroughMain(counter, device, 'draft-2');
  const letter = await letterFile(counter, altered.caseNumber);
  const original = await readFile(letter);
  const changed = Buffer.from(original);
  changed[changed.length - 3]! ^= 0x01;
  await writeFile(letter, changed);
  expect((await counter.handlers.signOut({})).ok).toBe(true);

  // The supervisor: 立即同步 stops at line 4 and lists it.
  await page.goto(counter.url);
  await signIn(page, SUPERVISOR);
  await page.getByRole('button', { name: '中心同步' }).click();
  await page.getByRole('button', { name: /立即同步/ }).click();
  const problems = page.getByTestId('sync-problems');
  await expect(problems).toContainText(altered.caseNumber, { timeout: 20_000 });
  await expect(problems).toContainText('核验未通过');
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 1 件');

  const publications = page.getByTestId('sync-publications');
  await expect(publications.getByRole('row', { name: /gd-catalog v7/ })).toContainText('签名未通过，已拒绝');
  await expect(publications.getByRole('row', { name: /gd-catalog v7/ })).toContainText('签名核验未通过');
  await expect(publications.getByRole('row', { name: /default v1/ })).toContainText('本机未采用');

  await page.getByRole('button', { name: '核对 台账 4' }).click();
  const detail = page.getByTestId('sync-problem-detail');
  await expect(detail).toContainText('同步问题详情：台账第 4 行');
  await expect(detail).toContainText('LOCAL_FILE_ALTERED');
  await expect(detail).toContainText('本机发现，未发送');
  const resolve = detail.getByRole('button', { name: '已核对，重新发送' });
  await expect(resolve).toBeDisabled();
  await detail.getByLabel('核对说明（必填，至少 4 个字）').fill('已从备份恢复原文书，哈希与台账一致。');
  await shoot(page, 'problem');

  await writeFile(letter, original);
  await resolve.click();
  await expect(page.getByRole('status').filter({ hasText: /已记入审计日志第 \d+ 条；台账第 4 行将在下次同步时重新发送/ })).toBeVisible();
  await expect(page.getByTestId('sync-resolutions')).toContainText('已从备份恢复原文书');
  await expect(page.getByTestId('sync-resolutions')).toContainText(SUPERVISOR.clerkId);
  await page.getByRole('button', { name: /立即同步/ }).click();
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 0 件', { timeout: 20_000 });
  await expect(page.getByText('没有同步问题。')).toBeVisible();

  // The central system revokes the device; a new case cannot go up, and the page says why.
  await revokeDevice(context.central.db, { deviceId: device.deviceId, reason: '窗口电脑送修', now: new Date() });
  await sealThroughMain(counter, device, 'draft-3');
  expect((await counter.handlers.signOut({})).ok).toBe(true);
  await page.reload();
  await signIn(page, SUPERVISOR);
  await page.getByRole('button', { name: '中心同步' }).click();
  await page.getByRole('button', { name: /立即同步/ }).click();
  const revoked = page.getByTestId('sync-revoked');
  await expect(revoked).toContainText('本机登记已被中心系统吊销', { timeout: 20_000 });
  await expect(revoked).toContainText('窗口电脑送修');
  await expect(revoked).toContainText('请设备管理员登录后重新登记');
  await expect(page.getByTestId('enrollment-panel')).toHaveCount(0);
  await page.getByRole('button', { name: '退出登录' }).click();

  // The administrator enrolls it again with a new code; the unsent case goes up.
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: '中心同步' }).click();
  await expect(revoked).toContainText('请中心系统管理员为本窗口另行签发登记码');
  await expect(revoked).toContainText('未发送的 1 件');
  await expect(page.getByRole('heading', { name: '重新登记到中心系统' })).toBeVisible();
  await shoot(page, 'revoked');
  await page.getByLabel('中心系统地址或二维码内容').fill(central.url);
  await page.getByLabel('登记码').fill(await central.code());
  await page.getByRole('button', { name: '下一步：核对证书' }).click();
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('已重新登记到中心系统：天河区政务服务中心。未发送的内容将自动上传。')).toBeVisible();
  await expect(revoked).toHaveCount(0);
  await page.getByRole('button', { name: /立即同步/ }).click();
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 0 件', { timeout: 20_000 });
  await shoot(page, 'reenrolled');
});
