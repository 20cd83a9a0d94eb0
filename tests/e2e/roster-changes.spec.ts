import type { Page } from '@playwright/test';
import type { CounterFixture } from '../harness/fixtures';
import { test, expect } from '../harness/fixtures';
import { ADMIN, CLERK, addAccount, enterApplicant, prepareAccounts, sealedDrafts, signIn, startCase, storedDrafts } from './counter-steps';

/**
 * A staff roster published on the real central system and pulled by the counter (立即同步 through
 * main), seen on the screens: the signed-in account it changes is sent back to sign-in with the
 * reason and keeps its case; a disabled account is told why it cannot sign in; 账户管理 shows where
 * each account came from and lets the administrator give a roster account its first PIN.
 */
test.use({ central: true });

const SUPERVISOR = { clerkId: 'S001', name: '周负责', pin: '864200' };
const NEWCOMER = { clerkId: 'N001', name: '钱新来', pin: '135790' };

type RosterRole = 'clerk' | 'supervisor' | 'administrator';
const rosterOf = (...accounts: Array<[account: { clerkId: string; name: string }, role: RosterRole, active?: boolean]>) => ({
  format: 'roster/1',
  accounts: accounts.map(([account, role, active]) => ({ clerkId: account.clerkId, name: account.name, role, active: active ?? true })),
});

/** The administrator enrolls the counter through the host (the sync tests do it on screen). */
const enroll = async (counter: CounterFixture): Promise<void> => {
  expect((await counter.handlers.signIn({ clerkId: ADMIN.clerkId, pin: ADMIN.pin })).ok).toBe(true);
  const enrolled = await counter.handlers.syncEnroll({ address: counter.central!.url, code: await counter.central!.code(), fingerprint: null });
  expect(enrolled.ok).toBe(true);
  expect((await counter.handlers.signOut({})).ok).toBe(true);
};

/** 立即同步 as main runs it, under whatever session the page has open. */
const syncNow = async (counter: CounterFixture): Promise<void> => {
  expect((await counter.handlers.syncNow({})).ok).toBe(true);
};

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('a supervisor the roster makes a clerk mid-case is sent to sign-in with the reason; the case waits; signed in again, no supervisor screens', async ({ page, counter }) => {
  await prepareAccounts(counter);
  await addAccount(counter, SUPERVISOR, 'supervisor');
  await enroll(counter);
  await page.goto(counter.url);
  await signIn(page, SUPERVISOR);
  await expect(page.getByRole('button', { name: '日结' })).toBeVisible();
  await startCase(page, '测绘');
  await page.locator('#applicantName').fill('张晓明');
  // Saved (sealed by main) before the roster comes.
  await expect.poll(async () => (await storedDrafts<{ applicantForm?: { name: string } }>(page)).map((row) => row.applicantForm?.name)).toEqual(['张晓明']);

  await counter.central!.publishRoster(rosterOf([ADMIN, 'administrator'], [CLERK, 'clerk'], [SUPERVISOR, 'clerk']));
  await syncNow(counter);
  // Main ended the session at once; the page learns it with its next call (here: the next keystroke).
  expect(await counter.handlers.getSession({})).toEqual({ ok: true, value: null });
  await page.locator('#idNumber').fill('1');
  await expect(page.getByRole('heading', { name: '窗口人员登录' })).toBeVisible();
  await expect(page.getByTestId('session-ended')).toHaveText('您的角色（工号 S001）已由中心系统改为“窗口人员”，请重新登录。未完成的案件草稿仍保留在本机。');
  await shot(page, '1280x900-roster-session-ended');
  // A reload asks main again: the reason is still there until someone signs in.
  await page.reload();
  await expect(page.getByTestId('session-ended')).toContainText('已由中心系统改为“窗口人员”');

  await signIn(page, SUPERVISOR);
  await expect(page.getByTestId('signed-in-role')).toHaveText('窗口人员');
  await expect(page.getByRole('button', { name: '日结' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '中心同步' })).toHaveCount(0);
  // Main, not the page, decides: the supervisor's method is refused to the page's own host object.
  expect(await page.evaluate(() => window.host!.dayCloseStatus({ date: '2026-12-01' }))).toMatchObject({ ok: false, error: { code: 'ROLE_REFUSED' } });
  // The case typed before is there to resume, as after a sign-out.
  await page.getByRole('button', { name: '继续办理' }).click();
  await expect(page.locator('#applicantName')).toHaveValue('张晓明');
});

test('账户管理 lists the roster accounts awaiting a PIN and the disabled; the administrator sets the first PIN; a disabled 工号 is told why', async ({ page, counter }) => {
  await prepareAccounts(counter);
  await enroll(counter);
  await counter.central!.publishRoster(rosterOf([ADMIN, 'administrator'], [CLERK, 'clerk', false], [NEWCOMER, 'clerk'], [SUPERVISOR, 'supervisor']));
  await page.goto(counter.url);
  await signIn(page, ADMIN);
  await syncNow(counter);
  // The administrator's own session is untouched by a roster that keeps their role.
  expect(await counter.handlers.getSession({})).toMatchObject({ ok: true, value: { account: { clerkId: ADMIN.clerkId } } });
  await page.getByRole('button', { name: '账户管理' }).click();

  const awaiting = page.getByTestId('awaiting-pin');
  await expect(awaiting.getByRole('heading', { name: '等待设置密码的名册账号' })).toBeVisible();
  await expect(awaiting.getByTestId(`awaiting-${NEWCOMER.clerkId}`)).toContainText(NEWCOMER.name);
  await expect(awaiting.getByTestId(`awaiting-${SUPERVISOR.clerkId}`)).toContainText('负责人');
  await expect(awaiting.locator('li')).toHaveCount(2);
  await expect(page.getByTestId(`account-state-${CLERK.clerkId}`)).toContainText('已被中心系统停用');
  // Made here, then listed (inactive) by the roster: both are said.
  await expect(page.getByTestId(`account-${CLERK.clerkId}`)).toContainText(/本机创建；中心名册第 \d+ 版/);
  await expect(page.getByTestId(`account-${NEWCOMER.clerkId}`)).toContainText(/^N001钱新来窗口人员中心名册第 \d+ 版/);
  await expect(page.getByTestId(`account-state-${NEWCOMER.clerkId}`)).toHaveText('待设置密码');
  for (const size of [{ width: 1920, height: 1080 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await shot(page, `${size.width}x${size.height}-accounts-roster`);
    // Nothing of the list runs off the page's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }

  await awaiting.getByTestId(`awaiting-${NEWCOMER.clerkId}`).getByRole('button', { name: '设置密码' }).click();
  const form = page.getByTestId('first-pin-form');
  await expect(form.getByRole('heading')).toHaveText(`为 ${NEWCOMER.clerkId}（${NEWCOMER.name}）设置密码`);
  await form.getByLabel('6位数字密码').fill(NEWCOMER.pin);
  await form.getByLabel('再次输入密码').fill('000000');
  await form.getByRole('button', { name: '保存密码' }).click();
  await expect(form.getByText('两次输入的密码不一致')).toBeVisible();
  await form.getByLabel('再次输入密码').fill(NEWCOMER.pin);
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, '1024x768-accounts-first-pin');
  await form.getByRole('button', { name: '保存密码' }).click();
  await expect(page.getByRole('status')).toHaveText(`已为 ${NEWCOMER.clerkId} 设置密码，该账号现在可以登录。`);
  await expect(awaiting.locator('li')).toHaveCount(1);
  await expect(page.getByTestId(`account-state-${NEWCOMER.clerkId}`)).toHaveText('可登录');

  await page.getByRole('button', { name: '退出登录' }).click();
  // The disabled clerk's own PIN: the reason, not "wrong PIN".
  await page.getByLabel('工号').fill(CLERK.clerkId);
  await page.getByLabel('6位数字密码').fill(CLERK.pin);
  await page.getByLabel('6位数字密码').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('工号 A001 已被中心系统停用，不能登录。请联系负责人。');
  await signIn(page, NEWCOMER);
  await expect(page.getByTestId('signed-in-role')).toHaveText('窗口人员');
});

test('a clerk disabled while the window faces the applicant takes it back with their own PIN and finds sign-in with the reason; the case is kept', async ({ page, counter }) => {
  await prepareAccounts(counter);
  await enroll(counter);
  await page.goto(counter.url);
  await signIn(page, CLERK);
  await startCase(page, '经济');
  await enterApplicant(page);
  // One display: the window now faces the applicant.
  await expect(page.getByTestId('applicant-page-number')).toContainText('第 1 页');

  await counter.central!.publishRoster(rosterOf([ADMIN, 'administrator'], [CLERK, 'clerk', false]));
  await syncNow(counter);
  expect(await counter.handlers.getSession({})).toEqual({ ok: true, value: null });

  await page.getByRole('button', { name: '工作人员' }).click();
  await page.getByLabel('工作人员密码').fill('000000');
  await page.getByLabel('工作人员密码').press('Enter');
  await expect(page.locator('.unlock [role=alert]')).toHaveText('密码不正确，请重新输入。');
  await page.getByLabel('工作人员密码').fill(CLERK.pin);
  await page.getByLabel('工作人员密码').press('Enter');
  await expect(page.getByRole('heading', { name: '窗口人员登录' })).toBeVisible();
  await expect(page.getByTestId('session-ended')).toHaveText('您的账户（工号 A001）已被中心系统停用，已退出登录。请联系负责人。未保存的案件草稿仍保留在本机。');
  await expect(page.getByTestId('applicant-page-number')).toHaveCount(0);
  // Nothing was discarded: the case's draft is still in IndexedDB (sealed), as after a sign-out.
  expect(await sealedDrafts(page)).toHaveLength(1);
});
