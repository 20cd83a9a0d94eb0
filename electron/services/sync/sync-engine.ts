import type { SyncProblem, SyncProgress, SyncStatus } from '../../../shared/contract/domains/sync';
import { hostMessage } from '../../../shared/contract/host-message';
import type { HostError, Result } from '../../../shared/contract/result';
import { backoffDelay, STEADY_INTERVAL_MS } from './backoff';
import { catalogAsOf } from './catalog-age';
import { displayFingerprint } from './certificate-pin';
import { CredentialsUnavailable, type CredentialsStore, type SyncCredentials } from './credentials-store';
import { depositEscrow, wrapForEscrow } from './escrow';
import type { Outbox } from './outbox';
import { expectationOf, pushAll, unsentLines } from './push';
import type { ReceiptState, ReceiptStore } from './receipt-store';
import { createSyncClient } from './sync-client';
import { SyncHttpError } from './sync-error';
import type { SyncHttp } from './sync-http';
import type { ClockSkew, SyncStateStore } from './sync-state';

/**
 * The sync loop, in main, whenever the device is enrolled: each round deposits the escrow if it is
 * still owed, pushes (push.ts), then pulls. Rounds run by themselves — soon after start, a few
 * seconds after a seal (`wake`), every minute while the server answers — and after a failure with
 * exponential back-off and full jitter (backoff.ts); `syncNow` (立即同步) runs one at once. One round
 * at a time: a round asked for while one runs follows it. The counter's work never waits on any of
 * it: sealing, printing and the archive are local, and a round only reads them.
 */
export const CLOCK_SKEW_LIMIT_S = 300;

export interface SyncEngineOptions {
  dataDir: string;
  credentials: CredentialsStore;
  outbox: Outbox;
  receipts: ReceiptStore;
  state: SyncStateStore;
  /** The device's raw data secret, for the escrow wrapping (personal-data/data-key.ts). */
  dataSecret: () => Promise<Uint8Array>;
  /**
   * The pull after the push: `createPuller(…).pullOnce(client)` of pull-once.ts (the other half of
   * sync); a refusal it answers becomes the round's last error.
   * host-handlers.ts wires it with the very catalog store, accounts and audit log the handlers use.
   */
  pull?: (client: SyncHttp, credentials: SyncCredentials) => Promise<Result<unknown> | void>;
  /** Rounds by themselves (the app); off where a test drives `syncNow` alone. */
  automatic?: boolean;
  /** How long after a seal the round starts, so the letter archived right after travels with it. */
  wakeDelayMs?: number;
  now?: () => Date;
  random?: () => number;
  /** The client for the credentials; tests may substitute one. */
  clientFor?: (credentials: SyncCredentials) => SyncHttp;
}

export interface SyncEngine {
  /** Starts the automatic rounds (nothing happens while not enrolled). */
  start(): void;
  stop(): void;
  /** Something new is in the archive (a seal, a letter): a round soon. */
  wake(): void;
  /** New credentials (enrolled again after a revocation): automatic rounds resume, one soon. */
  credentialsChanged(): void;
  /** One round now, after the one running if any. */
  syncNow(): Promise<void>;
  status(): Promise<SyncStatus>;
  problems(): Promise<SyncProblem[]>;
  /** The skew to write into a record sealed now: the last one measured, when beyond the limit. */
  clockSkewForSeal(): Promise<ClockSkew | null>;
  /** The credentials as main holds them (null before enrollment; null also when unreadable). */
  enrolled(): Promise<SyncCredentials | null>;
  /**
   * For the record lists: when the central system had received every ledger line of a case so far
   * (record, letter, reprints) — the latest of their times — or null while any is unsent.
   */
  receiptedAt(): Promise<(caseNumber: string) => string | null>;
}

const START_DELAY_MS = 3_000;
const WAKE_DELAY_MS = 2_000;

const internalError = (error: unknown): HostError => ({
  code: 'SYNC_INTERNAL',
  ...hostMessage('host.error.internal', { code: error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'INTERNAL' }),
});

export const createSyncEngine = (options: SyncEngineOptions): SyncEngine => {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const clientFor = options.clientFor ?? ((credentials) => createSyncClient({ origin: credentials.origin, token: credentials.token, pin: credentials.pin }));
  const { outbox, receipts, state } = options;
  let progress: SyncProgress | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;
  let failures = 0;
  let started = false;
  /** A failure of the credentials themselves, which no round can write into the state file. */
  let credentialsError: HostError | null = null;

  const credentials = async (): Promise<SyncCredentials | null> => {
    try {
      const read = await options.credentials.read();
      credentialsError = null;
      return read;
    } catch (error) {
      if (!(error instanceof CredentialsUnavailable)) throw error;
      credentialsError = { code: 'SYNC_CREDENTIALS_UNREADABLE', ...hostMessage('host.sync.credentials_unreadable', { code: error.reason }) };
      return null;
    }
  };

  // A revoked device's token will be refused however often it is sent: no automatic round until the
  // administrator enrolls again (credentialsChanged) or a round by hand (立即同步) gets through.
  let heldByRevocation = false;
  const schedule = (delayMs: number) => {
    if (!started || !(options.automatic ?? true) || heldByRevocation) return;
    const at = Date.now() + delayMs;
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      // Set before a revocation was learnt (a seal just before 立即同步): held all the same.
      if (heldByRevocation) return;
      // A round answers its own failures into the state; nothing of it may go unhandled.
      runRound().catch(() => undefined);
    }, delayMs);
    timer.unref();
  };

  const escrowIfOwed = async (client: SyncHttp, enrolled: SyncCredentials): Promise<HostError | null> => {
    const current = await state.read();
    if (current.escrowDepositedAt) return null;
    try {
      const deposit = current.escrowDeposit ?? wrapForEscrow(await options.dataSecret(), enrolled.escrowKey);
      if (!current.escrowDeposit) await state.update((s) => ({ ...s, escrowDeposit: deposit }));
      const depositedAt = await depositEscrow(client, deposit);
      await state.update((s) => ({ ...s, escrowDepositedAt: depositedAt }));
      return null;
    } catch (error) {
      // Owed until it succeeds, but never in the way of the push: the records matter first.
      return error instanceof SyncHttpError ? error.toHostError() : internalError(error);
    }
  };

  const round = async (): Promise<void> => {
    try {
      const enrolled = await credentials();
      if (!enrolled) return;
      const client = clientFor(enrolled);
      const escrowError = await escrowIfOwed(client, enrolled);
      const pushed = await pushAll({ client, outbox, receipts, credentials: enrolled, state, now, progress: (p) => (progress = p) });
      let pullError: HostError | null = null;
      if (options.pull) {
        progress = { phase: 'pull', done: 0, total: 0, bytesDone: 0, bytesTotal: 0 };
        const pulled = await options.pull(client, enrolled);
        if (pulled && !pulled.ok) pullError = pulled.error;
      }
      const blocked: HostError | null = pushed.blockedAt === null ? null : { code: 'SYNC_BLOCKED', ...hostMessage('host.sync.blocked', { seq: pushed.blockedAt }) };
      await state.update((s) => ({ ...s, lastSuccessAt: now().toISOString(), lastError: blocked ?? pullError ?? escrowError, revoked: null }));
      failures = 0;
      heldByRevocation = false;
      schedule(STEADY_INTERVAL_MS);
    } catch (error) {
      const lastError = error instanceof SyncHttpError ? error.toHostError() : internalError(error);
      // Revoked: said on the 中心同步 page, where the administrator can enroll again (enrollment.ts).
      const revoked = error instanceof SyncHttpError && error.code === 'DEVICE_REVOKED' ? { observedAt: now().toISOString(), reason: error.reason } : null;
      await state.update((s) => ({ ...s, lastError, ...(revoked ? { revoked } : {}) })).catch(() => undefined);
      failures += 1;
      heldByRevocation = revoked !== null;
      schedule(backoffDelay(failures, random));
    }
  };

  const runRound = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
        } while (again);
      } finally {
        progress = null;
        running = null;
      }
    })();
    return running;
  };

  const receiptState = async (enrolled: SyncCredentials | null): Promise<ReceiptState> =>
    enrolled ? receipts.state(() => expectationOf(outbox, enrolled)) : { lines: new Map(), ledgerHead: 0, auditHead: { seq: 0, hash: '' } };

  return {
    start: () => {
      started = true;
      schedule(START_DELAY_MS);
    },
    stop: () => {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      timerAt = Infinity;
    },
    wake: () => schedule(options.wakeDelayMs ?? WAKE_DELAY_MS),
    credentialsChanged: () => {
      heldByRevocation = false;
      schedule(options.wakeDelayMs ?? WAKE_DELAY_MS);
    },
    syncNow: async () => {
      if (running) await running;
      await runRound();
    },
    status: async () => {
      const enrolled = await credentials();
      const current = await state.read();
      const heads = await receiptState(enrolled);
      const unsent = unsentLines(await outbox.ledger(), heads);
      const skew = current.clockSkew?.seconds ?? null;
      return {
        enrolled: enrolled !== null || credentialsError !== null,
        serverUrl: enrolled?.origin ?? null,
        hallName: enrolled?.orgPath[0]?.name ?? null,
        enrolledAt: enrolled?.enrolledAt ?? null,
        fingerprint: enrolled?.pin ? displayFingerprint(enrolled.pin.fingerprint) : null,
        unsentRecords: new Set(unsent.map((line) => line.entry.caseNumber)).size,
        unsentBytes: unsent.reduce((sum, line) => sum + line.entry.bytes + line.text.length, 0),
        lastSuccessAt: current.lastSuccessAt,
        lastError: credentialsError ?? current.lastError,
        catalogAsOf: await catalogAsOf(options.dataDir),
        blacklistAsOf: null,
        clockSkewSeconds: skew,
        clockSkewWarning: skew !== null && Math.abs(skew) > CLOCK_SKEW_LIMIT_S,
        progress: progress ? { ...progress } : null,
        receiptedHead: { ledgerSeq: heads.ledgerHead, auditSeq: heads.auditHead.seq },
        problems: current.problems.length,
        escrowPending: enrolled !== null && current.escrowDepositedAt === null,
        revoked: current.revoked,
      };
    },
    problems: async () => [...(await state.read()).problems].reverse(),
    clockSkewForSeal: async () => {
      const skew = (await state.read()).clockSkew;
      return skew && Math.abs(skew.seconds) > CLOCK_SKEW_LIMIT_S ? { seconds: Math.round(skew.seconds), observedAt: skew.observedAt } : null;
    },
    enrolled: credentials,
    receiptedAt: async () => {
      const enrolled = await credentials();
      const heads = await receiptState(enrolled);
      const byCase = new Map<string, string | null>();
      for (const { entry } of await outbox.ledger()) {
        const line = heads.lines.get(entry.seq);
        const earlier = byCase.get(entry.caseNumber);
        if (!line || earlier === null) byCase.set(entry.caseNumber, null);
        else byCase.set(entry.caseNumber, earlier === undefined || line.receivedAt > earlier ? line.receivedAt : earlier);
      }
      return (caseNumber) => byCase.get(caseNumber) ?? null;
    },
  };
};
