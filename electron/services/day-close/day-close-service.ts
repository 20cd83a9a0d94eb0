import path from 'node:path';
import type { DayCloseResult } from '../../../shared/contract/domains/day-close';
import { fail, ok, type HostError, type Result } from '../../../shared/contract/result';
import { shanghaiDate } from '../../../shared/domain/case-number';
import { dayCloseResponseSchema, dayStatementText, type SignedDayStatement } from '../../../shared/sync/day-close';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import type { LetterArchive } from '../archive';
import type { AuditLog } from '../audit-log';
import { KeyedLock, readFileIfExists } from '../atomic-file';
import { utf8Bytes, toHex } from '../crypto/bytes';
import type { DeviceSigner } from '../device-key';
import { readRecordFile, type RecordOpener } from '../evidence/signed-record';
import type { SettingsStore } from '../settings-store';
import { SyncHttpError } from '../sync/sync-error';
import type { SyncHttp } from '../sync/sync-http';
import { acknowledgementHolds } from './day-close-ack';
import type { DayCloseAttempt, DayCloseStore } from './day-close-store';
import { buildDayStatement } from './day-statement';

/**
 * What the day close needs of the sync engine (electron/services/sync/), narrowly: one push-and-pull
 * round now, the enrolled client and the server key pinned at enrollment. host-handlers.ts wires it
 * to the engine; tests hand in the real engine or the bare client.
 */
export interface DayCloseLink {
  /** One round of the sync engine now (push everything, then pull); how it went. */
  syncRound(): Promise<{ ok: boolean; error: HostError | null }>;
  /** The last ledger and audit lines the central system receipted. */
  receipted(): Promise<{ ledgerSeq: number; auditSeq: number }>;
  /** The central system's API as this enrolled device; null when not enrolled. */
  client(): Promise<SyncHttp | null>;
  /** The central system's signing key pinned at enrollment; null when not enrolled. */
  serverKey(): Promise<PublicKeyInfo | null>;
}

export interface DayCloseServiceOptions {
  archive: LetterArchive;
  audit: AuditLog;
  settings: SettingsStore;
  signer: () => Promise<DeviceSigner>;
  opener: () => Promise<RecordOpener>;
  store: DayCloseStore;
  link: DayCloseLink | null;
  now?: () => Date;
}

export const DAY_CLOSE_PATH = '/v1/day-close';

/** An attempt as the renderer sees it: the answer and the case list, never a token or a key. */
export const resultOf = (attempt: DayCloseAttempt, all: readonly DayCloseAttempt[]): DayCloseResult => {
  const { response, signed } = attempt;
  const ack = response.acknowledgement;
  const closing = [...all].reverse().find((entry) => entry.response.reconciled && entry.response.acknowledgement !== null);
  const closingAck = closing?.response.acknowledgement;
  return {
    date: signed.statement.date,
    attempt: attempt.attempt,
    at: attempt.at,
    counterId: signed.statement.counterId,
    agencyName: attempt.agencyName,
    reconciled: response.reconciled && ack !== null,
    alreadyClosed: response.alreadyClosed,
    dayClosed: closing && closingAck ? { attempt: closing.attempt, revision: closingAck.statement.revision, closedAt: closingAck.statement.closedAt } : null,
    acknowledgement: ack ? { revision: ack.statement.revision, closedAt: ack.statement.closedAt, keyId: ack.keyId, statementHash: ack.statement.statementHash } : null,
    differences: response.differences,
    counterCounts: response.counterCounts,
    serverCounts: response.serverCounts,
    chainHead: response.chainHead,
    cases: signed.statement.cases.map((entry) => ({
      caseNumber: entry.caseNumber,
      outcome: entry.record?.outcome ?? null,
      voids: entry.record?.voids ?? null,
      letter: entry.letter !== null,
      reprints: entry.reprints.length,
      printed: entry.printed,
      reprinted: entry.reprinted,
    })),
    sync: attempt.sync,
    report: attempt.report,
  };
};

export interface DayCloseService {
  closeDay(date: string): Promise<Result<DayCloseResult>>;
}

export const createDayCloseService = (options: DayCloseServiceOptions): DayCloseService => {
  const now = options.now ?? (() => new Date());
  const lock = new KeyedLock();
  const { archive, audit, store } = options;

  const readRecord = async (relativePath: string) => {
    const bytes = await readFileIfExists(path.join(archive.root, ...relativePath.split('/')));
    const read = bytes ? readRecordFile(bytes, await options.opener()) : null;
    return read && read.kind !== 'unreadable' ? { chain: read.chain, record: read.record } : null;
  };

  const closeDay = async (date: string): Promise<Result<DayCloseResult>> => {
    if (date > shanghaiDate(now())) return fail('DAY_CLOSE_FUTURE', 'host.day_close.future', { date });
    const device = await options.settings.read();
    if (!device.ok) return device;
    if (!device.value) return fail('DEVICE_NOT_CONFIGURED', 'host.device.not_configured');
    const client = options.link ? await options.link.client() : null;
    const serverKey = options.link ? await options.link.serverKey() : null;
    if (!options.link || !client || !serverKey) return fail('DAY_CLOSE_NOT_ENROLLED', 'host.day_close.not_enrolled');

    const link = options.link;
    const round = () =>
      link.syncRound().catch((error: unknown) => ({
        ok: false,
        error: error instanceof SyncHttpError ? error.toHostError() : ({ code: 'SYNC_FAILED', key: 'host.day_close.sync_failed' } as HostError),
      }));
    const state = async () =>
      buildDayStatement({
        date,
        device: { deviceId: device.value!.deviceId, counterId: device.value!.counterId },
        ledger: await archive.ledger.entries(),
        audit: await audit.entries(),
        readRecordFile: readRecord,
        builtAt: now(),
      });
    // Everything pushed, updates pulled: what the push could not send shows as a difference below.
    let sync = await round();
    let built = await state();
    if (!built.ok) return built;
    // A line written between the push and the statement (an idle lock, the other window's step) would
    // count as not pushed: one more round for it, once.
    const receipted = await link.receipted();
    if (sync.ok && (receipted.ledgerSeq < built.value.ledgerHead.seq || receipted.auditSeq < built.value.audit.head.seq)) {
      sync = await round();
      built = await state();
      if (!built.ok) return built;
    }
    const key = await options.signer();
    const signed: SignedDayStatement = {
      statement: built.value,
      suite: key.suite,
      keyId: key.keyId,
      signature: toHex(key.sign(utf8Bytes(dayStatementText(built.value)))),
    };

    let response;
    try {
      response = await client.postJson(DAY_CLOSE_PATH, signed, dayCloseResponseSchema);
    } catch (error) {
      await audit.record('day.close', date, 'failed');
      if (error instanceof SyncHttpError) return { ok: false, error: error.toHostError() };
      throw error;
    }
    // A reconciled answer closes the day only with an acknowledgement that checks under the pinned key.
    if (response.reconciled && !(await acknowledgementHolds(response, signed, serverKey))) {
      await audit.record('day.close', date, 'ack_invalid');
      return fail('DAY_CLOSE_ACK_INVALID', 'host.day_close.ack_invalid');
    }
    const stored = await store.add(date, { at: now().toISOString(), agencyName: device.value.agencyName, signed, response, sync, report: null });
    await audit.record('day.close', date, response.reconciled ? 'reconciled' : 'not_reconciled');
    return ok(resultOf(stored, await store.attempts(date)));
  };

  return {
    // One close of a day at a time: a second press waits for the first and then closes again.
    closeDay: (date) => lock.run(date, () => closeDay(date)),
  };
};
