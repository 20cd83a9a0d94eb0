import { shanghaiDate } from '../domain/case-number';
import type { SealedRecord } from '../domain/sealed-record';
import { composeLetter, type LetterFacts } from './compose-letter';
import type { LetterDocument } from './letter-document';
import type { LetterTemplateId } from './letter-template';
import { templates, type TemplateRegistry } from './template-registry';

/** The letter a sealed case produces: the signed commitment, or the list of proofs to bring. */
export const letterTemplateFor = (outcome: SealedRecord['outcome']): LetterTemplateId =>
  outcome === 'committed' ? 'commitment-letter' : 'proof-list';

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
