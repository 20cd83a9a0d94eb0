import type { pdfMessages as reference } from '../zh-CN/pdf';

export const pdfMessages = {
  'pdf.error.outside_bmp': 'The letter contains rare characters that cannot be printed yet (outside the Basic Multilingual Plane): {characters}.',
  'pdf.error.missing_glyph': 'The letter’s fonts lack these characters, so it cannot be printed: {characters}.',
  'pdf.character': '{character} (U+{code})',
} as const satisfies Record<keyof typeof reference, string>;
