import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { enterApplicant, readNotificationAndChoose, setUpCounterThroughUi, signOnApplicantScreen, startCase } from './counter-steps';

/**
 * The whole walk a new counter takes on its first day, at each display size counters use: first start,
 * a commitment case to its printed letter, then a proof-route case. At every step what the person has
 * to press is in view without scrolling, and a screenshot of both screens goes to
 * test-results/screens/walkthrough-<size>-<step>.png to be looked at.
 */
const sizes = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

test.use({ displayMode: 'second-display', spooler: true });

const inView = async (page: Page, target: Locator): Promise<void> => {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y, 'above the top edge').toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, 'below the bottom edge').toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width, 'beyond the right edge').toBeLessThanOrEqual(viewport.width);
};

for (const size of sizes) {
  test(`${size.width}×${size.height}: first start, a commitment letter printed, a proof-route case`, async ({ page, context, counter }) => {
    const shot = (target: Page, step: string) =>
      target.screenshot({ path: `test-results/screens/walkthrough-${size.width}x${size.height}-${step}.png` });
    await page.setViewportSize(size);
    // The printer is chosen once per device, on the 打印设置 page, by the administrator.
    const printer = counter.cups!.queues.pdf;
    await setUpCounterThroughUi(page, counter, async () => {
      await page.getByRole('button', { name: '打印设置' }).click();
      await inView(page, page.getByTestId(`printer-${printer}`).getByRole('button', { name: '使用此打印机' }));
      await shot(page, '02-printer-settings');
      await page.getByTestId(`printer-${printer}`).getByRole('button', { name: '使用此打印机' }).click();
      await expect(page.getByRole('status')).toContainText(`今后文书在“${printer}”上打印`);
      await page.keyboard.press('Escape');
    });
    await shot(page, '01-home');

    const applicantPage = await counter.openApplicantWindow(context);
    await applicantPage.setViewportSize(size);
    await expect(applicantPage.getByText('您好，欢迎办理')).toBeVisible();
    await shot(applicantPage, '03-applicant-welcome');

    // The commitment case, from the keyboard on the clerk's side.
    // Pinyin from the keyboard straight after F2, as a clerk types without looking (测绘 = cehui).
    await page.keyboard.press('F2');
    await page.keyboard.type('cehui');
    await expect(page.getByRole('combobox')).toHaveValue('cehui');
    await shot(page, '04-matter-search');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
    await page.locator('#applicantName').fill('张晓明');
    await shot(page, '05-applicant-form');
    await enterApplicant(page);
    await expect(page.getByTestId('applicant-progress')).toContainText('第 1 /');
    await inView(page, page.getByRole('button', { name: '放弃本案件' }));
    await shot(page, '06-clerk-follows');
    await shot(applicantPage, '07-notification-first-page');
    await readNotificationAndChoose(applicantPage, 'commit');
    await inView(applicantPage, applicantPage.getByRole('button', { name: '确认签名' }));
    await inView(applicantPage, applicantPage.getByTestId('signature-canvas'));
    await shot(applicantPage, '08-commitment-to-sign');
    await signOnApplicantScreen(applicantPage);
    await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
    await inView(page, page.getByRole('button', { name: '确认归档' }));
    await shot(page, '09-review');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('case-number')).toHaveText(/^C01-\d{8}-0001$/);
    await expect(page.getByTestId('letter-preview')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await inView(page, page.getByRole('button', { name: '打印 Ctrl+P' }));
    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('print-status')).toContainText('已打印');
    await shot(page, '10-done-printed');

    // The next applicant takes the proof route.
    await startCase(page, '测绘');
    await enterApplicant(page, { name: '李秀兰', idNumber: '11010519491231002X' });
    await readNotificationAndChoose(applicantPage, 'proof');
    await expect(applicantPage.getByRole('heading', { name: '证明材料提交清单' })).toBeVisible();
    await inView(applicantPage, applicantPage.getByRole('button', { name: '确认签名' }));
    await shot(applicantPage, '11-proof-list-to-sign');
    await signOnApplicantScreen(applicantPage);
    await expect(page.getByTestId('review-outcome')).toContainText('证明材料');
    await shot(page, '12-proof-review');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('case-number')).toHaveText(/^C01-\d{8}-0002$/);
    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('print-status')).toContainText('已打印');
    await shot(page, '13-proof-done-printed');

    // Esc goes home, which lists both of today's sealed records, ID numbers masked.
    await page.keyboard.press('Escape');
    await expect(page.getByText(/今日已办结（.*）：2 件/)).toBeVisible();
    await expect(page.locator('main')).toContainText('110***********002X');
    await expect(page.locator('main')).not.toContainText('11010519491231002X');
    await shot(page, '14-home-after');
  });
}
