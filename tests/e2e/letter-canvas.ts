/** Reading the letter preview's canvases back from the page, to compare them with the archived PDF. */
import type { Locator, Page } from '@playwright/test';
import type { PageImage } from '../harness/page-images';

export const previewPages = (scope: Page | Locator): Locator => scope.getByTestId('letter-page');

/** Waits until every page canvas has been drawn at its on-screen size in device pixels. */
export const pagesDrawnAtScreenSize = (page: Page): Promise<boolean> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="letter-page"]')].every((canvas) => {
      const width = canvas.getBoundingClientRect().width * window.devicePixelRatio;
      return canvas.dataset.drawn === 'true' && Math.abs(canvas.width - width) <= 1;
    }),
  );

/** Each canvas of `scope`, scaled to `width` × `height` and turned grey, as pdftoppm -gray gives pages. */
export const canvasImages = async (scope: Locator, width: number, height: number): Promise<PageImage[]> => {
  const encoded = await scope.evaluateAll(
    (canvases, [w, h]) =>
      (canvases as HTMLCanvasElement[]).map((canvas) => {
        const small = document.createElement('canvas');
        small.width = w!;
        small.height = h!;
        const context = small.getContext('2d')!;
        context.imageSmoothingQuality = 'high';
        context.drawImage(canvas, 0, 0, w!, h!);
        const { data } = context.getImageData(0, 0, w!, h!);
        let grey = '';
        for (let i = 0; i < data.length; i += 4) grey += String.fromCharCode(Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!));
        return btoa(grey);
      }),
    [width, height],
  );
  return encoded.map((base64) => ({ width, height, pixels: new Uint8Array(Buffer.from(base64, 'base64')) }));
};

/** Each canvas as a PNG file's bytes: the whole page as drawn, whatever part of it is scrolled into view. */
export const canvasPngs = async (scope: Locator): Promise<Buffer[]> =>
  (await scope.evaluateAll((canvases) => (canvases as HTMLCanvasElement[]).map((canvas) => canvas.toDataURL('image/png')))).map((url) =>
    Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'),
  );

/** The share of a page's pixels that are not white: 0 for a blank page. */
export const inkShare = (image: PageImage): number => image.pixels.filter((value) => value < 200).length / image.pixels.length;

/**
 * Red pixels (the 补打 and 样张 marks' colour) in a part of each canvas, given in shares of its width and
 * height, counted on the canvas itself.
 */
export const redPixels = (scope: Locator, area: { left: number; top: number; right: number; bottom: number }): Promise<number[]> =>
  scope.evaluateAll(
    (canvases, box) =>
      (canvases as HTMLCanvasElement[]).map((canvas) => {
        const x = Math.floor(canvas.width * box.left);
        const y = Math.floor(canvas.height * box.top);
        const { data } = canvas.getContext('2d')!.getImageData(x, y, Math.ceil(canvas.width * box.right) - x, Math.ceil(canvas.height * box.bottom) - y);
        let red = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! > 140 && data[i + 1]! < 90 && data[i + 2]! < 90) red += 1;
        return red;
      }),
    area,
  );

/** Elements that would hand the letter to a PDF viewer or a download: frames, embeds, blob: or PDF data: URLs. */
export const pdfViewerPaths = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('iframe, embed, object, a[download]')) found.push(element.outerHTML.slice(0, 120));
    for (const element of document.querySelectorAll('[src], [href], [data]')) {
      for (const name of ['src', 'href', 'data']) {
        const value = element.getAttribute(name) ?? '';
        if (/^blob:/i.test(value) || /^data:application\/pdf/i.test(value)) found.push(`${element.tagName} ${name}=${value.slice(0, 60)}`);
      }
    }
    return found;
  });
