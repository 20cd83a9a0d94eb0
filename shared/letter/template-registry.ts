import { commitmentTemplateV1, type LetterTemplate } from './commitment-template';

/** Every template version ever used for sealing stays here: old records reprint with their own words. */
const templates: readonly LetterTemplate[] = [commitmentTemplateV1];

export class UnknownTemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly templateVersion: number,
  ) {
    super(`unknown letter template ${templateId} v${templateVersion}`);
  }
}

export const templateFor = (id: string, version: number): LetterTemplate => {
  const template = templates.find((candidate) => candidate.id === id && candidate.version === version);
  if (!template) throw new UnknownTemplateError(id, version);
  return template;
};
