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
 *
 * A publication whose signature does not verify is neither: the cursor stays before it and every pull
 * meets it again. Only what it claims to be (number, kind, time, version) is noted under `unverified`
 * for the 中心同步 page — not its body, which nobody vouches for — until the cursor passes it.
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

const unverifiedSchema = z
  .object({
    seq: z.number().int().positive(),
    kind: z.enum(publicationKinds),
    publishedAt: isoTime,
    version: z.string().max(80).nullable(),
    error: hostErrorSchema,
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
    unverified: z.array(unverifiedSchema).optional(),
  })
  .strict();

type UnverifiedEntry = Omit<z.infer<typeof unverifiedSchema>, 'error'> & { error: HostError };
export type PullCursorState = Omit<z.infer<typeof stateSchema>, 'held' | 'unverified'> & {
  held: Array<Omit<z.infer<typeof heldSchema>, 'error'> & { error?: HostError }>;
  unverified?: UnverifiedEntry[];
};

/** The version a publication names: a catalog's id and number (a roster has none of its own). */
export const publicationVersion = (publication: Pick<Publication, 'kind' | 'body'>): string | null => {
  if (publication.kind !== 'catalog') return null;
  try {
    const body = JSON.parse(publication.body) as { catalogId?: unknown; version?: unknown };
    if (typeof body.catalogId === 'string' && typeof body.version === 'number') return `${body.catalogId.slice(0, 64)} v${body.version}`;
  } catch {
    // a body that does not parse names no version
  }
  return null;
};

const EMPTY: PullCursorState = { version: 1, cursor: 0, updatedAt: null, appliedAt: {}, held: [] };

export interface PullState {
  /** The state as stored; refused when the file is damaged (starting again from 0 would replay old rosters). */
  read(): Promise<Result<PullCursorState>>;
  /** `publication` has been applied, refused or found unhandled: keeps it if passed over, then moves the cursor to it. */
  advance(publication: Publication, outcome: ApplyOutcome): Promise<Result<PullCursorState>>;
  /** A publication kept as pulled (passed over), or null. */
  held(seq: number): Promise<Publication | null>;
  /** `publication` failed its signature check: noted (what it claims only), the cursor left before it. */
  unverified(publication: Publication, error: HostError): Promise<void>;
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
        const { unverified: before, ...rest } = state;
        const unverified = before?.filter((entry) => entry.seq > publication.seq) ?? [];
        const next: PullCursorState = { ...rest, cursor: publication.seq, updatedAt: at, ...(unverified.length > 0 ? { unverified } : {}) };
        await writeFileAtomic(file, `${JSON.stringify(stateSchema.parse(next), null, 2)}\n`);
        return ok(next);
      }),

    unverified: (publication, error) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok || publication.seq <= loaded.value.cursor) return;
        const state = loaded.value;
        const entry: UnverifiedEntry = {
          seq: publication.seq,
          kind: publication.kind,
          publishedAt: publication.publishedAt,
          version: publicationVersion(publication),
          error,
          at: now().toISOString(),
        };
        const next: PullCursorState = { ...state, unverified: [...(state.unverified ?? []).filter((other) => other.seq !== publication.seq), entry] };
        await writeFileAtomic(file, `${JSON.stringify(stateSchema.parse(next), null, 2)}\n`);
      }),

    held: async (seq) => {
      const bytes = await readFileIfExists(heldFile(seq));
      if (bytes === null) return null;
      const parsed = publicationSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      return parsed.success ? parsed.data : null;
    },
  };
};
