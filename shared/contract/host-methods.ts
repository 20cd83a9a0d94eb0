/**
 * The names of the host contract's methods, without their schemas: the preload needs only these, and
 * must stay a small file (it would otherwise carry zod and every domain schema). Grouped as the
 * domains of domains/*.ts; host-contract.ts fails to type-check when the two lists differ.
 */
export const hostMethods = [
  // setup
  'getSetup',
  'configureDevice',
  'createAdministrator',
  // session
  'getSession',
  'signIn',
  'signOut',
  'unlockSession',
  'touchSession',
  'lockSession',
  'sessionEndNotice',
  // accounts
  'createAccount',
  'listAccounts',
  'accountDirectory',
  'setAccountPin',
  'getSecuritySettings',
  'changeSecuritySettings',
  // records
  'sealCase',
  'sealedRecord',
  'sealedRecords',
  'findSealedRecords',
  'unarchivedRecords',
  'voidRecord',
  'recordVoid',
  'archivedLetter',
  // archive
  'archiveLetter',
  'readArchivedLetter',
  'archiveReprint',
  'verifyArchive',
  'letterCode',
  // printing
  'printLetter',
  'printJobStatus',
  'listPrinters',
  'getPrintSettings',
  'choosePrinter',
  // applicant screen
  'openApplicantScreen',
  'closeApplicantScreen',
  'unlockHandover',
  'releaseHandoverWait',
  // audit
  'recordAudit',
  // catalog
  'getActiveCatalog',
  'importCatalog',
  // personal data
  'protectDraft',
  'revealDraft',
  // sync with the central system
  'syncStatus',
  'syncNow',
  'syncProblems',
  'syncResolveProblem',
  'syncResolutions',
  'syncPublicationIssues',
  'syncEnrollPreview',
  'syncEnroll',
  // day close (日结)
  'closeDay',
  'dayCloseStatus',
  'archiveDayReport',
  'printDayReport',
] as const;

export type HostMethod = (typeof hostMethods)[number];

export const isHostMethod = (name: unknown): name is HostMethod =>
  typeof name === 'string' && (hostMethods as readonly string[]).includes(name);

/** The IPC channel of a method. */
export const hostChannel = (method: HostMethod): string => `host:${method}`;
