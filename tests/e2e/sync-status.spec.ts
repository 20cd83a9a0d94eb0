import type { Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { ADMIN, prepareAccounts, sealProofCase, signIn } from './counter-steps';

test.use({ displayMode: 'second-display', central: true });

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

const shoot = async (page: Page, name: string) => {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The line stays one compact block under the header at every counter size, its button in view.
    await expect(page.getByRole('button', { name: /立即同步|同步中/ })).toBeInViewport();
    await page.screenshot({ path: `test-results/screens/${size.width}x${size.height}-sync-${name}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/*
 * The administrator enrolls the counter with the real central system from 中心同步; the clerk then
 * sees the status line on every screen: 未发送 1 件 after a sealed case, 0 after 立即同步 (pressed from
 * the keyboard), with the last sync's time. Screenshots at the counter display sizes.
 */
test('the sync status line follows a sealed case to the central system after 立即同步', async ({ page, context, counter }) => {
  await prepareAccounts(counter);
  await page.goto(counter.url);
  await signIn(page, ADMIN);
  const bar = page.getByTestId('sync-status');
  await expect(bar).toContainText('未登记中心系统');
  await expect(bar).toContainText('事项目录');

  // Enrollment: address and code, the loopback confirmation (no certificate on plain HTTP), 登记.
  await page.getByRole('button', { name: '中心同步' }).click();
  const code = await counter.central!.code();
  await page.getByLabel('中心系统地址或二维码内容').fill(counter.central!.url);
  await page.getByLabel('登记码').fill(code.toLowerCase());
  await page.getByRole('button', { name: '下一步：核对证书' }).click();
  await expect(page.getByTestId('enroll-confirm')).toContainText('本机回环地址');
  await page.screenshot({ path: 'test-results/screens/1280x900-sync-enroll-confirm.png' });
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByText('已登记到中心系统：天河区政务服务中心。')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toContainText(`中心系统：${counter.central!.url}`);
  await expect(bar).toContainText('未发送 0 件');
  await page.getByRole('button', { name: '退出登录' }).click();

  await signIn(page);
  await expect(bar).toContainText('未发送 0 件');
  await expect(bar).toContainText('尚未同步');
  await expect(bar).toContainText('黑名单 — (未同步)');
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealProofCase(page, applicantPage);
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  // On the done screen too, and without personal data.
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 1 件');
  await expect(bar).not.toContainText('张晓明');
  await expect(bar).not.toContainText('11010519491231002X');
  await shoot(page, 'unsent');

  // 立即同步 from the keyboard alone: Tab to the button is possible, F8 is quicker.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 0 件', { timeout: 20_000 });
  await expect(page.getByTestId('sync-last')).toHaveText(/^上次同步 \d{2}:\d{2}$/);
  await expect(page.getByTestId('sync-skew')).toHaveText('时钟偏差 0 分钟');
  await expect(page.getByTestId('sync-skew')).not.toHaveClass(/sync-bar__warn/);
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await shoot(page, 'sent');

  // The home screen shows it as well, and the button is reached with Tab and pressed with Enter.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: /今日已办结/ })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toBeVisible();
  const button = page.getByRole('button', { name: /立即同步/ });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sync-unsent')).toHaveText('未发送 0 件');
});
