/**
 * The day report (日结报告) laid out on A4 pages into the same display list as the letters
 * (pdf/letter-drawing.ts), with the letters' fonts, so the PDF (pdf-painter.ts) and the on-screen
 * preview (canvas-painter.ts) draw the same glyphs at the same places. What it shows: the counts per
 * category from both sides, the day's chain head on both sides, the result of the reconciliation,
 * every difference, and the day's cases — case numbers, outcomes and counts, never a name.
 *
 * Always in Chinese (the zh-CN catalog's `report.day_close.*`), like the letters: it is a document
 * of the office, not a screen in the clerk's language.
 */
import type { DayCloseResult } from '../../shared/contract/domains/day-close';
import { wordHostMessage } from '../../shared/contract/host-message-text';
import { shanghaiDateTime } from '../../shared/domain/case-number';
import { translatorFor } from '../../shared/i18n';
import { dayCountNames, type DayChainHead } from '../../shared/sync/day-close';
import type { FontSet } from '../pdf/letter-fonts';
import { DrawingRecorder, type LetterDrawing } from '../pdf/letter-drawing';
import { BLACK, CONTENT_BOTTOM, CONTENT_LEFT, CONTENT_TOP, CONTENT_WIDTH, FOOTER_BASELINE, FOOTER_PT, GREY, PAGE_WIDTH, PT, RULE, SAMPLE_RED, type Rgb } from '../pdf/letter-style';
import { breakLines } from '../pdf/line-break';

const zh = translatorFor('zh-CN');

const TITLE_PT = 18;
const SUB_PT = 10.5;
const RESULT_PT = 11.5;
const HEADING_PT = 12;
const BODY_PT = 10;
const TABLE_PT = 9;
const OK_GREEN: Rgb = [20, 100, 45];
const HEADER_FILL: Rgb = [232, 235, 240];
const CELL_PAD = 1.6;
const line = (pt: number) => pt * PT * 1.55;

interface Column {
  label: string;
  width: number;
}

const at = (iso: string) => shanghaiDateTime(new Date(iso));

const headText = (head: DayChainHead | null): string =>
  head === null ? zh('ui.day_close.chain_head_none') : head.sequence === 0 ? zh('ui.day_close.chain_head_none') : zh('ui.day_close.chain_head_value', { sequence: head.sequence, caseNumber: head.caseNumber ?? '', hash: head.hash.slice(0, 16) });

class ReportLayout {
  readonly draw: DrawingRecorder;
  y = CONTENT_TOP;

  constructor(private readonly fonts: FontSet) {
    this.draw = new DrawingRecorder(fonts);
  }

  private measure = (pt: number) => (text: string) => this.fonts.width(text, pt);

  /** Starts a new page when `height` does not fit on this one. */
  room(height: number): void {
    if (this.y + height > CONTENT_BOTTOM - 4) {
      this.draw.newPage();
      this.y = CONTENT_TOP;
    }
  }

  centered(text: string, pt: number, color: Rgb = BLACK, bold = false): void {
    this.room(line(pt));
    const x = (PAGE_WIDTH - this.fonts.width(text, pt)) / 2;
    this.draw.text(text, x, this.y + pt * PT, pt, { color, bold });
    this.y += line(pt);
  }

  paragraph(text: string, pt: number, color: Rgb = BLACK, bold = false): void {
    for (const piece of breakLines(text, CONTENT_WIDTH, this.measure(pt))) {
      this.room(line(pt));
      this.draw.text(piece.replace(/\n$/, ''), CONTENT_LEFT, this.y + pt * PT, pt, { color, bold });
      this.y += line(pt);
    }
  }

  heading(text: string): void {
    this.y += 3;
    // A heading never stands alone at a page's foot: room for it and two rows below.
    this.room(line(HEADING_PT) + 3 * line(TABLE_PT) + 4 * CELL_PAD);
    this.draw.text(text, CONTENT_LEFT, this.y + HEADING_PT * PT, HEADING_PT, { color: BLACK, bold: true });
    this.y += line(HEADING_PT) + 1;
  }

  private row(columns: readonly Column[], cells: readonly string[], header: boolean, color: Rgb): void {
    const pt = TABLE_PT;
    const wrapped = cells.map((cell, index) => breakLines(cell, columns[index]!.width - 2 * CELL_PAD, this.measure(pt)).map((piece) => piece.replace(/\n$/, '')));
    const height = Math.max(1, ...wrapped.map((lines) => lines.length)) * line(pt) + 2 * CELL_PAD;
    if (this.y + height > CONTENT_BOTTOM - 4) {
      this.draw.newPage();
      this.y = CONTENT_TOP;
      if (!header) this.row(columns, columns.map((column) => column.label), true, BLACK);
    }
    if (header) this.draw.rect(CONTENT_LEFT, this.y, CONTENT_WIDTH, height, HEADER_FILL);
    let x = CONTENT_LEFT;
    wrapped.forEach((lines, index) => {
      lines.forEach((text, n) => this.draw.text(text, x + CELL_PAD, this.y + CELL_PAD + n * line(pt) + pt * PT, pt, { color, bold: header }));
      x += columns[index]!.width;
    });
    this.y += height;
    this.draw.line([CONTENT_LEFT, this.y], [CONTENT_LEFT + CONTENT_WIDTH, this.y], RULE, 0.2);
  }

  /** A table whose header row comes again at the top of every page it runs onto. */
  table(columns: readonly Column[], rows: readonly { cells: readonly string[]; color?: Rgb }[]): void {
    this.row(columns, columns.map((column) => column.label), true, BLACK);
    for (const row of rows) this.row(columns, row.cells, false, row.color ?? BLACK);
  }

  footers(counter: string, date: string): void {
    const pages = this.draw.pageCount;
    for (let page = 1; page <= pages; page += 1) {
      this.draw.onPage(page);
      const text = zh('report.day_close.footer', { counter, date, page, pages });
      this.draw.text(text, (PAGE_WIDTH - this.fonts.width(text, FOOTER_PT)) / 2, FOOTER_BASELINE, FOOTER_PT, { color: GREY });
    }
  }
}

const countCell = (value: number | null): string => (value === null ? zh('ui.day_close.encrypted') : String(value));

export const layoutDayReport = (fonts: FontSet, result: DayCloseResult): LetterDrawing => {
  const layout = new ReportLayout(fonts);
  layout.centered(zh('report.day_close.title'), TITLE_PT, BLACK, true);
  layout.centered(zh('report.day_close.subtitle', { agency: result.agencyName, counter: result.counterId, date: result.date }), SUB_PT, GREY);
  layout.y += 3;
  if (result.reconciled && result.acknowledgement) {
    layout.paragraph(zh('report.day_close.result_ok', { revision: result.acknowledgement.revision, closedAt: at(result.acknowledgement.closedAt) }), RESULT_PT, OK_GREEN, true);
  } else {
    layout.paragraph(zh('report.day_close.result_bad', { count: result.differences.length }), RESULT_PT, SAMPLE_RED, true);
  }
  if (!result.sync.ok && result.sync.error) layout.paragraph(zh('report.day_close.sync_failed', { reason: wordHostMessage(zh, result.sync.error) }), BODY_PT, GREY);

  layout.heading(zh('report.day_close.counts'));
  layout.table(
    [
      { label: zh('ui.day_close.col.category'), width: 70 },
      { label: zh('ui.day_close.col.counter'), width: 50 },
      { label: zh('ui.day_close.col.server'), width: 50 },
    ],
    dayCountNames.map((name) => ({
      cells: [zh(`ui.day_close.count.${name}`), String(result.counterCounts[name]), countCell(result.serverCounts[name])],
      color: result.serverCounts[name] !== null && result.serverCounts[name] !== result.counterCounts[name] ? SAMPLE_RED : BLACK,
    })),
  );

  layout.heading(zh('report.day_close.chain'));
  layout.paragraph(zh('report.day_close.chain_counter', { value: headText(result.chainHead.counter) }), BODY_PT);
  layout.paragraph(zh('report.day_close.chain_server', { value: headText(result.chainHead.server) }), BODY_PT);

  layout.heading(zh('report.day_close.differences'));
  if (result.differences.length === 0) layout.paragraph(zh('report.day_close.no_differences'), BODY_PT);
  else {
    layout.table(
      [
        // A case number (17 characters at 9 pt, ~33 mm) never breaks.
        { label: zh('ui.day_close.col.case'), width: 38 },
        { label: zh('ui.day_close.col.field'), width: 20 },
        { label: zh('ui.day_close.col.counter'), width: 26 },
        { label: zh('ui.day_close.col.server'), width: 26 },
        { label: zh('ui.day_close.col.reason'), width: 60 },
      ],
      result.differences.map((difference) => ({
        cells: [
          difference.caseNumber ?? zh('ui.day_close.whole_day'),
          zh(`ui.day_close.field.${difference.field}`),
          difference.counter ?? '—',
          difference.server ?? '—',
          difference.reason,
        ],
      })),
    );
  }

  layout.heading(zh('report.day_close.cases', { count: result.cases.length }));
  if (result.cases.length === 0) layout.paragraph(zh('report.day_close.no_cases'), BODY_PT);
  else {
    layout.table(
      [
        { label: zh('ui.day_close.col.case'), width: 38 },
        // Wide enough for a void and its case (作废（作废 C01-…）) on one line.
        { label: zh('report.day_close.col.outcome'), width: 58 },
        { label: zh('report.day_close.col.letter'), width: 20 },
        { label: zh('report.day_close.col.reprints'), width: 18 },
        { label: zh('ui.day_close.count.printed'), width: 18 },
        { label: zh('ui.day_close.count.reprinted'), width: 18 },
      ],
      result.cases.map((entry) => ({
        cells: [
          entry.caseNumber,
          entry.outcome === null
            ? zh('ui.day_close.outcome.earlier')
            : entry.voids
              ? `${zh(`ui.day_close.outcome.${entry.outcome}`)}（${zh('report.day_close.voids', { caseNumber: entry.voids })}）`
              : zh(`ui.day_close.outcome.${entry.outcome}`),
          entry.outcome === 'void' ? '—' : entry.letter ? zh('report.day_close.yes') : zh('report.day_close.no'),
          String(entry.reprints),
          String(entry.printed),
          String(entry.reprinted),
        ],
      })),
    );
  }

  layout.y += 4;
  if (result.acknowledgement) layout.paragraph(zh('report.day_close.ack', { keyId: result.acknowledgement.keyId, hash: result.acknowledgement.statementHash.slice(0, 32) }), TABLE_PT, GREY);
  layout.paragraph(zh('report.day_close.made', { at: at(result.at), attempt: result.attempt }), TABLE_PT, GREY);
  layout.y += 6;
  layout.room(line(BODY_PT) + 2);
  layout.draw.text(zh('report.day_close.signature'), CONTENT_LEFT + 90, layout.y + BODY_PT * PT, BODY_PT, { color: BLACK });
  layout.draw.line([CONTENT_LEFT + 90 + fonts.width(zh('report.day_close.signature'), BODY_PT) + 2, layout.y + BODY_PT * PT + 1], [CONTENT_LEFT + CONTENT_WIDTH, layout.y + BODY_PT * PT + 1], BLACK, 0.3);
  layout.footers(result.counterId, result.date);
  return layout.draw.finish();
};
