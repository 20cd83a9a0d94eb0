import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import type { Matter } from '../catalog/matter-schema';
import { letterTemplateSchema, type LetterTemplate, type LetterTemplateId } from './letter-template';
import commitmentLetterV1 from './templates/commitment-letter.v1.json' with { type: 'json' };
import proofListV1 from './templates/proof-list.v1.json' with { type: 'json' };
import notApplicableNoticeV1 from './templates/not-applicable-notice.v1.json' with { type: 'json' };
import withdrawalRecordV1 from './templates/withdrawal-record.v1.json' with { type: 'json' };
import commitmentLetterV2 from './templates/commitment-letter.v2.json' with { type: 'json' };
import proofListV2 from './templates/proof-list.v2.json' with { type: 'json' };
import notApplicableNoticeV2 from './templates/not-applicable-notice.v2.json' with { type: 'json' };
import withdrawalRecordV2 from './templates/withdrawal-record.v2.json' with { type: 'json' };

/** Every template version ever released, parsed against the schema when the app starts. */
export const builtInTemplates: readonly LetterTemplate[] = [
  commitmentLetterV1,
  proofListV1,
  notApplicableNoticeV1,
  withdrawalRecordV1,
  // Version 2: the sign-off an officer signs and seals (signing date, clerk's line, 办理机构（盖章）),
  // the number of copies and who keeps them, a signed proof list with where and by when, a notice
  // addressed as 您 throughout, withdrawal wording by the matter's category.
  commitmentLetterV2,
  proofListV2,
  notApplicableNoticeV2,
  withdrawalRecordV2,
].map((template) => letterTemplateSchema.parse(template));

export class UnknownTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly templateVersion: number,
  ) {
    super(`unknown letter template ${templateId} v${templateVersion}`);
  }
}

export interface TemplateRegistry {
  /** The version new letters use: the highest one of that id. */
  active(id: LetterTemplateId): LetterTemplate;
  /** A pinned version, for reprinting a record with the words it was sealed with. */
  version(id: string, version: number): LetterTemplate;
}

export const createTemplateRegistry = (templates: readonly LetterTemplate[]): TemplateRegistry => ({
  active(id) {
    const candidates = templates.filter((template) => template.id === id);
    const newest = candidates.reduce<LetterTemplate | undefined>((best, t) => (!best || t.version > best.version ? t : best), undefined);
    if (!newest) throw new UnknownTemplateError(id, 0);
    return newest;
  },
  version(id, version) {
    const template = templates.find((candidate) => candidate.id === id && candidate.version === version);
    if (!template) throw new UnknownTemplateError(id, version);
    return template;
  },
});

export const templates = createTemplateRegistry(builtInTemplates);

/** Pins the exact words of a letter: the template version and the matter text it was filled with. */
export const letterTemplateHash = (template: LetterTemplate, matter: Matter): Promise<string> =>
  sha256Hex(canonicalJson({ template, matter }));

/** The hash of a template alone: what templates/released.json pins per released version. */
export const templateBodyHash = (template: LetterTemplate): Promise<string> => sha256Hex(canonicalJson(template));
