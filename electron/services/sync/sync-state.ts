import path from 'node:path';
import { z } from 'zod';
import type { SyncProblem, SyncResolution } from '../../../shared/contract/domains/sync';
import type { HostError } from '../../../shared/contract/result';
import type { EscrowDeposit } from '../../../shared/sync/enroll';
import { KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';

/**
 * What the sync loop remembers between rounds and restarts, none of it secret:
 * `<dataDir>/sync-state.json` — when the escrow deposit succeeded, the last success and the last
 * failure (a code and a message key), the last clock skew measured, the escrow wrapping, and the lines the central system
 * refused (the supervisor's list; the push stops at the first of them), the ones a supervisor let go
 * again with the note (problem-resolution.ts), and whether the central system revoked this device.
 */
export const SYNC_STATE_FILE = 'sync-state.json';

const problemSchema = z
  .object({
    log: z.enum(['ledger', 'audit']),
    seq: z.number().int().positive(),
    caseNumber: z.string().max(40).nullable(),
    status: z.enum(['conflict', 'refused', 'invalid']),
    code: z.string().max(60).nullable(),
    reason: z.string().max(2000).nullable(),
    at: z.string(),
  })
  .strict();

/** Enough to show what was let go lately; the audit log keeps every one of them for good. */
export const MAX_RESOLUTIONS = 200;

const resolutionSchema = z
  .object({
    problem: problemSchema,
    note: z.string().max(500),
    noteHash: z.string().regex(/^[0-9a-f]{32}$/),
    by: z.string().max(16),
    at: z.string(),
    auditSeq: z.number().int().positive(),
  })
  .strict();

const stateSchema = z
  .object({
    version: z.literal(1),
    escrowDepositedAt: z.string().nullable(),
    escrowDeposit: z.object({ escrowKeyId: z.string(), wrappedKey: z.string() }).strict().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.object({ code: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()).optional() }).nullable(),
    clockSkew: z.object({ seconds: z.number(), observedAt: z.string() }).strict().nullable(),
    problems: z.array(problemSchema),
    // Absent from the files of earlier versions.
    resolutions: z.array(resolutionSchema).default([]),
    revoked: z.object({ observedAt: z.string(), reason: z.string().max(2000).nullable() }).strict().nullable().default(null),
  })
  .strict();

export interface ClockSkew {
  /** Device minus server, seconds. */
  seconds: number;
  /** The device's clock when it was measured. */
  observedAt: string;
}

export interface SyncState {
  escrowDepositedAt: string | null;
  /** The wrapping sent (or being sent): made once, resent as it is until the server confirms it. */
  escrowDeposit: EscrowDeposit | null;
  lastSuccessAt: string | null;
  lastError: HostError | null;
  clockSkew: ClockSkew | null;
  problems: SyncProblem[];
  resolutions: SyncResolution[];
  /** Set by a round the server answered DEVICE_REVOKED; cleared by the next enrollment. */
  revoked: { observedAt: string; reason: string | null } | null;
}

const EMPTY: SyncState = { escrowDepositedAt: null, escrowDeposit: null, lastSuccessAt: null, lastError: null, clockSkew: null, problems: [], resolutions: [], revoked: null };

export interface SyncStateStore {
  read(): Promise<SyncState>;
  update(change: (state: SyncState) => SyncState): Promise<SyncState>;
}

export const createSyncStateStore = (dataDir: string): SyncStateStore => {
  const file = path.join(dataDir, SYNC_STATE_FILE);
  const lock = new KeyedLock();
  let cached: SyncState | null = null;

  const load = async (): Promise<SyncState> => {
    if (cached) return cached;
    const bytes = await readFileIfExists(file);
    if (!bytes) return (cached = EMPTY);
    try {
      const { version: _version, ...state } = stateSchema.parse(JSON.parse(bytes.toString('utf8')));
      cached = state as SyncState;
    } catch {
      // A damaged state file costs the last times and the skew; the problems are found again by the
      // next push (the server answers the same), and the receipts are in their own file.
      cached = EMPTY;
    }
    return cached;
  };

  return {
    read: () => lock.run(file, load),
    update: (change) =>
      lock.run(file, async () => {
        const next = change(await load());
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, ...next }, null, 2)}\n`, { mode: 0o600 });
        cached = next;
        return next;
      }),
  };
};
