/**
 * The letter is laid out once into a display list that the PDF (jsPDF) and the on-screen preview
 * (canvas) both replay. The PDF must come out byte for byte as it did before the display list existed
 * (old records reprint identically): the hashes in fixtures/letter-pdf-hashes.json were taken from
 * the layout that drew straight into jsPDF, over the whole letter corpus.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jsPDF } from 'jspdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLetterPdfRenderer, type LetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { paintPdf } from '../../renderer/pdf/pdf-painter';
import { EXTENSION_FONT_PATH, LATIN_FONT_PATH, LETTER_FONT_PATH } from '../../scripts/letter';
import { letterCorpus, type CorpusFonts } from './fixtures/letter-corpus';
import pinned from './fixtures/letter-pdf-hashes.json' with { type: 'json' };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const corpus = letterCorpus();
let renderers: Record<CorpusFonts, LetterPdfRenderer>;

beforeAll(() => {
  const cjk = new Uint8Array(readFileSync(LETTER_FONT_PATH));
  const dejavu = createLetterPdfRenderer(cjk, new Uint8Array(readFileSync(LATIN_FONT_PATH)));
  renderers = {
    dejavu,
    helvetica: createLetterPdfRenderer(cjk),
    extension: dejavu.withExtensionFont(new Uint8Array(readFileSync(EXTENSION_FONT_PATH))),
  };
});

describe('the PDF painted from the display list', () => {
  it('covers the corpus the hashes were pinned for', () => {
    expect(corpus.map((entry) => entry.name).sort()).toEqual(Object.keys(pinned).sort());
    expect(corpus.length).toBeGreaterThan(200);
  });

  it.each(corpus.map((entry) => [entry.name, entry] as const))('%s: byte for byte the PDF of the layout before the display list', (name, entry) => {
    expect(sha256(renderers[entry.fonts].draw(entry.input).pdf)).toBe((pinned as Record<string, string>)[name]);
  });

  it('render() gives the bytes of draw()', () => {
    const { input } = corpus.find((candidate) => candidate.name === 'extension/commitment/real')!;
    expect(Buffer.from(renderers.extension.render(input)).equals(Buffer.from(renderers.extension.draw(input).pdf))).toBe(true);
  });

  it('paints every operation: leave any shape out and the PDF differs (text is checked in the canvas tests)', () => {
    const entry = corpus.find((candidate) => candidate.name === 'sample-si-survivor-benefit/commitment/reprint')!;
    const { drawing } = renderers.dejavu.draw(entry.input);
    expect(new Set(drawing.ops.map((op) => op.op))).toEqual(new Set(['text', 'line', 'frame', 'rect', 'rects', 'shape', 'ink', 'new-page']));
    const whole = shapesOnly(drawing.ops);
    drawing.ops.forEach((op, index) => {
      if (op.op === 'text' || op.op === 'new-page') return;
      expect(shapesOnly(drawing.ops.filter((_, other) => other !== index)), `without op ${index} (${op.op})`).not.toBe(whole);
    });
  });
});

const latin1 = (doc: jsPDF): string => Buffer.from(doc.output('arraybuffer')).toString('latin1');

/** The shapes of a drawing painted into a bare, uncompressed document (text needs the letter's fonts). */
const shapesOnly = (ops: Parameters<typeof paintPdf>[1]['ops']): string => {
  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: false });
  doc.setFileId('0'.repeat(32));
  doc.setCreationDate("D:20260115103000+08'00'");
  const pages = ops.filter((op) => op.op === 'new-page').length + 1;
  paintPdf(doc, { pageCount: pages, ops: ops.filter((op) => op.op !== 'text') });
  return latin1(doc);
};
