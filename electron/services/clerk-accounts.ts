import { randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { roles, type AccountEntry, type ClerkAccount, type Role } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';
import { DEFAULT_SCRYPT, hashMatches, pinSecret, scryptAsync, type ScryptParams } from './pin-hash';
import { createSignInCounters, NO_FAILURES, type SignInCounter } from './sign-in-counters';
import { CENTRAL_CREATOR } from './sync/pull-roster';

export { DEFAULT_SCRYPT, type ScryptParams } from './pin-hash';

/**
 * The device's staff accounts in `<dataDir>/accounts.json`: 工号, name, role and the PIN's peppered
 * scrypt hash (pin-hash.ts). Failed attempts are kept apart (sign-in-counters.ts) so that replacing
 * this file from a central roster never resets a lockout. An unknown ID behaves exactly like a known
 * one with a wrong PIN (same answer, same cost, same lockout), so guessing finds out no IDs.
 *
 * `clerks.json` (before roles) is migrated on first read: its accounts keep their unpeppered hashes
 * (marked `peppered: false`) until their next successful sign-in rehashes them with the pepper and
 * today's cost; the account made first (no `createdBy`) becomes the administrator, the others clerks;
 * failure counters move to the counters file; clerks.json is then removed.
 */
export const ACCOUNTS_FILE = 'accounts.json';
export const LEGACY_CLERKS_FILE = 'clerks.json';

const scryptParamsSchema = z
  .object({ N: z.number().int().min(2), r: z.number().int().positive(), p: z.number().int().positive(), keylen: z.number().int().min(16) })
  .strict();

const storedAccountSchema = z
  .object({
    clerkId: z.string().regex(/^[0-9A-Za-z]{2,16}$/),
    name: z.string().min(1).max(30),
    role: z.enum(roles),
    salt: z.base64(),
    pinHash: z.base64(),
    scrypt: scryptParamsSchema,
    /** False only for hashes migrated from clerks.json, until the next sign-in. */
    peppered: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    /** The administrator who created it; `null` for the first one; `@central` for one a roster brought in. */
    createdBy: z.string().nullable(),
    /**
     * When a central roster left the account out (sync/pull-roster.ts): it signs in no more — its own PIN
     * is told so (ACCOUNT_DISABLED), any other answered like an unknown 工号 — but is never deleted: the
     * audit log names it. A later roster may bring it back.
     */
    disabledAt: z.iso.datetime({ offset: true }).optional(),
    /**
     * A roster brought it in without a PIN (rosters carry none: shared/sync/roster.ts): its hash is a
     * random one no PIN matches, at the same cost, until the administrator sets its PIN (create).
     */
    noPin: z.literal(true).optional(),
    /** The last central roster that listed it (active or not), and when this device applied it: 账户管理 shows it. */
    roster: z.object({ seq: z.number().int().positive(), appliedAt: z.iso.datetime({ offset: true }) }).strict().optional(),
  })
  .strict();
const accountsFileSchema = z.object({ version: z.literal(2), accounts: z.array(storedAccountSchema) }).strict();

const legacyFileSchema = z
  .object({
    version: z.literal(1),
    clerks: z.array(
      z
        .object({
          clerkId: z.string().regex(/^[0-9A-Za-z]{2,16}$/),
          name: z.string().min(1).max(30),
          salt: z.base64(),
          pinHash: z.base64(),
          scrypt: scryptParamsSchema,
          createdAt: z.iso.datetime({ offset: true }),
          createdBy: z.string().nullable(),
          failedAttempts: z.number().int().nonnegative(),
          lockedUntil: z.iso.datetime({ offset: true }).nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export type StoredAccount = z.infer<typeof storedAccountSchema>;
type AccountsFile = z.infer<typeof accountsFileSchema>;

export interface LockoutRules {
  maxFailedAttempts: number;
  lockMs: number;
}

export interface ClerkAccountsOptions {
  dataDir: string;
  /** The device's PIN pepper (pin-pepper.ts), read through the SecretStore. */
  pepper: () => Promise<Buffer>;
  lockout: () => Promise<LockoutRules>;
  now?: () => Date;
  scryptParams?: ScryptParams;
  randomBytes?: (size: number) => Buffer;
  /** A wrong PIN has just locked this 工号 (the audit log's lockout); awaited before the answer. */
  onLockout?: (clerkId: string) => Promise<void>;
}

export interface Credentials {
  clerkId: string;
  pin: string;
}

export interface NewAccount {
  clerkId: string;
  name: string;
  pin: string;
  role: Role;
}

/**
 * What a replacement (a roster) did to an account that could sign in before it: disabled it, or gave
 * it another role. Whoever holds that account's session must end it: its role is now a stale one.
 */
export interface AccountShift {
  clerkId: string;
  from: Role;
  to: Role | 'disabled';
}

export interface ClerkAccounts {
  list(): Promise<Result<ClerkAccount[]>>;
  /** Every stored account, disabled ones too, as 账户管理 lists them (no PIN hash leaves here). */
  directory(): Promise<Result<AccountEntry[]>>;
  /**
   * The first PIN of an account a roster brought in without one. Refused for an account with a PIN
   * (that is no first PIN), a disabled one, or an unknown 工号. Its sign-in counter is not touched.
   */
  setFirstPin(clerkId: string, pin: string): Promise<Result<ClerkAccount>>;
  /**
   * Called after every `replaceAll` that disabled an account or changed its role, inside the
   * accounts' lock and before `replaceAll` answers, so nothing acts on the old role meanwhile.
   * Returns the unsubscribe.
   */
  onShift(listener: (shifts: AccountShift[]) => Promise<void>): () => void;
  count(): Promise<Result<number>>;
  /** The account as it is now (role changes take effect at once); `null` when it is gone. */
  find(clerkId: string): Promise<Result<ClerkAccount | null>>;
  /** First start only: the device's first account, an administrator. */
  createFirst(input: Omit<NewAccount, 'role'>): Promise<Result<ClerkAccount>>;
  create(input: NewAccount, createdBy: string): Promise<Result<ClerkAccount>>;
  /** Checks a PIN (sign-in, the lock screen); counts wrong ones and locks the account. */
  verify(credentials: Credentials): Promise<Result<ClerkAccount>>;
  /**
   * Checks a PIN without counting a wrong one: for a PIN typed where anyone may type (the hand-over
   * panel), whose caller keeps its own back-off so nobody there can lock the clerk out. A locked
   * account stays locked.
   */
  confirm(credentials: Credentials): Promise<Result<ClerkAccount>>;
  /**
   * Replaces the stored accounts as a whole — a central roster (sync/pull-roster.ts decides how) —
   * under the accounts' lock; the sign-in counters are not touched, so a lockout survives it.
   * `placeholderPin` is a hash no PIN matches, at today's cost, for an account without a PIN.
   */
  replaceAll<T>(
    change: (accounts: readonly StoredAccount[], tools: { placeholderPin(): PinHash; now: Date }) => Promise<Result<{ accounts: StoredAccount[]; value: T }>>,
  ): Promise<Result<T>>;
}

type PinHash = Pick<StoredAccount, 'salt' | 'pinHash' | 'scrypt' | 'peppered'>;

const idKey = (clerkId: string): string => clerkId.toUpperCase();
const toAccount = ({ clerkId, name, role }: StoredAccount): ClerkAccount => ({ clerkId, name, role });
const toEntry = (account: StoredAccount): AccountEntry => ({
  ...toAccount(account),
  origin: account.createdBy === CENTRAL_CREATOR ? 'roster' : 'local',
  roster: account.roster ? { ...account.roster } : null,
  awaitingPin: account.noPin === true,
  disabledAt: account.disabledAt ?? null,
});

/** Accounts that could sign in before and were disabled or got another role after. */
const shiftsBetween = (before: readonly StoredAccount[], after: readonly StoredAccount[]): AccountShift[] => {
  const next = new Map(after.map((account) => [idKey(account.clerkId), account]));
  const shifts: AccountShift[] = [];
  for (const account of before) {
    if (account.disabledAt) continue;
    const now = next.get(idKey(account.clerkId));
    if (!now || now.disabledAt) shifts.push({ clerkId: account.clerkId, from: account.role, to: 'disabled' });
    else if (now.role !== account.role) shifts.push({ clerkId: account.clerkId, from: account.role, to: now.role });
  }
  return shifts;
};

/** Failure counters of IDs that do not exist, in memory only, so they lock exactly like real ones. */
const PHANTOM_LIMIT = 1000;

export const createClerkAccounts = (options: ClerkAccountsOptions): ClerkAccounts => {
  const file = path.join(options.dataDir, ACCOUNTS_FILE);
  const legacyFile = path.join(options.dataDir, LEGACY_CLERKS_FILE);
  const now = options.now ?? (() => new Date());
  const params = options.scryptParams ?? DEFAULT_SCRYPT;
  const randomBytes = options.randomBytes ?? nodeRandomBytes;
  const counters = createSignInCounters(options.dataDir);
  const lock = new KeyedLock();
  const phantoms = new Map<string, SignInCounter>();
  const shiftListeners = new Set<(shifts: AccountShift[]) => Promise<void>>();
  // A fixed dummy hash so a check against an unknown ID costs the same as against a real one.
  const dummySalt = randomBytes(16);
  let dummyHash: Promise<Buffer> | null = null;

  const save = (content: AccountsFile): Promise<void> =>
    writeFileAtomic(file, `${JSON.stringify(accountsFileSchema.parse(content), null, 2)}\n`);

  const migrate = async (bytes: Buffer): Promise<Result<AccountsFile>> => {
    let legacy;
    try {
      legacy = legacyFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    } catch {
      return fail('CLERK_STORE_CORRUPT', 'host.clerk.store_corrupt');
    }
    if (!legacy.success) return fail('CLERK_STORE_CORRUPT', 'host.clerk.store_corrupt');
    const seeded = await counters.seed(
      legacy.data.clerks.map((clerk) => [clerk.clerkId, { failedAttempts: clerk.failedAttempts, lockedUntil: clerk.lockedUntil }]),
    );
    if (!seeded.ok) return seeded;
    const content: AccountsFile = {
      version: 2,
      accounts: legacy.data.clerks.map(({ failedAttempts: _f, lockedUntil: _l, ...clerk }) => ({
        ...clerk,
        role: clerk.createdBy === null ? 'administrator' : 'clerk',
        peppered: false,
      })),
    };
    await save(content);
    // Only once accounts.json is durable: its hashes are the same ones.
    await rm(legacyFile, { force: true });
    return ok(content);
  };

  const load = async (): Promise<Result<AccountsFile>> => {
    const bytes = await readFileIfExists(file);
    if (bytes === null) {
      const legacy = await readFileIfExists(legacyFile);
      return legacy === null ? ok({ version: 2, accounts: [] }) : migrate(legacy);
    }
    try {
      const checked = accountsFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
      if (checked.success) return ok(checked.data);
    } catch {
      // unreadable JSON is as damaged as a wrong shape
    }
    return fail('CLERK_STORE_CORRUPT', 'host.clerk.store_corrupt');
  };

  const lockedAnswer = (rules: LockoutRules, lockedUntil: number, at: number) =>
    fail('ACCOUNT_LOCKED', 'host.clerk.locked', { attempts: rules.maxFailedAttempts, minutes: Math.max(1, Math.ceil((lockedUntil - at) / 60_000)) });

  const hashPin = async (pin: string): Promise<Pick<StoredAccount, 'salt' | 'pinHash' | 'scrypt' | 'peppered'>> => {
    const salt = randomBytes(16);
    const hash = await scryptAsync(pinSecret(pin, await options.pepper()), salt, params);
    return { salt: salt.toString('base64'), pinHash: hash.toString('base64'), scrypt: { ...params }, peppered: true };
  };

  const pinMatches = async (account: StoredAccount, pin: string): Promise<boolean> =>
    hashMatches(pin, account.peppered ? await options.pepper() : null, Buffer.from(account.salt, 'base64'), Buffer.from(account.pinHash, 'base64'), account.scrypt);

  const burnDummy = async (pin: string): Promise<void> => {
    const pepper = await options.pepper();
    dummyHash ??= scryptAsync(pinSecret('000000', pepper), dummySalt, params);
    timingSafeEqual(await scryptAsync(pinSecret(pin, pepper), dummySalt, params), await dummyHash);
  };

  /** The counter as it stands at `at`: a lock that ran out starts the count afresh. */
  const current = (counter: SignInCounter, at: number): SignInCounter =>
    counter.lockedUntil !== null && Date.parse(counter.lockedUntil) <= at ? NO_FAILURES : counter;

  const find = (content: AccountsFile, clerkId: string) => {
    const index = content.accounts.findIndex((account) => idKey(account.clerkId) === idKey(clerkId));
    return { index, account: content.accounts[index] };
  };

  /** For signing in: a disabled account is as absent as an unknown 工号 (verify tells only its own PIN why). */
  const findUsable = (content: AccountsFile, clerkId: string) => {
    const found = find(content, clerkId);
    return found.account?.disabledAt ? { index: -1, account: undefined } : found;
  };

  const verify = async (credentials: Credentials): Promise<Result<ClerkAccount>> => {
    const loaded = await load();
    if (!loaded.ok) return loaded;
    const content = loaded.value;
    const rules = await options.lockout();
    const at = now().getTime();
    const key = idKey(credentials.clerkId);
    const { index, account } = findUsable(content, credentials.clerkId);
    const disabled = account ? undefined : find(content, credentials.clerkId).account;

    const stored = account ? await counters.read(key) : ok(phantoms.get(key) ?? NO_FAILURES);
    if (!stored.ok) return stored;
    const counter = current(stored.value, at);
    if (counter.lockedUntil !== null) return lockedAnswer(rules, Date.parse(counter.lockedUntil), at);

    // A disabled account's own PIN earns the reason (its holder learns nothing new); any other PIN
    // is answered and counted as for an unknown 工号, so guessing still tells no 工号 apart. Neither
    // touches the account's own counter: disabling is no failed attempt.
    if (disabled && (await pinMatches(disabled, credentials.pin))) return fail('ACCOUNT_DISABLED', 'host.clerk.disabled', { clerkId: disabled.clerkId });
    // A disabled account's hash was just computed: the same cost as the dummy an unknown 工号 burns.
    let matches = false;
    if (account) matches = await pinMatches(account, credentials.pin);
    else if (!disabled) await burnDummy(credentials.pin);
    if (matches && account) {
      if (stored.value !== NO_FAILURES) await counters.write(key, NO_FAILURES);
      // An old hash (unpeppered, or cheaper than today's cost) is replaced now that the PIN is known.
      if (!account.peppered || JSON.stringify(account.scrypt) !== JSON.stringify(params)) {
        content.accounts[index] = { ...account, ...(await hashPin(credentials.pin)) };
        await save(content);
      }
      return ok(toAccount(account));
    }
    const failedAttempts = counter.failedAttempts + 1;
    const locks = failedAttempts >= rules.maxFailedAttempts;
    const next: SignInCounter = { failedAttempts, lockedUntil: locks ? new Date(at + rules.lockMs).toISOString() : null };
    if (account) await counters.write(key, next);
    else {
      phantoms.delete(key);
      phantoms.set(key, next);
      if (phantoms.size > PHANTOM_LIMIT) phantoms.delete(phantoms.keys().next().value as string);
    }
    if (locks) await options.onLockout?.(credentials.clerkId);
    return locks ? lockedAnswer(rules, at + rules.lockMs, at) : fail('PIN_WRONG', 'host.clerk.credentials_wrong');
  };

  /** The first PIN of the roster account at `index` (which has none). */
  const setPin = async (content: AccountsFile, index: number, pin: string): Promise<Result<ClerkAccount>> => {
    const { noPin: _none, ...account } = content.accounts[index]!;
    content.accounts[index] = { ...account, ...(await hashPin(pin)) };
    await save(content);
    phantoms.delete(idKey(account.clerkId));
    return ok(toAccount(account));
  };

  const create = async (input: NewAccount, createdBy: string | null): Promise<Result<ClerkAccount>> => {
    const loaded = await load();
    if (!loaded.ok) return loaded;
    const content = loaded.value;
    if (createdBy === null && content.accounts.length > 0) return fail('SETUP_DONE', 'host.setup.administrator_exists');
    const existing = find(content, input.clerkId);
    // A 工号 a roster brought in: the administrator sets its PIN here; the roster's name and role stand.
    if (existing.account?.noPin && !existing.account.disabledAt && createdBy !== null) return setPin(content, existing.index, input.pin);
    if (existing.account) return fail('CLERK_EXISTS', 'host.clerk.already_exists', { clerkId: input.clerkId });
    const account: StoredAccount = {
      clerkId: input.clerkId,
      name: input.name.trim(),
      role: input.role,
      ...(await hashPin(input.pin)),
      createdAt: now().toISOString(),
      createdBy,
    };
    await save({ version: 2, accounts: [...content.accounts, account] });
    phantoms.delete(idKey(account.clerkId));
    return ok(toAccount(account));
  };

  return {
    list: () => lock.run(file, async () => {
      const content = await load();
      // Disabled accounts stay stored (the audit log names them) but are no longer the device's staff.
      return content.ok ? ok(content.value.accounts.filter((account) => !account.disabledAt).map(toAccount)) : content;
    }),

    directory: () => lock.run(file, async () => {
      const content = await load();
      return content.ok ? ok(content.value.accounts.map(toEntry)) : content;
    }),

    setFirstPin: (clerkId, pin) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const { index, account } = find(loaded.value, clerkId);
        if (!account) return fail('ACCOUNT_PIN_NOT_SETTABLE', 'host.clerk.pin_not_settable', { clerkId });
        if (account.disabledAt) return fail('ACCOUNT_DISABLED', 'host.clerk.disabled', { clerkId: account.clerkId });
        if (!account.noPin) return fail('ACCOUNT_HAS_PIN', 'host.clerk.pin_already_set', { clerkId: account.clerkId });
        return setPin(loaded.value, index, pin);
      }),

    onShift: (listener) => {
      shiftListeners.add(listener);
      return () => void shiftListeners.delete(listener);
    },

    count: () => lock.run(file, async () => {
      const content = await load();
      return content.ok ? ok(content.value.accounts.length) : content;
    }),

    find: (clerkId) => lock.run(file, async () => {
      const content = await load();
      if (!content.ok) return content;
      const { account } = findUsable(content.value, clerkId);
      return ok(account ? toAccount(account) : null);
    }),

    createFirst: (input) => lock.run(file, () => create({ ...input, role: 'administrator' }, null)),

    create: (input, createdBy) => lock.run(file, () => create(input, createdBy)),

    verify: (credentials) => lock.run(file, () => verify(credentials)),

    confirm: (credentials) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const rules = await options.lockout();
        const at = now().getTime();
        const { account } = findUsable(loaded.value, credentials.clerkId);
        const disabled = account ? undefined : find(loaded.value, credentials.clerkId).account;
        // As in verify: only the disabled account's own PIN learns why.
        if (disabled) {
          if (await pinMatches(disabled, credentials.pin)) return fail('ACCOUNT_DISABLED', 'host.clerk.disabled', { clerkId: disabled.clerkId });
        } else if (account) {
          const stored = await counters.read(account.clerkId);
          if (!stored.ok) return stored;
          const counter = current(stored.value, at);
          if (counter.lockedUntil !== null) return lockedAnswer(rules, Date.parse(counter.lockedUntil), at);
          if (await pinMatches(account, credentials.pin)) return ok(toAccount(account));
        } else await burnDummy(credentials.pin);
        return fail('PIN_WRONG', 'host.clerk.credentials_wrong');
      }),

    replaceAll: (change) =>
      lock.run(file, async () => {
        const loaded = await load();
        if (!loaded.ok) return loaded;
        const placeholderPin = (): PinHash => ({ salt: randomBytes(16).toString('base64'), pinHash: randomBytes(params.keylen).toString('base64'), scrypt: { ...params }, peppered: true });
        const changed = await change(loaded.value.accounts, { placeholderPin, now: now() });
        if (!changed.ok) return changed;
        await save({ version: 2, accounts: changed.value.accounts });
        for (const account of changed.value.accounts) phantoms.delete(idKey(account.clerkId));
        const shifts = shiftsBetween(loaded.value.accounts, changed.value.accounts);
        if (shifts.length > 0) for (const listener of shiftListeners) await listener(shifts);
        return ok(changed.value.value);
      }),
  };
};
