import { z } from 'zod';
import { clerkId, noArgument, pin } from './fields';
import { method, type Role } from './define';
import type { HostError } from '../result';

export interface ClerkAccount {
  clerkId: string;
  name: string;
  role: Role;
}

/** The device's session as main keeps it: who, which role, since when, last activity, locked or not. */
export interface SessionInfo {
  account: ClerkAccount;
  /** ISO times. */
  since: string;
  lastActivity: string;
  /** Locked after idling: only the signed-in account's PIN (unlockSession) or signing out go on. */
  locked: boolean;
  /** Minutes of inactivity after which the screen locks (the administrator's setting). */
  idleLockMinutes: number;
}

/**
 * Sessions live in main: one per device, opened by signIn, ended by signOut. The renderer only mirrors
 * it and never names the acting clerk anywhere else.
 */
export const sessionDomain = {
  /** `null`: nobody is signed in. */
  getSession: method<SessionInfo | null>()({ input: noArgument, access: 'public' }),
  /** Opens the device's session, ending whatever session was open. */
  signIn: method<SessionInfo>()({ input: z.object({ clerkId, pin }).strict(), access: 'public' }),
  /** Allowed without a session: signing out twice does no harm. */
  signOut: method<{ signedOut: boolean }>()({ input: noArgument, access: 'public' }),
  /** The lock screen: the signed-in account's PIN, counted like a sign-in. */
  unlockSession: method<SessionInfo>()({ input: z.object({ pin }).strict(), access: 'public' }),
  /** The clerk is at work (input in the clerk's window): postpones the idle lock. */
  touchSession: method<SessionInfo>()({ input: noArgument, access: 'session' }),
  /**
   * Why main last ended a session by itself (a central roster disabled the account or changed its
   * role), for the sign-in screen to say; `null` when it did not, or once someone signed in since.
   */
  sessionEndNotice: method<HostError | null>()({ input: noArgument, access: 'public' }),
  /** The renderer's idle timer ran out: main locks now rather than at its own next check. */
  lockSession: method<{ locked: boolean }>()({ input: noArgument, access: 'public' }),
} as const;
