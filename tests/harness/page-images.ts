import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PageImage {
  width: number;
  height: number;
  /** 8-bit grey, row by row. */
  pixels: Uint8Array;
}

/** Binary PGM (P5), as pdftoppm -gray writes it. */
const parsePgm = (bytes: Buffer): PageImage => {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: bytes.subarray(whole.length) };
};

/** Every page of a PDF as a grey image (poppler's pdftoppm), at `dpi`. */
export const pageImages = async (pdfFile: string, dpi = 50): Promise<PageImage[]> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'page-images-'));
  try {
    await run('pdftoppm', ['-r', String(dpi), '-gray', pdfFile, path.join(dir, 'page')]);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.pgm')).sort();
    return Promise.all(files.map(async (name) => parsePgm(await readFile(path.join(dir, name)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const THRESHOLD = 96;

/** Pixels of `a` that no pixel of `b` within one pixel around matches (grey within THRESHOLD). */
const unmatched = (a: PageImage, b: PageImage): number => {
  let count = 0;
  for (let y = 0; y < a.height; y += 1) {
    for (let x = 0; x < a.width; x += 1) {
      const value = a.pixels[y * a.width + x] ?? 0;
      let matched = false;
      for (let dy = -1; dy <= 1 && !matched; dy += 1) {
        for (let dx = -1; dx <= 1 && !matched; dx += 1) {
          const ny = y + dy;
          const nx = x + dx;
          if (ny < 0 || nx < 0 || ny >= b.height || nx >= b.width) continue;
          matched = Math.abs(value - (b.pixels[ny * b.width + nx] ?? 0)) <= THRESHOLD;
        }
      }
      if (!matched) count += 1;
    }
  }
  return count;
};

/**
 * How different two pages look: the share of pixels with no like pixel at or next to the same place
 * on the other page, both ways. A re-rendered page (other rasterizer, half a pixel of shift,
 * anti-aliasing) stays near 0; other text does not. 1 when the sizes differ.
 */
export const pageDifference = (a: PageImage, b: PageImage): number => {
  if (a.width !== b.width || a.height !== b.height) return 1;
  return Math.max(unmatched(a, b), unmatched(b, a)) / a.pixels.length;
};
