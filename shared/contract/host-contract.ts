import { z } from 'zod';
import { sealedRecordSchema } from '../domain/sealed-record';
import { hostChannel, hostMethods, isHostMethod, type HostMethod } from './host-methods';
import type { Result } from './result';

/**
 * The host contract: everything the renderer may ask of the main process. One method per capability,
 * each with the schema its argument must satisfy; the main side validates every call against it before
 * any work is done. The renderer reaches it only as `window.host`.
 */
const clerkId = z.string().regex(/^[0-9A-Za-z]{2,16}$/);
const pin = z.string().regex(/^\d{6}$/);
const counterId = z.string().regex(/^[A-Z0-9]{1,8}$/);
const archivePath = z.string().regex(/^\d{4}-\d{2}-\d{2}\/[A-Z0-9]{1,8}\/[A-Z0-9-]{1,40}\.pdf$/);

export const hostInputSchemas = {
  getSetup: z.object({}).strict(),
  configureDevice: z
    .object({ counterId, agencyName: z.string().trim().min(2).max(60) })
    .strict(),
  createClerk: z
    .object({
      clerkId,
      name: z.string().trim().min(1).max(30),
      pin,
      /** Needed once any account exists: an existing clerk vouches for the new one. */
      authorizedBy: z.object({ clerkId, pin }).strict().optional(),
    })
    .strict(),
  signIn: z.object({ clerkId, pin }).strict(),
  verifyPin: z.object({ clerkId, pin }).strict(),
  archiveLetter: z
    .object({
      record: sealedRecordSchema,
      pdfBase64: z.base64().max(16 * 1024 * 1024),
    })
    .strict(),
  readArchivedLetter: z.object({ relativePath: archivePath }).strict(),
  printLetter: z.object({ relativePath: archivePath, copies: z.number().int().min(1).max(5) }).strict(),
  openApplicantScreen: z.object({}).strict(),
  closeApplicantScreen: z.object({}).strict(),
} as const satisfies { [K in HostMethod]: z.ZodType };

export interface DeviceSettings {
  deviceId: string;
  counterId: string;
  agencyName: string;
}

export interface SetupState {
  device: DeviceSettings | null;
  clerkCount: number;
  appVersion: string;
}

export interface ClerkAccount {
  clerkId: string;
  name: string;
}

export interface ArchivedLetter {
  relativePath: string;
  sha256: string;
  bytes: number;
}

export type PrintOutcome =
  | { status: 'queued'; jobId: string; printer: string }
  | { status: 'failed'; reason: string };

export interface HostOutputs {
  getSetup: SetupState;
  configureDevice: DeviceSettings;
  createClerk: ClerkAccount;
  signIn: ClerkAccount;
  verifyPin: ClerkAccount;
  archiveLetter: ArchivedLetter;
  readArchivedLetter: { pdfBase64: string; sha256: string };
  printLetter: PrintOutcome;
  /** `second-display`: a separate full-screen window faces the applicant; `handover`: one display only. */
  openApplicantScreen: { mode: 'second-display' | 'handover' };
  closeApplicantScreen: { closed: boolean };
}

export type HostInput<K extends HostMethod> = z.input<(typeof hostInputSchemas)[K]>;
export type HostValidInput<K extends HostMethod> = z.output<(typeof hostInputSchemas)[K]>;

/** What the renderer sees on `window.host`. */
export type HostApi = { [K in HostMethod]: (arg: HostInput<K>) => Promise<Result<HostOutputs[K]>> };

/** What the main process implements: arguments arrive already validated. */
export type HostHandlers = { [K in HostMethod]: (arg: HostValidInput<K>) => Promise<Result<HostOutputs[K]>> };

export { hostMethods, hostChannel, isHostMethod, type HostMethod };
