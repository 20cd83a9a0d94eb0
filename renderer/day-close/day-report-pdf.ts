/**
 * The day report as a PDF with its display list: the letters' pipeline (fonts parsed once, the
 * Chinese font embedded as a subset, no system font needed), a layout of its own
 * (day-report-layout.ts). Deterministic for one close — the file id from the close, the creation
 * date its answer's time — so archiving it again after a crash gives the same bytes. DOM-free, like
 * the letter PDF: the tests run it in Node with the font files.
 */
import { jsPDF } from 'jspdf';
import type { DayCloseResult } from '../../shared/contract/domains/day-close';
import { sha256Hex } from '../../shared/crypto/sha256';
import type { LetterDrawing } from '../pdf/letter-drawing';
import { FontSet, trueTypeFace } from '../pdf/letter-fonts';
import type { LetterFontFile } from '../pdf/letter-pdf';
import { assertPrintable, pdfDate, pdfFileId } from '../pdf/letter-text';
import { paintPdf } from '../pdf/pdf-painter';
import { layoutDayReport } from './day-report-layout';

export interface DrawnDayReport {
  pdf: Uint8Array;
  drawing: LetterDrawing;
  /** The font files behind the drawing's faces, for the canvas preview. */
  fontFiles: readonly LetterFontFile[];
}

export interface DayReportRenderer {
  draw(result: DayCloseResult): Promise<DrawnDayReport>;
}

/** The CJK face and the Latin face under the letter renderer's own names (same files, same names). */
export const createDayReportRenderer = (cjkBytes: Uint8Array, latinBytes: Uint8Array): DayReportRenderer => {
  const cjk = trueTypeFace(cjkBytes, 'LetterCJK');
  const latin = trueTypeFace(latinBytes, 'LetterLatin', [cjk.name]);
  const fonts = new FontSet(cjk, latin);
  const fontFiles: LetterFontFile[] = [
    { name: cjk.name, bytes: cjkBytes },
    { name: latin.name, bytes: latinBytes },
  ];
  return {
    draw: async (result) => {
      const drawing = layoutDayReport(fonts, result);
      // A character no font has would vanish from the runs: refused instead (the server's reasons are its own text).
      assertPrintable(
        drawing.ops.flatMap((op) => (op.op === 'text' ? [op.text] : [])),
        fonts,
      );
      const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
      doc.setCreationDate(pdfDate(new Date(result.at)));
      doc.setFileId(pdfFileId(await sha256Hex(`day-report\n${result.counterId}\n${result.date}\n${result.attempt}\n${result.at}`)));
      doc.setCharSpace(0);
      fonts.install(doc, false);
      paintPdf(doc, drawing);
      return { pdf: new Uint8Array(doc.output('arraybuffer')), drawing, fontFiles };
    },
  };
};
