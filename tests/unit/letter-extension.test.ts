/**
 * Characters outside the BMP (CJK Extension B and beyond, e.g. 𠮷 in names) in the letter PDF, and
 * justified paragraphs, checked on the PDF itself with poppler (pdftotext, pdftoppm, pdffonts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { jsPDF } from 'jspdf';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LetterDocument } from '../../shared/letter/letter-document';
import { createLetterPdfRenderer, needsExtensionFont, type LetterPdfInput, type LetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { UnsupportedCharacterError } from '../../renderer/pdf/non-bmp';
import { qrPayloadFor } from '../../renderer/pdf/qr';
import { contourPath, readTrueType } from '../../renderer/pdf/truetype';
import {
  EXTENSION_FONT_PATH,
  LATIN_FONT_PATH,
  LETTER_FONT_PATH,
  SAMPLE_APPLICANT,
  SAMPLE_CASE_NUMBER,
  SAMPLE_ISSUED_AT,
  loadCatalog,
  sampleLetter as fixtureLetter,
  sampleSignature,
} from '../../scripts/letter';

/**
 * The letter a real case would get from the fixture facts (its case number, its QR payload): these
 * tests are about real letters, so they opt out of the 样张 marks that every fixture letter carries
 * by default (the specimen tests below check those).
 */
const sampleLetter = (...args: Parameters<typeof fixtureLetter>) => {
  const [matter, kind, caseNumber = SAMPLE_CASE_NUMBER, name = SAMPLE_APPLICANT.name] = args;
  return fixtureLetter(matter, kind, caseNumber, name, false);
};

const RECORD_HASH = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';
const matter = loadCatalog().matters[0]!;
/** 190 mm (the right margin of A4 with 20 mm margins) in PDF points. */
const RIGHT_MARGIN_PT = (190 * 72) / 25.4;

let workDir: string;
let base: LetterPdfRenderer;
let extended: LetterPdfRenderer;
let extensionFont: Uint8Array;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'letter-extension-'));
  extensionFont = new Uint8Array(readFileSync(EXTENSION_FONT_PATH));
  base = createLetterPdfRenderer(new Uint8Array(readFileSync(LETTER_FONT_PATH)), new Uint8Array(readFileSync(LATIN_FONT_PATH)));
  extended = base.withExtensionFont(extensionFont);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const letterFor = (name: string): LetterDocument => sampleLetter(matter, 'commitment', SAMPLE_CASE_NUMBER, name);

const inputFor = (document: LetterDocument): LetterPdfInput => ({
  document,
  signature: sampleSignature(),
  qrPayload: qrPayloadFor(SAMPLE_CASE_NUMBER, RECORD_HASH),
  issuedAt: SAMPLE_ISSUED_AT,
  fileId: RECORD_HASH,
});

let fileCount = 0;
const pdfFile = (pdf: Uint8Array): string => {
  const file = join(workDir, `letter-${(fileCount += 1)}.pdf`);
  writeFileSync(file, pdf);
  return file;
};

const run = (command: string, args: string[]): string => {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
};

const compact = (text: string): string => text.replace(/\s+/g, '');

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word poppler finds, with its box in points (origin top left). */
const words = (file: string): Word[] => {
  const html = run('pdftotext', ['-bbox', file, '-']);
  const found: Word[] = [];
  html.split('<page ').slice(1).forEach((page, index) => {
    for (const [, xMin, yMin, xMax, yMax, text] of page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      found.push({ page: index + 1, text: text!, xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) });
    }
  });
  return found;
};

/** Dark pixels (< 50 % grey) of a page region rendered by pdftoppm at `dpi`, cropped to their bounding box. */
interface InkMask {
  width: number;
  height: number;
  /** row-major, 1 = ink */
  pixels: Uint8Array;
  /** share of the region that is ink */
  share: number;
  /** size of the ink box relative to the region */
  inkWidth: number;
  inkHeight: number;
  /** vertical middle of the ink box, in pixels from the region's top */
  middle: number;
}

const DPI = 288;

const ink = (file: string, page: number, box: { x: number; y: number; width: number; height: number }): InkMask => {
  const scale = DPI / 72;
  const [x, y, width, height] = [box.x, box.y, box.width, box.height].map((value) => Math.round(value * scale)) as [number, number, number, number];
  const out = join(workDir, `crop-${(fileCount += 1)}`);
  run('pdftoppm', ['-gray', '-r', String(DPI), '-f', String(page), '-l', String(page), '-x', String(x), '-y', String(y), '-W', String(width), '-H', String(height), '-singlefile', file, out]);
  const pgm = readFileSync(`${out}.pgm`);
  // P5 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const grey = pgm.subarray(header[0].length);
  let dark = 0;
  let [left, top, right, bottom] = [w, h, -1, -1];
  for (let row = 0; row < h; row += 1) {
    for (let column = 0; column < w; column += 1) {
      if (grey[row * w + column]! < 128) {
        dark += 1;
        [left, top, right, bottom] = [Math.min(left, column), Math.min(top, row), Math.max(right, column), Math.max(bottom, row)];
      }
    }
  }
  const [inkW, inkH] = [Math.max(0, right - left + 1), Math.max(0, bottom - top + 1)];
  const pixels = new Uint8Array(inkW * inkH);
  for (let row = 0; row < inkH; row += 1) {
    for (let column = 0; column < inkW; column += 1) pixels[row * inkW + column] = grey[(top + row) * w + left + column]! < 128 ? 1 : 0;
  }
  return { width: inkW, height: inkH, pixels, share: dark / (w * h), inkWidth: inkW / w, inkHeight: inkH / h, middle: (top + bottom) / 2 };
};

/** Intersection over union of two ink masks laid over each other at their top left corners. */
const overlap = (a: InkMask, b: InkMask): number => {
  let both = 0;
  let either = 0;
  for (let row = 0; row < Math.max(a.height, b.height); row += 1) {
    for (let column = 0; column < Math.max(a.width, b.width); column += 1) {
      const inA = row < a.height && column < a.width && a.pixels[row * a.width + column] === 1;
      const inB = row < b.height && column < b.width && b.pixels[row * b.width + column] === 1;
      if (inA && inB) both += 1;
      if (inA || inB) either += 1;
    }
  }
  return either === 0 ? 0 : both / either;
};

/**
 * The reference: the glyph's outline straight from the font file, filled as a vector path at `pt`
 * points in a PDF of its own (no font embedding involved), rendered the same way.
 */
const referenceGlyph = (codePoint: number, pt: number): InkMask => {
  const font = readTrueType(extensionFont);
  const contours = font.outline(font.glyphOf(codePoint))!;
  const scale = pt / font.unitsPerEm;
  const doc = new jsPDF({ unit: 'pt', format: [4 * pt, 4 * pt], compress: true });
  const ops = contours.flatMap((contour) => contourPath(contour, (x, y) => [pt + x * scale, 3 * pt - y * scale]));
  doc.setFillColor(0, 0, 0);
  doc.path(ops);
  doc.fill();
  const file = pdfFile(new Uint8Array(doc.output('arraybuffer')));
  return ink(file, 1, { x: 0, y: 0, width: 4 * pt, height: 4 * pt });
};

/** The decompressed FontFile2 of the embedded font whose name ends with `+name`. */
const embeddedFont = (pdf: Uint8Array, name: string): Uint8Array => {
  const text = Buffer.from(pdf).toString('latin1');
  const descriptor = new RegExp(`/FontName /[A-Z]{6}\\+${name}\\n/FontFile2 (\\d+) 0 R`).exec(text);
  expect(descriptor, `font descriptor of ${name}`).not.toBeNull();
  const object = new RegExp(`\\n${descriptor![1]} 0 obj\\n[\\s\\S]*?stream\\r?\\n`).exec(text)!;
  const start = object.index + object[0].length;
  return new Uint8Array(inflateSync(Buffer.from(pdf.subarray(start, text.indexOf('endstream', start)))));
};

describe('characters outside the BMP', () => {
  it('prints 𠮷 in a name: the glyph is drawn where it stands, and the text layer has the whole name', () => {
    const document = letterFor('𠮷田明');
    expect(needsExtensionFont(document)).toBe(true);
    const pdf = extended.render(inputFor(document));
    const file = pdfFile(pdf);

    // Text layer: the real character (a ToUnicode surrogate pair), in order with the rest of the name.
    const text = compact(run('pdftotext', [file, '-']));
    // (In running text: the two-column execution block may be read out of order by pdftotext.)
    expect(text).toContain('本人𠮷田明（居民身份证');
    expect(text).toContain('本人𠮷田明（居民身份证：');
    expect(text).not.toMatch(/[\uE000-\uF8FF]/); // no private-use stand-ins leak into the text

    // The extension font is embedded as a subset (tagged name), with a ToUnicode map.
    expect(run('pdffonts', [file])).toMatch(/[A-Z]{6}\+HanaMinB\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);

    // Ink: the execution field's value "𠮷田明" is one word of three 10.5 pt ideographs; the first
    // cell (a little taller than the word's box, which is the font's ascent and descent) is 𠮷.
    const value = words(file).find((word) => word.text === '𠮷田明')!;
    expect(value).toBeDefined();
    const cell = (value.xMax - value.xMin) / 3;
    expect(cell).toBeCloseTo(10.5, 1);
    const region = (column: number) => ({ x: value.xMin + column * cell, y: value.yMin - 2, width: cell, height: value.yMax - value.yMin + 4 });
    const glyph = ink(file, value.page, region(0));
    expect(glyph.share).toBeGreaterThan(0.05);
    // It is the font's own 𠮷 (土 over 口), not a blank or a .notdef box: its ink matches the outline
    // from the font file, drawn independently as a vector shape at the same size.
    const reference = referenceGlyph(0x20bb7, 10.5);
    expect(Math.abs(glyph.width - reference.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(glyph.height - reference.height)).toBeLessThanOrEqual(2);
    expect(overlap(glyph, reference)).toBeGreaterThan(0.8);
    // …sized and placed like its neighbour 田 from the CJK font.
    const neighbour = ink(file, value.page, region(1));
    expect(glyph.height / neighbour.height).toBeGreaterThan(0.9);
    expect(glyph.height / neighbour.height).toBeLessThan(1.15);
    const em = (10.5 * DPI) / 72;
    expect(Math.abs(glyph.middle - neighbour.middle) / em).toBeLessThan(0.04);
  });

  it('embeds exactly the glyphs used, with the extension font’s own outlines', () => {
    const pdf = extended.render(inputFor(letterFor('𠮷𠀡𠮷')));
    const subset = readTrueType(embeddedFont(pdf, 'HanaMinB'));
    const original = readTrueType(extensionFont);
    expect(subset.glyphCount).toBe(3); // .notdef, 𠮷, 𠀡
    for (const character of ['𠮷', '𠀡']) {
      const codePoint = character.codePointAt(0)!;
      const glyph = subset.glyphOf(codePoint);
      expect(glyph).toBeGreaterThan(0);
      expect(subset.outline(glyph)).toEqual(original.outline(original.glyphOf(codePoint)));
      expect(subset.box(glyph)).toEqual(original.box(original.glyphOf(codePoint)));
      expect(subset.advance(glyph)).toBe(original.advance(original.glyphOf(codePoint)));
    }
    // The subset is a valid font file: the whole-font checksum comes out right.
    const font = embeddedFont(pdf, 'HanaMinB');
    const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
    let sum = 0;
    for (let offset = 0; offset < font.length; offset += 4) sum = (sum + view.getUint32(offset)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });

  it('prints name characters from Extensions B, C and E; stays small and byte-for-byte deterministic', () => {
    const name = '𠀡𪨶𬌗𬘭𬣙𫖮'; // Ext B, C, E, E, E, C
    const input = inputFor(letterFor(name));
    const pdf = extended.render(input);
    expect(compact(run('pdftotext', [pdfFile(pdf), '-']))).toContain(`申请人：${name}`);
    expect(pdf.length).toBeLessThan(400 * 1024);
    extended.render(inputFor(letterFor('𠮷田明')));
    expect(Buffer.from(extended.render(input)).equals(Buffer.from(pdf))).toBe(true);
    const fresh = createLetterPdfRenderer(
      new Uint8Array(readFileSync(LETTER_FONT_PATH)),
      new Uint8Array(readFileSync(LATIN_FONT_PATH)),
      new Uint8Array(readFileSync(EXTENSION_FONT_PATH)),
    );
    expect(Buffer.from(fresh.render(input)).equals(Buffer.from(pdf))).toBe(true);
    // A letter without such characters comes out the same with or without the extension font.
    const plain = inputFor(letterFor('林晓明'));
    expect(needsExtensionFont(plain.document)).toBe(false);
    expect(Buffer.from(extended.render(plain)).equals(Buffer.from(base.render(plain)))).toBe(true);
  });

  it('refuses a character no font has, never dropping it', () => {
    const refusal = (renderer: LetterPdfRenderer, name: string): UnsupportedCharacterError => {
      try {
        renderer.render(inputFor(letterFor(name)));
      } catch (error) {
        expect(error).toBeInstanceOf(UnsupportedCharacterError);
        return error as UnsupportedCharacterError;
      }
      throw new Error(`${name} was printed`);
    };
    // Extension G (Unicode 13, 2020) is beyond HanaMinB.
    const extensionG = refusal(extended, '𠮷𰻝明');
    expect(extensionG.reason).toBe('missing-glyph');
    expect(extensionG.characters).toEqual(['𰻝']);
    expect(extensionG.message).toContain('U+30EDD');
    // A BMP character no font has.
    expect(refusal(extended, 'ꀀ明').characters).toEqual(['ꀀ']);
    // Without the extension font, 𠮷 is refused as before.
    const withoutFont = refusal(base, '𠮷田明');
    expect(withoutFont.reason).toBe('outside-bmp');
    expect(withoutFont.characters).toEqual(['𠮷']);
    expect(base.hasExtensionFont).toBe(false);
    expect(extended.hasExtensionFont).toBe(true);
  });
});

describe('letterPdfRenderer (the app’s font loading)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('fetches the extension font only for a letter that needs it, once per window', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(url);
      const bytes = readFileSync(join('renderer/public', url));
      return new Response(bytes);
    });
    const { letterPdfRenderer, needsExtensionFont: needs } = await import('../../renderer/pdf/letter-font');
    const plain = letterFor('林晓明');
    const rare = letterFor('𠮷田明');
    const first = await letterPdfRenderer({ needsExtension: needs(plain) });
    expect(first.hasExtensionFont).toBe(false);
    expect(fetched.sort()).toEqual(['/fonts/DejaVuSans.ttf', '/fonts/DroidSansFallbackFull.ttf']);
    const second = await letterPdfRenderer({ needsExtension: needs(rare) });
    expect(second.hasExtensionFont).toBe(true);
    expect(compact(run('pdftotext', [pdfFile(second.render(inputFor(rare))), '-']))).toContain('𠮷田明');
    await letterPdfRenderer({ needsExtension: true });
    expect(await letterPdfRenderer()).toBe(first);
    expect(fetched.filter((url) => url === '/fonts/HanaMinB.ttf')).toHaveLength(1);
    expect(fetched).toHaveLength(3);
  });
});

describe('justified paragraphs in the PDF', () => {
  it('ends every line of a paragraph but the last at the right margin', () => {
    const document = letterFor('林晓明');
    const paragraph = '本段为测试填充文字，用来检查两端对齐：除最后一行外，每一行都应当恰好排到右边距。'.repeat(4);
    const long: LetterDocument = { ...document, commitment: { ...document.commitment!, paragraphs: [...document.commitment!.paragraphs, paragraph] } };
    const found = words(pdfFile(base.render(inputFor(long))));
    // The paragraph's lines: words whose text is part of it, one line per (page, y).
    const lines = new Map<string, Word[]>();
    for (const word of found) {
      if (word.text.length < 4 || !paragraph.includes(word.text)) continue;
      const key = `${word.page}:${Math.round(word.yMin)}`;
      lines.set(key, [...(lines.get(key) ?? []), word]);
    }
    const ends = [...lines.values()].map((line) => Math.max(...line.map((word) => word.xMax)));
    expect(ends.length).toBeGreaterThanOrEqual(4);
    for (const end of ends.slice(0, -1)) expect(end).toBeCloseTo(RIGHT_MARGIN_PT, 1);
    expect(ends[ends.length - 1]).toBeLessThan(RIGHT_MARGIN_PT - 20); // the last line is left-aligned
  });
});
