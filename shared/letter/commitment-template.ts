import type { Matter } from '../catalog/matter-schema';
import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';

/** Where a notification section takes its text from in the matter. */
export type MatterTextSource =
  | 'name'
  | 'proofNames'
  | 'basis'
  | 'proofContents'
  | 'conditions'
  | 'commitmentMethod'
  | 'liability'
  | 'verification'
  | 'disclosure';

export interface LetterTemplate {
  id: string;
  version: number;
  title: string;
  pages: { title: string; sections: { heading: string; source: MatterTextSource }[] }[];
  commitmentHeading: string;
  /** Fields: signerName, signerIdType, signerIdNumber, guardianClause, matterName. */
  commitmentIntro: string;
  /** Fields: applicantName, applicantIdType, applicantIdNumber, relation. */
  guardianClause: string;
  statements: string[];
  signatureLabel: string;
  proofList: { title: string; intro: string; closing: string };
}

/**
 * The default letter template (version 1). Editing the text makes a new version; every sealed record
 * pins id + version + hash, so an old record can always be reprinted with the words it was signed under.
 */
export const commitmentTemplateV1: LetterTemplate = {
  id: 'commitment-letter',
  version: 1,
  title: '证明事项告知承诺书',
  pages: [
    {
      title: '办理事项与证明事项',
      sections: [
        { heading: '事项名称', source: 'name' },
        { heading: '证明事项名称', source: 'proofNames' },
        { heading: '设定依据', source: 'basis' },
      ],
    },
    {
      title: '证明义务与办理条件',
      sections: [
        { heading: '证明内容及材料要求', source: 'proofContents' },
        { heading: '办理条件', source: 'conditions' },
      ],
    },
    {
      title: '承诺方式与法律责任',
      sections: [
        { heading: '承诺方式', source: 'commitmentMethod' },
        { heading: '不实承诺的法律责任', source: 'liability' },
      ],
    },
    {
      title: '核查与公开',
      sections: [
        { heading: '行政机关核查权力与申请人配合义务', source: 'verification' },
        { heading: '承诺书是否公开、公开范围及时限', source: 'disclosure' },
      ],
    },
  ],
  commitmentHeading: '申请人承诺',
  commitmentIntro:
    '本人{signerName}（{signerIdType}：{signerIdNumber}）{guardianClause}就申请办理“{matterName}”事项，现郑重承诺：',
  guardianClause: '作为{applicantName}（{applicantIdType}：{applicantIdNumber}）的法定监护人（{relation}），',
  statements: [
    '一、已知晓本告知承诺书告知的全部事项；',
    '二、已符合告知的办理条件；',
    '三、所填写、提供的信息真实、准确、完整、有效；',
    '四、愿意接受行政机关的核查，并如实提供有关材料和信息；',
    '五、愿意承担不实承诺的法律责任；',
    '六、以上承诺是本人真实意思表示。',
  ],
  signatureLabel: '承诺人（签名）',
  proofList: {
    title: '证明材料提交清单',
    intro: '申请人{applicantName}选择不作承诺，按原方式提交证明材料。办理“{matterName}”事项，请提交以下证明：',
    closing: '请携带以上证明材料原件及本人有效身份证件到窗口办理。',
  },
};

export const activeCommitmentTemplate = commitmentTemplateV1;

export const matterText = (matter: Matter, source: MatterTextSource): string[] => {
  switch (source) {
    case 'name':
      return [matter.name];
    case 'proofNames':
      return [matter.proofs.map((proof) => proof.name).join('；')];
    case 'basis':
      return matter.basis;
    case 'proofContents':
      return matter.proofs.map((proof) => `${proof.name}：${proof.content}`);
    default:
      return [matter[source]];
  }
};

export const notificationPageCount = (template: LetterTemplate = activeCommitmentTemplate): number =>
  template.pages.length;

/** Pins the exact words shown: the template and the matter text it was filled with. */
export const letterTemplateHash = (template: LetterTemplate, matter: Matter): Promise<string> =>
  sha256Hex(canonicalJson({ template, matter }));
