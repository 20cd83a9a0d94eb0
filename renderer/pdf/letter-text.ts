/** The letter's text before layout: cleaned, checked against the fonts, and the PDF's dates and ids. */
import type { LetterDocument, LetterSection } from '../../shared/letter/letter-document';
import { UnsupportedCharacterError, findNonBmpCharacters } from './non-bmp';
import { SAMPLE_MARK, SPECIMEN_MARK, SPECIMEN_QR_CAPTION, UNARCHIVED, pageLabel, reprintLabel } from './letter-style';
import { codePointAt, unitLength, type FontSet } from './letter-fonts';

/** Whitespace variants become a plain space and invisible joiners go; nothing visible changes. */
export const cleanText = (text: string): string =>
  text.replace(/\r\n?/g, '\n').replace(/[\t\u00A0\u2000-\u200A\u202F\u205F]/g, ' ').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');

export const cleanSection = (section: LetterSection): LetterSection => ({
  ...section,
  heading: cleanText(section.heading),
  paragraphs: section.paragraphs.map(cleanText),
});

export const cleanDocument = (document: LetterDocument): LetterDocument => ({
  ...document,
  title: cleanText(document.title),
  pages: document.pages.map((page) => ({ title: cleanText(page.title), sections: page.sections.map(cleanSection) })),
  commitment: document.commitment ? cleanSection(document.commitment) : null,
  execution: document.execution.map((field) => ({ label: cleanText(field.label), value: cleanText(field.value) })),
  signatureLabel: document.signatureLabel === null ? null : cleanText(document.signatureLabel),
  signOff: document.signOff
    ? {
        signatureDate: document.signOff.signatureDate
          ? { label: cleanText(document.signOff.signatureDate.label), date: document.signOff.signatureDate.date }
          : null,
        clerk: document.signOff.clerk ? { label: cleanText(document.signOff.clerk.label), name: cleanText(document.signOff.clerk.name) } : null,
        agency: document.signOff.agency
          ? { label: cleanText(document.signOff.agency.label), name: cleanText(document.signOff.agency.name), date: document.signOff.agency.date }
          : null,
      }
    : null,
  caseNumber: document.caseNumber === null ? null : cleanText(document.caseNumber),
});

export const documentTexts = (document: LetterDocument): string[] => [
  document.title,
  ...document.pages.flatMap((page) => [page.title, ...page.sections.flatMap((s) => [s.heading, ...s.paragraphs])]),
  ...(document.commitment ? [document.commitment.heading, ...document.commitment.paragraphs] : []),
  ...document.execution.flatMap((field) => [field.label, field.value]),
  document.signatureLabel ?? '',
  ...(document.signOff
    ? [
        ...(document.signOff.signatureDate ? [document.signOff.signatureDate.label, document.signOff.signatureDate.date] : []),
        ...(document.signOff.clerk ? [document.signOff.clerk.label, document.signOff.clerk.name] : []),
        ...(document.signOff.agency ? [document.signOff.agency.label, document.signOff.agency.name, document.signOff.agency.date] : []),
      ]
    : []),
  document.caseNumber ?? UNARCHIVED,
  pageLabel(1234567890, 1234567890),
  SAMPLE_MARK,
  ...(document.specimen ? [SPECIMEN_MARK, SPECIMEN_QR_CAPTION] : []),
  reprintLabel(new Date(0)),
  '：',
];

/**
 * Refuses text the PDF would print wrong: characters outside the BMP when the renderer has no
 * extension font (or malformed text), then characters no font has. Never drops one silently.
 */
export const assertPrintable = (texts: readonly string[], fonts: FontSet): void => {
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
export const pdfDate = (instant: Date): string => {
  if (Number.isNaN(instant.getTime())) throw new RangeError('letter PDF: issuedAt is not a valid date');
  const shanghai = new Date(instant.getTime() + 8 * 3_600_000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `D:${shanghai.getUTCFullYear()}${pad(shanghai.getUTCMonth() + 1)}${pad(shanghai.getUTCDate())}` +
    `${pad(shanghai.getUTCHours())}${pad(shanghai.getUTCMinutes())}${pad(shanghai.getUTCSeconds())}+08'00'`
  );
};

export const pdfFileId = (fileId: string): string => {
  if (!/^[0-9a-fA-F]+$/.test(fileId)) throw new RangeError('letter PDF: fileId must be a hex string');
  return fileId.length >= 32 ? fileId.slice(0, 32) : fileId.padStart(32, '0');
};
