/**
 * The sealed letter's preview: its pages drawn on canvases (no PDF viewer with print and save buttons
 * of its own), page for page what the archived PDF shows, only when the archived file is the record's
 * letter byte for byte; the clerk's keys keep working over it.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectSealedOnDisk, openedLetterFile } from '../harness/archived-letter';
import { test, expect, type CounterFixture } from '../harness/fixtures';
import { pageDifference, pageImages, type PageImage } from '../harness/page-images';
import { pdfText } from '../harness/pdf-text';
import { APPLICANT, enterApplicant, prepareCounter, readNotificationAndChoose, signOnApplicantScreen, startCase, prepareWithPrinter, printThenMakeReprint } from './counter-steps';
import { canvasImages, canvasPngs, inkShare, pagesDrawnAtScreenSize, pdfViewerPaths, previewPages, redPixels } from './letter-canvas';

const letterFile = (archiveDir: string, caseNumber: string, suffix = '') =>
  join(archiveDir, `${caseNumber.slice(4, 8)}-${caseNumber.slice(8, 10)}-${caseNumber.slice(10, 12)}`, 'C01', `${caseNumber}${suffix}.pdf`);

const SCREENS = 'test-results/screens';

/** The top right of a page, where the 补打 mark stands. */
const REPRINT_MARK_AREA = { left: 0.55, top: 0, right: 1, bottom: 0.07 };

const sealCase = async (page: Page, applicantPage: Page, choice: 'commit' | 'proof', applicant = APPLICANT): Promise<string> => {
  await startCase(page, '测绘');
  await enterApplicant(page, applicant);
  await readNotificationAndChoose(applicantPage, choice);
  await signOnApplicantScreen(applicantPage);
  await page.getByRole('button', { name: '确认归档' }).click();
  await expect(page.getByTestId('case-number')).toHaveText(/^C01-\d{8}-\d{4}$/);
  return (await page.getByTestId('case-number').textContent())!;
};

/** The preview, drawn: one canvas per page of `pdf`, each looking like that page and no other. */
/** `pdf` is the archived (sealed) file: its pages are compared as main opens them. */
const expectPreviewOf = async (page: Page, counter: CounterFixture, pdf: string): Promise<{ canvases: PageImage[]; pages: PageImage[] }> => {
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect.poll(() => pagesDrawnAtScreenSize(page)).toBe(true);
  const pages = await pageImages(await openedLetterFile(counter, pdf));
  await expect(previewPages(preview)).toHaveCount(pages.length);
  await expect(preview.getByTestId('letter-preview-summary')).toHaveText(`共 ${pages.length} 页，与存档文件逐字节一致。`);
  const canvases = await canvasImages(previewPages(preview), pages[0]!.width, pages[0]!.height);
  canvases.forEach((canvas, index) => {
    expect(inkShare(canvas), `page ${index + 1} has ink`).toBeGreaterThan(0.01);
    expect(pageDifference(canvas, pages[index]!), `page ${index + 1} looks like the PDF's`).toBeLessThan(0.002);
  });
  // The comparison tells pages apart: a canvas does not pass for another page of the letter.
  if (pages.length > 1) expect(pageDifference(canvases[0]!, pages[1]!)).toBeGreaterThan(0.02);
  return { canvases, pages };
};

test.describe('with a spooler', () => {
  test.use({ displayMode: 'second-display', spooler: true });

  test('the done screen draws the archived letter page for page, offers no print path but the host, and shows a 补打 with its marks', async ({ page, context, counter }) => {
    const cups = counter.cups!;
    await prepareWithPrinter(page, counter, cups.queues.pdf);
    const applicantPage = await counter.openApplicantWindow(context);
    const caseNumber = await sealCase(page, applicantPage, 'commit');

    const archived = letterFile(counter.archiveDir, caseNumber);
    await expectSealedOnDisk(archived, [APPLICANT.name, APPLICANT.idNumber]);
    const { canvases } = await expectPreviewOf(page, counter, archived);
    expect(canvases.length).toBeGreaterThan(1);
    expect(await pdfViewerPaths(page)).toEqual([]);
    // An original letter has no 补打 mark.
    expect(await redPixels(previewPages(page), REPRINT_MARK_AREA)).toEqual(canvases.map(() => 0));

    await mkdir(SCREENS, { recursive: true });
    for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => pagesDrawnAtScreenSize(page)).toBe(true);
      await page.screenshot({ path: `${SCREENS}/done-${width}x${height}.png` });
    }
    for (const [index, png] of (await canvasPngs(previewPages(page))).entries()) await writeFile(`${SCREENS}/letter-page-${index + 1}.png`, png);

    // The clerk's keys reach the screen over the preview: Ctrl+P prints through the host.
    await previewPages(page).first().click();
    // Then a reprint, whose preview draws the reprint's own bytes, 补打 mark on every page.
    await printThenMakeReprint(page, caseNumber);
    const reprintFile = letterFile(counter.archiveDir, caseNumber, '.reprint-1');
    await expectSealedOnDisk(reprintFile, [APPLICANT.name, APPLICANT.idNumber]);
    expect(await pdfText(await openedLetterFile(counter, reprintFile))).toMatch(/补打\d{4}-\d{2}-\d{2}\d{2}:\d{2}/);
    const reprint = await expectPreviewOf(page, counter, reprintFile);
    expect(reprint.canvases.length).toBe(canvases.length);
    for (const red of await redPixels(previewPages(page), REPRINT_MARK_AREA)) expect(red).toBeGreaterThan(50);
    await page.getByTestId('letter-preview').screenshot({ path: `${SCREENS}/reprint-preview.png` });
    for (const [index, png] of (await canvasPngs(previewPages(page))).entries()) await writeFile(`${SCREENS}/reprint-page-${index + 1}.png`, png);
    expect(await pdfViewerPaths(page)).toEqual([]);

    // F2 over the preview serves the next applicant.
    await previewPages(page).last().click();
    await page.keyboard.press('F2');
    await expect(page.getByRole('combobox')).toBeFocused();
  });
});

test.describe('without a spooler', () => {
  test.use({ displayMode: 'second-display' });

  test('a name outside the BMP is drawn with the extension font; an archive file altered on disk is refused, never drawn', async ({ page, context, counter }) => {
    await prepareCounter(page, counter);
    const applicantPage = await counter.openApplicantWindow(context);
    const caseNumber = await sealCase(page, applicantPage, 'proof', { ...APPLICANT, name: '𠮷田晓明' });
    const archived = letterFile(counter.archiveDir, caseNumber);
    await expectSealedOnDisk(archived, ['𠮷田晓明', APPLICANT.idNumber]);
    await expectPreviewOf(page, counter, archived);
    expect(await page.evaluate(() => document.fonts.check('12px "Letter HanaMinB"', '𠮷'))).toBe(true);
    await mkdir(SCREENS, { recursive: true });
    for (const [index, png] of (await canvasPngs(previewPages(page))).entries()) await writeFile(`${SCREENS}/extension-name-page-${index + 1}.png`, png);

    // One character of the sealed text changed on disk (the letter rests sealed): it no longer opens
    // as the record's letter, and the preview refuses it as it refuses a PDF that differs.
    const bytes = await readFile(archived);
    const at = bytes.length - 40;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    await writeFile(archived, bytes);

    await page.keyboard.press('Escape');
    await page.getByRole('row').filter({ hasText: caseNumber }).getByRole('button', { name: '查看' }).click();
    const preview = page.getByTestId('letter-preview');
    await expect(preview).toHaveAttribute('data-state', 'refused', { timeout: 30_000 });
    await expect(preview.getByRole('alert')).toHaveText(
      '存档目录中的文书文件与本案件记录生成的文书不一致，可能已被改动或替换，不予显示。请暂停打印，并在“档案核验”中检查存档。',
    );
    await expect(previewPages(page)).toHaveCount(0);
    expect(await pdfViewerPaths(page)).toEqual([]);
  });
});

test.describe('on a high-density display', () => {
  test.use({ displayMode: 'second-display', deviceScaleFactor: 2 });

  test('each page is drawn at twice its CSS width in pixels, so it stays crisp', async ({ page, context, counter }) => {
    await prepareCounter(page, counter);
    const applicantPage = await counter.openApplicantWindow(context);
    const caseNumber = await sealCase(page, applicantPage, 'proof');
    await expectPreviewOf(page, counter, letterFile(counter.archiveDir, caseNumber));
    const sizes = await previewPages(page).evaluateAll((canvases) =>
      (canvases as HTMLCanvasElement[]).map((canvas) => ({ pixels: canvas.width, css: canvas.getBoundingClientRect().width, ratio: window.devicePixelRatio })),
    );
    for (const { pixels, css, ratio } of sizes) {
      expect(ratio).toBe(2);
      expect(Math.abs(pixels - 2 * css)).toBeLessThanOrEqual(1);
    }
  });
});
