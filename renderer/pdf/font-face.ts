import type { jsPDF } from 'jspdf';
import type { GlyphBox, OutlinePoint } from './truetype';

/** A font as the letter layout sees it. Characters are Unicode code points (any plane). */
export interface FontFace {
  /** The jsPDF font name. */
  readonly name: string;
  /** Whether the face can draw this character. */
  hasGlyph(codePoint: number): boolean;
  /** Advance width in 1/1000 em, exactly as the PDF's /W (or the standard font's metrics) says. */
  advance(codePoint: number): number;
  /** Makes the face available in a new document. */
  install(doc: jsPDF): void;
  /**
   * The string to hand to jsPDF's `text` for `text` (a run of this face's characters); the identity
   * when absent. jsPDF reads strings as UTF-16 code units, so a face for characters outside the BMP
   * maps each of them to one code unit of its own.
   */
  encode?(text: string): string;
  /** The glyph's contours in font units, for drawing it as a vector shape rather than as text. */
  outline?(codePoint: number): { contours: OutlinePoint[][]; unitsPerEm: number } | null;
  /** The glyph's ink box in em (y up), for aligning faces with each other. */
  inkBox?(codePoint: number): GlyphBox | null;
}

export const memo = (compute: (code: number) => number): ((code: number) => number) => {
  const cache = new Map<number, number>();
  return (code) => {
    let value = cache.get(code);
    if (value === undefined) {
      value = compute(code);
      cache.set(code, value);
    }
    return value;
  };
};
