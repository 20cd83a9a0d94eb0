import type { personalDataMessages as reference } from '../zh-CN/personal-data';

export const personalDataMessages = {
  'host.personal_data.unreadable':
    'The applicant’s details of this case in progress cannot be decrypted (another data key on this machine, another clerk’s case, or damaged data). Discard the case and start it again.',
  'host.personal_data.key_unavailable': 'This machine’s data key cannot be read ({code}): applicant details can be neither saved nor read. Please contact the administrator.',
  'host.field.draftId': 'case ID',
  'host.field.data': 'case contents',
  'host.field.data.draft': 'case contents',
  'host.field.data.draft.draftId': 'case ID',
  'host.field.data.draft.step': 'case step',
  'host.field.data.applicantForm': 'applicant details',
  'host.field.data.signatureInProgress': 'unconfirmed signature',
  'host.field.sealed': 'encrypted case contents',

  'ui.personal_data.draft_unreadable': 'The applicant’s details of this case cannot be read',
} as const satisfies Record<keyof typeof reference, string>;
