import { shanghaiDate } from '../domain/case-number';
import type { SealedRecord } from '../domain/sealed-record';
import type { CaseChoice } from '../domain/case-draft';
import { composeLetter, type LetterFacts } from './compose-letter';
import type { LetterDocument } from './letter-document';
import type { LetterTemplateId } from './letter-template';
import { templates, type TemplateRegistry } from './template-registry';

/** The letter a sealed case produces: the signed commitment, or the list of proofs to bring. */
export const letterTemplateFor = (outcome: SealedRecord['outcome']): LetterTemplateId =>
  outcome === 'committed' ? 'commitment-letter' : 'proof-list';

/** The outcome an applicant's choice leads to. */
export const outcomeOf = (choice: CaseChoice): SealedRecord['outcome'] => (choice === 'commit' ? 'committed' : 'proof_route');

/**
 * Whether the letter of a choice is signed by the applicant: the commitment letter always; the proof
 * list from its version 2 on (it records the choice not to commit).
 */
export const choiceNeedsSignature = (choice: CaseChoice, registry: TemplateRegistry = templates): boolean =>
  registry.active(letterTemplateFor(outcomeOf(choice))).signatureLabel !== null;

/** The letter of a sealed record, from the template version the record pinned — never the current one. */
export const letterForRecord = (record: SealedRecord, registry: TemplateRegistry = templates): LetterDocument => {
  const facts: LetterFacts = {
    matter: record.matter,
    applicant: record.applicant,
    counter: record.device,
    clerk: record.clerk,
    date: shanghaiDate(new Date(record.timestamps.sealedAt)),
    caseNumber: record.caseNumber,
  };
  return composeLetter(registry.version(record.letter.templateId, record.letter.templateVersion), facts);
};
