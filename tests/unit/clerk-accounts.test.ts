import { createHash, scryptSync } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClerkAccounts, DEFAULT_SCRYPT, type ClerkAccounts } from '../../electron/services/clerk-accounts';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPinPepper } from '../../electron/services/pin-pepper';
import { enText, zhText } from './fixtures/host-text';

// A low cost keeps the suite fast; one test below runs the real parameters.
const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };
const RULES = { maxFailedAttempts: 5, lockMs: 15 * 60_000 };

let root: string;
let dataDir: string;
let clock: number;
const now = () => new Date(clock);
/** The accounts of a data folder, with the pepper sealed under a key file of `keyDir` (the device's secret store). */
const accounts = (dir = dataDir, keyDir = dir, scryptParams = FAST): ClerkAccounts =>
  createClerkAccounts({
    dataDir: dir,
    pepper: createPinPepper(dir, createKeyFileSecretStore(path.join(keyDir, 'secret.key'))),
    lockout: async () => RULES,
    now,
    scryptParams,
  });

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'accounts-test-'));
  dataDir = path.join(root, 'device');
  clock = Date.UTC(2026, 10, 28, 1, 0, 0);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const stored = async (dir = dataDir) => JSON.parse(await readFile(path.join(dir, 'accounts.json'), 'utf8'));
const counters = async () => JSON.parse(await readFile(path.join(dataDir, 'sign-in-counters.json'), 'utf8')).counters;

const ADMIN = { clerkId: 'M001', name: '赵管理', pin: '482913' };
const withAdmin = async (): Promise<ClerkAccounts> => {
  const store = accounts();
  expect(await store.createFirst(ADMIN)).toEqual({ ok: true, value: { clerkId: 'M001', name: '赵管理', role: 'administrator' } });
  return store;
};
const wrongTimes = async (store: ClerkAccounts, clerkId: string, times: number) => {
  const answers = [];
  for (let i = 0; i < times; i += 1) answers.push(await store.verify({ clerkId, pin: '000000' }));
  return answers;
};

describe('creating accounts', () => {
  it('makes the first account the administrator, once; later ones carry their role and creator', async () => {
    const store = await withAdmin();
    const again = await store.createFirst({ clerkId: 'X001', name: '某人', pin: '111111' });
    expect(!again.ok && again.error.code).toBe('SETUP_DONE');
    expect(await store.create({ clerkId: 'A001', name: '王窗口', pin: '111111', role: 'clerk' }, 'M001')).toEqual({
      ok: true,
      value: { clerkId: 'A001', name: '王窗口', role: 'clerk' },
    });
    expect((await store.create({ clerkId: 'S001', name: '李负责', pin: '222222', role: 'supervisor' }, 'M001')).ok).toBe(true);
    expect(await store.list()).toEqual({
      ok: true,
      value: [
        { clerkId: 'M001', name: '赵管理', role: 'administrator' },
        { clerkId: 'A001', name: '王窗口', role: 'clerk' },
        { clerkId: 'S001', name: '李负责', role: 'supervisor' },
      ],
    });
    expect((await stored()).accounts.map((account: { createdBy: string | null }) => account.createdBy)).toEqual([null, 'M001', 'M001']);
  });

  it('lets only one of two simultaneous first accounts be created', async () => {
    const store = accounts();
    const results = await Promise.all([store.createFirst(ADMIN), store.createFirst({ clerkId: 'B002', name: '李窗口', pin: '111111' })]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(await store.count()).toEqual({ ok: true, value: 1 });
  });

  it('refuses an ID that is taken, whatever its letter case', async () => {
    const store = await withAdmin();
    const duplicate = await store.create({ clerkId: 'm001', name: '另一人', pin: '222222', role: 'clerk' }, 'M001');
    expect(!duplicate.ok && duplicate.error.code).toBe('CLERK_EXISTS');
  });

  it('stores a salted, peppered scrypt hash, never the PIN, and no counters', async () => {
    const store = await withAdmin();
    await store.create({ clerkId: 'A001', name: '王窗口', pin: ADMIN.pin, role: 'clerk' }, 'M001');
    const raw = await readFile(path.join(dataDir, 'accounts.json'), 'utf8');
    expect(raw).not.toContain(ADMIN.pin);
    expect(raw).not.toMatch(/failedAttempts|lockedUntil/);
    const [a, b] = (await stored()).accounts;
    expect(a.salt).not.toBe(b.salt);
    expect(a.pinHash).not.toBe(b.pinHash);
    expect(a.peppered).toBe(true);
    // Not scrypt of the bare PIN: the pepper is in it.
    expect(scryptSync(ADMIN.pin, Buffer.from(a.salt, 'base64'), 32, FAST).toString('base64')).not.toBe(a.pinHash);
  });

  it("uses OWASP's scrypt cost by default (N=2^17, r=8, p=1)", async () => {
    const real = createClerkAccounts({ dataDir, pepper: createPinPepper(dataDir, createKeyFileSecretStore(path.join(dataDir, 'secret.key'))), lockout: async () => RULES, now });
    await real.createFirst(ADMIN);
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1, keylen: 32 });
    expect((await stored()).accounts[0].scrypt).toEqual(DEFAULT_SCRYPT);
    expect((await real.verify(ADMIN)).ok).toBe(true);
    expect((await real.verify({ ...ADMIN, pin: '482914' })).ok).toBe(false);
  });
});

describe('the pepper', () => {
  it('keeps a copied accounts file from verifying any PIN away from the secret store', async () => {
    await withAdmin();
    const elsewhere = path.join(root, 'copy');
    // Another machine (or the same file read without this device's secret store): its own pepper.
    await mkdir(elsewhere, { recursive: true });
    await copyFile(path.join(dataDir, 'accounts.json'), path.join(elsewhere, 'accounts.json'));
    const copied = await accounts(elsewhere).verify(ADMIN);
    expect(!copied.ok && copied.error.code).toBe('PIN_WRONG');
    // On the device itself the same file still verifies.
    expect((await accounts().verify(ADMIN)).ok).toBe(true);
  });

  it('cannot be read from its sealed file without the secret store key', async () => {
    await withAdmin();
    const sealed = await readFile(path.join(dataDir, 'pin-pepper.sealed'));
    expect(sealed.length).toBeGreaterThan(32);
    const otherKey = path.join(root, 'other-key');
    await expect(accounts(dataDir, otherKey).verify(ADMIN)).rejects.toThrow();
    expect((await stat(path.join(dataDir, 'pin-pepper.sealed'))).mode & 0o077).toBe(0);
  });
});

describe('checking a PIN', () => {
  it('accepts the right PIN, whatever the ID letter case', async () => {
    const store = await withAdmin();
    expect(await store.verify({ clerkId: 'm001', pin: ADMIN.pin })).toEqual({ ok: true, value: { clerkId: 'M001', name: '赵管理', role: 'administrator' } });
  });

  it('gives the same answer for a wrong PIN and for an unknown ID', async () => {
    const store = await withAdmin();
    const wrongPin = await store.verify({ clerkId: 'M001', pin: '000000' });
    const unknownId = await store.verify({ clerkId: 'ZZ99', pin: ADMIN.pin });
    expect(unknownId).toEqual(wrongPin);
    expect(!wrongPin.ok && wrongPin.error).toEqual({ code: 'PIN_WRONG', key: 'host.clerk.credentials_wrong' });
    expect(!wrongPin.ok && zhText(wrongPin.error)).toBe('工号或密码不正确，请重新输入。');
  });

  it('locks an account for 15 minutes after five wrong PINs, even against the right PIN, then releases it', async () => {
    const store = await withAdmin();
    const answers = await wrongTimes(store, 'M001', 5);
    expect(answers.slice(0, 4).every((answer) => !answer.ok && answer.error.code === 'PIN_WRONG')).toBe(true);
    const fifth = answers[4]!;
    expect(!fifth.ok && fifth.error).toEqual({ code: 'ACCOUNT_LOCKED', key: 'host.clerk.locked', params: { attempts: 5, minutes: 15 } });
    expect(!fifth.ok && zhText(fifth.error)).toBe('连续输错 5 次，该工号已暂停登录，请在 15 分钟后再试。');
    expect(!fifth.ok && enText(fifth.error)).toBe('5 wrong attempts in a row: sign-in with this clerk ID is paused. Try again in 15 minutes.');

    clock += 15 * 60_000 - 61_000;
    const stillLocked = await store.verify(ADMIN);
    expect(!stillLocked.ok && stillLocked.error.code).toBe('ACCOUNT_LOCKED');
    expect(!stillLocked.ok && zhText(stillLocked.error)).toContain('2 分钟');

    clock += 61_000;
    expect((await store.verify(ADMIN)).ok).toBe(true);
    expect(await counters()).toEqual({});
  });

  it('does not lock after four wrong PINs; a right one resets the count; a run-out lock counts afresh', async () => {
    const store = await withAdmin();
    await wrongTimes(store, 'M001', 4);
    expect((await store.verify(ADMIN)).ok).toBe(true);
    await wrongTimes(store, 'M001', 4);
    expect((await store.verify(ADMIN)).ok).toBe(true);
    await wrongTimes(store, 'M001', 5);
    clock += 15 * 60_000;
    const afterLock = await store.verify({ clerkId: 'M001', pin: '000000' });
    expect(!afterLock.ok && afterLock.error.code).toBe('PIN_WRONG');
    expect((await counters()).M001.failedAttempts).toBe(1);
  });

  it('follows the rules it is given (the administrator sets them)', async () => {
    const store = createClerkAccounts({
      dataDir,
      pepper: createPinPepper(dataDir, createKeyFileSecretStore(path.join(dataDir, 'secret.key'))),
      lockout: async () => ({ maxFailedAttempts: 3, lockMs: 60_000 }),
      now,
      scryptParams: FAST,
    });
    await store.createFirst(ADMIN);
    const third = (await wrongTimes(store, 'M001', 3))[2]!;
    expect(!third.ok && third.error).toMatchObject({ code: 'ACCOUNT_LOCKED', params: { attempts: 3, minutes: 1 } });
    clock += 60_000;
    expect((await store.verify(ADMIN)).ok).toBe(true);
  });

  it('keeps a lock across a restart of the program', async () => {
    const store = await withAdmin();
    await wrongTimes(store, 'M001', 5);
    const restarted = await accounts().verify(ADMIN);
    expect(!restarted.ok && restarted.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('keeps the counters when the accounts file is replaced (a roster from the central system)', async () => {
    const store = await withAdmin();
    await store.create({ clerkId: 'A001', name: '王窗口', pin: '111111', role: 'clerk' }, 'M001');
    await wrongTimes(store, 'A001', 5);
    await wrongTimes(store, 'M001', 2);
    const before = await readFile(path.join(dataDir, 'sign-in-counters.json'));
    // The roster replaces accounts.json wholesale: same IDs, other names, new hashes.
    const roster = await stored();
    roster.accounts = roster.accounts.map((account: { name: string }) => ({ ...account, name: `${account.name}甲` }));
    await writeFile(path.join(dataDir, 'accounts.json'), JSON.stringify(roster));
    expect(await readFile(path.join(dataDir, 'sign-in-counters.json'))).toEqual(before);
    const fresh = accounts();
    const locked = await fresh.verify({ clerkId: 'A001', pin: '111111' });
    expect(!locked.ok && locked.error.code).toBe('ACCOUNT_LOCKED');
    // M001 had two wrong PINs: three more lock it, not five.
    const third = (await wrongTimes(fresh, 'M001', 3))[2]!;
    expect(!third.ok && third.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('locks an unknown ID exactly like a real one, so guessing reveals no account', async () => {
    const store = await withAdmin();
    const real = [];
    const phantom = [];
    for (let i = 0; i < 6; i += 1) {
      real.push(await store.verify({ clerkId: 'M001', pin: '000000' }));
      phantom.push(await store.verify({ clerkId: 'ZZ99', pin: '000000' }));
    }
    expect(phantom).toEqual(real);
  });

  it('confirm() checks a PIN without counting a wrong one, and honours a lock', async () => {
    const store = await withAdmin();
    for (let i = 0; i < 8; i += 1) expect((await store.confirm({ clerkId: 'M001', pin: '000000' })).ok).toBe(false);
    expect((await store.confirm(ADMIN)).ok).toBe(true);
    await wrongTimes(store, 'M001', 5);
    const locked = await store.confirm(ADMIN);
    expect(!locked.ok && locked.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('never repeats the PIN or the name in an answer', async () => {
    const store = await withAdmin();
    const answers = [
      await store.verify({ clerkId: 'M001', pin: '987654' }),
      await store.create({ clerkId: 'M001', name: '赵某某', pin: '135790', role: 'clerk' }, 'M001'),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(JSON.stringify(answer.error)).not.toMatch(/987654|135790|赵某某|赵管理/);
      expect(zhText(answer.error)).not.toMatch(/987654|135790|赵某某|赵管理/);
    }
  });

  it('reports a damaged accounts file, and a damaged counters file refuses sign-in (fails closed)', async () => {
    const store = await withAdmin();
    await writeFile(path.join(dataDir, 'sign-in-counters.json'), '{"version":1,"counters":{"M001":');
    const counted = await store.verify(ADMIN);
    expect(!counted.ok && counted.error.code).toBe('COUNTERS_CORRUPT');
    await writeFile(path.join(dataDir, 'accounts.json'), 'not json');
    const broken = await accounts().verify(ADMIN);
    expect(!broken.ok && broken.error.code).toBe('CLERK_STORE_CORRUPT');
    expect(await readFile(path.join(dataDir, 'accounts.json'), 'utf8')).toBe('not json');
  });
});

describe('clerks.json from before roles', () => {
  /** A clerks.json as the previous release wrote it: unpeppered scrypt (N=16384), counters inside. */
  const legacyClerk = (clerkId: string, pin: string, createdBy: string | null, failedAttempts = 0) => {
    const salt = createHash('sha256').update(clerkId).digest().subarray(0, 16);
    const params = { N: 16384, r: 8, p: 1, keylen: 32 };
    return {
      clerkId,
      name: `${clerkId}名`,
      salt: salt.toString('base64'),
      pinHash: scryptSync(pin, salt, 32, { N: params.N, r: params.r, p: params.p }).toString('base64'),
      scrypt: params,
      createdAt: '2026-11-01T00:00:00.000Z',
      createdBy,
      failedAttempts,
      lockedUntil: null,
    };
  };

  it('is migrated on first read: roles, counters apart, the same PINs, rehashed with the pepper at the next sign-in', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      path.join(dataDir, 'clerks.json'),
      JSON.stringify({ version: 1, clerks: [legacyClerk('A001', '482913', null), legacyClerk('B002', '135790', 'A001', 3)] }),
    );
    const store = accounts();
    expect(await store.list()).toEqual({
      ok: true,
      value: [
        { clerkId: 'A001', name: 'A001名', role: 'administrator' },
        { clerkId: 'B002', name: 'B002名', role: 'clerk' },
      ],
    });
    await expect(stat(path.join(dataDir, 'clerks.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stored()).accounts.map((account: { peppered: boolean }) => account.peppered)).toEqual([false, false]);
    expect(await counters()).toEqual({ B002: { failedAttempts: 3, lockedUntil: null } });

    expect((await store.verify({ clerkId: 'A001', pin: '482913' })).ok).toBe(true);
    const rehashed = (await stored()).accounts[0];
    expect(rehashed).toMatchObject({ peppered: true, scrypt: FAST });
    expect((await store.verify({ clerkId: 'A001', pin: '482913' })).ok).toBe(true);
    expect((await store.verify({ clerkId: 'A001', pin: '482914' })).ok).toBe(false);
    // B002's three earlier failures still count: two more lock it.
    const second = (await wrongTimes(store, 'B002', 2))[1]!;
    expect(!second.ok && second.error.code).toBe('ACCOUNT_LOCKED');
  });
});
