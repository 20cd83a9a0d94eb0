import type { PulledPublicationIssue } from '../../../shared/contract/domains/sync';
import { ok, type Result } from '../../../shared/contract/result';
import { publicationVersion, type PullState } from './pull-state';

/**
 * The 中心同步 page's list of publications not in force here, from the pull state (pull-state.ts):
 * those whose signature failed (what they claim only), those refused after they verified, and those
 * held for a later version — newest first. The version of one passed over is read from the copy kept
 * as pulled, which verified before it was kept.
 */
export const publicationIssues = async (state: PullState): Promise<Result<PulledPublicationIssue[]>> => {
  const read = await state.read();
  if (!read.ok) return read;
  const issues: PulledPublicationIssue[] = (read.value.unverified ?? []).map((entry) => ({
    seq: entry.seq,
    kind: entry.kind,
    status: 'signature',
    version: entry.version,
    publishedAt: entry.publishedAt,
    error: entry.error,
    at: entry.at,
  }));
  for (const entry of read.value.held) {
    const kept = await state.held(entry.seq).catch(() => null);
    issues.push({
      seq: entry.seq,
      kind: entry.kind,
      status: entry.status === 'refused' ? 'refused' : 'held',
      version: kept ? publicationVersion(kept) : null,
      publishedAt: kept?.publishedAt ?? null,
      error: entry.error ?? null,
      at: entry.at,
    });
  }
  return ok(issues.sort((a, b) => b.seq - a.seq));
};
