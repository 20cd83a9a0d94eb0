import { z } from 'zod';
import { clerkId, counterId, noArgument, personName, pin } from './fields';
import { method } from './define';
import type { ClerkAccount } from './session';

/**
 * The deployment's cryptographic suite, chosen once at first start and named in everything the device
 * signs: `gm` (SM2/SM3/SM4, what GB/T 39786-2021 expects of government systems) or `intl` (ECDSA
 * P-256, SHA-256, AES-256-GCM). The same names as main's crypto/suite.ts, which shared cannot import.
 */
export const cryptoSuites = ['gm', 'intl'] as const;
export type CryptoSuiteName = (typeof cryptoSuites)[number];

export interface DeviceSettings {
  deviceId: string;
  counterId: string;
  agencyName: string;
  /** Fixed at first start; a device.json written before the choice existed means `gm`. */
  cryptoSuite: CryptoSuiteName;
}

export interface SetupState {
  device: DeviceSettings | null;
  /** Accounts of any role on this device; 0 until the first administrator exists. */
  clerkCount: number;
  appVersion: string;
  /**
   * Whether the operating system protects the secrets main keeps sealed (PIN pepper, signing key,
   * data key): false on Linux without a keyring (safeStorage's plain-text backend) or without
   * safeStorage — then they are only as safe as the profile folder's permissions, and the app says so.
   */
  secretsProtectedByOs: boolean;
}

/**
 * First start: the device's counter and agency, then the first administrator. Both are public and
 * each refuses once done, so neither can be replayed later to take the device over.
 */
export const setupDomain = {
  getSetup: method<SetupState>()({ input: noArgument, access: 'public', applicant: true }),
  configureDevice: method<DeviceSettings>()({
    // The suite may be left out (`gm`, the default): callers from before the choice keep working.
    input: z.object({ counterId, agencyName: z.string().trim().min(2).max(60), cryptoSuite: z.enum(cryptoSuites).optional() }).strict(),
    access: 'public',
  }),
  createAdministrator: method<ClerkAccount>()({ input: z.object({ clerkId, name: personName, pin }).strict(), access: 'public' }),
} as const;
