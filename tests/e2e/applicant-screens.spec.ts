import type { Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { enterApplicant, prepareCounter, readNotificationAndChoose, startCase } from './counter-steps';

/**
 * The applicant's screens at the display sizes counters use (pen displays 1920×1080, tablets 1280×800
 * and 1024×768): nothing runs off the side, the text is large, the signing surface and its buttons
 * are there to be used. Screenshots go to test-results/screens/ to be looked at.
 */
const sizes = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

test.use({ displayMode: 'second-display' });

const fitsTheWidth = async (page: Page): Promise<void> => {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'a horizontal scroll bar on the applicant screen').toBeLessThanOrEqual(clientWidth);
};

/** The body text's size in CSS pixels: applicants, many of them elderly, read it at arm's length. */
const bodyTextPx = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));

for (const size of sizes) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the notification, and the proof list the applicant signs, in large type that fits the screen', async ({ page, context, counter }) => {
      await prepareCounter(page, counter);
      const applicantPage = await counter.openApplicantWindow(context);
      await startCase(page, '测绘');
      await enterApplicant(page);

      await expect(applicantPage.getByTestId('applicant-page-number')).toBeVisible();
      await fitsTheWidth(applicantPage);
      expect(await bodyTextPx(applicantPage, '.notice-section p')).toBeGreaterThanOrEqual(20);
      await applicantPage.screenshot({ path: `test-results/screens/${size.width}x${size.height}-notification.png`, fullPage: true });

      await readNotificationAndChoose(applicantPage, 'proof');
      await expect(applicantPage.getByRole('heading', { name: '证明材料提交清单' })).toBeVisible();
      await fitsTheWidth(applicantPage);
      expect(await bodyTextPx(applicantPage, '.commitment-text p')).toBeGreaterThanOrEqual(20);
      // The signing surface is wide enough to write a name in, and its buttons can be pressed.
      const canvas = await applicantPage.getByTestId('signature-canvas').boundingBox();
      expect(canvas!.width).toBeGreaterThanOrEqual(Math.min(600, size.width * 0.5));
      await expect(applicantPage.getByRole('button', { name: '确认签名' })).toBeEnabled();
      await applicantPage.screenshot({ path: `test-results/screens/${size.width}x${size.height}-proof-list-signing.png`, fullPage: true });
    });
  });
}
