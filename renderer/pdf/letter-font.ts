import { createLetterPdfRenderer, type LetterPdfRenderer } from './letter-pdf';

export { needsExtensionFont } from './letter-pdf';

/**
 * Shipped with the renderer's static files (not bundled into JS): only the PDF needs them. Droid Sans
 * Fallback has the Chinese but no digits or Latin letters, so DejaVu Sans carries ID and case numbers.
 * HanaMinB (30 MB: CJK Extension B–F) is fetched only for a letter with a character outside the BMP
 * (e.g. 𠮷 in a name), the first time one is printed in the window.
 */
const CJK_FONT_URL = '/fonts/DroidSansFallbackFull.ttf';
const LATIN_FONT_URL = '/fonts/DejaVuSans.ttf';
const EXTENSION_FONT_URL = '/fonts/HanaMinB.ttf';

const fetchFont = async (url: string): Promise<Uint8Array> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`letter font not available: ${url} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
};

/** Retried on the next call when it failed (a missing file, a full memory), kept when it worked. */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
};

const baseRenderer = once(async () => {
  const [cjk, latin] = await Promise.all([fetchFont(CJK_FONT_URL), fetchFont(LATIN_FONT_URL)]);
  return createLetterPdfRenderer(cjk, latin);
});

const extensionRenderer = once(async () => {
  const [base, extension] = await Promise.all([baseRenderer(), fetchFont(EXTENSION_FONT_URL)]);
  return base.withExtensionFont(extension);
});

export interface LetterRendererOptions {
  /**
   * The letter holds characters outside the BMP: `needsExtensionFont(document)`. Then the renderer
   * also has the extension font (fetched on first use, kept for the window).
   */
  needsExtension?: boolean;
}

/**
 * One renderer per window: the fonts are fetched and prepared once, on first use. Ask with
 * `{ needsExtension: needsExtensionFont(document) }`; a renderer without the extension font refuses a
 * letter with such characters (UnsupportedCharacterError, reason 'outside-bmp').
 */
export const letterPdfRenderer = (options: LetterRendererOptions = {}): Promise<LetterPdfRenderer> =>
  options.needsExtension ? extensionRenderer() : baseRenderer();
