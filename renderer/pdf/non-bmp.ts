import { message, type Message } from '../../shared/i18n/message';
import { MessageError } from '../../shared/i18n/message-error';

/**
 * Characters outside the Basic Multilingual Plane (U+10000 and above, e.g. 𠮷 U+20BB7, used in
 * names) are silently dropped by jsPDF, which reads text as UTF-16 code units — and the text after
 * them is cut off. The letter renderer prints them with its extension font (extension-font.ts);
 * a renderer without that font, and any renderer for a character that no font of it has, refuses
 * the letter with UnsupportedCharacterError: a letter must never print a wrong name.
 */

export type UnsupportedCharacterReason =
  /** Outside the BMP and the renderer has no extension font (or a lone surrogate: malformed text). */
  | 'outside-bmp'
  /** No font of the renderer has a glyph for it (e.g. CJK Extension G and later, beyond HanaMinB). */
  | 'missing-glyph';

const character = (text: string): Message =>
  message('pdf.character', { character: text, code: (text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0') });

export class UnsupportedCharacterError extends MessageError {
  override readonly name = 'UnsupportedCharacterError';
  /** The offending characters, each once, in order of first appearance. */
  readonly characters: string[];
  readonly reason: UnsupportedCharacterReason;

  constructor(characters: readonly string[], reason: UnsupportedCharacterReason = 'outside-bmp') {
    super(message(reason === 'outside-bmp' ? 'pdf.error.outside_bmp' : 'pdf.error.missing_glyph', { characters: characters.map(character) }));
    this.characters = [...characters];
    this.reason = reason;
  }
}

/** True for a code point above U+FFFF, and for a lone surrogate (malformed text). */
export const isOutsideBmp = (character: string): boolean => {
  const code = character.codePointAt(0) ?? 0;
  return code > 0xffff || (code >= 0xd800 && code <= 0xdfff);
};

/** The characters of `texts` outside the BMP, each once, in order of first appearance. */
export const findNonBmpCharacters = (...texts: readonly string[]): string[] => {
  const found = new Set<string>();
  for (const text of texts) {
    // Fast path: text without any surrogate code unit is all BMP.
    if (!/[\uD800-\uDFFF]/.test(text)) continue;
    for (const character of text) if (isOutsideBmp(character)) found.add(character);
  }
  return [...found];
};

/** Throws UnsupportedCharacterError when any text holds a character outside the BMP. */
export const assertBmpOnly = (...texts: readonly string[]): void => {
  const characters = findNonBmpCharacters(...texts);
  if (characters.length > 0) throw new UnsupportedCharacterError(characters, 'outside-bmp');
};
