import type { HostHandlers } from '../../../shared/contract/host-contract';
import { fail, ok } from '../../../shared/contract/result';
import type { LetterArchive } from '../archive';
import type { AuditLog } from '../audit-log';
import type { DeviceSigner } from '../device-key';
import type { RecordOpener } from '../evidence/signed-record';
import { createPrintSettingsStore } from '../print-settings';
import type { PrintService } from '../printing';
import type { SessionService } from '../session';
import type { SettingsStore } from '../settings-store';
import { createDayCloseService, resultOf, type DayCloseLink } from './day-close-service';
import { createDayCloseStore } from './day-close-store';
import { archiveDayReportFile, dayReportSubject, dayReportToPrint } from './day-report-archive';

export interface DayCloseHandlerServices {
  dataDir: string;
  archive: LetterArchive;
  audit: AuditLog;
  settings: SettingsStore;
  sessions: SessionService;
  signer: () => Promise<DeviceSigner>;
  opener: () => Promise<RecordOpener>;
  print: PrintService;
  /** The sync engine, narrowly; null where the device has none (then closing answers "not enrolled"). */
  link: DayCloseLink | null;
  now?: () => Date;
}

type DayCloseMethods = 'closeDay' | 'dayCloseStatus' | 'archiveDayReport' | 'printDayReport';

/**
 * The host methods of 日结. The contract gives them to supervisors only and main's access check
 * refuses anyone else before they run (host-access.ts); each asks the session again, as voidRecord
 * does, so a wiring that skipped the check would still not let a clerk close a day.
 */
export const createDayCloseHandlers = (services: DayCloseHandlerServices): Pick<HostHandlers, DayCloseMethods> => {
  const { sessions, audit, archive } = services;
  const store = createDayCloseStore(services.dataDir);
  const printSettings = createPrintSettingsStore(services.dataDir);
  const service = createDayCloseService({
    archive,
    audit,
    settings: services.settings,
    signer: services.signer,
    opener: services.opener,
    store,
    link: services.link,
    ...(services.now ? { now: services.now } : {}),
  });

  const attemptOf = async (date: string, attempt: number) => (await store.attempts(date)).find((entry) => entry.attempt === attempt) ?? null;

  return {
    closeDay: async ({ date }) => {
      const session = await sessions.require('supervisor');
      if (!session.ok) return session;
      return service.closeDay(date);
    },

    dayCloseStatus: async ({ date }) => {
      const session = await sessions.require('supervisor');
      if (!session.ok) return session;
      const attempts = await store.attempts(date);
      const latest = attempts.at(-1);
      return ok(latest ? resultOf(latest, attempts) : null);
    },

    archiveDayReport: async ({ date, attempt, pdfBase64 }) => {
      const session = await sessions.require('supervisor');
      if (!session.ok) return session;
      const close = await attemptOf(date, attempt);
      if (!close) return fail('DAY_CLOSE_NOT_FOUND', 'host.day_close.not_found');
      const archived = await archiveDayReportFile(archive.root, date, attempt, Buffer.from(pdfBase64, 'base64'));
      if (!archived.ok) return archived;
      const { written, ...report } = archived.value;
      if (close.report && close.report.sha256 !== report.sha256) return fail('DAY_REPORT_CONFLICT', 'host.day_close.report_conflict');
      // The file has no ledger line: its SHA-256 is bound into the signed audit log instead.
      if (written || !close.report) await audit.record('day.report', dayReportSubject(date, attempt, report.sha256));
      if (!close.report) await store.setReport(date, attempt, report);
      return ok(report);
    },

    printDayReport: async ({ date, attempt, copies }) => {
      const session = await sessions.require('supervisor');
      if (!session.ok) return session;
      const close = await attemptOf(date, attempt);
      if (!close?.report) return fail('DAY_REPORT_NOT_ARCHIVED', 'host.day_close.report_not_archived');
      const pdf = await dayReportToPrint(archive.root, close.report);
      if (!pdf.ok) return pdf;
      const settings = await printSettings.read();
      // The job's title, visible to every spooler user: the day and the counter, nothing else.
      const outcome = await services.print.print({ pdf: pdf.value, printer: settings.ok ? settings.value.printer : null, copies, title: `day-report-${close.signed.statement.counterId}-${date}-${attempt}` });
      await audit.record(outcome.status === 'queued' ? 'day.report_print' : 'day.report_print_failed', close.report.relativePath, `copies-${copies}`);
      return ok(outcome);
    },
  };
};
