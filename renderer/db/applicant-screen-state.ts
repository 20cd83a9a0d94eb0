import { db } from './database';

/**
 * Which case the applicant-facing screen shows, and whether this window is handed over to the
 * applicant. Both live in IndexedDB, shared by the clerk's window and the applicant's window of the
 * same origin, so a reload or a crash never drops the applicant onto the clerk's screens.
 */
export interface ApplicantScreenState {
  draftId: string | null;
}

export interface HandoverState {
  draftId: string;
  clerkId: string;
  since: string;
}

const APPLICANT_SCREEN = 'applicantScreen';
const HANDOVER = 'handover';

export const readApplicantScreen = async (): Promise<ApplicantScreenState> =>
  ((await db.settings.get(APPLICANT_SCREEN))?.value as ApplicantScreenState | undefined) ?? { draftId: null };

export const showOnApplicantScreen = (draftId: string | null) =>
  db.settings.put({ key: APPLICANT_SCREEN, value: { draftId } satisfies ApplicantScreenState });

export const readHandover = async (): Promise<HandoverState | null> =>
  ((await db.settings.get(HANDOVER))?.value as HandoverState | undefined) ?? null;

export const enterHandover = (state: HandoverState) => db.settings.put({ key: HANDOVER, value: state });

export const leaveHandover = () => db.settings.delete(HANDOVER);
