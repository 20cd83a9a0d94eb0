/**
 * A small TrueType (glyf) reader and writer for the letter PDF. DOM-free, no dependencies.
 *
 * It reads lazily — the table directory once, then only the bytes a lookup touches — so a 30 MB
 * font such as HanaMinB (CJK Extension B–F) is ready in well under a millisecond and costs no more
 * memory than its bytes. jsPDF's own parser reads every table up front (its format-12 cmap alone
 * becomes an object with one key per character); the letter's main fonts still go through jsPDF,
 * the extension font only through this file.
 */

export interface OutlinePoint {
  x: number;
  y: number;
  onCurve: boolean;
}

/** A glyph's ink box in font units: xMin, yMin, xMax, yMax. */
export type GlyphBox = readonly [number, number, number, number];

export interface TrueTypeFile {
  readonly bytes: Uint8Array;
  readonly scalarType: number;
  readonly unitsPerEm: number;
  /** Glyphs in the font (maxp.numGlyphs). */
  readonly glyphCount: number;
  /** A table's bytes (a view into the font, not a copy), or null when the font has none. */
  table(tag: string): Uint8Array | null;
  /** The glyph the font's Unicode cmap gives a code point (any plane), 0 when it has none. */
  glyphOf(codePoint: number): number;
  /** Advance width in font units. */
  advance(glyph: number): number;
  leftSideBearing(glyph: number): number;
  /** The glyph's data in the glyf table (a view; empty for a glyph without outline). */
  glyphData(glyph: number): Uint8Array;
  box(glyph: number): GlyphBox | null;
  /** The glyph's contours in font units (y up); null for an empty glyph or an unsupported compound. */
  outline(glyph: number): OutlinePoint[][] | null;
}

export const readUint32 = (bytes: Uint8Array, offset: number): number =>
  (bytes[offset] ?? 0) * 0x1000000 + ((bytes[offset + 1] ?? 0) << 16) + ((bytes[offset + 2] ?? 0) << 8) + (bytes[offset + 3] ?? 0);

const readUint16 = (bytes: Uint8Array, offset: number): number => ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);

const readInt16 = (bytes: Uint8Array, offset: number): number => {
  const value = readUint16(bytes, offset);
  return value & 0x8000 ? value - 0x10000 : value;
};

export const writeUint32 = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
};

export const writeUint16 = (bytes: Uint8Array, offset: number, value: number): void => {
  bytes[offset] = (value >>> 8) & 0xff;
  bytes[offset + 1] = value & 0xff;
};

/** OpenType table checksum: the sum of big-endian uint32s, zero-padded, modulo 2^32. */
export const tableChecksum = (bytes: Uint8Array): number => {
  let sum = 0;
  let offset = 0;
  for (; offset + 4 <= bytes.length; offset += 4) sum = (sum + readUint32(bytes, offset)) >>> 0;
  if (offset < bytes.length) {
    const tail = new Uint8Array(4);
    tail.set(bytes.subarray(offset));
    sum = (sum + readUint32(tail, 0)) >>> 0;
  }
  return sum;
};

/** A cmap subtable as a lookup function, or null for a format this reader does not handle. */
const cmapLookup = (bytes: Uint8Array, offset: number): ((codePoint: number) => number) | null => {
  const format = readUint16(bytes, offset);
  if (format === 12) {
    const groups = readUint32(bytes, offset + 12);
    const first = offset + 16;
    return (codePoint) => {
      let low = 0;
      let high = groups - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const group = first + middle * 12;
        if (codePoint < readUint32(bytes, group)) high = middle - 1;
        else if (codePoint > readUint32(bytes, group + 4)) low = middle + 1;
        else return readUint32(bytes, group + 8) + codePoint - readUint32(bytes, group);
      }
      return 0;
    };
  }
  if (format === 4) {
    const segments = readUint16(bytes, offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const ranges = deltas + segments * 2;
    return (codePoint) => {
      if (codePoint > 0xffff) return 0;
      let low = 0;
      let high = segments - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (readUint16(bytes, ends + middle * 2) < codePoint) low = middle + 1;
        else high = middle;
      }
      const start = readUint16(bytes, starts + low * 2);
      if (codePoint < start || codePoint > readUint16(bytes, ends + low * 2)) return 0;
      const delta = readInt16(bytes, deltas + low * 2);
      const rangeOffset = readUint16(bytes, ranges + low * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = readUint16(bytes, ranges + low * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    };
  }
  return null;
};

/** Reads the table directory of a TrueType font; everything else is read when asked for. */
export const readTrueType = (bytes: Uint8Array): TrueTypeFile => {
  const scalarType = readUint32(bytes, 0);
  if (scalarType !== 0x00010000 && scalarType !== 0x74727565) {
    throw new Error('TrueType font expected (an OpenType/CFF font or a .ttc collection cannot be used)');
  }
  const tables = new Map<string, { offset: number; length: number }>();
  const count = readUint16(bytes, 4);
  for (let i = 0; i < count; i += 1) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(bytes[record] ?? 0, bytes[record + 1] ?? 0, bytes[record + 2] ?? 0, bytes[record + 3] ?? 0);
    tables.set(tag, { offset: readUint32(bytes, record + 8), length: readUint32(bytes, record + 12) });
  }
  const need = (tag: string): { offset: number; length: number } => {
    const entry = tables.get(tag);
    if (!entry) throw new Error(`TrueType font without a ${tag} table`);
    return entry;
  };
  const head = need('head');
  const glyf = need('glyf');
  const loca = need('loca');
  const hhea = need('hhea');
  const hmtx = need('hmtx');
  const unitsPerEm = readUint16(bytes, head.offset + 18);
  const longLoca = readInt16(bytes, head.offset + 50) === 1;
  const glyphCount = readUint16(bytes, need('maxp').offset + 4);
  const metricCount = readUint16(bytes, hhea.offset + 34);

  // Unicode cmaps, best first: full repertoire (3,10)/(0,4)/(0,6), then BMP (3,1)/(0,3) and others.
  const cmap = need('cmap');
  const lookups: { rank: number; lookup: (codePoint: number) => number }[] = [];
  for (let i = 0; i < readUint16(bytes, cmap.offset + 2); i += 1) {
    const record = cmap.offset + 4 + i * 8;
    const platform = readUint16(bytes, record);
    const encoding = readUint16(bytes, record + 2);
    const rank = platform === 3 && encoding === 10 ? 0 : platform === 0 && encoding >= 4 ? 1 : platform === 3 && encoding === 1 ? 2 : platform === 0 ? 3 : -1;
    if (rank < 0) continue;
    const lookup = cmapLookup(bytes, cmap.offset + readUint32(bytes, record + 4));
    if (lookup) lookups.push({ rank, lookup });
  }
  lookups.sort((a, b) => a.rank - b.rank);
  if (lookups.length === 0) throw new Error('TrueType font without a Unicode cmap');

  const locaAt = (glyph: number): number =>
    longLoca ? readUint32(bytes, loca.offset + glyph * 4) : readUint16(bytes, loca.offset + glyph * 2) * 2;
  const glyphData = (glyph: number): Uint8Array => {
    if (glyph < 0 || glyph >= glyphCount) return bytes.subarray(0, 0);
    const start = locaAt(glyph);
    const end = Math.max(start, locaAt(glyph + 1));
    return bytes.subarray(glyf.offset + start, glyf.offset + end);
  };

  const outline = (glyph: number, depth = 0): OutlinePoint[][] | null => {
    const data = glyphData(glyph);
    if (depth > 4 || glyph <= 0 || data.length < 10) return null;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const contourCount = view.getInt16(0);
    let at = 10;
    if (contourCount < 0) {
      // Compound glyph (Droid builds many ideographs from components): transformed component outlines.
      const contours: OutlinePoint[][] = [];
      let flags: number;
      do {
        flags = view.getUint16(at);
        const component = view.getUint16(at + 2);
        at += 4;
        const wordArgs = (flags & 0x1) !== 0;
        const dx = wordArgs ? view.getInt16(at) : view.getInt8(at);
        const dy = wordArgs ? view.getInt16(at + 2) : view.getInt8(at + 1);
        at += wordArgs ? 4 : 2;
        const f2dot14 = (offset: number): number => view.getInt16(offset) / 16384;
        let [a, b, c, d] = [1, 0, 0, 1];
        if (flags & 0x8) {
          a = d = f2dot14(at);
          at += 2;
        } else if (flags & 0x40) {
          [a, d] = [f2dot14(at), f2dot14(at + 2)];
          at += 4;
        } else if (flags & 0x80) {
          [a, b, c, d] = [f2dot14(at), f2dot14(at + 2), f2dot14(at + 4), f2dot14(at + 6)];
          at += 8;
        }
        if (!(flags & 0x2)) return null; // components placed by point matching: not needed here
        const parts = outline(component, depth + 1);
        if (!parts) return null;
        for (const part of parts) {
          contours.push(part.map((point) => ({ x: a * point.x + c * point.y + dx, y: b * point.x + d * point.y + dy, onCurve: point.onCurve })));
        }
      } while (flags & 0x20);
      return contours;
    }
    if (contourCount === 0) return null;
    const ends: number[] = [];
    for (let i = 0; i < contourCount; i += 1, at += 2) ends.push(view.getUint16(at));
    at += 2 + view.getUint16(at); // skip the instructions
    const pointCount = (ends[ends.length - 1] ?? -1) + 1;
    const flags: number[] = [];
    while (flags.length < pointCount) {
      const flag = view.getUint8(at++);
      flags.push(flag);
      if (flag & 8) for (let repeat = view.getUint8(at++); repeat > 0; repeat -= 1) flags.push(flag);
    }
    const coordinates = (shortBit: number, sameBit: number): number[] => {
      let value = 0;
      return flags.slice(0, pointCount).map((flag) => {
        if (flag & shortBit) {
          const delta = view.getUint8(at++);
          value += flag & sameBit ? delta : -delta;
        } else if (!(flag & sameBit)) {
          value += view.getInt16(at);
          at += 2;
        }
        return value;
      });
    };
    const xs = coordinates(2, 16);
    const ys = coordinates(4, 32);
    const contours: OutlinePoint[][] = [];
    let first = 0;
    for (const end of ends) {
      const contour: OutlinePoint[] = [];
      for (let i = first; i <= end; i += 1) contour.push({ x: xs[i] ?? 0, y: ys[i] ?? 0, onCurve: ((flags[i] ?? 0) & 1) === 1 });
      contours.push(contour);
      first = end + 1;
    }
    return contours;
  };

  return {
    bytes,
    scalarType,
    unitsPerEm,
    glyphCount,
    table(tag) {
      const entry = tables.get(tag);
      return entry ? bytes.subarray(entry.offset, entry.offset + entry.length) : null;
    },
    glyphOf(codePoint) {
      for (const { lookup } of lookups) {
        const glyph = lookup(codePoint);
        if (glyph > 0 && glyph < glyphCount) return glyph;
      }
      return 0;
    },
    advance: (glyph) => readUint16(bytes, hmtx.offset + Math.min(glyph, metricCount - 1) * 4),
    leftSideBearing: (glyph) =>
      glyph < metricCount
        ? readInt16(bytes, hmtx.offset + glyph * 4 + 2)
        : readInt16(bytes, hmtx.offset + metricCount * 4 + (glyph - metricCount) * 2),
    glyphData,
    box(glyph) {
      const data = glyphData(glyph);
      if (data.length < 10) return null;
      return [readInt16(data, 2), readInt16(data, 4), readInt16(data, 6), readInt16(data, 8)];
    },
    outline: (glyph) => outline(glyph),
  };
};

/** A path segment as jsPDF's `doc.path` takes it. */
export type PathOp = { op: 'm' | 'l'; c: [number, number] } | { op: 'c'; c: [number, number, number, number, number, number] } | { op: 'h'; c: [] };

/** PDF path operations for one closed TrueType contour (quadratic splines as cubic Béziers). */
export const contourPath = (points: readonly OutlinePoint[], map: (x: number, y: number) => [number, number]): PathOp[] => {
  if (points.length === 0) return [];
  const startIndex = points.findIndex((point) => point.onCurve);
  const lastPoint = points[points.length - 1] as OutlinePoint;
  const firstPoint = points[0] as OutlinePoint;
  const start: OutlinePoint =
    startIndex >= 0
      ? (points[startIndex] as OutlinePoint)
      : { x: (firstPoint.x + lastPoint.x) / 2, y: (firstPoint.y + lastPoint.y) / 2, onCurve: true };
  const rest = startIndex >= 0 ? [...points.slice(startIndex + 1), ...points.slice(0, startIndex)] : [...points];
  const ops: PathOp[] = [{ op: 'm', c: map(start.x, start.y) }];
  let current: { x: number; y: number } = start;
  let control: OutlinePoint | null = null;
  const quadratic = (c: { x: number; y: number }, to: { x: number; y: number }): void => {
    const c1 = map(current.x + (2 / 3) * (c.x - current.x), current.y + (2 / 3) * (c.y - current.y));
    const c2 = map(to.x + (2 / 3) * (c.x - to.x), to.y + (2 / 3) * (c.y - to.y));
    ops.push({ op: 'c', c: [...c1, ...c2, ...map(to.x, to.y)] });
    current = to;
  };
  for (const point of [...rest, start]) {
    if (point.onCurve) {
      if (control) quadratic(control, point);
      else {
        ops.push({ op: 'l', c: map(point.x, point.y) });
        current = point;
      }
      control = null;
    } else {
      if (control) quadratic(control, { x: (control.x + point.x) / 2, y: (control.y + point.y) / 2 });
      control = point;
    }
  }
  ops.push({ op: 'h', c: [] });
  return ops;
};

/**
 * A font file from its tables: table directory in the given order, checksums, and the head table's
 * checkSumAdjustment (the head table given is modified in place).
 */
export const assembleTrueType = (scalarType: number, parts: ReadonlyMap<string, Uint8Array>, order: readonly string[]): Uint8Array => {
  const tags = order.filter((tag) => parts.has(tag));
  const headerLength = 12 + tags.length * 16;
  let total = headerLength;
  for (const tag of tags) total += ((parts.get(tag) as Uint8Array).length + 3) & ~3;
  const out = new Uint8Array(total);
  const log2 = Math.floor(Math.log2(tags.length));
  writeUint32(out, 0, scalarType >>> 0);
  writeUint16(out, 4, tags.length);
  writeUint16(out, 6, 2 ** log2 * 16);
  writeUint16(out, 8, log2);
  writeUint16(out, 10, tags.length * 16 - 2 ** log2 * 16);
  let offset = headerLength;
  let headOffset = -1;
  tags.forEach((tag, index) => {
    const table = parts.get(tag) as Uint8Array;
    if (tag === 'head') {
      headOffset = offset;
      writeUint32(table, 8, 0); // checkSumAdjustment is computed over the whole font with this zeroed
    }
    const record = 12 + index * 16;
    for (let i = 0; i < 4; i += 1) out[record + i] = tag.charCodeAt(i);
    writeUint32(out, record + 4, tableChecksum(table));
    writeUint32(out, record + 8, offset);
    writeUint32(out, record + 12, table.length);
    out.set(table, offset);
    offset += (table.length + 3) & ~3;
  });
  if (headOffset >= 0) writeUint32(out, headOffset + 8, (0xb1b0afba - tableChecksum(out)) >>> 0);
  return out;
};

/** Tables of a compact subset, in the tag order the spec asks for. */
const COMPACT_TABLES = ['OS/2', 'cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'post', 'prep'] as const;

/**
 * A small font holding only the given glyphs, renumbered: `glyphs[i]` becomes glyph i + 1 (glyph 0
 * stays .notdef), and the components of compound glyphs follow after them. Its cmap maps
 * `codePoints[i]` to glyph i + 1, so the font is also usable on its own.
 */
export const compactSubset = (font: TrueTypeFile, glyphs: readonly number[], codePoints: readonly number[]): Uint8Array => {
  const order = [0, ...glyphs];
  const newId = new Map<number, number>();
  order.forEach((glyph, index) => {
    if (!newId.has(glyph)) newId.set(glyph, index);
  });
  // Components of compound glyphs get ids after the requested glyphs.
  for (let index = 0; index < order.length; index += 1) {
    const data = font.glyphData(order[index] as number);
    if (data.length < 10 || readInt16(data, 0) >= 0) continue;
    let at = 10;
    let flags: number;
    do {
      flags = readUint16(data, at);
      const component = readUint16(data, at + 2);
      if (!newId.has(component)) {
        newId.set(component, order.length);
        order.push(component);
      }
      at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    } while (flags & 0x20);
  }

  const glyphBytes = order.map((glyph, index) => {
    const data = font.glyphData(glyph);
    if (index === 0 || data.length < 10 || readInt16(data, 0) >= 0) return data;
    const copy = data.slice(); // renumber the components
    let at = 10;
    let flags: number;
    do {
      flags = readUint16(copy, at);
      writeUint16(copy, at + 2, newId.get(readUint16(copy, at + 2)) ?? 0);
      at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    } while (flags & 0x20);
    return copy;
  });
  let glyfLength = 0;
  for (const data of glyphBytes) glyfLength += (data.length + 3) & ~3;
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array((order.length + 1) * 4);
  const hmtx = new Uint8Array(order.length * 4);
  let pointer = 0;
  glyphBytes.forEach((data, index) => {
    writeUint32(loca, index * 4, pointer);
    glyf.set(data, pointer);
    pointer += (data.length + 3) & ~3;
    const glyph = order[index] as number;
    writeUint16(hmtx, index * 4, font.advance(glyph));
    writeUint16(hmtx, index * 4 + 2, font.leftSideBearing(glyph) & 0xffff);
  });
  writeUint32(loca, order.length * 4, pointer);

  const copyOf = (tag: string): Uint8Array | null => {
    const table = font.table(tag);
    return table ? table.slice() : null;
  };
  const head = (copyOf('head') as Uint8Array).slice(0, 54);
  writeUint16(head, 50, 1); // long loca offsets
  const hhea = copyOf('hhea') as Uint8Array;
  writeUint16(hhea, 34, order.length);
  const maxp = copyOf('maxp') as Uint8Array;
  writeUint16(maxp, 4, order.length);
  // post format 3: no glyph names.
  const post = (copyOf('post') ?? new Uint8Array(32)).slice(0, 32);
  writeUint32(post, 0, 0x00030000);

  // cmap: one (3,10) format-12 subtable, one group per character.
  const pairs = codePoints.map((codePoint, index) => [codePoint, index + 1] as const).sort((a, b) => a[0] - b[0]);
  const unique = pairs.filter((pair, index) => index === 0 || pair[0] !== (pairs[index - 1] as readonly [number, number])[0]);
  const cmap = new Uint8Array(12 + 16 + unique.length * 12);
  writeUint16(cmap, 2, 1); // one subtable
  writeUint16(cmap, 4, 3);
  writeUint16(cmap, 6, 10);
  writeUint32(cmap, 8, 12);
  writeUint16(cmap, 12, 12);
  writeUint32(cmap, 16, 16 + unique.length * 12);
  writeUint32(cmap, 24, unique.length);
  unique.forEach(([codePoint, glyph], index) => {
    const group = 28 + index * 12;
    writeUint32(cmap, group, codePoint);
    writeUint32(cmap, group + 4, codePoint);
    writeUint32(cmap, group + 8, glyph);
  });

  const parts = new Map<string, Uint8Array>([
    ['cmap', cmap],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ]);
  for (const tag of ['OS/2', 'name', 'cvt ', 'fpgm', 'prep']) {
    const table = copyOf(tag);
    if (table) parts.set(tag, table);
  }
  return assembleTrueType(font.scalarType, parts, COMPACT_TABLES);
};
