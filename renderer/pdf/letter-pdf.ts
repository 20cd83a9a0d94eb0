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
import QRCode from 'qrcode';
import { shanghaiDateTime } from '../../shared/domain/case-number';
import type { SignatureCapture } from '../../shared/domain/signature';
import type { LetterDocument, LetterField, LetterSection } from '../../shared/letter/letter-document';
import { createExtensionFace } from './extension-font';
import { addPreparedFont, ttfFontApi } from './jspdf-font';
import { memo, type FontFace } from './font-face';
import { breakLines, layoutParagraph, type LinePiece } from './line-break';
import { UnsupportedCharacterError, findNonBmpCharacters } from './non-bmp';
import { assembleTrueType, contourPath, readTrueType, writeUint16, writeUint32, type PathOp, type TrueTypeFile } from './truetype';

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

export interface LetterPdfRenderer {
  /**
   * Throws UnsupportedCharacterError when the letter holds a character the PDF cannot show: reason
   * 'outside-bmp' for a character above U+FFFF when this renderer has no extension font, reason
   * 'missing-glyph' for one that no font of the renderer has.
   */
  render(input: LetterPdfInput): Uint8Array;
  /** Whether characters outside the BMP can be printed (the extension font is loaded). */
  readonly hasExtensionFont: boolean;
  /**
   * A renderer that shares this one's prepared fonts and adds `extensionFontBytes` (HanaMinB.ttf) for
   * characters outside the BMP; called again on the result, it adds a further fallback for what the
   * earlier extension fonts lack. The bytes are kept, not copied: do not modify them afterwards.
   */
  withExtensionFont(extensionFontBytes: Uint8Array): LetterPdfRenderer;
}

/** One typographic point in mm. */
const PT = 25.4 / 72;

// ---------------------------------------------------------------------------------------------
// Fonts: parsed once per renderer
// ---------------------------------------------------------------------------------------------

/** The parts of jsPDF's (untyped) TTFFont this module relies on. */
interface ParsedTrueType {
  characterToGlyph(code: number): number;
  widthOfGlyph(glyph: number): number;
  directory: { scalarType: number; tables: Record<string, { offset: number; length: number } | undefined> };
  loca: { offsets: number[] };
  glyf: { glyphFor(id: number): { compound: boolean; glyphIDs?: number[] } | null };
  cmap: unknown;
  head: { unitsPerEm: number };
  name: { postscriptName?: unknown };
  subset: { encode(glyphIds: number[], indexToLocFormat: number): ArrayLike<number> };
}

/** What jsPDF keeps per document on `font.metadata`; it must not leak between documents. */
interface DocumentFontView extends ParsedTrueType {
  Unicode: { encoding: Record<string, never>; kerning: Record<string, never>; widths: unknown[] };
  toUnicode: Record<number, number>;
  glyIdsUsed: number[];
}


/** Tables of jsPDF's subset (no hinting tables, no vertical metrics), in the tag order the spec asks for. */
const SUBSET_TABLES = ['OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post'] as const;

interface PreparedTrueType {
  parsed: ParsedTrueType;
  /** The same font, read by truetype.ts (outlines, ink boxes). */
  file: TrueTypeFile;
  /** A TrueType font holding the given glyphs at their original ids (CIDToGIDMap /Identity). */
  subset(glyphIds: readonly number[]): Uint8Array;
}

/** Parses a TrueType font once (jsPDF's parser) and prepares everything its per-document subsets share. */
const prepareTrueType = (fontBytes: Uint8Array): PreparedTrueType => {
  const bytes = new Uint8Array(fontBytes); // own copy: the caller may reuse its buffer
  const parsed = ttfFontApi.open(bytes) as ParsedTrueType;
  const { tables } = parsed.directory;
  const tableBytes = (tag: string): Uint8Array | null => {
    const entry = tables[tag];
    return entry ? bytes.slice(entry.offset, entry.offset + entry.length) : null;
  };
  const glyfEntry = tables.glyf;
  const headBytes = tableBytes('head');
  if (!glyfEntry || !headBytes || headBytes.length < 54 || !tables.loca) {
    throw new Error('letter font: not a TrueType (glyf) font');
  }
  // Like jsPDF: a 54-byte head with long loca offsets (indexToLocFormat = 1).
  const head = headBytes.slice(0, 54);
  writeUint16(head, 50, 1);
  const fixedTables = new Map<string, Uint8Array>();
  for (const tag of SUBSET_TABLES) {
    if (tag === 'glyf' || tag === 'loca' || tag === 'head') continue;
    const table = tableBytes(tag);
    if (table) fixedTables.set(tag, table);
  }
  // post format 3 (no glyph names): PDF viewers do not use the names, DejaVu's are 60 KB.
  const post = fixedTables.get('post');
  if (post && post.length > 32) {
    const short = post.slice(0, 32);
    writeUint32(short, 0, 0x00030000);
    fixedTables.set('post', short);
  }
  const locaOffsets = parsed.loca.offsets;
  const glyphCount = locaOffsets.length - 1;
  const glyphLength = (id: number): number => Math.max(0, (locaOffsets[id + 1] ?? 0) - (locaOffsets[id] ?? 0));

  const subset = (glyphIds: readonly number[]): Uint8Array => {
    // Glyph 0 plus the used glyphs and, recursively, the components of compound glyphs.
    const used = new Set<number>();
    const pending = [0, ...glyphIds];
    while (pending.length > 0) {
      const id = pending.pop() as number;
      if (used.has(id) || id < 0 || id >= glyphCount) continue;
      used.add(id);
      const glyph = parsed.glyf.glyphFor(id);
      if (glyph?.compound && glyph.glyphIDs) pending.push(...glyph.glyphIDs);
    }
    const ids = [...used].sort((a, b) => a - b);

    let glyfLength = 0;
    for (const id of ids) glyfLength += glyphLength(id);
    const glyf = new Uint8Array(glyfLength);
    const loca = new Uint8Array((glyphCount + 1) * 4);
    let pointer = 0;
    let next = 0;
    for (let id = 0; id <= glyphCount; id += 1) {
      writeUint32(loca, id * 4, pointer);
      if (ids[next] === id) {
        next += 1;
        const length = glyphLength(id);
        const start = glyfEntry.offset + (locaOffsets[id] ?? 0);
        glyf.set(bytes.subarray(start, start + length), pointer);
        pointer += length;
      }
    }

    const parts = new Map<string, Uint8Array>(fixedTables);
    parts.set('glyf', glyf);
    parts.set('loca', loca);
    parts.set('head', head.slice());
    return assembleTrueType(parsed.directory.scalarType, parts, SUBSET_TABLES);
  };
  return { parsed, file: readTrueType(bytes), subset };
};

/** Exported for tests: the subset encoder the renderer embeds TrueType fonts with. */
export const createTrueTypeSubsetter = (fontBytes: Uint8Array): ((glyphIds: readonly number[]) => Uint8Array) =>
  prepareTrueType(fontBytes).subset;

const STANDARD_FONT_NAMES = /^(helvetica|times|courier|symbol|zapfdingbats)/i;

/** The font's PostScript name (what pdffonts shows), unless it is missing or would clash. */
const faceName = (parsed: ParsedTrueType, fallback: string, taken: readonly string[]): string => {
  const postscript = typeof parsed.name.postscriptName === 'string' ? parsed.name.postscriptName.replace(/[^A-Za-z0-9-]/g, '') : '';
  const name = postscript === '' || STANDARD_FONT_NAMES.test(postscript) ? fallback : postscript;
  return taken.includes(name) ? `${name}-${fallback}` : name;
};

/** A face for a BMP font jsPDF embeds itself (through the per-document view below). */
const trueTypeFace = (fontBytes: Uint8Array, fallbackName: string, takenNames: readonly string[] = []): FontFace => {
  const font = prepareTrueType(fontBytes);
  const { parsed, file } = font;
  const name = faceName(parsed, fallbackName, takenNames);
  // jsPDF looks characters up by UTF-16 code unit: the face has nothing above U+FFFF.
  const glyphOf = memo((code) => (code > 0xffff ? 0 : parsed.characterToGlyph(code)));
  // jsPDF writes /W entries as parseInt(widthOfGlyph(glyph)).
  const advance = memo((code) => (glyphOf(code) === 0 ? 0 : Math.trunc(parsed.widthOfGlyph(glyphOf(code)))));
  const vfsName = `${name}.ttf`;
  return {
    name,
    hasGlyph: (code) => glyphOf(code) !== 0,
    advance,
    outline(code) {
      const contours = glyphOf(code) === 0 ? null : file.outline(glyphOf(code));
      return contours ? { contours, unitsPerEm: file.unitsPerEm } : null;
    },
    inkBox(code) {
      const box = glyphOf(code) === 0 ? null : file.box(glyphOf(code));
      return box ? [box[0] / file.unitsPerEm, box[1] / file.unitsPerEm, box[2] / file.unitsPerEm, box[3] / file.unitsPerEm] : null;
    },
    install(doc) {
      // A per-document view of the parsed font: jsPDF records used glyphs, widths and ToUnicode on
      // it, so those must be the document's own; everything else is shared.
      const view = Object.create(parsed) as DocumentFontView;
      view.Unicode = { encoding: {}, kerning: {}, widths: [] };
      view.toUnicode = {};
      view.glyIdsUsed = [0];
      view.subset = { encode: (glyphIds) => font.subset(glyphIds) };
      // jsPDF's text function checks `metadata.hasOwnProperty('cmap')` before mapping characters.
      view.cmap = parsed.cmap;
      addPreparedFont(doc, name, view);
    },
  };
};

/** Code points beyond Latin-1 that WinAnsiEncoding (and so the standard fonts) can show. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a,
  0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Helvetica, one of the PDF standard fonts: every viewer has it, nothing is embedded. */
const helveticaFace = (): FontFace => {
  const probe = new jsPDF({ unit: 'pt' });
  probe.setFont('helvetica', 'normal');
  const hasGlyph = (code: number): boolean =>
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code);
  return {
    name: 'helvetica',
    hasGlyph,
    advance: memo((code) => (hasGlyph(code) ? Math.round(probe.getStringUnitWidth(String.fromCharCode(code)) * 1000) : 0)),
    install: () => undefined,
  };
};

/** The code point at `index` of `text` and its length in code units (a lone surrogate is its own). */
const codePointAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
  }
  return code;
};

const unitLength = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** Ideographs of one shape family, for lining up the extension font's ideographs with the CJK font's. */
const CJK_REFERENCE = [...'吉田国日明林'].map((character) => character.codePointAt(0) ?? 0);
const EXTENSION_REFERENCE = [...'𠮷𠀡𡒄𠇔𪨶𬌗𬘭𬣙𫖮'].map((character) => character.codePointAt(0) ?? 0);

/** The average vertical middle (em, y up) of the ink of those of `codes` the face has, or null. */
const inkMiddle = (face: FontFace, codes: readonly number[]): number | null => {
  const middles = codes.flatMap((code) => {
    const box = face.hasGlyph(code) ? face.inkBox?.(code) : null;
    return box ? [(box[1] + box[3]) / 2] : [];
  });
  return middles.length === 0 ? null : middles.reduce((sum, middle) => sum + middle, 0) / middles.length;
};

/**
 * Picks the face for each character: Latin below the CJK blocks when it can, else CJK, else Latin;
 * characters above U+FFFF from the first extension face that has them.
 */
class FontSet {
  private readonly faces = new Map<number, FontFace | null>();
  /** How far (em, downwards) each extension face's glyphs are moved to sit like the CJK face's. */
  private readonly drops = new Map<FontFace, number>();

  constructor(
    readonly cjk: FontFace,
    readonly latin: FontFace,
    readonly extensions: readonly FontFace[] = [],
  ) {
    const cjkMiddle = inkMiddle(cjk, CJK_REFERENCE);
    for (const extension of extensions) {
      const middle = inkMiddle(extension, EXTENSION_REFERENCE);
      // Rounded so that the PDF's coordinates do not depend on floating-point noise.
      this.drops.set(extension, cjkMiddle === null || middle === null ? 0 : Math.round((middle - cjkMiddle) * 1000) / 1000);
    }
  }

  /** The vertical adjustment of a face's glyphs, in em downwards (0 but for extension faces). */
  drop(face: FontFace): number {
    return this.drops.get(face) ?? 0;
  }

  faceFor(code: number): FontFace | null {
    let face = this.faces.get(code);
    if (face === undefined) {
      if (code > 0xffff) face = this.extensions.find((extension) => extension.hasGlyph(code)) ?? null;
      else if (code < 0x2e80 && this.latin.hasGlyph(code)) face = this.latin;
      else if (this.cjk.hasGlyph(code)) face = this.cjk;
      else if (this.latin.hasGlyph(code)) face = this.latin;
      else face = null;
      this.faces.set(code, face);
    }
    return face;
  }

  /**
   * Makes the faces available in a new document; the extension face only when the document needs it,
   * and after the others, so a letter without such characters comes out byte for byte the same
   * whether or not the renderer has the extension font.
   */
  install(doc: jsPDF, withExtension: boolean): void {
    this.latin.install(doc);
    this.cjk.install(doc);
    if (withExtension) for (const extension of this.extensions) extension.install(doc);
  }

  /** Width in mm of `text` at `pt` points. */
  width(text: string, pt: number): number {
    let units = 0;
    for (let i = 0; i < text.length; ) {
      const code = codePointAt(text, i);
      units += this.faceFor(code)?.advance(code) ?? 0;
      i += unitLength(code);
    }
    return (units / 1000) * pt * PT;
  }

  /**
   * `text` as filled vector outlines (not text: it stays out of copy-paste and text extraction),
   * baseline starting at (x, y), rotated `angle`° counter-clockwise. Null if a glyph has no outline.
   */
  outlinePath(text: string, pt: number, x: number, y: number, angle: number): PathOp[] | null {
    const cos = Math.cos((angle * Math.PI) / 180);
    const sin = Math.sin((angle * Math.PI) / 180);
    const ops: PathOp[] = [];
    let advance = 0;
    for (let i = 0; i < text.length; ) {
      const code = codePointAt(text, i);
      i += unitLength(code);
      const face = this.faceFor(code);
      const outline = face?.outline?.(code);
      if (!face || !outline) return null;
      const scale = (pt * PT) / outline.unitsPerEm;
      const start = advance;
      const map = (gx: number, gy: number): [number, number] => {
        const u = start + gx * scale;
        const v = gy * scale;
        return [x + u * cos - v * sin, y - u * sin - v * cos];
      };
      for (const contour of outline.contours) ops.push(...contourPath(contour, map));
      advance += (face.advance(code) / 1000) * pt * PT;
    }
    return ops;
  }

  /** The text cut into runs drawn with one face each; `characters` counts code points. */
  runs(text: string): { face: FontFace; text: string; characters: number }[] {
    const runs: { face: FontFace; text: string; characters: number }[] = [];
    for (let i = 0; i < text.length; ) {
      const code = codePointAt(text, i);
      const character = text.slice(i, i + unitLength(code));
      i += character.length;
      const face = this.faceFor(code);
      if (!face) continue; // refused before layout (assertPrintable)
      const last = runs[runs.length - 1];
      if (last && last.face === face) {
        last.text += character;
        last.characters += 1;
      } else runs.push({ face, text: character, characters: 1 });
    }
    return runs;
  }
}

// ---------------------------------------------------------------------------------------------
// Page geometry and styles
// ---------------------------------------------------------------------------------------------

type Rgb = readonly [number, number, number];

const PAGE_WIDTH = 210;
const PAGE_HEIGHT = 297;
const MARGIN = 20;
const CONTENT_LEFT = MARGIN;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const CONTENT_TOP = MARGIN;
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN;
const FOOTER_BASELINE = PAGE_HEIGHT - 11;

const BLACK: Rgb = [0, 0, 0];
const INK: Rgb = [20, 30, 80];
const GREY: Rgb = [100, 100, 100];
const RULE: Rgb = [170, 170, 170];
const SAMPLE_RED: Rgb = [190, 20, 20];
const WATERMARK: Rgb = [222, 222, 222];

const TITLE_PT = 20;
const PART_PT = 14;
const HEADING_PT = 12;
const BODY_PT = 11;
const FIELD_PT = 10.5;
const FOOTER_PT = 9;
const LINE_FACTOR = 1.7;
const lineHeight = (pt: number): number => pt * PT * LINE_FACTOR;

const SAMPLE_MARK = '示例（非正式文书）';
const WATERMARK_TEXT = '示例';
const WATERMARK_PT = 150;
const UNARCHIVED = '未归档预览';
const reprintLabel = (at: Date): string => `补打 ${shanghaiDateTime(at)}`;
const pageLabel = (page: number, pages: number): string => `第 ${page} 页 / 共 ${pages} 页`;

const SIGNATURE_BOX = { width: 72, height: 30, padding: 2.5 } as const;
/** Space above the signature and around the execution fields (rule + padding), in mm. */
const SIGNATURE_SPACE = 4;
const FIELDS_SPACE = 6;
const SIGNATURE_LINE_WIDTH = 0.45;
const QR_SIZE = 28;
const QR_QUIET_MODULES = 4;

// ---------------------------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------------------------

/** Whitespace variants become a plain space and invisible joiners go; nothing visible changes. */
const cleanText = (text: string): string =>
  text.replace(/\r\n?/g, '\n').replace(/[\t\u00A0\u2000-\u200A\u202F\u205F]/g, ' ').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');

const cleanSection = (section: LetterSection): LetterSection => ({
  heading: cleanText(section.heading),
  paragraphs: section.paragraphs.map(cleanText),
});

const cleanDocument = (document: LetterDocument): LetterDocument => ({
  ...document,
  title: cleanText(document.title),
  pages: document.pages.map((page) => ({ title: cleanText(page.title), sections: page.sections.map(cleanSection) })),
  commitment: document.commitment ? cleanSection(document.commitment) : null,
  execution: document.execution.map((field) => ({ label: cleanText(field.label), value: cleanText(field.value) })),
  signatureLabel: document.signatureLabel === null ? null : cleanText(document.signatureLabel),
  caseNumber: document.caseNumber === null ? null : cleanText(document.caseNumber),
});

const documentTexts = (document: LetterDocument): string[] => [
  document.title,
  ...document.pages.flatMap((page) => [page.title, ...page.sections.flatMap((s) => [s.heading, ...s.paragraphs])]),
  ...(document.commitment ? [document.commitment.heading, ...document.commitment.paragraphs] : []),
  ...document.execution.flatMap((field) => [field.label, field.value]),
  document.signatureLabel ?? '',
  document.caseNumber ?? UNARCHIVED,
  pageLabel(1234567890, 1234567890),
  SAMPLE_MARK,
  reprintLabel(new Date(0)),
  '：',
];

/**
 * Refuses text the PDF would print wrong: characters outside the BMP when the renderer has no
 * extension font (or malformed text), then characters no font has. Never drops one silently.
 */
const assertPrintable = (texts: readonly string[], fonts: FontSet): void => {
  const outsideBmp = findNonBmpCharacters(...texts).filter((character) => {
    const code = character.codePointAt(0) ?? 0;
    return code <= 0xffff || fonts.extensions.length === 0;
  });
  if (outsideBmp.length > 0) throw new UnsupportedCharacterError(outsideBmp, 'outside-bmp');
  const missing = new Set<string>();
  for (const text of texts) {
    for (let i = 0; i < text.length; ) {
      const code = codePointAt(text, i);
      const length = unitLength(code);
      if (code !== 0x0a && !fonts.faceFor(code)) missing.add(text.slice(i, i + length));
      i += length;
    }
  }
  if (missing.size > 0) throw new UnsupportedCharacterError([...missing], 'missing-glyph');
};

/**
 * Whether the letter holds characters outside the BMP (CJK Extension B and beyond, e.g. 𠮷 in a
 * name): then it must be rendered by a renderer with the extension font (`withExtensionFont`, or
 * `letterPdfRenderer({ needsExtension: true })` in the app). Cheap: a scan for surrogates.
 */
export const needsExtensionFont = (document: LetterDocument): boolean =>
  findNonBmpCharacters(...documentTexts(document)).some((character) => (character.codePointAt(0) ?? 0) > 0xffff);

/** D:YYYYMMDDHHmmSS+08'00' — Asia/Shanghai (no daylight saving), whatever the machine's zone. */
const pdfDate = (instant: Date): string => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('letter PDF: issuedAt is not a valid date');
  const shanghai = new Date(instant.getTime() + 8 * 3_600_000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `D:${shanghai.getUTCFullYear()}${pad(shanghai.getUTCMonth() + 1)}${pad(shanghai.getUTCDate())}` +
    `${pad(shanghai.getUTCHours())}${pad(shanghai.getUTCMinutes())}${pad(shanghai.getUTCSeconds())}+08'00'`
  );
};

const pdfFileId = (fileId: string): string => {
  if (!/^[0-9a-fA-F]+$/.test(fileId)) throw new RangeError('letter PDF: fileId must be a hex string');
  return fileId.length >= 32 ? fileId.slice(0, 32) : fileId.padStart(32, '0');
};

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

class LetterLayout {
  /** Top of the next block on the current page. */
  y = CONTENT_TOP;
  /** Bottom of the last full-width block (the QR code must stay below it). */
  fullWidthBottom = CONTENT_TOP;

  constructor(
    private readonly doc: jsPDF,
    private readonly fonts: FontSet,
    private readonly sample: boolean,
  ) {
    this.decoratePage(1);
  }

  width(text: string, pt: number): number {
    return this.fonts.width(text, pt);
  }

  measureAt(pt: number): (text: string) => number {
    return (text) => this.width(text, pt);
  }

  pageCount(): number {
    return this.doc.getNumberOfPages();
  }

  newPage(): void {
    this.doc.addPage('a4', 'portrait');
    this.y = CONTENT_TOP;
    this.fullWidthBottom = CONTENT_TOP;
    this.decoratePage(this.pageCount());
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
    const visible = text.replace(/\s+$/u, '');
    if (visible === '') return;
    const color = options.color ?? BLACK;
    this.doc.setFontSize(pt);
    this.doc.setTextColor(color[0], color[1], color[2]);
    if (options.bold) {
      // One weight only: fill + a thin outline of the glyphs reads as bold.
      this.doc.setDrawColor(color[0], color[1], color[2]);
      this.doc.setLineWidth(pt * 0.012);
    }
    const letterSpacing = options.letterSpacing ?? 0;
    const textOptions = {
      ...(options.bold ? { renderingMode: 'fillThenStroke' as const } : {}),
      ...(options.angle ? { angle: options.angle } : {}),
      // jsPDF writes Tc only when given a non-zero value; the document's default (0) resets it.
      ...(letterSpacing !== 0 ? { charSpace: letterSpacing } : {}),
    };
    const radians = ((options.angle ?? 0) * Math.PI) / 180;
    const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
    let offset = 0;
    for (const run of this.fonts.runs(visible)) {
      if (this.doc.getFont().fontName !== run.face.name) this.doc.setFont(run.face.name, 'normal');
      // The extension font's ideographs sit a little higher in their em than the CJK font's.
      const drop = this.fonts.drop(run.face) * pt * PT;
      const drawn = run.face.encode ? run.face.encode(run.text) : run.text;
      this.doc.text(drawn, x + offset * cos + drop * sin, baseline - offset * sin + drop * cos, textOptions);
      offset += this.width(run.text, pt) + letterSpacing * run.characters;
    }
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
    if (!this.sample) return;
    // Large light-grey diagonal 示例 under everything else on the page, drawn as shapes.
    const angle = 45;
    const radians = (angle * Math.PI) / 180;
    const width = this.width(WATERMARK_TEXT, WATERMARK_PT);
    const height = 0.72 * WATERMARK_PT * PT;
    const along = [Math.cos(radians), -Math.sin(radians)] as const; // baseline direction (y down)
    const up = [-Math.sin(radians), -Math.cos(radians)] as const;
    const x = PAGE_WIDTH / 2 - (along[0] * width) / 2 - (up[0] * height) / 2;
    const y = PAGE_HEIGHT / 2 - (along[1] * width) / 2 - (up[1] * height) / 2;
    const outline = this.fonts.outlinePath(WATERMARK_TEXT, WATERMARK_PT, x, y, angle);
    if (outline) {
      this.doc.setFillColor(WATERMARK[0], WATERMARK[1], WATERMARK[2]);
      this.doc.path(outline);
      this.doc.fill();
    } else {
      this.text(WATERMARK_TEXT, x, y, WATERMARK_PT, { color: WATERMARK, angle });
    }
    if (page > 1) {
      const markWidth = this.width(SAMPLE_MARK, FIELD_PT);
      this.text(SAMPLE_MARK, (PAGE_WIDTH - markWidth) / 2, MARGIN - 7, FIELD_PT, { color: SAMPLE_RED });
    }
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
      this.doc.setDrawColor(SAMPLE_RED[0], SAMPLE_RED[1], SAMPLE_RED[2]);
      this.doc.setLineWidth(0.35);
      this.doc.rect(x - 2.5, this.y + 0.5, width + 5, boxHeight - 1, 'S');
      this.text(SAMPLE_MARK, x, LetterLayout.baseline(this.y, FIELD_PT, boxHeight), FIELD_PT, { color: SAMPLE_RED });
      this.y += boxHeight;
    }
    this.y += 4;
    this.fullWidthBottom = this.y;
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
    this.doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    this.doc.setLineWidth(0.3);
    this.doc.line(CONTENT_LEFT, this.y, CONTENT_LEFT + CONTENT_WIDTH, this.y);
    this.y += 2;
    this.fullWidthBottom = this.y;
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
        this.doc.setFillColor(BLACK[0], BLACK[1], BLACK[2]);
        this.doc.rect(CONTENT_LEFT, baseline - 0.36 * HEADING_PT * PT - side / 2, side, side, 'F');
      }
      this.text(line, CONTENT_LEFT + indent, baseline, HEADING_PT, { bold: true });
      this.y += height;
    });
    this.fullWidthBottom = this.y;
  }

  /**
   * A body paragraph with a two-character first-line indent, justified (every line but the last
   * reaches the right margin); breaks across pages line by line.
   */
  paragraph(text: string, pt = BODY_PT): void {
    if (text.trim() === '') return;
    const lines = layoutParagraph(text, CONTENT_WIDTH, this.measureAt(pt), { firstLineIndent: 2 * pt * PT });
    const height = lineHeight(pt);
    // No single orphan line at the bottom of a page.
    this.ensure(Math.min(lines.length, 2) * height);
    for (const line of lines) {
      this.ensure(height);
      this.pieces(line.pieces, CONTENT_LEFT, LetterLayout.baseline(this.y, pt, height), pt);
      this.y += height;
    }
    this.y += 1;
    this.fullWidthBottom = this.y;
  }

  section(section: LetterSection): void {
    this.sectionHeading(section.heading);
    for (const paragraph of section.paragraphs) this.paragraph(paragraph);
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
  closing(fields: readonly LetterField[], signatureLabel: string | null, signature: SignatureCapture | null): void {
    const layout = this.fieldRows(fields);
    const total = layout.height + (signatureLabel === null ? 0 : SIGNATURE_SPACE + SIGNATURE_BOX.height);
    if (total <= CONTENT_BOTTOM - CONTENT_TOP) this.ensure(total);
    this.fields(layout);
    if (signatureLabel !== null) this.signature(signatureLabel, signature);
  }

  /** Execution fields as two columns of `label：value`, values wrapping inside their column. */
  private fields({ gap, columnWidth, labelWidth, rows, rowLines }: ReturnType<LetterLayout['fieldRows']>): void {
    if (rows.length === 0) return;
    const height = lineHeight(FIELD_PT);
    this.y += 3;
    this.ensure(height * 2 + 2);
    this.doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    this.doc.setLineWidth(0.3);
    this.doc.line(CONTENT_LEFT, this.y, CONTENT_LEFT + CONTENT_WIDTH, this.y);
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
    this.fullWidthBottom = this.y;
  }

  /** The signature label with the strokes drawn to its right; the two never part across a page break. */
  private signature(label: string, capture: SignatureCapture | null): void {
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
    this.doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
    this.doc.setLineWidth(0.25);
    this.doc.line(boxLeft, baseline + 1.5, boxLeft + box.width, baseline + 1.5);
    if (capture) this.strokes(capture, boxLeft, top, box.width, box.height, box.padding);
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
    const doc = this.doc;
    doc.setDrawColor(INK[0], INK[1], INK[2]);
    doc.setFillColor(INK[0], INK[1], INK[2]);
    doc.setLineWidth(SIGNATURE_LINE_WIDTH);
    doc.setLineCap('round');
    doc.setLineJoin('round');
    let pathOpen = false;
    for (const stroke of capture.strokes) {
      const first = stroke.points[0];
      if (!first) continue;
      const [x0, y0] = at(first);
      if (stroke.points.length === 1) {
        doc.circle(x0, y0, SIGNATURE_LINE_WIDTH / 2, 'F');
        continue;
      }
      const segments: [number, number][] = [];
      let [px, py] = [x0, y0];
      for (const point of stroke.points.slice(1)) {
        const [x, y] = at(point);
        segments.push([x - px, y - py]);
        [px, py] = [x, y];
      }
      doc.lines(segments, x0, y0, [1, 1], null, false);
      pathOpen = true;
    }
    if (pathOpen) doc.stroke();
    doc.setLineCap('butt');
    doc.setLineJoin('miter');
  }

  /** The QR code at the bottom right of the current page, on a new page if content reaches down there. */
  qrCode(payload: string): void {
    const top = CONTENT_BOTTOM - QR_SIZE;
    if (this.fullWidthBottom > top - 2) this.newPage();
    const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const count = modules.size;
    const module = QR_SIZE / (count + 2 * QR_QUIET_MODULES);
    const left = PAGE_WIDTH - MARGIN - QR_SIZE + QR_QUIET_MODULES * module;
    const y0 = top + QR_QUIET_MODULES * module;
    const doc = this.doc;
    doc.setFillColor(0, 0, 0);
    let any = false;
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
        doc.rect(left + start * module, y0 + row * module, (column - start) * module, module, null);
        any = true;
      }
    }
    if (any) doc.fill();
  }

  /** The 补打 mark, boxed in red at the top right of every page. */
  reprintMarks(at: Date): void {
    const label = reprintLabel(at);
    const width = this.width(label, FIELD_PT);
    const padding = 1.5;
    const x = CONTENT_LEFT + CONTENT_WIDTH - width;
    const baseline = MARGIN - 7;
    for (let page = 1; page <= this.pageCount(); page += 1) {
      this.doc.setPage(page);
      this.doc.setDrawColor(SAMPLE_RED[0], SAMPLE_RED[1], SAMPLE_RED[2]);
      this.doc.setLineWidth(0.4);
      this.doc.rect(x - padding, baseline - FIELD_PT * PT - padding + 0.8, width + 2 * padding, FIELD_PT * PT + 2 * padding, 'S');
      this.text(label, x, baseline, FIELD_PT, { color: SAMPLE_RED });
    }
  }

  footers(caseNumber: string | null): void {
    const pages = this.pageCount();
    const left = caseNumber ?? UNARCHIVED;
    for (let page = 1; page <= pages; page += 1) {
      this.doc.setPage(page);
      this.doc.setDrawColor(RULE[0], RULE[1], RULE[2]);
      this.doc.setLineWidth(0.2);
      this.doc.line(CONTENT_LEFT, FOOTER_BASELINE - 4, CONTENT_LEFT + CONTENT_WIDTH, FOOTER_BASELINE - 4);
      this.text(left, CONTENT_LEFT, FOOTER_BASELINE, FOOTER_PT, { color: GREY });
      const label = pageLabel(page, pages);
      this.text(label, CONTENT_LEFT + CONTENT_WIDTH - this.width(label, FOOTER_PT), FOOTER_BASELINE, FOOTER_PT, { color: GREY });
    }
  }
}

const renderLetter = (fonts: FontSet, input: LetterPdfInput): Uint8Array => {
  const document = cleanDocument(input.document);
  assertPrintable(documentTexts(document), fonts);
  const creationDate = pdfDate(input.issuedAt);
  const fileId = pdfFileId(input.fileId);

  const doc = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true, putOnlyUsedFonts: true });
  doc.setCreationDate(creationDate);
  doc.setFileId(fileId);
  // Every text call then writes its character spacing (Tc), so a justified line's never carries over.
  doc.setCharSpace(0);
  fonts.install(doc, needsExtensionFont(document));

  const layout = new LetterLayout(doc, fonts, document.sample);
  layout.title(document.title);
  for (const page of document.pages) {
    if (document.kind === 'proof-list') layout.paragraph(page.title);
    else layout.partHeading(page.title);
    for (const section of page.sections) layout.section(section);
  }
  if (document.commitment) {
    layout.partHeading(document.commitment.heading);
    for (const paragraph of document.commitment.paragraphs) layout.paragraph(paragraph);
  }
  layout.closing(document.execution, document.signatureLabel, input.signature);
  if (input.qrPayload !== null) layout.qrCode(input.qrPayload);
  layout.footers(document.caseNumber);
  if (input.reprintedAt) layout.reprintMarks(input.reprintedAt);

  return new Uint8Array(doc.output('arraybuffer'));
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
  const withFonts = (extensions: readonly FontFace[]): LetterPdfRenderer => {
    const fonts = new FontSet(cjk, latin, extensions);
    const extensionFace = (bytes: Uint8Array): FontFace =>
      createExtensionFace(bytes, `LetterExtension${extensions.length + 1}`, [cjk.name, latin.name, ...extensions.map((face) => face.name)]);
    return {
      hasExtensionFont: extensions.length > 0,
      render: (input) => renderLetter(fonts, input),
      withExtensionFont: (bytes) => withFonts([...extensions, extensionFace(bytes)]),
    };
  };
  const base = withFonts([]);
  return extensionFontBytes ? base.withExtensionFont(extensionFontBytes) : base;
};
