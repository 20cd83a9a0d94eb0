/**
 * Paints one page of a letter's display list onto a 2D canvas, for the on-screen preview. Glyphs are
 * placed one by one at the advances the PDF's /W widths give (not the browser's own text layout), so
 * every character stands where it stands on paper; the font files are the PDF's own (canvas-fonts.ts).
 */
import { pageOps, type DrawOp, type LetterDrawing } from './letter-drawing';
import { PAGE_HEIGHT, PAGE_WIDTH, PT, type Rgb } from './letter-style';
import type { PathOp } from './truetype';

/** The part of CanvasRenderingContext2D the painter uses (a test can record the calls). */
export type PaintContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'save'
  | 'restore'
  | 'translate'
  | 'rotate'
  | 'beginPath'
  | 'closePath'
  | 'moveTo'
  | 'lineTo'
  | 'bezierCurveTo'
  | 'arc'
  | 'rect'
  | 'fill'
  | 'stroke'
  | 'fillRect'
  | 'strokeRect'
  | 'fillText'
  | 'strokeText'
>;

export interface CanvasPage {
  /** Device pixels per mm: the canvas is `PAGE_WIDTH * scale` pixels wide. */
  scale: number;
  /** The CSS font family that draws each face, by face name (`TextRun.face.name`). */
  families: ReadonlyMap<string, string>;
}

const css = ([r, g, b]: Rgb): string => `rgb(${r}, ${g}, ${b})`;

const paintText = (ctx: PaintContext, op: Extract<DrawOp, { op: 'text' }>, { scale, families }: CanvasPage): void => {
  const radians = (op.angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
  const size = op.pt * PT;
  ctx.fillStyle = css(op.color);
  ctx.strokeStyle = css(op.color);
  ctx.lineWidth = op.pt * 0.012 * scale;
  ctx.lineJoin = 'miter';
  for (const run of op.runs) {
    ctx.font = `${size * scale}px "${families.get(run.face.name) ?? run.face.name}"`;
    let advance = 0;
    for (const character of run.text) {
      const x = (run.x + advance * cos) * scale;
      const y = (run.y - advance * sin) * scale;
      if (op.angle === 0) {
        ctx.fillText(character, x, y);
        if (op.bold) ctx.strokeText(character, x, y);
      } else {
        ctx.save();
        ctx.translate(x, y);
        ctx.rotate(-radians);
        ctx.fillText(character, 0, 0);
        if (op.bold) ctx.strokeText(character, 0, 0);
        ctx.restore();
      }
      advance += (run.face.advance(character.codePointAt(0) ?? 0) / 1000) * size + op.letterSpacing;
    }
  }
};

const tracePath = (ctx: PaintContext, path: readonly PathOp[], scale: number): void => {
  for (const part of path) {
    const c = part.c.map((value) => value * scale);
    if (part.op === 'm') ctx.moveTo(c[0]!, c[1]!);
    else if (part.op === 'l') ctx.lineTo(c[0]!, c[1]!);
    else if (part.op === 'c') ctx.bezierCurveTo(c[0]!, c[1]!, c[2]!, c[3]!, c[4]!, c[5]!);
    else ctx.closePath();
  }
};

/**
 * The signature as the PDF paints it: polylines build one path that is stroked at the end, and a dot
 * fills the path built so far (jsPDF's circle ends with a fill), so the preview shows what the paper shows.
 */
const paintInk = (ctx: PaintContext, op: Extract<DrawOp, { op: 'ink' }>, scale: number): void => {
  ctx.fillStyle = css(op.color);
  ctx.strokeStyle = css(op.color);
  ctx.lineWidth = op.width * scale;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let open = false;
  for (const mark of op.marks) {
    if ('dot' in mark) {
      ctx.moveTo((mark.dot[0] + mark.radius) * scale, mark.dot[1] * scale);
      ctx.arc(mark.dot[0] * scale, mark.dot[1] * scale, mark.radius * scale, 0, 2 * Math.PI);
      ctx.fill();
      ctx.beginPath();
      open = false;
      continue;
    }
    mark.line.forEach(([x, y], index) => (index === 0 ? ctx.moveTo(x * scale, y * scale) : ctx.lineTo(x * scale, y * scale)));
    open = true;
  }
  if (open) ctx.stroke();
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
};

const paint = (ctx: PaintContext, op: DrawOp, page: CanvasPage): void => {
  const { scale } = page;
  switch (op.op) {
    case 'text':
      return paintText(ctx, op, page);
    case 'line':
      ctx.strokeStyle = css(op.color);
      ctx.lineWidth = op.width * scale;
      ctx.lineCap = 'butt';
      ctx.beginPath();
      ctx.moveTo(op.from[0] * scale, op.from[1] * scale);
      ctx.lineTo(op.to[0] * scale, op.to[1] * scale);
      ctx.stroke();
      return;
    case 'frame':
      ctx.strokeStyle = css(op.color);
      ctx.lineWidth = op.width * scale;
      ctx.lineJoin = 'miter';
      ctx.strokeRect(op.x * scale, op.y * scale, op.w * scale, op.h * scale);
      return;
    case 'rect':
      ctx.fillStyle = css(op.color);
      ctx.fillRect(op.x * scale, op.y * scale, op.w * scale, op.h * scale);
      return;
    case 'rects':
      ctx.fillStyle = css(op.color);
      ctx.beginPath();
      for (const [x, y, w, h] of op.rects) ctx.rect(x * scale, y * scale, w * scale, h * scale);
      ctx.fill();
      return;
    case 'shape':
      ctx.fillStyle = css(op.color);
      ctx.beginPath();
      tracePath(ctx, op.path, scale);
      ctx.fill();
      return;
    case 'ink':
      return paintInk(ctx, op, scale);
  }
};

/** Paints page `number` (from 1) on white; the context is left as it was found. */
export const paintCanvasPage = (ctx: PaintContext, drawing: LetterDrawing, number: number, page: CanvasPage): void => {
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PAGE_WIDTH * page.scale, PAGE_HEIGHT * page.scale);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const op of pageOps(drawing, number)) paint(ctx, op, page);
  ctx.restore();
};
