import { randomBytes as nodeRandomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { ClerkAccount } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * Local clerk accounts in `<dataDir>/clerks.json`. A PIN is never stored: only its scrypt hash with a
 * per-account random salt. The first account can be created freely (installation); every later one
 * must be confirmed by an existing clerk. Five wrong PINs in a row pause an ID for five minutes, and an
 * unknown ID behaves exactly like a known one with a wrong PIN (same answer, same cost, same pause),
 * so nobody can find out which IDs exist by guessing.
 */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 5 * 60 * 1000;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

/** ~16 MiB and some tens of milliseconds per check: cheap for a clerk, expensive for 10^6 guesses. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1, keylen: 32 };

const scryptParamsSchema = z
  .object({ N: z.number().int().min(2), r: z.number().int().positive(), p: z.number().int().positive(), keylen: z.number().int().min(16) })
  .strict();

const storedClerkSchema = z
  .object({
    clerkId: z.string().regex(/^[0-9A-Za-z]{2,16}$/),
    name: z.string().min(1).max(30),
    salt: z.base64(),
    pinHash: z.base64(),
    scrypt: scryptParamsSchema,
    createdAt: z.iso.datetime({ offset: true }),
    /** Who confirmed the account; `null` for the first one. */
    createdBy: z.string().nullable(),
    failedAttempts: z.number().int().nonnegative(),
    lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();

const clerkFileSchema = z.object({ version: z.literal(1), clerks: z.array(storedClerkSchema) }).strict();

type StoredClerk = z.infer<typeof storedClerkSchema>;
type ClerkFile = z.infer<typeof clerkFileSchema>;

export interface ClerkAccountsOptions {
  dataDir: string;
  now?: () => Date;
  scryptParams?: ScryptParams;
  randomBytes?: (size: number) => Buffer;
}

export interface Credentials {
  clerkId: string;
  pin: string;
}

export interface ClerkAccounts {
  list(): Promise<Result<ClerkAccount[]>>;
  count(): Promise<Result<number>>;
  create(input: { clerkId: string; name: string; pin: string; authorizedBy?: Credentials }): Promise<Result<ClerkAccount>>;
  /** Checks a clerk's PIN (sign-in, or confirming an action); counts and pauses wrong attempts. */
  verify(credentials: Credentials): Promise<Result<ClerkAccount>>;
  /**
   * Checks a PIN without counting a wrong one against the account: for a PIN typed where anyone may
   * type (the hand-over panel on the applicant's screen), whose caller keeps its own back-off so that
   * nobody there can lock the clerk out. A locked account stays locked.
   */
  confirm(credentials: Credentials): Promise<Result<ClerkAccount>>;
}

export const CLERKS_FILE = 'clerks.json';

const scryptAsync = (pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
    scrypt(pin, salt, params.keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** IDs are compared without regard to letter case: `a01` and `A01` are the same clerk. */
const idKey = (clerkId: string): string => clerkId.toUpperCase();

const toAccount = (clerk: StoredClerk): ClerkAccount => ({ clerkId: clerk.clerkId, name: clerk.name });

/** Failure counters of IDs that do not exist, kept in memory so they lock exactly like real ones. */
interface PhantomCounter {
  failedAttempts: number;
  lockedUntil: number | null;
}
const PHANTOM_LIMIT = 1000;

export const createClerkAccounts = (options: ClerkAccountsOptions): ClerkAccounts => {
  const file = path.join(options.dataDir, CLERKS_FILE);
  const now = options.now ?? (() => new Date());
  const params = options.scryptParams ?? DEFAULT_SCRYPT;
  const randomBytes = options.randomBytes ?? nodeRandomBytes;
  const lock = new KeyedLock();
  const phantoms = new Map<string, PhantomCounter>();
  // A fixed dummy hash so a check against an unknown ID costs the same as against a real one.
  const dummySalt = randomBytes(16);
  let dummyHash: Promise<Buffer> | null = null;
  const dummy = (): Promise<Buffer> => (dummyHash ??= scryptAsync('000000', dummySalt, params));

  const load = async (): Promise<Result<ClerkFile>> => {
    const bytes = await readFileIfExists(file);
    if (bytes === null) return ok({ version: 1, clerks: [] });
    try {
      const checked = clerkFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (checked.success) return ok(checked.data);
    } catch {
      // fall through: unreadable JSON is as damaged as a wrong shape
    }
    return fail('CLERK_STORE_CORRUPT', 'host.clerk.store_corrupt');
  };

  const save = (content: ClerkFile): Promise<void> =>
    writeFileAtomic(file, `${JSON.stringify(clerkFileSchema.parse(content), null, 2)}\n`);

  const lockedAnswer = (lockedUntil: number, at: number) =>
    fail('ACCOUNT_LOCKED', 'host.clerk.locked', { attempts: MAX_FAILED_ATTEMPTS, minutes: Math.max(1, Math.ceil((lockedUntil - at) / 60_000)) });

  const hashPin = async (pin: string): Promise<Pick<StoredClerk, 'salt' | 'pinHash' | 'scrypt'>> => {
    const salt = randomBytes(16);
    const hash = await scryptAsync(pin, salt, params);
    return { salt: salt.toString('base64'), pinHash: hash.toString('base64'), scrypt: { ...params } };
  };

  const pinMatches = async (clerk: StoredClerk, pin: string): Promise<boolean> => {
    const expected = Buffer.from(clerk.pinHash, 'base64');
    const actual = await scryptAsync(pin, Buffer.from(clerk.salt, 'base64'), clerk.scrypt);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };

  /** Outcome of one PIN check; the caller holds the lock and saves `content` when `changed`. */
  const check = async (
    content: ClerkFile,
    credentials: Credentials,
  ): Promise<{ result: Result<ClerkAccount>; changed: boolean }> => {
    const at = now().getTime();
    const key = idKey(credentials.clerkId);
    const index = content.clerks.findIndex((clerk) => idKey(clerk.clerkId) === key);
    const clerk = content.clerks[index];
    const wrong = fail('PIN_WRONG', 'host.clerk.credentials_wrong');

    if (!clerk) {
      const counter = phantoms.get(key) ?? { failedAttempts: 0, lockedUntil: null };
      if (counter.lockedUntil !== null && counter.lockedUntil > at) return { result: lockedAnswer(counter.lockedUntil, at), changed: false };
      if (counter.lockedUntil !== null) Object.assign(counter, { failedAttempts: 0, lockedUntil: null });
      const candidate = await scryptAsync(credentials.pin, dummySalt, params);
      timingSafeEqual(candidate, await dummy());
      counter.failedAttempts += 1;
      if (counter.failedAttempts >= MAX_FAILED_ATTEMPTS) counter.lockedUntil = at + LOCK_MS;
      phantoms.delete(key);
      phantoms.set(key, counter);
      if (phantoms.size > PHANTOM_LIMIT) phantoms.delete(phantoms.keys().next().value as string);
      return { result: counter.lockedUntil !== null ? lockedAnswer(counter.lockedUntil, at) : wrong, changed: false };
    }

    const lockedUntil = clerk.lockedUntil === null ? null : Date.parse(clerk.lockedUntil);
    if (lockedUntil !== null && lockedUntil > at) return { result: lockedAnswer(lockedUntil, at), changed: false };
    const expired = lockedUntil !== null;
    const base = expired ? { ...clerk, failedAttempts: 0, lockedUntil: null } : clerk;

    if (await pinMatches(base, credentials.pin)) {
      const changed = base.failedAttempts !== 0 || base.lockedUntil !== clerk.lockedUntil;
      content.clerks[index] = { ...base, failedAttempts: 0, lockedUntil: null };
      return { result: ok(toAccount(base)), changed };
    }
    const failedAttempts = base.failedAttempts + 1;
    const locks = failedAttempts >= MAX_FAILED_ATTEMPTS;
    content.clerks[index] = {
      ...base,
      failedAttempts,
      lockedUntil: locks ? new Date(at + LOCK_MS).toISOString() : null,
    };
    return { result: locks ? lockedAnswer(at + LOCK_MS, at) : wrong, changed: true };
  };

  return {
    list: () =>
      lock.run(file, async () => {
        const content = await load();
        return content.ok ? ok(content.value.clerks.map(toAccount)) : content;
      }),

    count: () =>
      lock.run(file, async () => {
        const content = await load();
        return content.ok ? ok(content.value.clerks.length) : content;
      }),

    verify: (credentials) =>
      lock.run(file, async () => {
        const content = await load();
        if (!content.ok) return content;
        const { result, changed } = await check(content.value, credentials);
        if (changed) await save(content.value);
        return result;
      }),

    confirm: (credentials) =>
      lock.run(file, async () => {
        const content = await load();
        if (!content.ok) return content;
        const clerk = content.value.clerks.find((candidate) => idKey(candidate.clerkId) === idKey(credentials.clerkId));
        const at = now().getTime();
        const lockedUntil = clerk?.lockedUntil ? Date.parse(clerk.lockedUntil) : null;
        if (lockedUntil !== null && lockedUntil > at) return lockedAnswer(lockedUntil, at);
        if (clerk && (await pinMatches(clerk, credentials.pin))) return ok(toAccount(clerk));
        if (!clerk) timingSafeEqual(await scryptAsync(credentials.pin, dummySalt, params), await dummy());
        return fail('PIN_WRONG', 'host.clerk.credentials_wrong');
      }),

    create: (input) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const content = loaded.value;
        let createdBy: string | null = null;
        if (content.clerks.length > 0) {
          if (!input.authorizedBy) return fail('AUTHORIZATION_REQUIRED', 'host.clerk.authorization_required');
          const { result, changed } = await check(content, input.authorizedBy);
          if (changed) await save(content);
          if (!result.ok) {
            return result.error.code === 'PIN_WRONG'
              ? fail('AUTHORIZER_WRONG', 'host.clerk.authorizer_wrong')
              : result;
          }
          createdBy = result.value.clerkId;
        }
        if (content.clerks.some((clerk) => idKey(clerk.clerkId) === idKey(input.clerkId))) {
          return fail('CLERK_EXISTS', 'host.clerk.already_exists', { clerkId: input.clerkId });
        }
        const clerk: StoredClerk = {
          clerkId: input.clerkId,
          name: input.name.trim(),
          ...(await hashPin(input.pin)),
          createdAt: now().toISOString(),
          createdBy,
          failedAttempts: 0,
          lockedUntil: null,
        };
        await save({ version: 1, clerks: [...content.clerks, clerk] });
        phantoms.delete(idKey(clerk.clerkId));
        return ok(toAccount(clerk));
      }),
  };
};
