import type { z } from 'zod';
import { accountsDomain } from './domains/accounts';
import { applicantScreenDomain } from './domains/applicant-screen';
import { archiveDomain } from './domains/archive';
import { auditDomain } from './domains/audit';
import { catalogDomain } from './domains/catalog';
import { dayCloseDomain } from './domains/day-close';
import type { HostAccess, MethodSpec } from './domains/define';
import { personalDataDomain } from './domains/personal-data';
import { printingDomain } from './domains/printing';
import { recordsDomain } from './domains/records';
import { sessionDomain } from './domains/session';
import { setupDomain } from './domains/setup';
import { syncDomain } from './domains/sync';
import { hostChannel, hostMethods, isHostMethod, type HostMethod } from './host-methods';
import type { Result } from './result';

/**
 * The host contract: everything the renderer may ask of the main process, merged from one file per
 * domain (domains/*.ts), where each method's schema stands beside its output type and who may call
 * it. Main validates every call against the schema and checks the caller before any work is done.
 * The renderer reaches it only as `window.host`.
 */
export const hostSpec = {
  ...setupDomain,
  ...sessionDomain,
  ...accountsDomain,
  ...recordsDomain,
  ...archiveDomain,
  ...printingDomain,
  ...applicantScreenDomain,
  ...auditDomain,
  ...catalogDomain,
  ...personalDataDomain,
  ...syncDomain,
  ...dayCloseDomain,
} as const;

type Spec = typeof hostSpec;
// The preload's name list and the specs must be the same set, both ways.
type Missing = Exclude<HostMethod, keyof Spec> | Exclude<keyof Spec, HostMethod>;
const namesMatchSpecs: [Missing] extends [never] ? true : Missing = true;
void namesMatchSpecs;

type InputOf<K extends HostMethod> = Spec[K]['input'];
type OutputOf<S> = S extends MethodSpec<z.ZodType, infer Out> ? Out : never;

export const hostInputSchemas = Object.fromEntries(hostMethods.map((name) => [name, hostSpec[name].input])) as {
  [K in HostMethod]: InputOf<K>;
};

/** Who may call each method (see HostAccess), read by main's session check. */
export const hostAccess = Object.fromEntries(hostMethods.map((name) => [name, hostSpec[name].access])) as Record<HostMethod, HostAccess>;

/** The applicant window's smaller contract: any other method it calls is refused. */
export const applicantHostMethods = hostMethods.filter((name) => hostSpec[name].applicant);

export type HostOutputs = { [K in HostMethod]: OutputOf<Spec[K]> };

export type HostInput<K extends HostMethod> = z.input<InputOf<K>>;
export type HostValidInput<K extends HostMethod> = z.output<InputOf<K>>;

/** What the renderer sees on `window.host`. */
export type HostApi = { [K in HostMethod]: (arg: HostInput<K>) => Promise<Result<HostOutputs[K]>> };

/** What the main process implements: arguments arrive already validated. */
export type HostHandlers = { [K in HostMethod]: (arg: HostValidInput<K>) => Promise<Result<HostOutputs[K]>> };

export type { HostAccess, Role } from './domains/define';
export type { RecordSummary } from './domains/records';
export { roles } from './domains/define';
export type { ClerkAccount, SessionInfo } from './domains/session';
export type { AccountEntry, SecuritySettings } from './domains/accounts';
export type { DeviceSettings, SetupState } from './domains/setup';
export type { ArchivedLetter, ArchiveCheck } from './domains/archive';
export type { PrintOutcome, PrintJobState, PrintSettings, PrinterInfo } from './domains/printing';
export type { ActiveCatalog, StoredCatalogProblem } from './domains/catalog';
export type { EnrolledInfo, EnrollPreview, PulledPublicationIssue, SyncProblem, SyncProgress, SyncResolution, SyncStatus } from './domains/sync';
export { hostMethods, hostChannel, isHostMethod, type HostMethod };
