import type { CaseDraft } from '../../shared/domain/case-draft';
import { shanghaiDate } from '../../shared/domain/case-number';
import { composeLetter } from '../../shared/letter/compose-letter';
import type { LetterDocument } from '../../shared/letter/letter-document';
import { templates } from '../../shared/letter/template-registry';

/**
 * The commitment letter of a case in progress, as the applicant reads and signs it: the same document
 * model the PDF is drawn from after sealing (only the case number is still missing).
 */
export const draftCommitmentLetter = (draft: CaseDraft, now = new Date()): LetterDocument | null =>
  draft.matter && draft.applicant
    ? composeLetter(templates.active('commitment-letter'), {
        matter: draft.matter,
        applicant: draft.applicant,
        counter: draft.counter,
        clerk: draft.clerk,
        date: shanghaiDate(now),
        caseNumber: null,
      })
    : null;
