/**
 * The letter as one document model: the applicant's screen and the PDF are both drawn from it, so
 * what the applicant reads is what is printed and signed.
 */
export interface LetterSection {
  heading: string;
  paragraphs: string[];
  /** Set flush left, without the first-line indent (the salutation of a notice). */
  salutation?: true;
}

export interface LetterPage {
  title: string;
  sections: LetterSection[];
}

export interface LetterField {
  label: string;
  value: string;
}

export type LetterKind = 'commitment' | 'proof-list' | 'not-applicable' | 'withdrawal';

/** The sign-off below the signature: the date signed, the clerk's signing line, the agency and its seal. */
export interface LetterSignOff {
  /** Printed beside the signer's signature, e.g. 日期 / 2026年1月15日; null when the template prints none. */
  signatureDate: { label: string; date: string } | null;
  /** A line for the clerk to sign by hand, with the clerk's name and number printed under it. */
  clerk: { label: string; name: string } | null;
  /** The agency's name and the date, with room for its seal over them. */
  agency: { label: string; name: string; date: string } | null;
}

export interface LetterDocument {
  kind: LetterKind;
  templateId: string;
  templateVersion: number;
  title: string;
  /** A sample matter's letter carries a visible 示例 mark so it never passes for an official one. */
  sample: boolean;
  /**
   * A letter from fixture data (npm run letter, tests, benches): 样张（非正式文书） on every page, a case
   * number no real case has and a QR code that verifies nothing, so it cannot pass for a real letter.
   */
  specimen: boolean;
  /** The notification (告知) part, page by page as the applicant reads it. */
  pages: LetterPage[];
  /** The commitment (承诺) part, when the letter has one. */
  commitment: LetterSection | null;
  /** Execution: applicant, document, date, agency, counter, clerk, case number. */
  execution: LetterField[];
  /** The label the signature stands beside; null for letters without a signature. */
  signatureLabel: string | null;
  /** Null for version-1 templates, which printed the signature alone. */
  signOff: LetterSignOff | null;
  caseNumber: string | null;
}
