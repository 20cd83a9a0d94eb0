/**
 * Document numbers (发文字号) as letters cite them: an issuing organ's code, the year in 〔〕 and the
 * number — 国办发〔2020〕42号, 人社部规〔2017〕6号 — or an order number, 国务院令第765号. A printed
 * letter or a screen never breaks a line inside one.
 *
 * The organ's code is the run of ideographs before 〔 (at most six of them: where more stand before
 * it, as in 依照国办发〔2020〕42号, a few words of the sentence are kept with the number too — a longer
 * unbreakable unit, never a broken number).
 */
export const DOCUMENT_NUMBER_PATTERN = String.raw`[\u3400-\u9fff]{1,6}[〔［\[]\d{4}[〕］\]]第?\d+号|[\u3400-\u9fff]{1,8}令第\d+号`;

/** Every document number in a text, in order. */
export const documentNumbersIn = (text: string): string[] => text.match(new RegExp(DOCUMENT_NUMBER_PATTERN, 'gu')) ?? [];

export interface TextRun {
  text: string;
  /** A document number: keep on one line. */
  keepTogether: boolean;
}

/** The text as runs, document numbers apart; their concatenation is the text. */
export const splitAtDocumentNumbers = (text: string): TextRun[] => {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(DOCUMENT_NUMBER_PATTERN, 'gu'))) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), keepTogether: false });
    runs.push({ text: match[0], keepTogether: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), keepTogether: false });
  return runs;
};
