/**
 * The preview's canvas painter against the PDF itself: every character the PDF's text layer holds
 * (pdftotext -bbox) is drawn on the canvas, with the same face's file, at the place the PDF puts it —
 * no more, no fewer, page by page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paintCanvasPage, type PaintContext } from '../../renderer/pdf/canvas-painter';
import { pageOps, type LetterDrawing } from '../../renderer/pdf/letter-drawing';
import { createLetterPdfRenderer, type LetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { PAGE_WIDTH } from '../../renderer/pdf/letter-style';
import { EXTENSION_FONT_PATH, LATIN_FONT_PATH, LETTER_FONT_PATH } from '../../scripts/letter';
import { pdfWords, type PdfWord } from '../harness/pdf-text';
import { letterCorpus } from './fixtures/letter-corpus';

/** A glyph the painter drew: the character, its origin in mm, and the CSS font it was drawn with. */
interface Glyph {
  text: string;
  x: number;
  y: number;
  font: string;
}

/** A 2D context that keeps the glyphs filled on it (an identity transform: no text here is rotated). */
const recordingContext = (scale: number) => {
  const glyphs: Glyph[] = [];
  const calls: string[] = [];
  const state = { font: '', fillStyle: '', strokeStyle: '', lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', textAlign: 'start', textBaseline: 'alphabetic' };
  const method = (name: string) => () => void calls.push(name);
  const context = {
    ...state,
    fillText(text: string, x: number, y: number) {
      glyphs.push({ text, x: x / scale, y: y / scale, font: this.font });
    },
    strokeText: method('strokeText'),
    save: method('save'),
    restore: method('restore'),
    translate: method('translate'),
    rotate: method('rotate'),
    beginPath: method('beginPath'),
    closePath: method('closePath'),
    moveTo: method('moveTo'),
    lineTo: method('lineTo'),
    bezierCurveTo: method('bezierCurveTo'),
    arc: method('arc'),
    rect: method('rect'),
    fill: method('fill'),
    stroke: method('stroke'),
    fillRect: method('fillRect'),
    strokeRect: method('strokeRect'),
  };
  return { context: context as unknown as PaintContext, glyphs, calls };
};

const MM = 25.4 / 72;
const SCALE = 8;
const families = new Map([
  ['DroidSansFallback', 'Letter CJK'],
  ['DejaVuSans', 'Letter Latin'],
  ['HanaMinB', 'Letter Extension'],
]);

let workDir: string;
let renderer: LetterPdfRenderer;
let files = 0;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'letter-canvas-'));
  renderer = createLetterPdfRenderer(new Uint8Array(readFileSync(LETTER_FONT_PATH)), new Uint8Array(readFileSync(LATIN_FONT_PATH))).withExtensionFont(
    new Uint8Array(readFileSync(EXTENSION_FONT_PATH)),
  );
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const glyphsOf = (drawing: LetterDrawing, page: number): Glyph[] => {
  const { context, glyphs } = recordingContext(SCALE);
  paintCanvasPage(context, drawing, page, { scale: SCALE, families });
  return glyphs;
};

const characters = (texts: readonly string[]): string[] => texts.flatMap((text) => [...text.replace(/\s+/g, '')]).sort();

/** The canvas glyphs that spell `word` from where the PDF starts it: within its line's band, left to right. */
const spelledAt = (glyphs: readonly Glyph[], word: PdfWord): string | null => {
  const [xMin, yMin, yMax] = [word.xMin * MM, word.yMin * MM, word.yMax * MM];
  const first = glyphs.find((glyph) => Math.abs(glyph.x - xMin) < 0.05 && glyph.y > yMin && glyph.y < yMax);
  if (!first) return null;
  // The band, not one baseline: the extension face's glyphs sit a little lower to line up with the CJK face's.
  const line = glyphs.filter((glyph) => glyph.y > yMin && glyph.y < yMax && glyph.x >= first.x - 0.001).sort((a, b) => a.x - b.x);
  return line
    .slice(0, [...word.text].length)
    .map((glyph) => glyph.text)
    .join('');
};

const cases = ['sample-si-survivor-benefit/commitment/reprint', 'exam-licensed-pharmacist/proof-list/specimen', 'extension/commitment/real', 'exam-surveying-engineer/not-applicable/v1'];

describe('the canvas painter draws what the PDF prints', () => {
  it.each(cases)('%s: every character of the text layer, at its place, with its face', async (name) => {
    const { input } = letterCorpus().find((entry) => entry.name === name)!;
    const { pdf, drawing } = renderer.draw(input);
    const file = join(workDir, `letter-${(files += 1)}.pdf`);
    writeFileSync(file, pdf);
    const words = await pdfWords(file);
    expect(Math.max(...words.map((word) => word.page))).toBe(drawing.pageCount);
    for (let page = 1; page <= drawing.pageCount; page += 1) {
      const glyphs = glyphsOf(drawing, page);
      const onPage = words.filter((word) => word.page === page);
      // The same characters, as many of each: nothing missing, nothing added (the watermark is a shape).
      expect(characters(glyphs.map((glyph) => glyph.text)), `page ${page}`).toEqual(characters(onPage.map((word) => word.text)));
      for (const word of onPage) expect(spelledAt(glyphs, word), `page ${page}: “${word.text}” at ${word.xMin}, ${word.yMin}`).toBe(word.text);
      for (const glyph of glyphs) {
        const code = glyph.text.codePointAt(0)!;
        const family = code > 0xffff ? 'Letter Extension' : /[0-9A-Za-z]/.test(glyph.text) ? 'Letter Latin' : code >= 0x2e80 ? 'Letter CJK' : null;
        if (family) expect(glyph.font, glyph.text).toContain(`"${family}"`);
        expect(glyph.x).toBeGreaterThan(0);
        expect(glyph.x).toBeLessThan(PAGE_WIDTH);
      }
    }
  });

  it('the check finds a glyph out of place: a run moved by 0.1 mm no longer spells the word there', async () => {
    const { input } = letterCorpus().find((entry) => entry.name === cases[0])!;
    const { pdf, drawing } = renderer.draw(input);
    const file = join(workDir, `letter-${(files += 1)}.pdf`);
    writeFileSync(file, pdf);
    const title = (await pdfWords(file)).find((word) => word.page === 1 && word.text.startsWith('证明事项告知承诺书'))!;
    const ops = drawing.ops.map((op) =>
      op.op === 'text' && op.text === title.text ? { ...op, runs: op.runs.map((run) => ({ ...run, x: run.x + 0.1 })) } : op,
    );
    expect(spelledAt(glyphsOf(drawing, 1), title)).toBe(title.text);
    expect(spelledAt(glyphsOf({ ...drawing, ops }, 1), title)).toBeNull();
  });

  it('paints every kind of operation of a page, and nothing of other pages', () => {
    const { input } = letterCorpus().find((entry) => entry.name === cases[0])!;
    const { drawing } = renderer.draw(input);
    const last = drawing.pageCount;
    const { context, calls } = recordingContext(SCALE);
    paintCanvasPage(context, drawing, last, { scale: SCALE, families });
    const kinds = new Set(pageOps(drawing, last).map((op) => op.op));
    // Watermark (shape), 补打 box (frame), rules (line), QR (rects), signature (ink), bold headings.
    expect(kinds).toEqual(new Set(['shape', 'frame', 'line', 'rects', 'ink', 'text', 'rect']));
    expect(calls).toEqual(expect.arrayContaining(['bezierCurveTo', 'strokeRect', 'rect', 'stroke', 'fill', 'strokeText', 'fillRect']));
    expect(glyphsOf(drawing, 1).some((glyph) => glyph.text === '补')).toBe(true);
    expect(() => glyphsOf(drawing, last + 1)).not.toThrow();
    expect(glyphsOf(drawing, last + 1)).toEqual([]);
  });
});
