import { basisText } from '../catalog/citation';
import type { Matter } from '../catalog/matter-schema';
import type { MatterTextSource } from './letter-template';
import type { LetterSection } from './letter-document';

const verificationText = (matter: Matter): string =>
  matter.verificationDeadlineDays === null
    ? `${matter.verificationMethod}核查时限按本地规定执行。`
    : `${matter.verificationMethod}自受理之日起${matter.verificationDeadlineDays}个工作日内完成核查。`;

/** The paragraphs a matter gives a section: the published wording, never rephrased. */
export const matterText = (matter: Matter, source: Exclude<MatterTextSource, 'proofs'>): string[] => {
  switch (source) {
    case 'name':
      return [matter.name];
    case 'proofNames':
      return [matter.proofs.map((proof) => proof.name).join('；')];
    case 'basis':
      return matter.basis.map(basisText);
    case 'proofContents':
      return matter.proofs.map((proof) => `${proof.name}：${proof.content}`);
    case 'verificationMethod':
      return [verificationText(matter)];
    default:
      return [matter[source]];
  }
};

/** One section per proof to bring: numbered name as heading, the content requirement below. */
export const proofSections = (matter: Matter): LetterSection[] =>
  matter.proofs.map((proof, index) => ({ heading: `${index + 1}. ${proof.name}`, paragraphs: [proof.content] }));
