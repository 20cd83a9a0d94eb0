import type { Matter } from '../catalog/matter-schema';
import type { Applicant, Clerk, CounterContext, PersonIdentity } from '../domain/case-draft';
import { t } from '../i18n';
import { fillTemplate } from './fill-template';
import { matterText, type LetterTemplate } from './commitment-template';
import type { LetterDocument, LetterField, LetterPage } from './letter-document';

/** What a letter is filled with. `caseNumber` is null before sealing (screen preview). */
export interface LetterFacts {
  matter: Matter;
  applicant: Applicant;
  counter: CounterContext;
  clerk: Clerk;
  /** The date printed on the letter, YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  caseNumber: string | null;
}

const idTypeLabel = (person: PersonIdentity): string => t(`id.type.${person.idType}`);

const formatChineseDate = (isoDate: string): string => {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
};

export const notificationPages = (template: LetterTemplate, matter: Matter): LetterPage[] =>
  template.pages.map((page) => ({
    title: page.title,
    sections: page.sections.map((section) => ({
      heading: section.heading,
      paragraphs: matterText(matter, section.source),
    })),
  }));

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
    { label: '日期', value: formatChineseDate(facts.date) },
  );
  if (facts.caseNumber) fields.push({ label: '案件编号', value: facts.caseNumber });
  return fields;
};

const signerFields = (applicant: Applicant): Record<string, string> => {
  if (applicant.signer.capacity === 'self') {
    return {
      signerName: applicant.name,
      signerIdType: idTypeLabel(applicant),
      signerIdNumber: applicant.idNumber,
    };
  }
  const { guardian } = applicant.signer;
  return { signerName: guardian.name, signerIdType: idTypeLabel(guardian), signerIdNumber: guardian.idNumber };
};

export const buildCommitmentLetter = (template: LetterTemplate, facts: LetterFacts): LetterDocument => {
  const { matter, applicant } = facts;
  const guardianClause =
    applicant.signer.capacity === 'guardian'
      ? fillTemplate(template.guardianClause, {
          applicantName: applicant.name,
          applicantIdType: idTypeLabel(applicant),
          applicantIdNumber: applicant.idNumber,
          relation: applicant.signer.guardian.relation,
        })
      : '';
  const intro = fillTemplate(template.commitmentIntro, {
    ...signerFields(applicant),
    guardianClause,
    matterName: matter.name,
  });
  return {
    kind: 'commitment',
    templateId: template.id,
    templateVersion: template.version,
    title: template.title,
    sample: matter.sample,
    pages: notificationPages(template, matter),
    commitment: { heading: template.commitmentHeading, paragraphs: [intro, ...template.statements] },
    execution: executionFields(facts),
    signatureLabel: template.signatureLabel,
    caseNumber: facts.caseNumber,
  };
};

export const buildProofListLetter = (template: LetterTemplate, facts: LetterFacts): LetterDocument => {
  const { matter, applicant } = facts;
  return {
    kind: 'proof-list',
    templateId: template.id,
    templateVersion: template.version,
    title: template.proofList.title,
    sample: matter.sample,
    pages: [
      {
        title: fillTemplate(template.proofList.intro, { applicantName: applicant.name, matterName: matter.name }),
        sections: matter.proofs.map((proof, index) => ({
          heading: `${index + 1}. ${proof.name}`,
          paragraphs: [proof.content],
        })),
      },
      { title: '', sections: [{ heading: '', paragraphs: [template.proofList.closing] }] },
    ],
    commitment: null,
    execution: executionFields(facts),
    signatureLabel: null,
    caseNumber: facts.caseNumber,
  };
};
