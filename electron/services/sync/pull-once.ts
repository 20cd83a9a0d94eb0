import { fail, ok, type Result } from '../../../shared/contract/result';
import { pullResponseSchema } from '../../../shared/sync/pull';
import { KeyedLock } from '../atomic-file';
import { applyPublication, type ApplyOptions } from './pull-apply';
import type { RosterChange } from './pull-outcome';
import type { PullState } from './pull-state';
import type { SyncHttp } from './sync-http';

/** Items asked per page; the server also ends a page by its bodies' size (shared/sync/pull.ts). */
export const PULL_PAGE_LIMIT = 50;

export interface PullSummary {
  /** The last publication applied (or passed over) now. */
  cursor: number;
  applied: number;
  refused: number;
  unhandled: number;
  /**
   * What rosters changed in the accounts: the session is main's and is not touched here, so whoever
   * calls the pull ends the session of an account disabled or changed in role (session.ts).
   */
  accountChanges: RosterChange[];
}

export interface Puller {
  /**
   * Pages through GET /v1/pull from the cursor until the server has no more, applying each
   * publication and only then moving the cursor past it. Refused (nothing more applied, the cursor
   * left before it) when a publication's signature fails or the server answers out of order. A
   * failure of the client itself (no connection, a bad answer) is thrown as the client threw it;
   * whatever was applied before stays applied and counted, and the next call resumes there.
   */
  pullOnce(client: Pick<SyncHttp, 'getJson'>): Promise<Result<PullSummary>>;
}

export const createPuller = (options: ApplyOptions & { state: PullState }): Puller => {
  const lock = new KeyedLock();
  return {
    // One pull at a time: two would apply the same publications side by side.
    pullOnce: (client) =>
      lock.run('pull', async () => {
        const start = await options.state.read();
        if (!start.ok) return start;
        const summary: PullSummary = { cursor: start.value.cursor, applied: 0, refused: 0, unhandled: 0, accountChanges: [] };
        for (;;) {
          const page = await client.getJson(`/v1/pull?after=${summary.cursor}&limit=${PULL_PAGE_LIMIT}`, pullResponseSchema);
          for (const publication of page.items) {
            if (publication.seq <= summary.cursor) return fail('PULL_OUT_OF_ORDER', 'host.pull.out_of_order', { seq: publication.seq, cursor: summary.cursor });
            const outcome = await applyPublication(publication, options);
            if (!outcome.ok) {
              // Its signature failed: noted for the 中心同步 page, and the cursor stays before it.
              await options.state.unverified(publication, outcome.error);
              return outcome;
            }
            const advanced = await options.state.advance(publication, outcome.value);
            if (!advanced.ok) return advanced;
            summary.cursor = publication.seq;
            summary[outcome.value.status] += 1;
            if (outcome.value.status === 'applied' && outcome.value.kind === 'roster') summary.accountChanges.push(...outcome.value.changes);
          }
          if (!page.more || page.items.length === 0) return ok(summary);
        }
      }),
  };
};
