/**
 * The preview of an archived letter, drawn on canvases rather than handed to a PDF viewer (whose own
 * print and save buttons would bypass the host's print call, 补打 and the audit log). It still shows
 * the archive: the record's letter is laid out again the way archiving does, and its pages are drawn
 * only when that PDF's SHA-256 is the archived file's. Loaded lazily, with the letter renderer.
 */
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { sha256Hex } from '../../shared/crypto/sha256';
import { callHost, HostCallError } from '../host';
import { canvasFamilies } from '../pdf/canvas-fonts';
import { paintCanvasPage } from '../pdf/canvas-painter';
import type { LetterDrawing } from '../pdf/letter-drawing';
import { PAGE_HEIGHT, PAGE_WIDTH } from '../pdf/letter-style';
import { base64ToBytes } from './base64';
import { drawRecordLetter } from './letter-archive';

export interface PreviewSource {
  record: SealedRecord;
  /** The archived file: the letter, or one of its reprints. */
  relativePath: string;
  /** The reprint's time (its 补打 mark), null for the letter itself. */
  reprintedAt: Date | null;
}

export interface VerifiedLetter {
  drawing: LetterDrawing;
  families: ReadonlyMap<string, string>;
  sha256: string;
}

/** The archived file is not the record's letter: it was altered, or belongs to another record. */
export class ArchiveMismatchError extends Error {
  constructor(
    readonly archivedSha256: string,
    readonly expectedSha256: string,
  ) {
    super(`archived letter ${archivedSha256} is not the record's letter ${expectedSha256}`);
  }
}

/** The record's letter as drawn, once its PDF is known to be the archived file byte for byte. */
export const verifiedLetter = async ({ record, relativePath, reprintedAt }: PreviewSource): Promise<VerifiedLetter> => {
  const [archived, drawn] = await Promise.all([
    callHost('readArchivedLetter', { relativePath }).catch((error: unknown) => {
      // A sealed letter that no longer opens (its bytes changed on disk) is as altered as a PDF that
      // differs: the same refusal, not a generic failure.
      if (error instanceof HostCallError && error.code === 'ARCHIVE_FILE_ALTERED') throw new ArchiveMismatchError('', '');
      throw error;
    }),
    drawRecordLetter(record, reprintedAt),
  ]);
  const [archivedSha256, drawnSha256] = await Promise.all([sha256Hex(base64ToBytes(archived.pdfBase64)), sha256Hex(drawn.pdf)]);
  if (archivedSha256 !== drawnSha256) throw new ArchiveMismatchError(archivedSha256, drawnSha256);
  return { drawing: drawn.drawing, families: await canvasFamilies(drawn.drawing, drawn.fontFiles), sha256: archivedSha256 };
};

/** A4's height over its width: a canvas `width` pixels wide is this many times as tall. */
export const PAGE_ASPECT = PAGE_HEIGHT / PAGE_WIDTH;

/** Draws page `page` (from 1) over the whole canvas, which has its final pixel size. */
export const paintPage = (canvas: HTMLCanvasElement, letter: VerifiedLetter, page: number): void => {
  const context = canvas.getContext('2d');
  if (!context) return;
  paintCanvasPage(context, letter.drawing, page, { scale: canvas.width / PAGE_WIDTH, families: letter.families });
};
