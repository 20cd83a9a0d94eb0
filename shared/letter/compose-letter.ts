import type { Matter } from '../catalog/matter-schema';
import type { Applicant, Clerk, CounterContext, PersonIdentity } from '../domain/case-draft';
import { t } from '../i18n';
import { copiesFields } from './copies';
import { fillTemplate } from './fill-template';
import type { LetterTemplate, LetterTemplateId, TemplateSection } from './letter-template';
import type { LetterDocument, LetterField, LetterKind, LetterPage, LetterSection, LetterSignOff } from './letter-document';
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
  /** Fixture data, not a case: the letter is marked 样张 (see LetterDocument.specimen). */
  specimen?: boolean;
}

/** The case number a specimen carries: no real case number has this form (caseNumberPattern). */
export const SPECIMEN_CASE_NUMBER = '样张-非正式编号';

/** Where the locality has not published a place or time limit, the letter says so and defers to it. */
export const UNSET_SUBMISSION = '本地事项目录未作规定，以办理机构公布的规定为准';

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
    ...copiesFields(matter),
    submissionPlace: matter.proofSubmission?.place ?? UNSET_SUBMISSION,
    submissionDeadline: matter.proofSubmission?.deadline ?? UNSET_SUBMISSION,
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
  const filled = (texts: readonly string[]) => texts.map((text) => fillTemplate(text, fields));
  if ('paragraphs' in section) {
    return [{ heading, paragraphs: filled(section.paragraphs), ...(section.salutation ? { salutation: true as const } : {}) }];
  }
  if ('paragraphsByCategory' in section) {
    const byCategory = section.paragraphsByCategory;
    return [{ heading, paragraphs: filled(byCategory[matter.category] ?? byCategory.default) }];
  }
  if (section.source === 'proofs') return proofSections(matter);
  return [{ heading, paragraphs: matterText(matter, section.source) }];
};

const executionFields = (facts: LetterFacts, scope: 'full' | 'handling'): LetterField[] => {
  const { applicant, counter, clerk } = facts;
  const caseNumber = facts.specimen ? SPECIMEN_CASE_NUMBER : facts.caseNumber;
  if (scope === 'handling') {
    // A notice addressed to the applicant names them in its salutation; it ends with who handled it.
    return [
      { label: '窗口', value: counter.counterId },
      { label: '经办人', value: `${clerk.name}（${clerk.clerkId}）` },
      ...(caseNumber ? [{ label: '案件编号', value: caseNumber }] : []),
    ];
  }
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
  if (caseNumber) fields.push({ label: '案件编号', value: caseNumber });
  return fields;
};

const signOffOf = (template: LetterTemplate, facts: LetterFacts): LetterSignOff | null => {
  const spec = template.signOff;
  if (!spec) return null;
  const date = chineseDate(facts.date);
  return {
    signatureDate: spec.signatureDateLabel && template.signatureLabel !== null ? { label: spec.signatureDateLabel, date } : null,
    clerk: spec.clerkSignatureLabel ? { label: spec.clerkSignatureLabel, name: `${facts.clerk.name}（${facts.clerk.clerkId}）` } : null,
    agency: spec.agencySealLabel ? { label: spec.agencySealLabel, name: facts.counter.agencyName, date } : null,
  };
};

const signatureLabelOf = (template: LetterTemplate, facts: LetterFacts): string | null =>
  facts.applicant.signer.capacity === 'guardian' && template.signOff?.guardianSignatureLabel
    ? template.signOff.guardianSignatureLabel
    : template.signatureLabel;

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
    specimen: facts.specimen === true,
    pages,
    commitment: template.closing
      ? { heading: template.closing.heading, paragraphs: template.closing.paragraphs.map((text) => fillTemplate(text, fields)) }
      : null,
    execution: executionFields(facts, template.signOff?.execution ?? 'full'),
    signatureLabel: signatureLabelOf(template, facts),
    signOff: signOffOf(template, facts),
    caseNumber: facts.specimen ? SPECIMEN_CASE_NUMBER : facts.caseNumber,
  };
};
