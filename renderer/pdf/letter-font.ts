import { createLetterPdfRenderer, type LetterPdfRenderer } from './letter-pdf';

/** Shipped with the renderer's static files (not bundled into JS): 4 MB that only the PDF needs. */
const FONT_URL = '/fonts/DroidSansFallbackFull.ttf';

let pending: Promise<LetterPdfRenderer> | null = null;

/** One renderer per window: the font is fetched and prepared once, on first use or on warm-up. */
export const letterPdfRenderer = (): Promise<LetterPdfRenderer> => {
  pending ??= fetch(FONT_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`letter font not available (${response.status})`);
      return response.arrayBuffer();
    })
    .then((buffer) => createLetterPdfRenderer(new Uint8Array(buffer)))
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
};
