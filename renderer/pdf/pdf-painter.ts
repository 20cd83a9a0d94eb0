/**
 * Replays a letter's display list into a jsPDF document. Every operation issues the jsPDF calls the
 * layout made before it drew through a display list, in the same order and with the same numbers,
 * so a record's letter comes out byte for byte as it was archived (letter-display-list.test.ts checks a
 * corpus of letters against the hashes of the PDFs made before, tests/unit/fixtures/letter-pdf-hashes.json).
 */
import type { jsPDF } from 'jspdf';
import type { DrawOp, LetterDrawing } from './letter-drawing';

const paintText = (doc: jsPDF, op: Extract<DrawOp, { op: 'text' }>): void => {
  const [r, g, b] = op.color;
  doc.setFontSize(op.pt);
  doc.setTextColor(r, g, b);
  if (op.bold) {
    // One weight only: fill + a thin outline of the glyphs reads as bold.
    doc.setDrawColor(r, g, b);
    doc.setLineWidth(op.pt * 0.012);
  }
  const options = {
    ...(op.bold ? { renderingMode: 'fillThenStroke' as const } : {}),
    ...(op.angle ? { angle: op.angle } : {}),
    // jsPDF writes Tc only when given a non-zero value; the document's default (0) resets it.
    ...(op.letterSpacing !== 0 ? { charSpace: op.letterSpacing } : {}),
  };
  for (const run of op.runs) {
    if (doc.getFont().fontName !== run.face.name) doc.setFont(run.face.name, 'normal');
    // Encoded here, in drawing order: the extension face numbers its glyphs by first use in the document.
    doc.text(run.face.encode ? run.face.encode(run.text) : run.text, run.x, run.y, options);
  }
};

const paintInk = (doc: jsPDF, op: Extract<DrawOp, { op: 'ink' }>): void => {
  const [r, g, b] = op.color;
  doc.setDrawColor(r, g, b);
  doc.setFillColor(r, g, b);
  doc.setLineWidth(op.width);
  doc.setLineCap('round');
  doc.setLineJoin('round');
  let pathOpen = false;
  for (const mark of op.marks) {
    if ('dot' in mark) {
      doc.circle(mark.dot[0], mark.dot[1], mark.radius, 'F');
      continue;
    }
    const [first, ...rest] = mark.line;
    if (!first) continue;
    const segments: [number, number][] = [];
    let [px, py] = first;
    for (const [x, y] of rest) {
      segments.push([x - px, y - py]);
      [px, py] = [x, y];
    }
    doc.lines(segments, first[0], first[1], [1, 1], null, false);
    pathOpen = true;
  }
  if (pathOpen) doc.stroke();
  doc.setLineCap('butt');
  doc.setLineJoin('miter');
};

const paint = (doc: jsPDF, op: DrawOp): void => {
  switch (op.op) {
    case 'text':
      return paintText(doc, op);
    case 'line':
      doc.setDrawColor(op.color[0], op.color[1], op.color[2]);
      doc.setLineWidth(op.width);
      doc.line(op.from[0], op.from[1], op.to[0], op.to[1]);
      return;
    case 'frame':
      doc.setDrawColor(op.color[0], op.color[1], op.color[2]);
      doc.setLineWidth(op.width);
      doc.rect(op.x, op.y, op.w, op.h, 'S');
      return;
    case 'rect':
      doc.setFillColor(op.color[0], op.color[1], op.color[2]);
      doc.rect(op.x, op.y, op.w, op.h, 'F');
      return;
    case 'rects':
      doc.setFillColor(op.color[0], op.color[1], op.color[2]);
      // One path of rectangles, filled once.
      for (const [x, y, w, h] of op.rects) doc.rect(x, y, w, h, null);
      if (op.rects.length > 0) doc.fill();
      return;
    case 'shape':
      doc.setFillColor(op.color[0], op.color[1], op.color[2]);
      doc.path([...op.path]);
      doc.fill();
      return;
    case 'ink':
      return paintInk(doc, op);
  }
};

/** Draws the letter into `doc`, which holds one empty A4 page and the letter's fonts. */
export const paintPdf = (doc: jsPDF, drawing: LetterDrawing): void => {
  let current = 1;
  for (const op of drawing.ops) {
    if (op.op === 'new-page') {
      doc.addPage('a4', 'portrait');
      current = op.page;
      continue;
    }
    if (op.page !== current) {
      doc.setPage(op.page);
      current = op.page;
    }
    paint(doc, op);
  }
};
