import { execFileSync } from 'node:child_process';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { enterApplicant, prepareCounter, startCase } from './counter-steps';

/**
 * The applicant's screens at the display sizes counters use (pen displays 1920×1080, tablets 1280×800
 * and 1024×768): what to press is always in view without scrolling, every page starts at its top,
 * nothing runs off the side, the text is large and in the app's own Chinese font where the machine has
 * none. Screenshots go to test-results/screens/ to be looked at.
 */
const sizes = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

/** Whether this machine has any Chinese font of its own (CI machines have none). */
const systemHasCjkFont = (): boolean => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

test.use({ displayMode: 'second-display' });

const fitsTheWidth = async (page: Page): Promise<void> => {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'a horizontal scroll bar on the applicant screen').toBeLessThanOrEqual(clientWidth);
};

/** Entirely inside the window as it is, without scrolling anything. */
const inView = async (page: Page, target: Locator): Promise<void> => {
  const box = await target.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, 'not laid out').not.toBeNull();
  expect(box!.y, 'above the top edge').toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, 'below the bottom edge').toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
};

/** Every page of the context keeps its Content Security Policy violations from its load on. */
const watchCsp = async (context: BrowserContext): Promise<void> => {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
};

const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

const bodyTextPx = (page: Page, selector: string): Promise<number> =>
  page.locator(selector).first().evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));

for (const size of sizes) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('every notification page, the choice and the proof list to sign: the buttons in view, each page from its top', async ({ page, context, counter }) => {
      await watchCsp(context);
      await prepareCounter(page, counter, '某市人力资源和社会保障局政务服务大厅');
      // The clerk's header with a real agency name: every item whole on one line (whole items may wrap).
      const brokenItems = await page.locator('.clerk-header > *').evaluateAll((items) =>
        items
          .filter((item) => {
            const range = document.createRange();
            range.selectNodeContents(item);
            const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
            return tops.size > 1;
          })
          .map((item) => item.textContent),
      );
      expect(brokenItems, 'header items broken across lines').toEqual([]);
      await page.screenshot({ path: `test-results/screens/${size.width}x${size.height}-clerk-home.png` });
      const applicantPage = await counter.openApplicantWindow(context);
      await startCase(page, '测绘');
      await enterApplicant(page);

      const pageNumber = applicantPage.getByTestId('applicant-page-number');
      await expect(pageNumber).toContainText('第 1 页');
      const total = Number((await pageNumber.textContent())!.match(/共 (\d+) 页/)![1]);
      expect(await bodyTextPx(applicantPage, '.notice-section p')).toBeGreaterThanOrEqual(20);
      const scroll = applicantPage.getByTestId('applicant-scroll');
      for (let at = 1; at <= total; at += 1) {
        await expect(pageNumber).toContainText(`第 ${at} 页`);
        await fitsTheWidth(applicantPage);
        await applicantPage.screenshot({ path: `test-results/screens/${size.width}x${size.height}-notification-${at}.png` });
        // A page longer than the screen says so; the applicant reads to its end by scrolling the text.
        const overflows = await scroll.evaluate((element) => element.scrollHeight > element.clientHeight + 4);
        await expect(applicantPage.getByTestId('scroll-hint')).toHaveCount(overflows ? 1 : 0);
        if (at < total) {
          await inView(applicantPage, applicantPage.getByRole('button', { name: '下一页' }));
          await scroll.evaluate((element) => element.scrollTo(0, element.scrollHeight));
          await applicantPage.getByRole('button', { name: '下一页' }).click();
          await expect(pageNumber).toContainText(`第 ${at + 1} 页`);
          expect(await scroll.evaluate((element) => element.scrollTop), 'the next page opens scrolled down').toBe(0);
        }
      }
      await inView(applicantPage, applicantPage.getByText('您已阅读全部告知内容。请选择：'));
      await inView(applicantPage, applicantPage.getByRole('button', { name: '我承诺，签署告知承诺书' }));
      await inView(applicantPage, applicantPage.getByRole('button', { name: '我不承诺，按原方式提交证明材料' }));
      await applicantPage.getByRole('button', { name: '我不承诺，按原方式提交证明材料' }).click();
      // Asked once more, in plain words, with the way back; both in view.
      await inView(applicantPage, applicantPage.getByText('您选择不作承诺：需要按原方式提交上面列出的全部证明材料'));
      await inView(applicantPage, applicantPage.getByRole('button', { name: '返回重新选择' }));
      await applicantPage.getByRole('button', { name: '返回重新选择' }).click();
      await expect(applicantPage.getByRole('button', { name: '我承诺，签署告知承诺书' })).toBeVisible();
      await applicantPage.getByRole('button', { name: '我不承诺，按原方式提交证明材料' }).click();
      await inView(applicantPage, applicantPage.getByRole('button', { name: '确定，我不承诺' }));
      await applicantPage.getByRole('button', { name: '确定，我不承诺' }).click();

      await expect(applicantPage.getByRole('heading', { name: '证明材料提交清单' })).toBeVisible();
      await inView(applicantPage, applicantPage.getByRole('heading', { name: '证明材料提交清单' }));
      await fitsTheWidth(applicantPage);
      expect(await bodyTextPx(applicantPage, '.commitment-text p')).toBeGreaterThanOrEqual(20);
      const canvas = applicantPage.getByTestId('signature-canvas');
      await inView(applicantPage, canvas);
      expect((await canvas.boundingBox())!.height).toBeGreaterThanOrEqual(150);
      await inView(applicantPage, applicantPage.getByRole('button', { name: '确认签名' }));
      // The ID number is masked for whoever stands nearby; the applicant shows it to check it.
      const text = applicantPage.locator('.commitment-text');
      await expect(text).toContainText('110***********002X');
      await expect(text).not.toContainText('11010519491231002X');
      await applicantPage.screenshot({ path: `test-results/screens/${size.width}x${size.height}-proof-list-signing.png` });
      await applicantPage.getByRole('button', { name: '显示完整证件号码以便核对' }).click();
      await expect(text).toContainText('11010519491231002X');
      await applicantPage.getByRole('button', { name: '隐藏证件号码' }).click();
      await expect(text).not.toContainText('11010519491231002X');
      // Nothing on these screens needed what the Content Security Policy forbids (inline styles, say).
      expect(await cspViolations(applicantPage)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    });
  });
}

test('on a machine without a Chinese font, the screens use the app\'s own', async ({ page, counter }) => {
  test.skip(systemHasCjkFont(), 'this machine has a Chinese system font, so the browser needs none of the app\'s');
  await prepareCounter(page, counter);
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family));
  expect(loaded.map((family) => family.replaceAll('"', ''))).toContain('Counter CJK');
  expect(await page.evaluate(() => document.fonts.check('16px "Counter CJK"', '窗口人员登录'))).toBe(true);
});
