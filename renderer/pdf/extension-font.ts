/**
 * The extension face: characters outside the Basic Multilingual Plane (CJK Extension B and beyond,
 * e.g. 𠮷 U+20BB7 in names) printed as real text in an embedded font subset.
 *
 * jsPDF reads text as UTF-16 code units and its ToUnicode map holds one code unit per glyph, so it
 * can neither look up nor name such a character. This face therefore (1) hands jsPDF one private-use
 * code unit per distinct character of the document (U+E000, U+E001, … in order of first use), which
 * its per-document font view maps to glyph 1, 2, …; and (2) writes the font objects itself when
 * jsPDF emits fonts: a compact TrueType subset with exactly those glyphs renumbered
 * (CIDToGIDMap /Identity), /W widths, and a ToUnicode CMap that maps each glyph to the real character
 * as a UTF-16 surrogate pair. The printed glyph is the font's own outline, rasterized by the viewer
 * like every other character, and the text layer holds the real character: copy, search and
 * `pdftotext` give 𠮷, not a private-use code.
 *
 * The font is read lazily (truetype.ts): nothing but the table directory is parsed up front, so the
 * 30 MB HanaMinB costs its loading time only.
 */
import { addPreparedFont } from './jspdf-font';
import { memo, type FontFace } from './font-face';
import { compactSubset, readTrueType, type TrueTypeFile } from './truetype';

const PROXY_FIRST = 0xe000;
const PROXY_LAST = 0xf8ff;


interface PutFontArgs {
  font: { metadata?: unknown; isAlreadyPutted?: boolean; objectNumber?: number };
  out(line: string): void;
  newObject(): number;
  putStream(options: { data: string; addLength1?: boolean; objectId: number }): void;
}

/** What one document has drawn with the face: its characters in order of first use (glyph i + 1). */
interface DocumentGlyphs {
  codePoints: number[];
  slots: Map<number, number>;
  /** proxy code unit → glyph id, for jsPDF's text pipeline */
  codeMap: Record<number, number>;
}

const binaryString = (bytes: Uint8Array): string => {
  let out = '';
  for (let offset = 0; offset < bytes.length; offset += 0x2000) {
    out += String.fromCharCode(...bytes.subarray(offset, offset + 0x2000));
  }
  return out;
};

const hex = (value: number, digits: number): string => value.toString(16).toUpperCase().padStart(digits, '0');

/** UTF-16BE hex of a code point (a surrogate pair above U+FFFF). */
const utf16Hex = (codePoint: number): string => {
  if (codePoint <= 0xffff) return hex(codePoint, 4);
  const offset = codePoint - 0x10000;
  return hex(0xd800 + (offset >> 10), 4) + hex(0xdc00 + (offset & 0x3ff), 4);
};

/** A ToUnicode CMap for glyphs 1…n: glyph i + 1 is `codePoints[i]`. */
export const toUnicodeCmap = (codePoints: readonly number[]): string => {
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  for (let start = 0; start < codePoints.length; start += 100) {
    const chunk = codePoints.slice(start, start + 100);
    lines.push(`${chunk.length} beginbfchar`);
    chunk.forEach((codePoint, index) => lines.push(`<${hex(start + index + 1, 4)}> <${utf16Hex(codePoint)}>`));
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n');
};

/** Six capital letters naming a subset (PDF 32000 §9.6.4), derived from its characters: deterministic. */
const subsetTag = (codePoints: readonly number[]): string => {
  let hash = 0x811c9dc5;
  for (const codePoint of codePoints) {
    hash ^= codePoint;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i += 1) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + i * 7919;
  }
  return tag;
};

/** The font's PostScript name (name ID 6, Macintosh or Windows record), if it has a usable one. */
const postscriptName = (file: TrueTypeFile): string | null => {
  const name = file.table('name');
  if (!name || name.length < 6) return null;
  const view = new DataView(name.buffer, name.byteOffset, name.byteLength);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  for (let i = 0; i < count && 6 + i * 12 + 12 <= name.length; i += 1) {
    const record = 6 + i * 12;
    if (view.getUint16(record + 6) !== 6) continue;
    const platform = view.getUint16(record);
    const length = view.getUint16(record + 8);
    const start = strings + view.getUint16(record + 10);
    if (start + length > name.length) continue;
    let text = '';
    if (platform === 3 || platform === 0) for (let at = start; at + 1 < start + length; at += 2) text += String.fromCharCode(view.getUint16(at));
    else for (let at = start; at < start + length; at += 1) text += String.fromCharCode(view.getUint8(at));
    text = text.replace(/[^A-Za-z0-9-]/g, '');
    if (text !== '') return text;
  }
  return null;
};

/**
 * A face for the characters above U+FFFF that `fontBytes` (a TrueType font) has. The renderer keeps a
 * reference to the bytes: do not modify them afterwards.
 */
export const createExtensionFace = (fontBytes: Uint8Array, fallbackName = 'LetterExtension', takenNames: readonly string[] = []): FontFace => {
  const file = readTrueType(fontBytes);
  const ownName = postscriptName(file) ?? fallbackName;
  const name = takenNames.includes(ownName) ? `${ownName}-${fallbackName}` : ownName;
  const scale = 1000 / file.unitsPerEm;
  const glyphOf = memo((codePoint) => (codePoint > 0xffff ? file.glyphOf(codePoint) : 0));
  // As written into /W: whole thousandths of an em.
  const advance = memo((codePoint) => (glyphOf(codePoint) === 0 ? 0 : Math.trunc(file.advance(glyphOf(codePoint)) * scale)));
  const headTable = file.table('head') as Uint8Array;
  const hhea = file.table('hhea') as Uint8Array;
  const int16 = (table: Uint8Array, offset: number): number => new DataView(table.buffer, table.byteOffset, table.byteLength).getInt16(offset);
  const bbox = [36, 38, 40, 42].map((offset) => Math.round(int16(headTable, offset) * scale));
  const ascent = Math.round(int16(hhea, 4) * scale);
  const descent = Math.round(int16(hhea, 6) * scale);

  let current: DocumentGlyphs | null = null;

  const writeFont = (args: PutFontArgs, glyphs: DocumentGlyphs): void => {
    const { out, newObject, putStream } = args;
    const codePoints = glyphs.codePoints;
    const subset = compactSubset(file, codePoints.map(glyphOf), codePoints);
    const baseFont = `${subsetTag(codePoints)}+${name}`;

    const fontFile = newObject();
    putStream({ data: binaryString(subset), addLength1: true, objectId: fontFile });
    out('endobj');
    const toUnicode = newObject();
    putStream({ data: toUnicodeCmap(codePoints), addLength1: true, objectId: toUnicode });
    out('endobj');
    const descriptor = newObject();
    out('<<');
    out('/Type /FontDescriptor');
    out(`/FontName /${baseFont}`);
    out(`/FontFile2 ${fontFile} 0 R`);
    out(`/FontBBox [${bbox.join(' ')}]`);
    out('/Flags 4');
    out('/StemV 80');
    out('/ItalicAngle 0');
    out(`/Ascent ${ascent}`);
    out(`/Descent ${descent}`);
    out(`/CapHeight ${ascent}`);
    out('>>');
    out('endobj');
    const descendant = newObject();
    out('<<');
    out('/Type /Font');
    out('/Subtype /CIDFontType2');
    out(`/BaseFont /${baseFont}`);
    out('/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>');
    out(`/FontDescriptor ${descriptor} 0 R`);
    out(`/W [1 [${codePoints.map(advance).join(' ')}]]`);
    out('/DW 1000');
    out('/CIDToGIDMap /Identity');
    out('>>');
    out('endobj');
    args.font.objectNumber = newObject();
    out('<<');
    out('/Type /Font');
    out('/Subtype /Type0');
    out(`/BaseFont /${baseFont}`);
    out('/Encoding /Identity-H');
    out(`/DescendantFonts [${descendant} 0 R]`);
    out(`/ToUnicode ${toUnicode} 0 R`);
    out('>>');
    out('endobj');
    args.font.isAlreadyPutted = true;
  };

  return {
    name,
    hasGlyph: (codePoint) => glyphOf(codePoint) !== 0,
    advance,
    inkBox(codePoint) {
      const box = glyphOf(codePoint) === 0 ? null : file.box(glyphOf(codePoint));
      return box ? [box[0] / file.unitsPerEm, box[1] / file.unitsPerEm, box[2] / file.unitsPerEm, box[3] / file.unitsPerEm] : null;
    },
    outline(codePoint) {
      const contours = glyphOf(codePoint) === 0 ? null : file.outline(glyphOf(codePoint));
      return contours ? { contours, unitsPerEm: file.unitsPerEm } : null;
    },
    install(doc) {
      const glyphs: DocumentGlyphs = { codePoints: [], slots: new Map(), codeMap: {} };
      // Not a TTFFont: jsPDF's own font writer skips it, ours (below) writes it. These are the parts
      // of a font's metadata that jsPDF's text pipeline uses.
      const view = {
        cmap: { unicode: { codeMap: glyphs.codeMap } },
        characterToGlyph: (code: number): number => glyphs.codeMap[code] ?? 0,
        widthOfGlyph: (glyph: number): number => advance(glyphs.codePoints[glyph - 1] ?? 0),
        Unicode: { encoding: {}, kerning: {}, widths: [] as unknown[] },
        toUnicode: {} as Record<number, number>,
        glyIdsUsed: [0],
      };
      addPreparedFont(doc, name, view);
      doc.internal.events.subscribe('putFont', (args: PutFontArgs) => {
        if (args.font.metadata === view && glyphs.codePoints.length > 0) writeFont(args, glyphs);
      });
      current = glyphs;
    },
    encode(text) {
      const glyphs = current;
      if (!glyphs) throw new Error('extension font: not installed in a document');
      let out = '';
      for (const character of text) {
        const codePoint = character.codePointAt(0) ?? 0;
        let slot = glyphs.slots.get(codePoint);
        if (slot === undefined) {
          if (PROXY_FIRST + glyphs.codePoints.length > PROXY_LAST) throw new Error('extension font: too many distinct characters');
          glyphs.codePoints.push(codePoint);
          slot = glyphs.codePoints.length;
          glyphs.slots.set(codePoint, slot);
          glyphs.codeMap[PROXY_FIRST + slot - 1] = slot;
        }
        out += String.fromCharCode(PROXY_FIRST + slot - 1);
      }
      return out;
    },
  };
};
