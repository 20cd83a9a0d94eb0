import { hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { shanghaiDate } from '../../shared/domain/case-number';
import { createLetterArchive } from './archive';
import { verifyArchive } from './archive-verify';
import { pathExists } from './atomic-file';
import { createAuditLog } from './audit-log';
import { createCatalogHandlers } from './catalog-handlers';
import { createCatalogStore } from './catalog-store';
import type { SyncCredentials } from './sync/credentials-store';
import { createPuller, type Puller } from './sync/pull-once';
import { createPullState } from './sync/pull-state';
import type { SyncHttp } from './sync/sync-http';
import type { ScryptParams } from './clerk-accounts';
import { guardAccess } from './host-access';
import { createIdentity } from './identity';
import { createPersonalDataHandlers } from './personal-data-handlers';
import type { PrintService } from './printing';
import { createPrintSettingsStore } from './print-settings';
import { loadSuite, type SuiteName } from './crypto/suite';
import { checkDeviceEvidence } from './evidence/device-archive-check';
import { deviceSignerSource } from './evidence/device-signer-source';
import { createLetterCodeStore } from './evidence/letter-code-store';
import type { SecretStore } from './secret-store';
import { createSettingsStore } from './settings-store';
import { createRecordHandlers } from './records/record-handlers';
import { createRecordStore } from './records/record-store';
import { createDayCloseHandlers } from './day-close/day-close-handlers';
import { dayCloseLinkOf } from './day-close/sync-link';
import { personalDataCipherSource } from './personal-data/cipher-source';
import type { RecordOpener } from './evidence/signed-record';
import { createSyncService, type SyncServiceOptions } from './sync/sync-handlers';

/**
 * Every method of the host contract, implemented with the services of this folder. Arguments arrive
 * already validated by `dispatchHostCall`. Nothing here logs, and no answer repeats names, ID numbers,
 * signatures or PINs: only codes and fixed sentences.
 */
export interface ApplicantScreenControl {
  open(): Promise<'second-display' | 'handover'>;
  close(): Promise<boolean>;
}

export interface HostServiceOptions {
  dataDir: string;
  archiveDir: string;
  appVersion: string;
  applicantScreen: ApplicantScreenControl;
  print: PrintService;
  now?: () => Date;
  /** Tests may lower the PIN hashing cost; the app uses the default. */
  scryptParams?: ScryptParams;
  /** Seals the PIN pepper: safeStorage in the app; a key file in the data folder when absent. */
  secrets?: SecretStore;
  /**
   * Overrides the suite chosen at first start (device.json) for tests and benches; the app leaves it
   * out, so signatures and the data key follow the device's setting.
   */
  cryptoSuite?: SuiteName;
  /**
   * The link to the central system (sync/): automatic rounds unless `automatic: false` (a test that
   * drives 立即同步 alone); `pull` is the pull after each push; `stop` ends the rounds.
   */
  sync?: Pick<SyncServiceOptions, 'automatic' | 'pull' | 'stop' | 'wakeDelayMs'>;
}

/** `2026-11-28/C01/C01-20261128-0001.reprint-2.pdf` → `C01-20261128-0001`. */
const caseNumberOfLetter = (relativePath: string): string => relativePath.slice(relativePath.lastIndexOf('/') + 1).split('.')[0]!;

const errorCode = (error: unknown): string =>
  error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'INTERNAL';

/** File-system failures the clerk can do something about get their own sentence. */
const storageFailure = (error: unknown): Result<never> => {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return fail('DISK_FULL', 'host.error.disk_full');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return fail('NO_PERMISSION', 'host.error.no_permission');
    default:
      if (/^E[A-Z]+$/.test(code)) return fail('STORAGE_FAILED', 'host.error.storage_failed', { code });
      throw error;
  }
};

/** Wraps every handler so an I/O failure answers with a sentence instead of a bare error code. */
const guardAll = (handlers: HostHandlers): HostHandlers => {
  const guarded: Record<string, (arg: unknown) => Promise<Result<unknown>>> = {};
  for (const method of hostMethods) {
    const handler = handlers[method] as (arg: unknown) => Promise<Result<unknown>>;
    guarded[method] = async (arg) => {
      try {
        return await handler(arg);
      } catch (error) {
        return storageFailure(error);
      }
    };
  }
  return guarded as unknown as HostHandlers;
};

export function createHostHandlers(options: HostServiceOptions): HostHandlers {
  const settings = createSettingsStore({ dataDir: options.dataDir, ...(options.now ? { now: options.now } : {}) });
  // Main's signed audit log beside the ledger (audit-log.ts): the actor is always the session's account.
  const audit = createAuditLog({
    archiveDir: options.archiveDir,
    signer: () => signer(),
    currentActor: async () => (await identity.sessions.info())?.account ?? null,
    deviceId: async () => {
      const device = await settings.read();
      return device.ok && device.value ? device.value.deviceId : null;
    },
    ...(options.now ? { now: options.now } : {}),
  });
  const identity = createIdentity({
    audit,
    dataDir: options.dataDir,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}),
  });
  // The deployment's suite, chosen at first start and kept in device.json (settings-store.ts); the
  // option overrides it for tests and benches. Read when first needed: until the device is
  // configured it is the default, and nothing of a case is signed before then.
  const configuredSuite = async (): Promise<SuiteName> => {
    if (options.cryptoSuite) return options.cryptoSuite;
    const device = await settings.read();
    return device.ok && device.value ? device.value.cryptoSuite : 'gm';
  };
  // Main signs every archived record, ledger line and audit line with the device key (evidence/,
  // device-key.ts). One source per suite, since each suite has its own key file and a source keeps
  // the signer it first opened.
  const signerSources = new Map<SuiteName, ReturnType<typeof deviceSignerSource>>();
  const signer = async () => {
    const suite = await configuredSuite();
    let source = signerSources.get(suite);
    if (!source) {
      source = deviceSignerSource({
        dataDir: options.dataDir,
        ...(options.secrets ? { secrets: options.secrets } : {}),
        suite,
        ...(options.now ? { now: options.now } : {}),
      });
      signerSources.set(suite, source);
    }
    return source();
  };
  // One data key for drafts, the record index and record files (personal-data/), in the same suite.
  const personalData = personalDataCipherSource({ dataDir: options.dataDir, ...(options.secrets ? { secrets: options.secrets } : {}), cryptoSuite: configuredSuite });
  const recordOpener = async (): Promise<RecordOpener> => {
    const cipher = await personalData();
    return { cipher, suite: await loadSuite(cipher.suite) };
  };
  const archive = createLetterArchive({ archiveDir: options.archiveDir, signer, opener: recordOpener, ...(options.now ? { now: options.now } : {}) });
  const letterCodes = createLetterCodeStore({ dataDir: options.dataDir, signer });
  const records = createRecordStore({
    dataDir: options.dataDir,
    archive,
    idIndex: async (idNumber) => (await personalData()).blindIndex(idNumber),
    opener: recordOpener,
    // The last clock skew the central system measured, written into records sealed while it is beyond 300 s.
    clockSkew: () => sync.engine.clockSkewForSeal(),
    ...(options.now ? { now: options.now } : {}),
  });
  const catalogStore = createCatalogStore({ dataDir: options.dataDir, ...(options.now ? { now: options.now } : {}) });
  // The pull applies publications to the very catalog store, accounts and audit log the handlers use;
  // made once, after enrollment, so its lock keeps one pull at a time.
  let puller: Puller | null = null;
  const pull = (client: SyncHttp, credentials: SyncCredentials) => {
    puller ??= createPuller({
      serverKey: credentials.serverKey,
      scopes: credentials.orgPath.map((unit) => unit.id),
      catalogs: catalogStore,
      accounts: identity.accounts,
      audit,
      state: createPullState(options.dataDir, options.now),
    });
    return puller.pullOnce(client);
  };
  // Enrollment, push and pull with the central system (sync/), running whenever enrolled.
  const sync = createSyncService({
    pull,
    dataDir: options.dataDir,
    archiveDir: options.archiveDir,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    device: () => settings.read(),
    signer,
    audit,
    ...(options.now ? { now: options.now } : {}),
    ...options.sync,
  });
  const printSettings = createPrintSettingsStore(options.dataDir);

  const handlers: HostHandlers = {
    getSetup: async () => {
      const device = await settings.read();
      if (!device.ok) return device;
      const clerkCount = await identity.accounts.count();
      if (!clerkCount.ok) return clerkCount;
      // Without a SecretStore the services fall back to a key file beside the data: no OS protection.
      return ok({ device: device.value, clerkCount: clerkCount.value, appVersion: options.appVersion, secretsProtectedByOs: options.secrets?.protectedByOs ?? false });
    },

    configureDevice: (input) => settings.configure(input),

    // Setup's first administrator, sessions, accounts and the hand-over PINs (session-handlers.ts).
    ...identity.handlers,
    // Drafts' personal data sealed and opened for the signed-in session (personal-data-handlers.ts).
    ...createPersonalDataHandlers(personalData, identity.sessions),

    // The matter catalog, kept and checked by main (catalog-handlers.ts, catalog-store.ts).
    ...createCatalogHandlers({ dataDir: options.dataDir, audit, store: catalogStore, ...(options.now ? { now: options.now } : {}) }),

    // Sealing, the sealed records and what starts from one: letter, QR code (records/record-handlers.ts).
    ...createRecordHandlers({ settings, sessions: identity.sessions, audit, archive, records, letterCodes, signer, receiptedAt: () => sync.engine.receiptedAt() }),

    // The central system: status, 立即同步, the refused lines, enrollment (sync/sync-handlers.ts).
    ...sync.handlers,

    // 日结, the supervisor's day close, over the sync engine (day-close/).
    ...createDayCloseHandlers({
      dataDir: options.dataDir,
      archive,
      audit,
      settings,
      sessions: identity.sessions,
      signer,
      opener: recordOpener,
      print: options.print,
      link: dayCloseLinkOf(sync.engine),
      ...(options.now ? { now: options.now } : {}),
    }),

    readArchivedLetter: (input) => archive.readArchivedLetter(input),

    printLetter: async ({ relativePath, copies }) => {
      // A voided case's letter no longer stands: it is never handed out again as if it did.
      if (await records.voidOf(caseNumberOfLetter(relativePath))) return fail('RECORD_VOIDED', 'host.void.print_refused');
      const file = await archive.letterToPrint(relativePath);
      if (!file.ok) return file;
      const settings = await printSettings.read();
      // The job's title is the file name: a case number, never a name (every spooler user sees titles).
      const title = relativePath.slice(relativePath.lastIndexOf('/') + 1, -'.pdf'.length);
      const outcome = await options.print.print({ pdf: file.value, printer: settings.ok ? settings.value.printer : null, copies, title });
      await audit.record(outcome.status === 'queued' ? 'letter.print' : 'letter.print_failed', relativePath, `copies-${copies}`);
      return ok(outcome);
    },

    printJobStatus: async ({ jobId }) => ok(await options.print.jobStatus(jobId)),

    listPrinters: () => options.print.listPrinters(),

    getPrintSettings: () => printSettings.read(),

    choosePrinter: async ({ printer }) => {
      if (printer !== null) {
        const printers = await options.print.listPrinters();
        if (!printers.ok) return printers;
        if (!printers.value.some((candidate) => candidate.name === printer)) return fail('PRINTER_UNKNOWN', 'host.printer.unknown', { printer });
      }
      const saved = await printSettings.write({ printer });
      // A printer's name is the spooler's free text: the entry says only whether one was chosen.
      await audit.record('printer.choose', 'print-settings', printer === null ? 'system_default' : 'chosen');
      return ok(saved);
    },

    archiveReprint: async (input) => {
      if (await records.voidOf(caseNumberOfLetter(input.letterPath))) return fail('RECORD_VOIDED', 'host.void.print_refused');
      const archived = await archive.archiveReprint(input);
      if (archived.ok) await audit.record('letter.reprint', archived.value.relativePath);
      return archived;
    },

    recordAudit: async ({ action, subject, detail }) => ok({ seq: (await audit.record(action, subject, detail)).seq }),

    verifyArchive: async () => {
      // Before the first letter there is no archive folder yet: nothing to check, nothing wrong.
      const noEvidence = { evidence: { ledger: { signed: 0, unsigned: 0 }, records: { signed: 0, unsigned: 0 }, keysUsed: [], findings: [] }, audit: { present: false, entries: 0, findings: [] } };
      if (!(await pathExists(options.archiveDir))) return ok({ ledgerEntries: 0, filesOnDisk: 0, intact: 0, findings: [], ledgerProblems: [], chain: { records: 0, chains: 0, findings: [] }, expired: [], ...noEvidence });
      const device = await settings.read();
      if (!device.ok) return device;
      const report = await verifyArchive(options.archiveDir, shanghaiDate((options.now ?? (() => new Date()))()), undefined, await recordOpener());
      const { ledgerEntries, filesOnDisk, intact, findings, ledgerProblems, chain } = report;
      // Signatures against the key main holds (not the archive's published copy of it).
      const signatures = device.value ? await checkDeviceEvidence(options.archiveDir, await signer(), device.value.deviceId) : noEvidence;
      return ok({ ledgerEntries, filesOnDisk, intact, findings, ledgerProblems, chain, expired: report.retention.expired, ...signatures });
    },

    openApplicantScreen: async () => ok({ mode: await options.applicantScreen.open() }),

    closeApplicantScreen: async () => ok({ closed: await options.applicantScreen.close() }),
  };

  // Who acts is checked first (host-access.ts), then I/O failures become sentences.
  // What adds to the archive wakes the sync loop, so a sealed case travels within seconds.
  for (const method of ['sealCase', 'voidRecord', 'archiveLetter', 'archiveReprint'] as const) {
    const handler = handlers[method] as (arg: unknown) => Promise<Result<unknown>>;
    (handlers as Record<string, unknown>)[method] = async (arg: unknown) => {
      const result = await handler(arg);
      if (result.ok) sync.engine.wake();
      return result;
    };
  }
  sync.engine.start();

  return guardAll(guardAccess(handlers, identity.sessions));
}
