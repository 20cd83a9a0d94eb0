import type { HostHandlers, RecordSummary } from '../../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../../shared/contract/result';
import type { CounterContext } from '../../../shared/domain/case-draft';
import { maskIdNumber } from '../../../shared/domain/id-documents';
import type { SealedRecord } from '../../../shared/domain/sealed-record';
import type { LetterArchive } from '../archive';
import type { AuditLog } from '../audit-log';
import type { DeviceSigner } from '../device-key';
import { checkLetterCode } from '../evidence/letter-code';
import type { LetterCodeStore } from '../evidence/letter-code-store';
import type { SessionService } from '../session';
import type { SettingsStore } from '../settings-store';
import { letterFilePath } from './record-paths';
import type { RecordStore } from './record-store';

export interface RecordHandlerServices {
  settings: SettingsStore;
  sessions: SessionService;
  audit: AuditLog;
  archive: LetterArchive;
  records: RecordStore;
  letterCodes: LetterCodeStore;
  signer: () => Promise<DeviceSigner>;
  /** The central system's receipts, by case (sync/sync-engine.ts); absent: nothing is receipted. */
  receiptedAt?: () => Promise<(caseNumber: string) => string | null>;
}

const FOUND_AT_MOST = 50;
const UNARCHIVED_LOOKBACK = 500;

const summaryOf = (record: SealedRecord, voidedBy: string | null, receiptedAt: string | null): RecordSummary => ({
  caseNumber: record.caseNumber,
  sequence: record.sequence,
  sealedAt: record.timestamps.sealedAt,
  outcome: record.outcome,
  matterName: record.matter.name,
  applicantName: record.applicant.name,
  idNumberMasked: maskIdNumber(record.applicant.idNumber),
  voidedBy,
  receiptedAt,
});

type RecordMethods =
  | 'sealCase'
  | 'sealedRecord'
  | 'sealedRecords'
  | 'findSealedRecords'
  | 'unarchivedRecords'
  | 'voidRecord'
  | 'recordVoid'
  | 'archivedLetter'
  | 'archiveLetter'
  | 'letterCode';

/**
 * Sealing and everything that starts from a sealed record: main's store is the only source, so the
 * letter archived, the code in its QR and the lists all describe the record main sealed — a window
 * cannot archive a letter for a record of its own making.
 */
export const createRecordHandlers = (services: RecordHandlerServices): Pick<HostHandlers, RecordMethods> => {
  const { settings, sessions, audit, archive, records, letterCodes, signer } = services;

  const thisDevice = async (): Promise<Result<CounterContext>> => {
    const device = await settings.read();
    if (!device.ok) return device;
    if (!device.value) return fail('DEVICE_NOT_CONFIGURED', 'host.device.not_configured');
    const { deviceId, counterId, agencyName } = device.value;
    return ok({ deviceId, counterId, agencyName });
  };

  const summaries = async (cases: readonly SealedRecord[]): Promise<RecordSummary[]> => {
    const receiptedAt = services.receiptedAt ? await services.receiptedAt() : () => null;
    return Promise.all(cases.map(async (record) => summaryOf(record, (await records.voidOf(record.caseNumber))?.caseNumber ?? null, receiptedAt(record.caseNumber))));
  };

  return {
    sealCase: async ({ draft }) => {
      const session = await sessions.active();
      if (!session.ok) return session;
      const { clerkId, name } = session.value.account;
      // The draft names who took the case; the record names who is signed in. They must agree.
      if (draft.clerk.clerkId !== clerkId) return fail('SEAL_OTHER_CLERK', 'host.seal.other_clerk');
      const device = await thisDevice();
      if (!device.ok) return device;
      if (draft.counter.deviceId !== device.value.deviceId) return fail('SEAL_OTHER_DEVICE', 'host.seal.other_device');
      const sealed = await records.seal({ draft, clerk: { clerkId, name }, device: device.value });
      if (sealed.ok) await audit.record('case.seal', sealed.value.caseNumber);
      return sealed;
    },

    sealedRecord: ({ caseNumber }) => records.get(caseNumber),

    sealedRecords: async ({ day }) => ok(await summaries(await records.ofDay(day))),

    findSealedRecords: async ({ idNumber }) => ok(await summaries(await records.ofIdNumber(idNumber, FOUND_AT_MOST))),

    voidRecord: async ({ caseNumber, reason, note }) => {
      const session = await sessions.require('supervisor');
      if (!session.ok) return session;
      if (reason === 'other' && note === '') return fail('INVALID_ARGUMENT', 'host.void.note_needed');
      const device = await thisDevice();
      if (!device.ok) return device;
      const { clerkId, name } = session.value.account;
      const voided = await records.voidCase({ caseNumber, reason, note, supervisor: { clerkId, name }, device: device.value });
      // The reason's code only: the note is the supervisor's free text and stays in the record.
      if (voided.ok) await audit.record('case.void', caseNumber, reason);
      return voided;
    },

    recordVoid: async ({ caseNumber }) => ok(await records.voidOf(caseNumber)),

    archivedLetter: async ({ caseNumber }) => {
      const relativePath = letterFilePath(caseNumber);
      const line = await archive.ledger.find(relativePath);
      if (!line || line.kind !== 'letter') return ok(null);
      const printCalls = (await audit.entries()).filter((entry) => entry.action === 'letter.print' && entry.subject === relativePath).length;
      return ok({ relativePath, sha256: line.sha256, bytes: line.bytes, archivedAt: line.at, printCalls });
    },

    unarchivedRecords: async () => {
      const recent = await records.newest(UNARCHIVED_LOOKBACK);
      const archived = new Set((await archive.ledger.entries()).filter((line) => line.kind === 'letter').map((line) => line.caseNumber));
      return ok(recent.filter((caseNumber) => !archived.has(caseNumber)));
    },

    archiveLetter: async ({ caseNumber, pdfBase64 }) => {
      const record = await records.get(caseNumber);
      if (!record.ok) return record;
      const archived = await archive.archiveLetter({ record: record.value, pdfBase64 });
      if (archived.ok) await audit.record('letter.archive', archived.value.relativePath);
      return archived;
    },

    letterCode: async ({ caseNumber }) => {
      const record = await records.get(caseNumber);
      if (!record.ok) return record;
      // Signed with the record at sealing and kept in its file; records archived before that have
      // theirs in the data folder's store (signed once there).
      const sealedWith = await records.letterCodeOf(caseNumber);
      if (!sealedWith) return letterCodes.codeFor(record.value);
      // Answered only while its signature holds under this device's key for this very record.
      const key = await signer();
      const check = await checkLetterCode(sealedWith, [{ suite: key.suite, keyId: key.keyId, publicKey: key.publicKey, deviceId: null }]);
      const holds = check.status === 'signed' && check.caseNumber === caseNumber && check.recordHash === record.value.hash;
      return holds ? ok({ code: sealedWith }) : fail('LETTER_CODE_CONFLICT', 'host.archive.conflict', { caseNumber });
    },
  };
};

