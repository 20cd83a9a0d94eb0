import type { recordMessages as reference } from '../zh-CN/records';

/** English wording of the record store's messages. */
export const recordMessages: Record<keyof typeof reference, string> = {
  'host.seal.not_ready': 'The case has not completed every step (matter, applicant, notification, choice and signature) and cannot be sealed.',
  'host.seal.other_clerk': 'Another member of staff took this case; it cannot be sealed in your name. The clerk who took it must sign in and seal it.',
  'host.seal.other_device': 'This case was not taken on this device and cannot be sealed here.',
  'host.seal.numbers_exhausted': "Today's case numbers of this counter are used up (at most 9999 a day); nothing more can be sealed. Contact the device administrator.",
  'host.seal.chain_index_damaged': "This device's case index is damaged; sealing has stopped so that the record chain cannot fork. Contact the device administrator to check the archive.",
  'host.seal.chain_head_mismatch': "The newest archived record of this device differs from the case index (it may have been replaced); sealing has stopped so that the record chain cannot fork. Contact the device administrator to check the archive.",
  'host.seal.chain_ledger_out_of_chain': "A record in the archive's ledger does not link into this device's record chain; sealing has stopped so that the chain cannot fork. Contact the device administrator to check the archive.",
  'host.record.not_found': 'This device has no sealed record with that number.',
  'host.record.unreadable': "The record's archived file is missing or has been altered and cannot be read. Contact the device administrator to check the archive.",
  'host.void.already_voided': 'This case has already been voided (void record {voidNumber}) and cannot be voided again.',
  'host.void.note_needed': 'When the reason is “other”, write the reason in the note.',
  'host.void.print_refused': 'This case has been voided; its letter is no longer printed or reprinted.',
} as const;
