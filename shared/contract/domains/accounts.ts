import { z } from 'zod';
import { clerkId, noArgument, personName, pin } from './fields';
import { method, roles } from './define';
import type { ClerkAccount } from './session';

/** The administrator's settings for sign-in and idling. */
export interface SecuritySettings {
  /** Wrong PINs in a row that lock an account. */
  maxFailedAttempts: number;
  lockMinutes: number;
  idleLockMinutes: number;
}

export const securitySettingsSchema = z
  .object({
    maxFailedAttempts: z.number().int().min(3).max(10),
    lockMinutes: z.number().int().min(1).max(24 * 60),
    idleLockMinutes: z.number().int().min(1).max(60),
  })
  .strict();

/**
 * One account as 账户管理 shows it: who brought it in (made here, or by a central roster), the last
 * roster version that listed it and when this device applied it (an account made here is governed
 * by the roster too once one lists it), whether it still waits for its first PIN on this device, and
 * whether a roster disabled it. Never a PIN or its hash.
 */
export interface AccountEntry extends ClerkAccount {
  origin: 'local' | 'roster';
  roster: { seq: number; appliedAt: string } | null;
  awaitingPin: boolean;
  disabledAt: string | null;
}

/** Accounts and their rules: only the administrator creates accounts and changes the rules. */
export const accountsDomain = {
  createAccount: method<ClerkAccount>()({
    input: z.object({ clerkId, name: personName, pin, role: z.enum(roles) }).strict(),
    access: ['administrator'],
  }),
  listAccounts: method<ClerkAccount[]>()({ input: noArgument, access: ['administrator'] }),
  /** Every stored account, disabled ones too, with its origin (AccountEntry). */
  accountDirectory: method<AccountEntry[]>()({ input: noArgument, access: ['administrator'] }),
  /**
   * The first PIN of an account a roster brought in (it has none on this device): typed twice, both
   * checked by main; refused for an account that has a PIN already or was disabled.
   */
  setAccountPin: method<ClerkAccount>()({ input: z.object({ clerkId, pin, pinAgain: pin }).strict(), access: ['administrator'] }),
  getSecuritySettings: method<SecuritySettings>()({ input: noArgument, access: 'session' }),
  changeSecuritySettings: method<SecuritySettings>()({ input: securitySettingsSchema, access: ['administrator'] }),
} as const;
