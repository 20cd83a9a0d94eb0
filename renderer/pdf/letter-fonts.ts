/**
 * The letter's font faces, parsed once per renderer: the CJK and Latin TrueType faces (or Helvetica),
 * their per-document views with a fast subset encoder, and the FontSet that picks a face for each
 * character (see letter-pdf.ts for why the fonts are handled here rather than by jsPDF).
 */
import { jsPDF } from 'jspdf';
import { addPreparedFont, ttfFontApi } from './jspdf-font';
import { memo, type FontFace } from './font-face';
import { assembleTrueType, contourPath, readTrueType, writeUint16, writeUint32, type PathOp, type TrueTypeFile } from './truetype';
import { PT } from './letter-style';

/** The parts of jsPDF's (untyped) TTFFont this module relies on. */
export interface ParsedTrueType {
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
export interface DocumentFontView extends ParsedTrueType {
  Unicode: { encoding: Record<string, never>; kerning: Record<string, never>; widths: unknown[] };
  toUnicode: Record<number, number>;
  glyIdsUsed: number[];
}


/** Tables of jsPDF's subset (no hinting tables, no vertical metrics), in the tag order the spec asks for. */
export const SUBSET_TABLES = ['OS/2', 'cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post'] as const;

export interface PreparedTrueType {
  parsed: ParsedTrueType;
  /** The same font, read by truetype.ts (outlines, ink boxes). */
  file: TrueTypeFile;
  /** A TrueType font holding the given glyphs at their original ids (CIDToGIDMap /Identity). */
  subset(glyphIds: readonly number[]): Uint8Array;
}

/** Parses a TrueType font once (jsPDF's parser) and prepares everything its per-document subsets share. */
export const prepareTrueType = (fontBytes: Uint8Array): PreparedTrueType => {
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

export const STANDARD_FONT_NAMES = /^(helvetica|times|courier|symbol|zapfdingbats)/i;

/** The font's PostScript name (what pdffonts shows), unless it is missing or would clash. */
export const faceName = (parsed: ParsedTrueType, fallback: string, taken: readonly string[]): string => {
  const postscript = typeof parsed.name.postscriptName === 'string' ? parsed.name.postscriptName.replace(/[^A-Za-z0-9-]/g, '') : '';
  const name = postscript === '' || STANDARD_FONT_NAMES.test(postscript) ? fallback : postscript;
  return taken.includes(name) ? `${name}-${fallback}` : name;
};

/** A face for a BMP font jsPDF embeds itself (through the per-document view below). */
export const trueTypeFace = (fontBytes: Uint8Array, fallbackName: string, takenNames: readonly string[] = []): FontFace => {
  const font = prepareTrueType(fontBytes);
  const { parsed, file } = font;
  const name = faceName(parsed, fallbackName, takenNames);
  // jsPDF looks characters up by UTF-16 code unit: the face has nothing above U+FFFF.
  const glyphOf = memo((code) => (code > 0xffff ? 0 : parsed.characterToGlyph(code)));
  // jsPDF writes /W entries as parseInt(widthOfGlyph(glyph)).
  const advance = memo((code) => (glyphOf(code) === 0 ? 0 : Math.trunc(parsed.widthOfGlyph(glyphOf(code)))));
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
export const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a,
  0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Helvetica, one of the PDF standard fonts: every viewer has it, nothing is embedded. */
export const helveticaFace = (): FontFace => {
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
export const codePointAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
  }
  return code;
};

export const unitLength = (codePoint: number): number => (codePoint > 0xffff ? 2 : 1);

/** Ideographs of one shape family, for lining up the extension font's ideographs with the CJK font's. */
export const CJK_REFERENCE = [...'吉田国日明林'].map((character) => character.codePointAt(0) ?? 0);
export const EXTENSION_REFERENCE = [...'𠮷𠀡𡒄𠇔𪨶𬌗𬘭𬣙𫖮'].map((character) => character.codePointAt(0) ?? 0);

/** The average vertical middle (em, y up) of the ink of those of `codes` the face has, or null. */
export const inkMiddle = (face: FontFace, codes: readonly number[]): number | null => {
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
export class FontSet {
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

