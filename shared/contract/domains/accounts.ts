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

/** Accounts and their rules: only the administrator creates accounts and changes the rules. */
export const accountsDomain = {
  createAccount: method<ClerkAccount>()({
    input: z.object({ clerkId, name: personName, pin, role: z.enum(roles) }).strict(),
    access: ['administrator'],
  }),
  listAccounts: method<ClerkAccount[]>()({ input: noArgument, access: ['administrator'] }),
  getSecuritySettings: method<SecuritySettings>()({ input: noArgument, access: 'session' }),
  changeSecuritySettings: method<SecuritySettings>()({ input: securitySettingsSchema, access: ['administrator'] }),
} as const;
