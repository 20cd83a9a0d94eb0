import type { Page } from '@playwright/test';
import { test, expect, type CounterFixture } from '../harness/fixtures';
import { CLERK, prepareAccounts } from './counter-steps';

/**
 * The host sends refusals and printer states as keys with parameters; the renderer words them in the
 * UI's language. Each test runs once with English chosen on the device, once in Chinese.
 */
const CJK = /[\u4e00-\u9fff]/;

/** Device and clerk set up through the host; the page opened with the locale the device keeps. */
const openSignIn = async (page: Page, counter: CounterFixture, locale: 'en' | 'zh-CN'): Promise<void> => {
  await prepareAccounts(counter);
  if (locale === 'en') await page.addInitScript(() => localStorage.setItem('locale', 'en'));
  await page.goto(counter.url);
  await expect(page.getByRole('heading', { name: locale === 'en' ? 'Clerk sign-in' : '窗口人员登录' })).toBeVisible();
};

const signInWith = async (page: Page, pin: string): Promise<void> => {
  await page.locator('#clerkId').fill(CLERK.clerkId);
  await page.locator('#pin').fill(pin);
  await page.locator('#pin').press('Enter');
};

const wrongPin = {
  en: 'Clerk ID or PIN is wrong. Please try again.',
  'zh-CN': '工号或密码不正确，请重新输入。',
};

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a wrong PIN at sign-in is refused in the UI's language (${locale})`, async ({ page, counter }) => {
    await openSignIn(page, counter, locale);
    await signInWith(page, '000000');
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(wrongPin[locale]);
    if (locale === 'en') expect(await alert.textContent()).not.toMatch(CJK);
  });

  test(`a refused argument is named by its label, not its code name (${locale})`, async ({ page, counter }) => {
    await openSignIn(page, counter, locale);
    // What the host answers for a malformed PIN that got past the screen's own check.
    counter.failNext('signIn', { code: 'INVALID_ARGUMENT', key: 'host.error.invalid_argument', params: { fields: ['clerkId', 'pin'] } });
    await signInWith(page, CLERK.pin);
    await expect(page.getByRole('alert')).toHaveText(
      locale === 'en' ? 'The data sent is incomplete or malformed: clerk ID, PIN.' : '提交的数据不完整或格式不正确：工号、密码。',
    );
    // The next try reaches the real service and signs in.
    await signInWith(page, CLERK.pin);
    await expect(page.getByTestId('signed-in-clerk')).toContainText(CLERK.name);
  });
}

test.describe('with a spooler', () => {
  test.use({ spooler: true });

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`a paused printer's state comes from the spooler as a key and is shown in the UI's language (${locale})`, async ({ page, counter }) => {
      const cups = counter.cups!;
      await openSignIn(page, counter, locale);
      await signInWith(page, CLERK.pin);
      await expect(page.getByTestId('signed-in-clerk')).toContainText(CLERK.name);
      await page.getByRole('button', { name: locale === 'en' ? 'Print settings' : '打印设置' }).click();
      const paused = page.getByTestId(`printer-${cups.queues.paused}`);
      await expect(paused).toContainText(
        locale === 'en'
          ? 'Paused, The printer is paused; the job waits and prints when it is resumed. Ask the administrator to resume it.'
          : '已暂停，打印机已暂停，任务在排队，恢复后自动打印。请联系管理员恢复打印机。',
      );
      if (locale === 'en') expect(await paused.locator('td').nth(3).textContent()).not.toMatch(CJK);
    });
  }
});
