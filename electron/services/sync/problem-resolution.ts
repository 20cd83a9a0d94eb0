import { createHash } from 'node:crypto';
import type { SyncResolution } from '../../../shared/contract/domains/sync';
import { fail, ok, type Result } from '../../../shared/contract/result';
import type { AuditLog } from '../audit-log';
import { MAX_RESOLUTIONS, type SyncStateStore } from './sync-state';

/**
 * 已核对，重新发送: the supervisor's way past a problem that stopped a log's push (push.ts says why the
 * push stops there and never skips). Nothing in the archive changes — a sealed line stays as sealed;
 * what changes is only the device's list of problems, so the next push offers the line again. Should
 * the central system still refuse it, push.ts lists it again: the resolution records that a person
 * looked, not that the line is good.
 *
 * The audit line comes first (signed, chained, flushed: audit-log.ts) and only then is the problem
 * taken off; a crash between the two leaves the problem listed and the supervisor does it again —
 * never a problem gone without its line. The note is free text a person wrote, so it stays in the
 * device's sync state (0600) and the audit line carries its hash: the audit log holds only codes.
 */
export const noteHashOf = (note: string): string => createHash('sha256').update(note, 'utf8').digest('hex').slice(0, 32);

export interface ProblemResolver {
  resolve(input: { log: 'ledger' | 'audit'; seq: number; note: string }): Promise<Result<SyncResolution>>;
  resolutions(): Promise<SyncResolution[]>;
}

export const createProblemResolver = (deps: { state: SyncStateStore; audit: Pick<AuditLog, 'record'>; resolved?: () => void }): ProblemResolver => ({
  resolve: async ({ log, seq, note }) => {
    const text = note.trim();
    const problem = (await deps.state.read()).problems.find((candidate) => candidate.log === log && candidate.seq === seq);
    if (!problem) return fail('SYNC_PROBLEM_NOT_FOUND', 'host.sync.problem_not_found', { seq });
    const noteHash = noteHashOf(text);
    const entry = await deps.audit.record('sync.problem_resolve', `${log}:${seq}`, `note-${noteHash}`);
    const resolution: SyncResolution = { problem, note: text, noteHash, by: entry.actor?.accountId ?? '', at: entry.at, auditSeq: entry.seq };
    await deps.state.update((current) => ({
      ...current,
      // Every listing of that line goes: the push added one per refusal it met.
      problems: current.problems.filter((candidate) => !(candidate.log === log && candidate.seq === seq)),
      resolutions: [...current.resolutions, resolution].slice(-MAX_RESOLUTIONS),
    }));
    deps.resolved?.();
    return ok(resolution);
  },
  resolutions: async () => [...(await deps.state.read()).resolutions].reverse(),
});
