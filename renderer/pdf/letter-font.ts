import { createLetterPdfRenderer, type LetterPdfRenderer } from './letter-pdf';

/**
 * Shipped with the renderer's static files (not bundled into JS): only the PDF needs them. Droid Sans
 * Fallback has the Chinese but no digits or Latin letters, so DejaVu Sans carries ID and case numbers.
 */
const CJK_FONT_URL = '/fonts/DroidSansFallbackFull.ttf';
const LATIN_FONT_URL = '/fonts/DejaVuSans.ttf';

const fetchFont = async (url: string): Promise<Uint8Array> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`letter font not available: ${url} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
};

let pending: Promise<LetterPdfRenderer> | null = null;

/** One renderer per window: the fonts are fetched and prepared once, on first use. */
export const letterPdfRenderer = (): Promise<LetterPdfRenderer> => {
  pending ??= Promise.all([fetchFont(CJK_FONT_URL), fetchFont(LATIN_FONT_URL)])
    .then(([cjk, latin]) => createLetterPdfRenderer(cjk, latin))
    .catch((error: unknown) => {
      pending = null;
      throw error;
    });
  return pending;
};
