import path from 'node:path';
import type { HostHandlers } from '../../../shared/contract/host-contract';
import { ok, type Result } from '../../../shared/contract/result';
import type { DeviceSettings } from '../../../shared/contract/domains/setup';
import type { AuditLog } from '../audit-log';
import type { DeviceSigner } from '../device-key';
import { FALLBACK_SECRET_KEY_FILE } from '../identity';
import { createKeyFileSecretStore } from '../key-file-secret-store';
import { readDataSecret } from '../personal-data/data-key';
import type { SecretStore } from '../secret-store';
import { createCredentialsStore } from './credentials-store';
import { createEnrollment } from './enrollment';
import { createOutbox } from './outbox';
import { createProblemResolver } from './problem-resolution';
import { publicationIssues } from './publication-issues';
import { createPullState } from './pull-state';
import { createReceiptStore } from './receipt-store';
import { notEnrolled } from './sync-error';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync-engine';
import { createSyncStateStore } from './sync-state';

/**
 * The sync service of one device, wired for host-handlers.ts: the engine (sync-engine.ts) and the
 * host methods of shared/contract/domains/sync.ts. Who may call each is checked before
 * (host-access.ts: enrollment is the administrator's, the problem list the supervisor's, letting a
 * problem go again the supervisor's alone); no answer carries the token, the pinned PEM or a key.
 */
export interface SyncServiceOptions {
  dataDir: string;
  archiveDir: string;
  /** safeStorage in the app; the folder's key file where it is absent, as for the other secrets. */
  secrets?: SecretStore;
  device: () => Promise<Result<DeviceSettings | null>>;
  signer: () => Promise<DeviceSigner>;
  audit: AuditLog;
  now?: () => Date;
  /** Automatic rounds (default true); false where a test drives 立即同步 alone. */
  automatic?: boolean;
  /** After a seal, how long until the round (sync-engine.ts); shorter where a test waits for it. */
  wakeDelayMs?: number;
  pull?: SyncEngineOptions['pull'];
  /** Ends the automatic rounds (a test's folders are about to go); the app's end with the process. */
  stop?: AbortSignal;
}

type SyncMethods =
  | 'syncStatus'
  | 'syncNow'
  | 'syncProblems'
  | 'syncResolveProblem'
  | 'syncResolutions'
  | 'syncPublicationIssues'
  | 'syncEnrollPreview'
  | 'syncEnroll';

export interface SyncService {
  engine: SyncEngine;
  handlers: Pick<HostHandlers, SyncMethods>;
}

export const createSyncService = (options: SyncServiceOptions): SyncService => {
  const secrets = options.secrets ?? createKeyFileSecretStore(path.join(options.dataDir, FALLBACK_SECRET_KEY_FILE));
  const credentials = createCredentialsStore(options.dataDir, secrets);
  // One store for the engine, the resolver and enrollment: it caches what it wrote.
  const state = createSyncStateStore(options.dataDir);
  const engine = createSyncEngine({
    dataDir: options.dataDir,
    credentials,
    outbox: createOutbox(options.archiveDir),
    receipts: createReceiptStore(options.dataDir),
    state,
    dataSecret: () => readDataSecret({ dataDir: options.dataDir, secrets }),
    ...(options.automatic !== undefined ? { automatic: options.automatic } : {}),
    ...(options.wakeDelayMs !== undefined ? { wakeDelayMs: options.wakeDelayMs } : {}),
    ...(options.pull ? { pull: options.pull } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  options.stop?.addEventListener('abort', () => engine.stop(), { once: true });
  const enrollment = createEnrollment({
    credentials,
    device: options.device,
    signer: options.signer,
    audited: async (hallId, transport, again) => void (await options.audit.record(again ? 'device.reenroll' : 'device.enroll', hallId, transport)),
    revoked: async () => (await state.read()).revoked !== null,
    replaced: async (previous, next) => {
      const sameEscrow = previous.escrowKey.keyId === next.escrowKey.keyId;
      await state.update((current) => ({
        ...current,
        revoked: null,
        lastError: null,
        // A new escrow key is owed its own deposit; under the same key the central system holds it.
        ...(sameEscrow ? {} : { escrowDeposit: null, escrowDepositedAt: null }),
      }));
    },
    ...(options.now ? { now: options.now } : {}),
  });
  const resolver = createProblemResolver({ state, audit: options.audit, resolved: () => engine.wake() });
  // Read only here: the pull itself (host-handlers.ts) keeps its own instance and lock.
  const pullState = createPullState(options.dataDir);

  return {
    engine,
    handlers: {
      syncStatus: async () => ok(await engine.status()),
      syncNow: async () => {
        if (!(await engine.enrolled())) return notEnrolled();
        await engine.syncNow();
        return ok(await engine.status());
      },
      syncProblems: async () => ok(await engine.problems()),
      syncResolveProblem: ({ log, seq, resolutionNote }) => resolver.resolve({ log, seq, note: resolutionNote }),
      syncResolutions: async () => ok(await resolver.resolutions()),
      syncPublicationIssues: () => publicationIssues(pullState),
      syncEnrollPreview: (input) => enrollment.preview(input),
      syncEnroll: async (input) => {
        const enrolled = await enrollment.enroll(input);
        // The escrow deposit and the first push follow at once.
        if (enrolled.ok) engine.credentialsChanged();
        return enrolled;
      },
    },
  };
};
