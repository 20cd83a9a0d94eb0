/**
 * The 日结 screen's work: one close through main (closeDay: push, pull, statement, reconciliation —
 * all main's), then the day report laid out here from main's answer and handed back to be archived;
 * printing goes through main as every print does. Loaded with the screen, not with the app.
 */
import type { DayCloseResult, DayReportFile } from '../../shared/contract/domains/day-close';
import type { SyncProgress } from '../../shared/contract/domains/sync';
import { sha256Hex } from '../../shared/crypto/sha256';
import { bytesToBase64 } from '../case/base64';
import { callHost } from '../host';
import { canvasFamilies } from '../pdf/canvas-fonts';
import { letterPdfRenderer } from '../pdf/letter-font';
import type { LetterDrawing } from '../pdf/letter-drawing';
import { createDayReportRenderer, type DayReportRenderer } from './day-report-pdf';

export type DayCloseStep = 'sync' | 'reconcile' | 'report';

let renderer: Promise<DayReportRenderer> | null = null;

/** The letters' fonts (fetched once per window), prepared once more for the report's own layout. */
const reportRenderer = (): Promise<DayReportRenderer> =>
  (renderer ??= letterPdfRenderer()
    .then((letters) => {
      const [cjk, latin] = letters.fontFiles;
      if (!cjk || !latin) throw new Error('day report: the letter fonts are not available');
      return createDayReportRenderer(cjk.bytes, latin.bytes);
    })
    .catch((error: unknown) => {
      renderer = null;
      throw error;
    }));

export interface ShownReport {
  drawing: LetterDrawing;
  families: ReadonlyMap<string, string>;
  file: DayReportFile;
}

/** Lays the close's report out and has main archive it (again with the same bytes when it already is). */
export const archiveReport = async (result: DayCloseResult): Promise<ShownReport> => {
  const drawn = await (await reportRenderer()).draw(result);
  const file = await callHost('archiveDayReport', { date: result.date, attempt: result.attempt, pdfBase64: bytesToBase64(drawn.pdf) });
  // Main answers the archived file's hash: what is shown is what is archived, byte for byte.
  if (file.sha256 !== (await sha256Hex(drawn.pdf))) throw new Error('day report: the archived report is not the one laid out');
  return { drawing: drawn.drawing, families: await canvasFamilies(drawn.drawing, drawn.fontFiles), file };
};

/**
 * Closes the day. While main works, its sync status says whether the push and pull still run; once
 * they are done the reconciliation is what is left.
 */
export const closeDay = async (date: string, onStep: (step: DayCloseStep, progress: SyncProgress | null) => void): Promise<DayCloseResult> => {
  onStep('sync', null);
  let settled = false;
  let sawSync = false;
  const started = Date.now();
  const poll = async () => {
    while (!settled) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      if (settled) return;
      const status = await callHost('syncStatus', {}).catch(() => null);
      if (settled) return;
      if (status?.progress) {
        sawSync = true;
        onStep('sync', status.progress);
      } else if (sawSync || Date.now() - started > 1500) onStep('reconcile', null);
    }
  };
  void poll();
  try {
    return await callHost('closeDay', { date });
  } finally {
    settled = true;
  }
};

export const printReport = (result: DayCloseResult) => callHost('printDayReport', { date: result.date, attempt: result.attempt, copies: 1 });
