import { recordAudit } from '../db/audit-log';
import { enterHandover, showOnApplicantScreen } from '../db/applicant-screen-state';
import type { DraftRow } from '../db/database';
import { callHost } from '../host';

/**
 * Puts the case in front of the applicant: on the second display when there is one, otherwise by
 * handing this window over until the clerk's PIN takes it back.
 */
export const openApplicantScreen = async (row: DraftRow): Promise<'second-display' | 'handover'> => {
  await showOnApplicantScreen(row.draftId);
  const { mode } = await callHost('openApplicantScreen', {});
  if (mode === 'handover') {
    await enterHandover({ draftId: row.draftId, clerkId: row.clerkId, since: new Date().toISOString() });
    await recordAudit('handover.enter', row.draftId);
  }
  return mode;
};
