import { test, expect } from '../harness/fixtures';
import { ADMIN, CLERK, enterApplicant, prepareAccounts, setUpCounterThroughUi, signIn, startCase } from './counter-steps';

/**
 * Accounts and roles through the screens, with main as the authority: the first start creates the
 * administrator, who creates the clerk; what only an administrator may do is hidden from the clerk
 * and refused by main when asked anyway; the idle lock hides the case and gives it back untouched;
 * the applicant's window reaches nothing but its own contract.
 */
test.describe('roles', () => {
  test.use({ spooler: true });

  test('first start creates the administrator, who creates a clerk; the clerk cannot choose the printer, and main refuses it anyway', async ({ page, counter }) => {
    const printer = counter.cups!.queues.pdf;
    await setUpCounterThroughUi(page, counter, async () => {
      // The administrator sees the choice.
      await page.getByRole('button', { name: '打印设置' }).click();
      await expect(page.getByTestId(`printer-${printer}`).getByRole('button', { name: '使用此打印机' })).toBeVisible();
      await expect(page.getByTestId('printer-admin-only')).toHaveCount(0);
      await page.keyboard.press('Escape');
    });
    await expect(page.getByTestId('signed-in-role')).toHaveText('窗口人员');
    // Main knows who is signed in, with which role: the renderer only mirrors it.
    expect(await counter.handlers.getSession({})).toMatchObject({ ok: true, value: { account: { clerkId: CLERK.clerkId, role: 'clerk' }, locked: false } });
    expect(await counter.handlers.listAccounts({})).toMatchObject({ ok: false, error: { code: 'ROLE_REFUSED' } });
    await expect(page.getByRole('button', { name: '账户管理' })).toHaveCount(0);

    await page.getByRole('button', { name: '打印设置' }).click();
    await expect(page.getByTestId(`printer-${printer}`)).toBeVisible();
    await expect(page.getByRole('button', { name: '使用此打印机' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '使用系统默认打印机' })).toHaveCount(0);
    await expect(page.getByTestId('printer-admin-only')).toHaveText('只有设备管理员可以更改本机使用的打印机。');
    // The page's own window.host, as anything in the page could call it: refused in main.
    const refused = await page.evaluate((name) => window.host!.choosePrinter({ printer: name }), printer);
    expect(refused).toEqual({ ok: false, error: { code: 'ROLE_REFUSED', key: 'host.session.administrator_only' } });
    expect(await counter.handlers.getPrintSettings({})).toEqual({ ok: true, value: { printer: null } });
  });
});

test('the screen locks when idle and keeps the case; only the clerk\'s own PIN opens it again', async ({ page, counter }) => {
  await prepareAccounts(counter);
  // The administrator shortens the idle lock to 1 minute (the settings section of 账户管理).
  await page.clock.install();
  await page.goto(counter.url);
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: '账户管理' }).click();
  const settings = page.getByRole('form', { name: '登录安全设置' });
  await expect(settings.getByLabel('闲置几分钟后锁屏')).toHaveValue('5');
  await settings.getByLabel('闲置几分钟后锁屏').fill('1');
  await settings.getByRole('button', { name: '保存登录安全设置' }).click();
  await expect(page.getByText('登录安全设置已保存。')).toBeVisible();
  await page.getByRole('button', { name: '退出登录' }).click();

  await signIn(page);
  await startCase(page, '测绘');
  // Typed but not yet checked: the case in progress.
  await page.locator('#applicantName').fill('张晓明');
  await page.clock.fastForward('00:50');
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
  await page.clock.fastForward('00:15');
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  // Nothing of the case is on the page while locked, and main holds the session locked.
  await expect(page.locator('#applicantName')).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toContain('张晓明');
  expect(await counter.handlers.getSession({})).toMatchObject({ ok: true, value: { account: { clerkId: CLERK.clerkId }, locked: true } });
  expect(await counter.handlers.listPrinters({})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });

  // Another account's PIN is a wrong PIN here.
  await page.getByLabel('6位数字密码').fill(ADMIN.pin);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('alert')).toHaveText('工号或密码不正确，请重新输入。');
  await page.getByLabel('6位数字密码').fill(CLERK.pin);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
  await expect(page.locator('#applicantName')).toHaveValue('张晓明');
  await expect(page.getByTestId('signed-in-clerk')).toContainText(CLERK.name);
  expect(await counter.handlers.getSession({})).toMatchObject({ ok: true, value: { locked: false } });
  // The case goes on from where it was.
  await enterApplicant(page);
  await expect(page.getByRole('heading', { name: '申请人信息' })).toHaveCount(0);
});

test.describe('the applicant window', () => {
  test.use({ displayMode: 'second-display' });

  test('reaches only its own contract, whoever is signed in', async ({ page, context, counter }) => {
    await prepareAccounts(counter);
    await page.goto(counter.url);
    await signIn(page, ADMIN);
    const applicantPage = await counter.openApplicantWindow(context);
    await expect(applicantPage.getByText('您好，欢迎办理')).toBeVisible();
    const answers = await applicantPage.evaluate(async () => {
      const host = window.host!;
      return {
        setup: (await host.getSetup({})).ok,
        accounts: await host.listAccounts({}),
        session: await host.getSession({}),
        printer: await host.choosePrinter({ printer: null }),
        signOut: await host.signOut({}),
      };
    });
    expect(answers.setup).toBe(true);
    for (const refused of [answers.accounts, answers.session, answers.printer, answers.signOut]) {
      expect(refused).toEqual({ ok: false, error: { code: 'WINDOW_REFUSED', key: 'host.error.window_refused' } });
    }
    // Its own URL changed to the clerk's changes nothing: the window is known by its page.
    await applicantPage.evaluate(() => (window.location.hash = '#/'));
    expect(await applicantPage.evaluate(() => window.host!.listAccounts({}))).toMatchObject({ ok: false, error: { code: 'WINDOW_REFUSED' } });
    // The clerk's window, same host, same moment: allowed.
    expect(await page.evaluate(() => window.host!.listAccounts({}))).toMatchObject({ ok: true });
  });
});
