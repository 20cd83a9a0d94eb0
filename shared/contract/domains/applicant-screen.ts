import { z } from 'zod';
import { clerkId, noArgument, pin } from './fields';
import { method } from './define';
import type { ClerkAccount } from './session';

/**
 * The screen facing the applicant: the second display's window, or the clerk's own window handed
 * over. The two PIN panels of the hand-over are public: each checks a PIN of its own under the
 * hand-over back-off (electron/services/handover-guard.ts), so a stranger at the panel can neither
 * pass nor lock the clerk's account.
 */
export const applicantScreenDomain = {
  /** `second-display`: a separate full-screen window faces the applicant; `handover`: one display only. */
  openApplicantScreen: method<{ mode: 'second-display' | 'handover' }>()({ input: noArgument, access: 'session' }),
  closeApplicantScreen: method<{ closed: boolean }>()({ input: noArgument, access: 'session' }),
  /**
   * The clerk who handed the window over takes it back with their PIN; never counts against the
   * account. `clerkId` is the hand-over's own (kept with the case), which must be the session's when
   * one is open.
   */
  unlockHandover: method<ClerkAccount>()({ input: z.object({ clerkId, pin }).strict(), access: 'public' }),
  /** A 负责人 or administrator, with their own 工号 and PIN, ends the hand-over panel's wait for the clerk. */
  releaseHandoverWait: method<{ releasedBy: ClerkAccount }>()({
    input: z.object({ clerkId, supervisor: z.object({ clerkId, pin }).strict() }).strict(),
    access: 'public',
  }),
} as const;
