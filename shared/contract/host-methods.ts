/**
 * The names of the host contract's methods, without their schemas: the preload needs only these, and
 * must stay a small file (it would otherwise carry zod and every domain schema).
 */
export const hostMethods = [
  'getSetup',
  'configureDevice',
  'createClerk',
  'signIn',
  'verifyPin',
  'unlockHandover',
  'releaseHandoverWait',
  'archiveLetter',
  'readArchivedLetter',
  'printLetter',
  'printJobStatus',
  'listPrinters',
  'getPrintSettings',
  'choosePrinter',
  'archiveReprint',
  'verifyArchive',
  'openApplicantScreen',
  'closeApplicantScreen',
] as const;

export type HostMethod = (typeof hostMethods)[number];

export const isHostMethod = (name: unknown): name is HostMethod =>
  typeof name === 'string' && (hostMethods as readonly string[]).includes(name);

/** The IPC channel of a method. */
export const hostChannel = (method: HostMethod): string => `host:${method}`;
