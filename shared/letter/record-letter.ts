import { shanghaiDate } from '../domain/case-number';
import type { SealedRecord } from '../domain/sealed-record';
import { buildCommitmentLetter, buildProofListLetter, type LetterFacts } from './build-letter';
import type { LetterDocument } from './letter-document';
import { templateFor } from './template-registry';

/** The letter of a sealed record, from the template version the record pinned (never the current one). */
export const letterForRecord = (record: SealedRecord): LetterDocument => {
  const template = templateFor(record.letter.templateId, record.letter.templateVersion);
  const facts: LetterFacts = {
    matter: record.matter,
    applicant: record.applicant,
    counter: record.device,
    clerk: record.clerk,
    date: shanghaiDate(new Date(record.timestamps.sealedAt)),
    caseNumber: record.caseNumber,
  };
  return record.outcome === 'committed' ? buildCommitmentLetter(template, facts) : buildProofListLetter(template, facts);
};
