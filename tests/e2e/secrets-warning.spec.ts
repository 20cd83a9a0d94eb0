import { test, expect } from '../harness/fixtures';
import { ADMIN, prepareAccounts, signIn } from './counter-steps';

/*
 * The test harness runs main's services without safeStorage, as on Linux without a keyring: the
 * secrets fall back to a key file, and the app must say so before anyone signs in and on 账户管理.
 */
test('without an OS keyring the sign-in screen and 账户管理 say the keys are protected by file permissions only', async ({ page, counter }) => {
  await prepareAccounts(counter);
  await page.goto(counter.url);
  const warning = page.getByTestId('secrets-warning');
  await expect(warning).toContainText('本机密钥没有操作系统保护');
  await expect(warning).toContainText('个人信息加密密钥');
  await signIn(page, ADMIN);
  await page.getByRole('button', { name: '账户管理' }).click();
  await expect(page.getByTestId('secrets-warning')).toBeVisible();
});
