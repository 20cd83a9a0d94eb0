import path from 'node:path';
import { z } from 'zod';
import { fail, ok, type HostError, type Result } from '../../../shared/contract/result';
import { publicationKinds, publicationSchema, type Publication, type PublicationKind } from '../../../shared/sync/pull';
import { KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';
import type { ApplyOutcome } from './pull-outcome';

/**
 * Where the counter is in the central system's stream of publications, `<dataDir>/pull-state.json`:
 * the cursor — the number of the last publication applied — and what was passed over. The cursor is
 * written (atomically: atomic-file.ts) only after its publication is applied, so a pull interrupted
 * anywhere resumes after the last one applied; one applied but not yet counted is applied again, which
 * changes nothing (pull-catalog.ts, pull-roster.ts).
 *
 * Publications passed over — a kind this version does not apply yet (blacklist entries, verification
 * outcomes: `unhandled`), or one refused here (`refused`, with the reason) — are listed in the state
 * and each kept as pulled, signature and all, in `<dataDir>/pull-held/<seq>.json` (written before the
 * cursor moves): the version that handles them finds them there rather than lost behind the cursor.
 */
export const PULL_STATE_FILE = 'pull-state.json';
export const PULL_HELD_DIR = 'pull-held';

const isoTime = z.iso.datetime({ offset: true });
const hostErrorSchema = z.object({ code: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()).optional() }).strict();

const heldSchema = z
  .object({
    seq: z.number().int().positive(),
    kind: z.enum(publicationKinds),
    status: z.enum(['unhandled', 'refused']),
    error: hostErrorSchema.optional(),
    at: isoTime,
  })
  .strict();

const stateSchema = z
  .object({
    version: z.literal(1),
    cursor: z.number().int().nonnegative(),
    updatedAt: isoTime.nullable(),
    /** When a publication of each kind was last applied: how old the catalog and the roster are. */
    appliedAt: z.partialRecord(z.enum(publicationKinds), isoTime),
    held: z.array(heldSchema),
  })
  .strict();

export type PullCursorState = Omit<z.infer<typeof stateSchema>, 'held'> & { held: Array<Omit<z.infer<typeof heldSchema>, 'error'> & { error?: HostError }> };

const EMPTY: PullCursorState = { version: 1, cursor: 0, updatedAt: null, appliedAt: {}, held: [] };

export interface PullState {
  /** The state as stored; refused when the file is damaged (starting again from 0 would replay old rosters). */
  read(): Promise<Result<PullCursorState>>;
  /** `publication` has been applied, refused or found unhandled: keeps it if passed over, then moves the cursor to it. */
  advance(publication: Publication, outcome: ApplyOutcome): Promise<Result<PullCursorState>>;
  /** A publication kept as pulled (passed over), or null. */
  held(seq: number): Promise<Publication | null>;
}

export const createPullState = (dataDir: string, now: () => Date = () => new Date()): PullState => {
  const file = path.join(dataDir, PULL_STATE_FILE);
  const heldFile = (seq: number) => path.join(dataDir, PULL_HELD_DIR, `${seq}.json`);
  const lock = new KeyedLock();

  const load = async (): Promise<Result<PullCursorState>> => {
    const bytes = await readFileIfExists(file);
    if (bytes === null) return ok(structuredClone(EMPTY));
    try {
      const parsed = stateSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (parsed.success) return ok(parsed.data as PullCursorState);
    } catch {
      // unreadable JSON is as damaged as a wrong shape
    }
    return fail('PULL_STATE_CORRUPT', 'host.pull.state_corrupt');
  };

  return {
    read: () => lock.run(file, load),

    advance: (publication, outcome) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const state = loaded.value;
        // Never backwards: what is behind the cursor has been dealt with.
        if (publication.seq <= state.cursor) return ok(state);
        const at = now().toISOString();
        if (outcome.status === 'refused' || outcome.status === 'unhandled') {
          await writeFileAtomic(heldFile(publication.seq), `${JSON.stringify(publication)}\n`);
          state.held = [
            ...state.held.filter((entry) => entry.seq !== publication.seq),
            { seq: publication.seq, kind: publication.kind, status: outcome.status, ...(outcome.status === 'refused' ? { error: outcome.error } : {}), at },
          ];
        } else state.appliedAt[publication.kind as PublicationKind] = at;
        const next: PullCursorState = { ...state, cursor: publication.seq, updatedAt: at };
        await writeFileAtomic(file, `${JSON.stringify(stateSchema.parse(next), null, 2)}\n`);
        return ok(next);
      }),

    held: async (seq) => {
      const bytes = await readFileIfExists(heldFile(seq));
      if (bytes === null) return null;
      const parsed = publicationSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data : null;
    },
  };
};
