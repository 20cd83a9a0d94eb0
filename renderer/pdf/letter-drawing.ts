/**
 * The letter as a display list: what the layout draws, page by page, in the order it drew it. The PDF
 * (pdf-painter.ts) and the on-screen preview (canvas-painter.ts) replay the same list, so the preview
 * shows the very glyphs, at the very positions, that the PDF holds.
 *
 * Coordinates are mm from the page's top left corner (y down), colours 0–255. The list keeps the
 * recording order across pages (the footers are drawn onto every page after the body) because the
 * PDF's bytes depend on it: fonts record their glyphs in order of first use.
 */
import type { FontFace } from './font-face';
import type { FontSet } from './letter-fonts';
import { PT, type Rgb } from './letter-style';
import type { PathOp } from './truetype';

export type Point = readonly [number, number];

/** Characters drawn with one face from (x, y) on their baseline. */
export interface TextRun {
  readonly face: FontFace;
  /** The characters themselves (a face's `encode` is the PDF's business, applied when painting). */
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

/** A signature's ink: a polyline, or a dot for a stroke of one point. */
export type InkMark = { readonly line: readonly Point[] } | { readonly dot: Point; readonly radius: number };

export type DrawOp =
  /** Text in runs of one face; `bold` fills and outlines the glyphs (the fonts have one weight). */
  | {
      readonly op: 'text';
      readonly text: string;
      readonly pt: number;
      readonly color: Rgb;
      readonly bold: boolean;
      /** Degrees counter-clockwise. */
      readonly angle: number;
      /** mm added after every character (justification). */
      readonly letterSpacing: number;
      readonly runs: readonly TextRun[];
    }
  | { readonly op: 'line'; readonly from: Point; readonly to: Point; readonly color: Rgb; readonly width: number }
  /** A stroked rectangle (the red boxes of the marks). */
  | { readonly op: 'frame'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly color: Rgb; readonly width: number }
  /** Filled rectangles as one shape, so no seam shows between neighbours (a QR code's modules). */
  | { readonly op: 'rects'; readonly rects: readonly (readonly [number, number, number, number])[]; readonly color: Rgb }
  /** A filled rectangle on its own (a section heading's square). */
  | { readonly op: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly color: Rgb }
  /** A filled outline (the watermark's glyphs, drawn as shapes so they stay out of the text layer). */
  | { readonly op: 'shape'; readonly path: readonly PathOp[]; readonly color: Rgb }
  | { readonly op: 'ink'; readonly marks: readonly InkMark[]; readonly color: Rgb; readonly width: number };

/** A drawing on a page, or the start of a new page. */
export type PageOp = (DrawOp & { readonly page: number }) | { readonly op: 'new-page'; readonly page: number };

export interface LetterDrawing {
  readonly pageCount: number;
  readonly ops: readonly PageOp[];
}

/** The drawing operations of one page, in the order they were drawn. */
export const pageOps = (drawing: LetterDrawing, page: number): DrawOp[] =>
  drawing.ops.filter((op): op is DrawOp & { page: number } => op.page === page && op.op !== 'new-page');

export interface TextOptions {
  color: Rgb;
  bold?: boolean;
  angle?: number;
  letterSpacing?: number;
}

/** What the layout draws with: records each operation on the current page. */
export class DrawingRecorder {
  private readonly ops: PageOp[] = [];
  private pages = 1;
  private current = 1;

  constructor(private readonly fonts: FontSet) {}

  get pageCount(): number {
    return this.pages;
  }

  newPage(): void {
    this.pages += 1;
    this.current = this.pages;
    this.ops.push({ op: 'new-page', page: this.current });
  }

  /** Draws on an earlier page (footers and marks go onto every page once the body is laid out). */
  onPage(page: number): void {
    this.current = page;
  }

  private add(op: DrawOp): void {
    this.ops.push({ ...op, page: this.current });
  }

  /** Text from (x, baseline), trailing white space dropped; nothing at all for blank text. */
  text(text: string, x: number, baseline: number, pt: number, options: TextOptions): void {
    const visible = text.replace(/\s+$/u, '');
    if (visible === '') return;
    const angle = options.angle ?? 0;
    const letterSpacing = options.letterSpacing ?? 0;
    const radians = (angle * Math.PI) / 180;
    const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
    const runs: TextRun[] = [];
    let offset = 0;
    for (const run of this.fonts.runs(visible)) {
      // The extension font's ideographs sit a little higher in their em than the CJK font's.
      const drop = this.fonts.drop(run.face) * pt * PT;
      runs.push({ face: run.face, text: run.text, x: x + offset * cos + drop * sin, y: baseline - offset * sin + drop * cos });
      offset += this.fonts.width(run.text, pt) + letterSpacing * run.characters;
    }
    this.add({ op: 'text', text: visible, pt, color: options.color, bold: options.bold ?? false, angle, letterSpacing, runs });
  }

  line(from: Point, to: Point, color: Rgb, width: number): void {
    this.add({ op: 'line', from, to, color, width });
  }

  frame(x: number, y: number, w: number, h: number, color: Rgb, width: number): void {
    this.add({ op: 'frame', x, y, w, h, color, width });
  }

  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.add({ op: 'rect', x, y, w, h, color });
  }

  rects(rects: readonly (readonly [number, number, number, number])[], color: Rgb): void {
    this.add({ op: 'rects', rects, color });
  }

  shape(path: readonly PathOp[], color: Rgb): void {
    this.add({ op: 'shape', path, color });
  }

  ink(marks: readonly InkMark[], color: Rgb, width: number): void {
    if (marks.length > 0) this.add({ op: 'ink', marks, color, width });
  }

  finish(): LetterDrawing {
    return { pageCount: this.pages, ops: [...this.ops] };
  }
}
