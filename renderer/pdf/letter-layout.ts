/**
 * Laying the letter out on A4 pages: headings, justified paragraphs, fields, signature, QR code, marks.
 * It draws into a display list (letter-drawing.ts) that the PDF and the on-screen preview both replay.
 */
import QRCode from 'qrcode';
import type { SignatureCapture } from '../../shared/domain/signature';
import type { LetterField, LetterSection, LetterSignOff } from '../../shared/letter/letter-document';
import { breakLines, layoutParagraph, type LinePiece } from './line-break';
import type { FontSet } from './letter-fonts';
import { DrawingRecorder, type InkMark, type LetterDrawing } from './letter-drawing';
import { BLACK, BODY_PT, CONTENT_BOTTOM, CONTENT_LEFT, CONTENT_TOP, CONTENT_WIDTH, FIELDS_SPACE, FIELD_PT, FOOTER_BASELINE, FOOTER_PT, GREY, HEADING_PT, INK, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, PART_PT, PT, QR_QUIET_MODULES, QR_SIZE, RULE, type Rgb, SAMPLE_MARK, SAMPLE_RED, SIGNATURE_BOX, SIGN_OFF, SPECIMEN_MARK, SPECIMEN_QR_CAPTION, SPECIMEN_WATERMARK_TEXT, SIGNATURE_LINE_WIDTH, SIGNATURE_SPACE, TITLE_PT, UNARCHIVED, WATERMARK, WATERMARK_PT, WATERMARK_TEXT, lineHeight, pageLabel, reprintLabel } from './letter-style';

export class LetterLayout {
  /** Top of the next block on the current page. */
  y = CONTENT_TOP;
  /**
   * How far down the left and the right part of the current page are taken: the QR code goes into a
   * bottom corner that is still free (the sign-off takes the right, its clerk's line only the top left).
   */
  private leftBottom = CONTENT_TOP;
  private afterHeadedSection = false;
  private rightBottom = CONTENT_TOP;

  /** A block across the whole width ends at the cursor. */
  private markFullWidth(): void {
    this.leftBottom = this.y;
    this.rightBottom = this.y;
  }

  private readonly draw: DrawingRecorder;

  constructor(
    private readonly fonts: FontSet,
    private readonly marks: { sample: boolean; specimen: boolean },
  ) {
    this.draw = new DrawingRecorder(fonts);
    this.decoratePage(1);
  }

  /** The pages drawn so far, as operations for a painter to replay. */
  drawing(): LetterDrawing {
    return this.draw.finish();
  }

  private get sample(): boolean {
    return this.marks.sample;
  }

  width(text: string, pt: number): number {
    return this.fonts.width(text, pt);
  }

  measureAt(pt: number): (text: string) => number {
    return (text) => this.width(text, pt);
  }

  pageCount(): number {
    return this.draw.pageCount;
  }

  newPage(): void {
    this.draw.newPage();
    this.y = CONTENT_TOP;
    this.markFullWidth();
    this.decoratePage(this.pageCount());
  }

  /** Keeps a block of `height` on one page when it fits on one: a new page first if it would not fit here. */
  keepTogether(height: number): void {
    if (height <= CONTENT_BOTTOM - CONTENT_TOP) this.ensure(height);
  }

  /** The height paragraph() takes for this text. */
  paragraphHeight(text: string, pt = BODY_PT, indent = true): number {
    if (text.trim() === '') return 0;
    return layoutParagraph(text, CONTENT_WIDTH, this.measureAt(pt), { firstLineIndent: indent ? 2 * pt * PT : 0 }).length * lineHeight(pt) + 1;
  }

  /** The height partHeading() takes for this text. */
  partHeadingHeight(text: string): number {
    if (text.trim() === '') return 0;
    return breakLines(text, CONTENT_WIDTH, this.measureAt(PART_PT)).length * lineHeight(PART_PT) + 4;
  }

  /** The height closing() takes: execution fields, signature, sign-off. */
  closingHeight(fields: readonly LetterField[], signatureLabel: string | null, signOff: LetterSignOff | null): number {
    const signs = signOff !== null && (signOff.clerk !== null || signOff.agency !== null);
    return (
      this.fieldRows(fields).height +
      (signatureLabel === null ? 0 : SIGNATURE_SPACE + SIGNATURE_BOX.height) +
      (signs ? SIGNATURE_SPACE + SIGN_OFF.height : 0)
    );
  }

  /** Starts a new page unless `height` fits below the cursor (a block taller than a page just starts). */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM + 0.01 && this.y > CONTENT_TOP + 0.01) this.newPage();
  }

  text(
    text: string,
    x: number,
    baseline: number,
    pt: number,
    options: { color?: Rgb; bold?: boolean; angle?: number; letterSpacing?: number } = {},
  ): void {
    this.draw.text(text, x, baseline, pt, { ...options, color: options.color ?? BLACK });
  }

  /** The pieces of a justified line (see layoutParagraph), each at its place. */
  private pieces(pieces: readonly LinePiece[], left: number, baseline: number, pt: number): void {
    for (const piece of pieces) this.text(piece.text, left + piece.x, baseline, pt, { letterSpacing: piece.letterSpacing });
  }

  /** Baseline of a line of `pt` text in a line box starting at `top`. */
  static baseline(top: number, pt: number, boxHeight = lineHeight(pt)): number {
    return top + boxHeight / 2 + 0.36 * pt * PT;
  }

  private decoratePage(page: number): void {
    const { sample, specimen } = this.marks;
    if (!sample && !specimen) return;
    this.watermark(specimen ? SPECIMEN_WATERMARK_TEXT : WATERMARK_TEXT);
    if (specimen) {
      // A letter from fixture data: boxed in red at the top of every page, first page included.
      this.boxedMark(SPECIMEN_MARK, MARGIN - 7);
    } else if (page > 1) {
      const markWidth = this.width(SAMPLE_MARK, FIELD_PT);
      this.text(SAMPLE_MARK, (PAGE_WIDTH - markWidth) / 2, MARGIN - 7, FIELD_PT, { color: SAMPLE_RED });
    }
  }

  /** A large light-grey diagonal word under everything else on the page, drawn as shapes. */
  private watermark(word: string): void {
    const angle = 45;
    const radians = (angle * Math.PI) / 180;
    const width = this.width(word, WATERMARK_PT);
    const height = 0.72 * WATERMARK_PT * PT;
    const along = [Math.cos(radians), -Math.sin(radians)] as const; // baseline direction (y down)
    const up = [-Math.sin(radians), -Math.cos(radians)] as const;
    const x = PAGE_WIDTH / 2 - (along[0] * width) / 2 - (up[0] * height) / 2;
    const y = PAGE_HEIGHT / 2 - (along[1] * width) / 2 - (up[1] * height) / 2;
    const outline = this.fonts.outlinePath(word, WATERMARK_PT, x, y, angle);
    if (outline) {
      this.draw.shape(outline, WATERMARK);
    } else {
      this.text(word, x, y, WATERMARK_PT, { color: WATERMARK, angle });
    }
  }

  /** Red text in a red box, centred on the page at `baseline`. */
  private boxedMark(label: string, baseline: number): void {
    const width = this.width(label, FIELD_PT);
    const x = (PAGE_WIDTH - width) / 2;
    const padding = 1.5;
    this.draw.frame(x - padding, baseline - FIELD_PT * PT - padding + 0.8, width + 2 * padding, FIELD_PT * PT + 2 * padding, SAMPLE_RED, 0.4);
    this.text(label, x, baseline, FIELD_PT, { color: SAMPLE_RED });
  }

  title(title: string): void {
    const lines = breakLines(title, CONTENT_WIDTH, this.measureAt(TITLE_PT));
    const height = lineHeight(TITLE_PT) * 0.9;
    for (const line of lines) {
      const width = this.width(line.trimEnd(), TITLE_PT);
      this.text(line, (PAGE_WIDTH - width) / 2, LetterLayout.baseline(this.y, TITLE_PT, height), TITLE_PT, { bold: true });
      this.y += height;
    }
    if (this.sample) {
      const width = this.width(SAMPLE_MARK, FIELD_PT);
      const boxHeight = lineHeight(FIELD_PT);
      const x = (PAGE_WIDTH - width) / 2;
      this.draw.frame(x - 2.5, this.y + 0.5, width + 5, boxHeight - 1, SAMPLE_RED, 0.35);
      this.text(SAMPLE_MARK, x, LetterLayout.baseline(this.y, FIELD_PT, boxHeight), FIELD_PT, { color: SAMPLE_RED });
      this.y += boxHeight;
    }
    this.y += 4;
    this.markFullWidth();
  }

  /** A part heading (a notification page's title, the commitment heading), kept with what follows. */
  partHeading(text: string): void {
    if (text.trim() === '') return;
    const lines = breakLines(text, CONTENT_WIDTH, this.measureAt(PART_PT));
    const height = lineHeight(PART_PT);
    this.y += 2;
    this.ensure(lines.length * height + 2 + 2 * lineHeight(BODY_PT));
    for (const line of lines) {
      this.text(line, CONTENT_LEFT, LetterLayout.baseline(this.y, PART_PT, height), PART_PT, { bold: true });
      this.y += height;
    }
    this.draw.line([CONTENT_LEFT, this.y], [CONTENT_LEFT + CONTENT_WIDTH, this.y], RULE, 0.3);
    this.y += 2;
    this.markFullWidth();
  }

  /** A section heading: larger, bold-looking, after a filled square marker. */
  sectionHeading(text: string): void {
    if (text.trim() === '') return;
    const indent = 4.5;
    const lines = breakLines(text, CONTENT_WIDTH - indent, this.measureAt(HEADING_PT));
    const height = lineHeight(HEADING_PT);
    this.y += 1;
    this.ensure(lines.length * height + 2 * lineHeight(BODY_PT));
    lines.forEach((line, index) => {
      const baseline = LetterLayout.baseline(this.y, HEADING_PT, height);
      if (index === 0) {
        const side = 2.4;
        this.draw.rect(CONTENT_LEFT, baseline - 0.36 * HEADING_PT * PT - side / 2, side, side, BLACK);
      }
      this.text(line, CONTENT_LEFT + indent, baseline, HEADING_PT, { bold: true });
      this.y += height;
    });
    this.markFullWidth();
  }

  /**
   * A body paragraph with a two-character first-line indent, justified (every line but the last
   * reaches the right margin); breaks across pages line by line.
   */
  paragraph(text: string, pt = BODY_PT, indent = true): void {
    if (text.trim() === '') return;
    const lines = layoutParagraph(text, CONTENT_WIDTH, this.measureAt(pt), { firstLineIndent: indent ? 2 * pt * PT : 0 });
    const height = lineHeight(pt);
    // No single orphan line at the bottom of a page.
    this.ensure(Math.min(lines.length, 2) * height);
    for (const line of lines) {
      this.ensure(height);
      this.pieces(line.pieces, CONTENT_LEFT, LetterLayout.baseline(this.y, pt, height), pt);
      this.y += height;
    }
    this.y += 1;
    this.markFullWidth();
  }

  section(section: LetterSection): void {
    // Text after a headed section (a list of proofs, say) is set apart, so it never reads as part of it.
    if (section.heading.trim() === '' && this.afterHeadedSection) this.y += 3;
    this.afterHeadedSection = section.heading.trim() !== '';
    this.sectionHeading(section.heading);
    // A salutation stands flush left, as in any letter; body text has the two-character indent.
    for (const paragraph of section.paragraphs) this.paragraph(paragraph, BODY_PT, !section.salutation);
  }

  /** The execution fields laid out as two columns: label width, value width and each row's lines. */
  private fieldRows(fields: readonly LetterField[]) {
    const gap = 8;
    const columnWidth = (CONTENT_WIDTH - gap) / 2;
    const labelWidth = Math.max(...fields.map((field) => this.width(`${field.label}：`, FIELD_PT))) + 1;
    const valueWidth = columnWidth - labelWidth;
    const rows: { field: LetterField; lines: string[] }[][] = [];
    for (let index = 0; index < fields.length; index += 2) {
      rows.push(
        fields.slice(index, index + 2).map((field) => ({ field, lines: breakLines(field.value, valueWidth, this.measureAt(FIELD_PT)) })),
      );
    }
    const rowLines = rows.map((row) => Math.max(1, ...row.map((cell) => cell.lines.length)));
    const height = fields.length === 0 ? 0 : FIELDS_SPACE + rowLines.reduce((sum, lines) => sum + lines * lineHeight(FIELD_PT), 0);
    return { gap, columnWidth, labelWidth, rows, rowLines, height };
  }

  /**
   * The closing block: execution fields, then the signature. Kept on one page when it fits on one,
   * so the signature never stands alone on a page without the facts it signs.
   */
  closing(fields: readonly LetterField[], signatureLabel: string | null, signature: SignatureCapture | null, signOff: LetterSignOff | null): void {
    const layout = this.fieldRows(fields);
    const signs = signOff !== null && (signOff.clerk !== null || signOff.agency !== null);
    this.keepTogether(this.closingHeight(fields, signatureLabel, signOff));
    this.fields(layout);
    if (signatureLabel !== null) this.signature(signatureLabel, signature, signOff?.signatureDate ?? null);
    if (signs) this.signOff(signOff);
  }

  /**
   * The clerk's signing line (left) and the agency's sign-off (right): label, name and date centred in
   * their column, with room for the round seal an officer stamps over the name and date.
   */
  private signOff({ clerk, agency }: LetterSignOff): void {
    this.y += SIGNATURE_SPACE;
    this.ensure(SIGN_OFF.height);
    const top = this.y;
    const line = lineHeight(BODY_PT);
    let clerkBottom = top;
    if (clerk) {
      const label = `${clerk.label}：`;
      const baseline = top + 8;
      const lineLeft = CONTENT_LEFT + this.width(label, BODY_PT) + 2;
      this.text(label, CONTENT_LEFT, baseline, BODY_PT);
      this.draw.line([lineLeft, baseline + 1.5], [lineLeft + SIGN_OFF.clerkLineWidth, baseline + 1.5], RULE, 0.25);
      this.text(clerk.name, lineLeft, baseline + 1.5 + line * 0.8, FIELD_PT, { color: GREY });
      clerkBottom = baseline + 1.5 + line;
    }
    if (agency) {
      const centre = CONTENT_LEFT + CONTENT_WIDTH - SIGN_OFF.agencyColumnWidth / 2;
      const centred = (text: string, baseline: number, pt: number, color: Rgb = BLACK) =>
        this.text(text, centre - this.width(text, pt) / 2, baseline, pt, { color });
      centred(agency.label, top + 8, FIELD_PT, GREY);
      const nameLines = breakLines(agency.name, SIGN_OFF.agencyColumnWidth, this.measureAt(BODY_PT));
      nameLines.forEach((nameLine, index) => centred(nameLine.trimEnd(), top + 8 + line * (index + 1.4), BODY_PT));
      centred(agency.date, top + 8 + line * (nameLines.length + 1.6), BODY_PT);
    }
    this.y = top + SIGN_OFF.height;
    this.leftBottom = clerkBottom;
    this.rightBottom = this.y;
  }

  /** Execution fields as two columns of `label：value`, values wrapping inside their column. */
  private fields({ gap, columnWidth, labelWidth, rows, rowLines }: ReturnType<LetterLayout['fieldRows']>): void {
    if (rows.length === 0) return;
    const height = lineHeight(FIELD_PT);
    this.y += 3;
    this.ensure(height * 2 + 2);
    this.draw.line([CONTENT_LEFT, this.y], [CONTENT_LEFT + CONTENT_WIDTH, this.y], RULE, 0.3);
    this.y += 2;
    rows.forEach((row, rowIndex) => {
      const lines = rowLines[rowIndex] ?? 1;
      this.ensure(lines * height);
      row.forEach((cell, column) => {
        const x = CONTENT_LEFT + column * (columnWidth + gap);
        const first = LetterLayout.baseline(this.y, FIELD_PT, height);
        this.text(`${cell.field.label}：`, x, first, FIELD_PT, { color: GREY });
        cell.lines.forEach((line, lineIndex) => {
          this.text(line, x + labelWidth, first + lineIndex * height, FIELD_PT);
        });
      });
      this.y += lines * height;
    });
    this.y += 1;
    this.markFullWidth();
  }

  /** The signature label with the strokes drawn to its right; the two never part across a page break. */
  private signature(label: string, capture: SignatureCapture | null, date: LetterSignOff['signatureDate']): void {
    const box = SIGNATURE_BOX;
    const labelText = `${label}：`;
    const labelWidth = this.width(labelText, BODY_PT);
    this.y += SIGNATURE_SPACE;
    this.ensure(box.height);
    const top = this.y;
    const boxLeft = CONTENT_LEFT + labelWidth + 2;
    // The label sits on the signing line, near the bottom of the box.
    const baseline = top + box.height - 5;
    this.text(labelText, CONTENT_LEFT, baseline, BODY_PT);
    this.draw.line([boxLeft, baseline + 1.5], [boxLeft + box.width, baseline + 1.5], RULE, 0.25);
    if (capture) this.strokes(capture, boxLeft, top, box.width, box.height, box.padding);
    // The date of signing beside the signature, on the same line.
    if (date !== null) this.text(`${date.label}：${date.date}`, boxLeft + box.width + 4, baseline, BODY_PT);
    this.y = top + box.height;
  }

  private strokes(capture: SignatureCapture, left: number, top: number, width: number, height: number, padding: number): void {
    const points = capture.strokes.flatMap((stroke) => stroke.points);
    if (points.length === 0) return;
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const minX = Math.min(...xs);
    const minY = Math.min(...ys);
    const inkWidth = Math.max(...xs) - minX;
    const inkHeight = Math.max(...ys) - minY;
    const innerWidth = width - 2 * padding;
    const innerHeight = height - 2 * padding;
    // Fit the ink (not the whole capture surface) into the box, keeping its aspect ratio; never blow a
    // small scribble up beyond 3× the scale at which the whole surface would fit.
    const surfaceScale = Math.min(innerWidth / Math.max(capture.surface.width, 1), innerHeight / Math.max(capture.surface.height, 1));
    const scale = Math.min(
      inkWidth > 0 ? innerWidth / inkWidth : Infinity,
      inkHeight > 0 ? innerHeight / inkHeight : Infinity,
      surfaceScale * 3,
    );
    const originX = left + padding + (innerWidth - inkWidth * scale) / 2;
    const originY = top + padding + (innerHeight - inkHeight * scale) / 2;
    const at = (point: { x: number; y: number }): [number, number] => [
      originX + (point.x - minX) * scale,
      originY + (point.y - minY) * scale,
    ];
    const marks: InkMark[] = [];
    for (const stroke of capture.strokes) {
      const first = stroke.points[0];
      if (!first) continue;
      marks.push(stroke.points.length === 1 ? { dot: at(first), radius: SIGNATURE_LINE_WIDTH / 2 } : { line: stroke.points.map(at) });
    }
    this.draw.ink(marks, INK, SIGNATURE_LINE_WIDTH);
  }

  /**
   * The QR code at the bottom right of the current page, else bottom left (below the clerk's line when
   * the agency's sign-off takes the right), else on a new page.
   */
  qrCode(payload: string): void {
    const top = CONTENT_BOTTOM - QR_SIZE;
    const caption = this.marks.specimen ? SPECIMEN_QR_CAPTION : null;
    let boxLeft = PAGE_WIDTH - MARGIN - QR_SIZE;
    if (this.rightBottom > top - 2) {
      if (this.leftBottom <= top - 2) boxLeft = MARGIN;
      else this.newPage();
    }
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const count = modules.size;
    const module = QR_SIZE / (count + 2 * QR_QUIET_MODULES);
    const left = boxLeft + QR_QUIET_MODULES * module;
    const y0 = top + QR_QUIET_MODULES * module;
    const rects: [number, number, number, number][] = [];
    for (let row = 0; row < count; row += 1) {
      let column = 0;
      while (column < count) {
        if (!modules.get(row, column)) {
          column += 1;
          continue;
        }
        const start = column;
        while (column < count && modules.get(row, column)) column += 1;
        // One path of horizontal runs, filled once: no seams between modules of a run.
        rects.push([left + start * module, y0 + row * module, (column - start) * module, module]);
      }
    }
    this.draw.rects(rects, BLACK);
    if (caption) {
      const captionWidth = this.width(caption, FOOTER_PT);
      this.text(caption, boxLeft + QR_SIZE / 2 - captionWidth / 2, CONTENT_BOTTOM + 3, FOOTER_PT, { color: SAMPLE_RED });
    }
  }

  /** The 补打 mark, boxed in red at the top right of every page. */
  reprintMarks(at: Date): void {
    const label = reprintLabel(at);
    const width = this.width(label, FIELD_PT);
    const padding = 1.5;
    const x = CONTENT_LEFT + CONTENT_WIDTH - width;
    const baseline = MARGIN - 7;
    for (let page = 1; page <= this.pageCount(); page += 1) {
      this.draw.onPage(page);
      this.draw.frame(x - padding, baseline - FIELD_PT * PT - padding + 0.8, width + 2 * padding, FIELD_PT * PT + 2 * padding, SAMPLE_RED, 0.4);
      this.text(label, x, baseline, FIELD_PT, { color: SAMPLE_RED });
    }
  }

  footers(caseNumber: string | null): void {
    const pages = this.pageCount();
    const left = caseNumber ?? UNARCHIVED;
    for (let page = 1; page <= pages; page += 1) {
      this.draw.onPage(page);
      this.draw.line([CONTENT_LEFT, FOOTER_BASELINE - 4], [CONTENT_LEFT + CONTENT_WIDTH, FOOTER_BASELINE - 4], RULE, 0.2);
      this.text(left, CONTENT_LEFT, FOOTER_BASELINE, FOOTER_PT, { color: GREY });
      const label = pageLabel(page, pages);
      this.text(label, CONTENT_LEFT + CONTENT_WIDTH - this.width(label, FOOTER_PT), FOOTER_BASELINE, FOOTER_PT, { color: GREY });
    }
  }
}
