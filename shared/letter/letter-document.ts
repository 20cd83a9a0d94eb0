/**
 * The letter as one document model: the applicant's screen and the PDF are both drawn from it, so
 * what the applicant reads is what is printed and signed.
 */
export interface LetterSection {
  heading: string;
  paragraphs: string[];
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

export interface LetterDocument {
  kind: LetterKind;
  templateId: string;
  templateVersion: number;
  title: string;
  /** A sample matter's letter carries a visible 示例 mark so it never passes for an official one. */
  sample: boolean;
  /** The notification (告知) part, page by page as the applicant reads it. */
  pages: LetterPage[];
  /** The commitment (承诺) part, when the letter has one. */
  commitment: LetterSection | null;
  /** Execution: applicant, document, date, agency, counter, clerk, case number. */
  execution: LetterField[];
  /** The label the signature stands beside; null for letters without a signature. */
  signatureLabel: string | null;
  caseNumber: string | null;
}
