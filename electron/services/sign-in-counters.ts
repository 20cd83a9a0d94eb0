import path from 'node:path';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * Failed sign-in attempts per 工号, in a file of their own (`sign-in-counters.json`), apart from the
 * accounts: the central roster (a later issue) replaces accounts.json wholesale, and a lockout must
 * survive that. Keyed by the upper-cased ID, the way accounts are matched.
 */
export const COUNTERS_FILE = 'sign-in-counters.json';

const counterSchema = z
  .object({ failedAttempts: z.number().int().nonnegative(), lockedUntil: z.iso.datetime({ offset: true }).nullable() })
  .strict();
const countersFileSchema = z.object({ version: z.literal(1), counters: z.record(z.string(), counterSchema) }).strict();

export type SignInCounter = z.infer<typeof counterSchema>;
export const NO_FAILURES: SignInCounter = { failedAttempts: 0, lockedUntil: null };

export interface SignInCounters {
  read(clerkId: string): Promise<Result<SignInCounter>>;
  write(clerkId: string, counter: SignInCounter): Promise<void>;
  /** Sets the counters of IDs that have none yet (migration from clerks.json). */
  seed(entries: ReadonlyArray<[clerkId: string, counter: SignInCounter]>): Promise<Result<void>>;
}

const keyOf = (clerkId: string) => clerkId.toUpperCase();

export const createSignInCounters = (dataDir: string): SignInCounters => {
  const file = path.join(dataDir, COUNTERS_FILE);
  const lock = new KeyedLock();

  const load = async (): Promise<Result<Record<string, SignInCounter>>> => {
    const bytes = await readFileIfExists(file);
    if (bytes === null) return ok({});
    try {
      const checked = countersFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (checked.success) return ok(checked.data.counters);
    } catch {
      // unreadable JSON is as damaged as a wrong shape
    }
    // Fail closed: treating a damaged file as "no failures" would let anyone who can break it unlock accounts.
    return fail('COUNTERS_CORRUPT', 'host.clerk.counters_corrupt');
  };

  const save = (counters: Record<string, SignInCounter>) =>
    writeFileAtomic(file, `${JSON.stringify(countersFileSchema.parse({ version: 1, counters }), null, 2)}\n`);

  return {
    read: (clerkId) =>
      lock.run(file, async () => {
        const counters = await load();
        return counters.ok ? ok(counters.value[keyOf(clerkId)] ?? NO_FAILURES) : counters;
      }),

    write: (clerkId, counter) =>
      lock.run(file, async () => {
        const counters = await load();
        // A damaged file stays as it is (sign-in refused) until someone restores it.
        if (!counters.ok) return;
        const key = keyOf(clerkId);
        if (counter.failedAttempts === 0 && counter.lockedUntil === null) delete counters.value[key];
        else counters.value[key] = counter;
        await save(counters.value);
      }),

    seed: (entries) =>
      lock.run(file, async () => {
        const counters = await load();
        if (!counters.ok) return counters;
        let changed = false;
        for (const [clerkId, counter] of entries) {
          const key = keyOf(clerkId);
          if (counters.value[key] || (counter.failedAttempts === 0 && counter.lockedUntil === null)) continue;
          counters.value[key] = counter;
          changed = true;
        }
        if (changed) await save(counters.value);
        return ok(undefined);
      }),
  };
};
