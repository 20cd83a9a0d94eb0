import { splitAtDocumentNumbers } from '../../shared/letter/document-number';
import type { LetterSection } from '../../shared/letter/letter-document';

/** Letter text on screen; a document number (国办发〔2020〕42号) never breaks across lines, as on paper. */
export const LetterText = ({ text }: { text: string }) => (
  <>
    {splitAtDocumentNumbers(text).map((run, index) =>
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
export const LetterSectionView = ({ section, headingLevel = 'h3' }: { section: LetterSection; headingLevel?: 'h2' | 'h3' }) => {
  const Heading = headingLevel;
  return (
    <section className="notice-section">
      {section.heading ? (
        <Heading>
          <LetterText text={section.heading} />
        </Heading>
      ) : null}
      {section.paragraphs.map((paragraph, index) => (
        <p key={index} className={section.salutation ? 'salutation' : undefined}>
          <LetterText text={paragraph} />
        </p>
      ))}
    </section>
  );
};
