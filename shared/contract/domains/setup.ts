import { z } from 'zod';
import { clerkId, counterId, noArgument, personName, pin } from './fields';
import { method } from './define';
import type { ClerkAccount } from './session';

export interface DeviceSettings {
  deviceId: string;
  counterId: string;
  agencyName: string;
}

export interface SetupState {
  device: DeviceSettings | null;
  /** Accounts of any role on this device; 0 until the first administrator exists. */
  clerkCount: number;
  appVersion: string;
}

/**
 * First start: the device's counter and agency, then the first administrator. Both are public and
 * each refuses once done, so neither can be replayed later to take the device over.
 */
export const setupDomain = {
  getSetup: method<SetupState>()({ input: noArgument, access: 'public', applicant: true }),
  configureDevice: method<DeviceSettings>()({
    input: z.object({ counterId, agencyName: z.string().trim().min(2).max(60) }).strict(),
    access: 'public',
  }),
  createAdministrator: method<ClerkAccount>()({ input: z.object({ clerkId, name: personName, pin }).strict(), access: 'public' }),
} as const;
