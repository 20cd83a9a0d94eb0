import type { Matter } from '../catalog/matter-schema';
import type { Applicant, Clerk, CounterContext, PersonIdentity } from '../domain/case-draft';
import { t } from '../i18n';
import { fillTemplate } from './fill-template';
import type { LetterTemplate, LetterTemplateId, TemplateSection } from './letter-template';
import type { LetterDocument, LetterField, LetterKind, LetterPage, LetterSection } from './letter-document';
import { matterText, proofSections } from './matter-text';

/** What a letter is filled with. `caseNumber` is null before sealing (screen preview). */
export interface LetterFacts {
  matter: Matter;
  applicant: Applicant;
  counter: CounterContext;
  clerk: Clerk;
  /** The date printed on the letter, YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  caseNumber: string | null;
  /** Fields only some kinds use: `reason` (not applicable), `examYear`, `withdrawnOn`, `proofDeadline` (withdrawal). */
  extra?: Readonly<Record<string, string>>;
}

const kindOf: Record<LetterTemplateId, LetterKind> = {
  'commitment-letter': 'commitment',
  'proof-list': 'proof-list',
  'not-applicable-notice': 'not-applicable',
  'withdrawal-record': 'withdrawal',
};

const idTypeLabel = (person: PersonIdentity): string => t(`id.type.${person.idType}`);

export const chineseDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

/** Every named field a template may use, from the facts of the case. */
const fieldsOf = (template: LetterTemplate, facts: LetterFacts): Record<string, string> => {
  const { applicant, matter } = facts;
  const signer: PersonIdentity = applicant.signer.capacity === 'guardian' ? applicant.signer.guardian : applicant;
  const base: Record<string, string> = {
    applicantName: applicant.name,
    applicantIdType: idTypeLabel(applicant),
    applicantIdNumber: applicant.idNumber,
    signerName: signer.name,
    signerIdType: idTypeLabel(signer),
    signerIdNumber: signer.idNumber,
    matterName: matter.name,
    agencyName: facts.counter.agencyName,
    date: chineseDate(facts.date),
    ...facts.extra,
  };
  const guardianClause =
    applicant.signer.capacity === 'guardian'
      ? fillTemplate(template.guardianClause, { ...base, relation: applicant.signer.guardian.relation })
      : '';
  return { ...base, guardianClause };
};

const composeSection = (section: TemplateSection, matter: Matter, fields: Record<string, string>): LetterSection[] => {
  const heading = fillTemplate(section.heading, fields);
  if ('paragraphs' in section) return [{ heading, paragraphs: section.paragraphs.map((text) => fillTemplate(text, fields)) }];
  if (section.source === 'proofs') return proofSections(matter);
  return [{ heading, paragraphs: matterText(matter, section.source) }];
};

const executionFields = (facts: LetterFacts): LetterField[] => {
  const { applicant, counter, clerk } = facts;
  const fields: LetterField[] = [
    { label: '申请人', value: applicant.name },
    { label: '证件类型', value: idTypeLabel(applicant) },
    { label: '证件号码', value: applicant.idNumber },
  ];
  if (applicant.signer.capacity === 'guardian') {
    const { guardian } = applicant.signer;
    fields.push(
      { label: '法定监护人', value: `${guardian.name}（${guardian.relation}）` },
      { label: '监护人证件', value: `${idTypeLabel(guardian)} ${guardian.idNumber}` },
    );
  }
  fields.push(
    { label: '办理机构', value: counter.agencyName },
    { label: '窗口', value: counter.counterId },
    { label: '经办人', value: `${clerk.name}（${clerk.clerkId}）` },
    { label: '日期', value: chineseDate(facts.date) },
  );
  if (facts.caseNumber) fields.push({ label: '案件编号', value: facts.caseNumber });
  return fields;
};

/**
 * Fills a template with the facts of a case: the one document model that both the applicant's screen
 * and the PDF draw, for every letter kind. A field the template names but the facts lack is an error.
 */
export const composeLetter = (template: LetterTemplate, facts: LetterFacts): LetterDocument => {
  const fields = fieldsOf(template, facts);
  const pages: LetterPage[] = template.pages.map((page) => ({
    title: fillTemplate(page.title, fields),
    sections: page.sections.flatMap((section) => composeSection(section, facts.matter, fields)),
  }));
  return {
    kind: kindOf[template.id],
    templateId: template.id,
    templateVersion: template.version,
    title: template.title,
    sample: facts.matter.sample,
    pages,
    commitment: template.closing
      ? { heading: template.closing.heading, paragraphs: template.closing.paragraphs.map((text) => fillTemplate(text, fields)) }
      : null,
    execution: executionFields(facts),
    signatureLabel: template.signatureLabel,
    caseNumber: facts.caseNumber,
  };
};
