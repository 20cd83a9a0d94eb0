/**
 * The letter as a PDF (A4 portrait, mm), drawn from the same LetterDocument the applicant reads on
 * screen. DOM-free: runs in the renderer, in Node (CLI, tests) and in a worker alike.
 *
 * Two font faces: Droid Sans Fallback (CJK) has no digits, Latin letters, “ ” ‘ ’ — … or ·, so every
 * character is drawn with the Latin face when it is below the CJK blocks (< U+2E80) and that face has
 * it, else with the CJK face. The Latin face is an embedded TrueType font when one is given
 * (recommended: DejaVuSans.ttf), else the PDF standard font Helvetica (WinAnsi, not embedded).
 * A third, optional face prints characters outside the BMP (CJK Extension B–F, e.g. 𠮷 in names) as
 * real text from an embedded subset of HanaMinB (extension-font.ts); the app loads it only for a
 * letter that needs it (`needsExtensionFont`). A character no face can draw is refused
 * (UnsupportedCharacterError), never dropped.
 *
 * Paragraphs are justified (layoutParagraph in line-break.ts): every line but the last reaches the
 * right margin, the slack spread between characters with the PDF's character spacing (Tc), never
 * inside a Latin word or a number.
 *
 * Font handling (see design.md "Chinese text"): jsPDF parses a TrueType font on every `addFont`
 * (Droid Sans Fallback: 20–40 ms) and re-encodes the glyph subset in `output()` with byte-at-a-time
 * array code (most of its 90–140 ms). A renderer therefore parses each font ONCE with jsPDF's own
 * TTFFont; every document gets a thin per-document view of it (`Object.create(parsed)` with its own
 * glyph/width/ToUnicode bookkeeping) whose subset encoder copies glyphs with typed arrays from tables
 * prepared once. The embedded font holds the same tables as jsPDF's own subset (a unit test compares
 * them), except that a long `post` table is cut to format 3 (no glyph names).
 */
import { jsPDF } from 'jspdf';
import type { SignatureCapture } from '../../shared/domain/signature';
import type { LetterDocument } from '../../shared/letter/letter-document';
import { createExtensionFace } from './extension-font';
import type { FontFace } from './font-face';
import { assertPrintable, cleanDocument, documentTexts, needsExtensionFont, pdfDate, pdfFileId } from './letter-text';
import { LetterLayout } from './letter-layout';
import type { LetterDrawing } from './letter-drawing';
import { paintPdf } from './pdf-painter';
import { FontSet, helveticaFace, trueTypeFace } from './letter-fonts';
import { SPECIMEN_QR_TEXT } from './letter-style';

export { needsExtensionFont } from './letter-text';
export { createTrueTypeSubsetter } from './letter-fonts';

export interface LetterPdfInput {
  document: LetterDocument;
  signature: SignatureCapture | null;
  qrPayload: string | null;
  /** creation date written into the PDF */
  issuedAt: Date;
  /**
   * hex string; makes the PDF's file ID deterministic. The PDF ID is 32 hex digits: a longer string
   * (e.g. a SHA-256) is cut to its first 32, a shorter one is left-padded with zeros.
   */
  fileId: string;
  /**
   * Set for a reprint (补打): every page carries a 补打 mark with this time (Asia/Shanghai), so a second
   * paper copy can always be told from the original. The original letter has none.
   */
  reprintedAt?: Date | null;
}

/** A letter laid out once: its PDF and the drawing that painted it, for the on-screen preview. */
export interface DrawnLetter {
  pdf: Uint8Array;
  drawing: LetterDrawing;
}

/** A font file of the renderer, by the name its text runs carry (`TextRun.face.name`). */
export interface LetterFontFile {
  name: string;
  bytes: Uint8Array;
}

export interface LetterPdfRenderer {
  /**
   * Throws UnsupportedCharacterError when the letter holds a character the PDF cannot show: reason
   * 'outside-bmp' for a character above U+FFFF when this renderer has no extension font, reason
   * 'missing-glyph' for one that no font of the renderer has.
   */
  render(input: LetterPdfInput): Uint8Array;
  /** The same PDF as `render`, with the display list it was painted from. */
  draw(input: LetterPdfInput): DrawnLetter;
  /** The TrueType files behind the faces, for drawing the same glyphs elsewhere (not to be modified). */
  readonly fontFiles: readonly LetterFontFile[];
  /** Whether characters outside the BMP can be printed (the extension font is loaded). */
  readonly hasExtensionFont: boolean;
  /**
   * A renderer that shares this one's prepared fonts and adds `extensionFontBytes` (HanaMinB.ttf) for
   * characters outside the BMP; called again on the result, it adds a further fallback for what the
   * earlier extension fonts lack. The bytes are kept, not copied: do not modify them afterwards.
   */
  withExtensionFont(extensionFontBytes: Uint8Array): LetterPdfRenderer;
}


const layoutLetter = (fonts: FontSet, document: LetterDocument, input: LetterPdfInput): LetterDrawing => {
  const layout = new LetterLayout(fonts, { sample: document.sample, specimen: document.specimen });
  layout.title(document.title);
  for (const page of document.pages) {
    if (document.kind === 'proof-list') layout.paragraph(page.title);
    else layout.partHeading(page.title);
    for (const section of page.sections) layout.section(section);
  }
  if (document.commitment) {
    // The pledge and the signature that makes it stand on one page whenever they fit on one.
    const { heading, paragraphs } = document.commitment;
    layout.keepTogether(
      layout.partHeadingHeight(heading) +
        paragraphs.reduce((sum, paragraph) => sum + layout.paragraphHeight(paragraph), 0) +
        layout.closingHeight(document.execution, document.signatureLabel, document.signOff),
    );
    layout.partHeading(document.commitment.heading);
    for (const paragraph of document.commitment.paragraphs) layout.paragraph(paragraph);
  }
  layout.closing(document.execution, document.signatureLabel, input.signature, document.signOff);
  // A specimen's code never carries a record's payload, whatever the caller passed: it verifies nothing.
  const qrPayload = document.specimen ? SPECIMEN_QR_TEXT : input.qrPayload;
  if (qrPayload !== null) layout.qrCode(qrPayload);
  layout.footers(document.caseNumber);
  if (input.reprintedAt) layout.reprintMarks(input.reprintedAt);
  return layout.drawing();
};

const drawLetter = (fonts: FontSet, input: LetterPdfInput): DrawnLetter => {
  const document = cleanDocument(input.document);
  assertPrintable(documentTexts(document), fonts);
  const creationDate = pdfDate(input.issuedAt);
  const fileId = pdfFileId(input.fileId);
  const drawing = layoutLetter(fonts, document, input);

  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  doc.setCreationDate(creationDate);
  doc.setFileId(fileId);
  // Every text call then writes its character spacing (Tc), so a justified line's never carries over.
  doc.setCharSpace(0);
  fonts.install(doc, needsExtensionFont(document));
  paintPdf(doc, drawing);
  return { pdf: new Uint8Array(doc.output('arraybuffer')), drawing };
};

/**
 * Parses the fonts once; `render` can then be called for any number of letters.
 * @param fontBytes the CJK TrueType font (DroidSansFallbackFull.ttf)
 * @param latinFontBytes a TrueType font for digits, Latin letters and Western punctuation, embedded
 *   like the CJK one (recommended: DejaVuSans.ttf). Without it the standard font Helvetica is used
 *   for those characters (not embedded; every PDF viewer provides it).
 * @param extensionFontBytes a TrueType font for characters outside the BMP (HanaMinB.ttf: CJK
 *   Extension B–F). Without it a letter holding such a character is refused
 *   (UnsupportedCharacterError, reason 'outside-bmp'). It is large: load it only for the letters that
 *   need it (`needsExtensionFont`) and add it with `withExtensionFont`.
 */
export const createLetterPdfRenderer = (
  fontBytes: Uint8Array,
  latinFontBytes?: Uint8Array,
  extensionFontBytes?: Uint8Array,
): LetterPdfRenderer => {
  const cjk = trueTypeFace(fontBytes, 'LetterCJK');
  const latin = latinFontBytes ? trueTypeFace(latinFontBytes, 'LetterLatin', [cjk.name]) : helveticaFace();
  const baseFiles: LetterFontFile[] = [{ name: cjk.name, bytes: fontBytes }, ...(latinFontBytes ? [{ name: latin.name, bytes: latinFontBytes }] : [])];
  const withFonts = (extensions: readonly FontFace[], fontFiles: readonly LetterFontFile[]): LetterPdfRenderer => {
    const fonts = new FontSet(cjk, latin, extensions);
    const extensionFace = (bytes: Uint8Array): FontFace =>
      createExtensionFace(bytes, `LetterExtension${extensions.length + 1}`, [cjk.name, latin.name, ...extensions.map((face) => face.name)]);
    return {
      hasExtensionFont: extensions.length > 0,
      fontFiles,
      render: (input) => drawLetter(fonts, input).pdf,
      draw: (input) => drawLetter(fonts, input),
      withExtensionFont: (bytes) => {
        const face = extensionFace(bytes);
        return withFonts([...extensions, face], [...fontFiles, { name: face.name, bytes }]);
      },
    };
  };
  const base = withFonts([], baseFiles);
  return extensionFontBytes ? base.withExtensionFont(extensionFontBytes) : base;
};

