/** Page geometry, colours, type sizes and fixed marks of the letter (mm unless named otherwise). */
import { shanghaiDateTime } from '../../shared/domain/case-number';
import { letterMarks, pageMark, reprintMark } from '../../shared/letter/letter-marks';

/** One typographic point in mm. */
export const PT = 25.4 / 72;

export type Rgb = readonly [number, number, number];

export const PAGE_WIDTH = 210;
export const PAGE_HEIGHT = 297;
export const MARGIN = 20;
export const CONTENT_LEFT = MARGIN;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
export const CONTENT_TOP = MARGIN;
export const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN;
export const FOOTER_BASELINE = PAGE_HEIGHT - 11;

export const BLACK: Rgb = [0, 0, 0];
export const INK: Rgb = [20, 30, 80];
export const GREY: Rgb = [100, 100, 100];
export const RULE: Rgb = [170, 170, 170];
export const SAMPLE_RED: Rgb = [190, 20, 20];
export const WATERMARK: Rgb = [222, 222, 222];

export const TITLE_PT = 20;
export const PART_PT = 14;
export const HEADING_PT = 12;
export const BODY_PT = 11;
export const FIELD_PT = 10.5;
export const FOOTER_PT = 9;
export const LINE_FACTOR = 1.7;
export const lineHeight = (pt: number): number => pt * PT * LINE_FACTOR;

// The fixed marks' words are versioned data (shared/letter/templates/letter-marks.v1.json).
export const SAMPLE_MARK = letterMarks.sample.mark;
export const WATERMARK_TEXT = letterMarks.sample.watermark;
/** Fixture letters (npm run letter, tests): on every page, with a 样张 watermark. */
export const SPECIMEN_MARK = letterMarks.specimen.mark;
export const SPECIMEN_WATERMARK_TEXT = letterMarks.specimen.watermark;
/** What a specimen's QR code says when scanned: nothing a verifier could take for a record. */
export const SPECIMEN_QR_TEXT = letterMarks.specimen.qrText;
export const SPECIMEN_QR_CAPTION = letterMarks.specimen.qrCaption;
export const WATERMARK_PT = 150;
export const UNARCHIVED = letterMarks.unarchived;
export const reprintLabel = (at: Date): string => reprintMark(letterMarks, shanghaiDateTime(at));
export const pageLabel = (page: number, pages: number): string => pageMark(letterMarks, page, pages);

export const SIGNATURE_BOX = { width: 72, height: 30, padding: 2.5 } as const;
/** Space above the signature and around the execution fields (rule + padding), in mm. */
export const SIGNATURE_SPACE = 4;
export const FIELDS_SPACE = 6;
export const SIGNATURE_LINE_WIDTH = 0.45;
/** The clerk's signing line and the agency's name and date with room for a 42 mm round seal over them. */
export const SIGN_OFF = { height: 36, clerkLineWidth: 45, agencyColumnWidth: 64 } as const;
export const QR_SIZE = 28;
export const QR_QUIET_MODULES = 4;
