import { splitAtDocumentNumbers } from '../../shared/letter/document-number';
import type { LetterSection } from '../../shared/letter/letter-document';

/** A text to show masked on screen, and the mask shown in its place. */
export interface Concealed {
  text: string;
  masked: string;
}

const concealIn = (text: string, conceal: readonly Concealed[]): string =>
  conceal.reduce((shown, { text: hidden, masked }) => (hidden ? shown.split(hidden).join(masked) : shown), text);

/**
 * Letter text on screen; a document number (国办发〔2020〕42号) never breaks across lines, as on paper.
 * `conceal` lists texts shown masked (ID numbers, for whoever stands near the applicant's screen), each
 * replaced by its masked form.
 */
export const LetterText = ({ text, conceal = [] }: { text: string; conceal?: readonly Concealed[] }) => (
  <>
    {splitAtDocumentNumbers(concealIn(text, conceal)).map((run, index) =>
      run.keepTogether ? (
        <span key={index} className="nowrap">
          {run.text}
        </span>
      ) : (
        run.text
      ),
    )}
  </>
);

/** A section of the letter as the applicant reads it: heading, paragraphs, a flush-left salutation. */
export const LetterSectionView = ({
  section,
  headingLevel = 'h3',
  conceal = [],
}: {
  section: LetterSection;
  headingLevel?: 'h2' | 'h3';
  conceal?: readonly Concealed[];
}) => {
  const Heading = headingLevel;
  return (
    <section className="notice-section">
      {section.heading ? (
        <Heading>
          <LetterText text={section.heading} conceal={conceal} />
        </Heading>
      ) : null}
      {section.paragraphs.map((paragraph, index) => (
        <p key={index} className={section.salutation ? 'salutation' : undefined}>
          <LetterText text={paragraph} conceal={conceal} />
        </p>
      ))}
    </section>
  );
};
