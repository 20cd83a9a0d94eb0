import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';

/**
 * Reads the QR code off a letter PDF as a scanner would see the paper: each page rasterized by
 * poppler's pdftoppm (gray, 300 dpi — a letter's QR module is 0.43 mm, about 5 pixels there) and
 * decoded with jsQR. The last page is tried first: the QR stands at the end of the letter.
 */
export type LetterQrRead =
  | { status: 'found'; text: string; page: number }
  | { status: 'no_qr' }
  /** pdftoppm is not installed: the caller says so and checks what it can without the QR. */
  | { status: 'no_pdftoppm' };

const run = promisify(execFile);
const DPI = 300;

/** A binary PGM (P5, 8 bits) as pdftoppm -gray writes it, spread to the RGBA jsQR takes. */
const pgmToRgba = (bytes: Buffer): { data: Uint8ClampedArray; width: number; height: number } => {
  // The header is four whitespace-separated fields: P5, width, height, maxval; then one byte each.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no PGM');
  const [, w, h] = header as unknown as [string, string, string];
  const width = Number(w);
  const height = Number(h);
  const pixels = bytes.subarray(header[0].length);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const v = pixels[i]!;
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
};

export const readLetterQr = async (pdfPath: string, pdftoppm = process.env.PDFTOPPM ?? 'pdftoppm'): Promise<LetterQrRead> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'letter-qr-'));
  try {
    try {
      await run(pdftoppm, ['-gray', '-r', String(DPI), pdfPath, path.join(dir, 'page')]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'no_pdftoppm' };
      // pdftoppm ran and refused the file: it is no PDF it can draw.
      return { status: 'no_qr' };
    }
    // page-1.pgm, page-02.pgm…: the number is the page's, zero-padded to the page count's width.
    const pages = (await readdir(dir))
      .map((name) => ({ name, page: Number(/-(\d+)\.pgm$/.exec(name)?.[1]) }))
      .filter((entry) => Number.isInteger(entry.page))
      .sort((a, b) => b.page - a.page);
    for (const { name, page } of pages) {
      const image = pgmToRgba(await readFile(path.join(dir, name)));
      const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (found) return { status: 'found', text: found.data, page };
    }
    return { status: 'no_qr' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
