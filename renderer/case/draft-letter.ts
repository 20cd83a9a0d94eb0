import type { CaseDraft } from '../../shared/domain/case-draft';
import { shanghaiDate } from '../../shared/domain/case-number';
import { composeLetter } from '../../shared/letter/compose-letter';
import type { LetterDocument, LetterSection } from '../../shared/letter/letter-document';
import type { LetterTemplateId } from '../../shared/letter/letter-template';
import { letterTemplateFor, outcomeOf } from '../../shared/letter/record-letter';
import { templates } from '../../shared/letter/template-registry';

const draftLetter = (draft: CaseDraft, templateId: LetterTemplateId, now: Date): LetterDocument | null =>
  draft.matter && draft.applicant
    ? composeLetter(templates.active(templateId), {
        matter: draft.matter,
        applicant: draft.applicant,
        counter: draft.counter,
        clerk: draft.clerk,
        date: shanghaiDate(now),
        caseNumber: null,
      })
    : null;

/**
 * The commitment letter of a case in progress, as the applicant reads its notification: the same
 * document model the PDF is drawn from after sealing (only the case number is still missing).
 */
export const draftCommitmentLetter = (draft: CaseDraft, now = new Date()): LetterDocument | null =>
  draftLetter(draft, 'commitment-letter', now);

/** The letter the applicant's choice leads to (commitment letter or proof list), as they sign it. */
export const draftChosenLetter = (draft: CaseDraft, now = new Date()): LetterDocument | null =>
  draft.choice ? draftLetter(draft, letterTemplateFor(outcomeOf(draft.choice)), now) : null;

/** What the signature stands under: the commitment statements, or the whole body of an unpledged letter. */
export const signedPart = (letter: LetterDocument): { heading: string; sections: LetterSection[] } =>
  letter.commitment
    ? { heading: letter.commitment.heading, sections: [letter.commitment] }
    : { heading: letter.title, sections: letter.pages.flatMap((page) => page.sections) };
