import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createClerkAccounts,
  DEFAULT_SCRYPT,
  LOCK_MS,
  MAX_FAILED_ATTEMPTS,
  type ClerkAccounts,
} from '../../electron/services/clerk-accounts';
import { enText, zhText } from './fixtures/host-text';

// A low cost keeps the suite fast; one test below runs the real parameters.
const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };

let dataDir: string;
let clock: number;
const now = () => new Date(clock);
const accounts = (): ClerkAccounts => createClerkAccounts({ dataDir, now, scryptParams: FAST });

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'clerks-test-'));
  clock = Date.UTC(2026, 10, 28, 1, 0, 0);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const storedFile = async () => JSON.parse(await readFile(path.join(dataDir, 'clerks.json'), 'utf8'));

const withFirstClerk = async (): Promise<ClerkAccounts> => {
  const store = accounts();
  const created = await store.create({ clerkId: 'A001', name: '王窗口', pin: '482913' });
  expect(created).toEqual({ ok: true, value: { clerkId: 'A001', name: '王窗口' } });
  return store;
};

describe('creating accounts', () => {
  it('lets the first account be created without anyone confirming it', async () => {
    const store = await withFirstClerk();
    expect(await store.list()).toEqual({ ok: true, value: [{ clerkId: 'A001', name: '王窗口' }] });
    expect(await store.count()).toEqual({ ok: true, value: 1 });
  });

  it('stores a salted scrypt hash, never the PIN', async () => {
    const store = await withFirstClerk();
    await store.create({ clerkId: 'B002', name: '李窗口', pin: '482913', authorizedBy: { clerkId: 'A001', pin: '482913' } });
    const raw = await readFile(path.join(dataDir, 'clerks.json'), 'utf8');
    expect(raw).not.toContain('482913');
    const [a, b] = (await storedFile()).clerks;
    expect(a.salt).not.toBe(b.salt);
    expect(a.pinHash).not.toBe(b.pinHash); // same PIN, different salt
    expect(Buffer.from(a.pinHash, 'base64')).toHaveLength(32);
    expect(b.createdBy).toBe('A001');
    expect(a.createdBy).toBeNull();
  });

  it('uses the real scrypt cost by default', async () => {
    const store = createClerkAccounts({ dataDir, now });
    await store.create({ clerkId: 'A001', name: '王窗口', pin: '482913' });
    expect((await storedFile()).clerks[0].scrypt).toEqual(DEFAULT_SCRYPT);
    expect(await store.verify({ clerkId: 'A001', pin: '482913' })).toEqual({ ok: true, value: { clerkId: 'A001', name: '王窗口' } });
    expect((await store.verify({ clerkId: 'A001', pin: '482914' })).ok).toBe(false);
  });

  it('needs an existing clerk to confirm every later account', async () => {
    const store = await withFirstClerk();
    const unconfirmed = await store.create({ clerkId: 'B002', name: '李窗口', pin: '111111' });
    expect(!unconfirmed.ok && unconfirmed.error.code).toBe('AUTHORIZATION_REQUIRED');

    const wrongPin = await store.create({ clerkId: 'B002', name: '李窗口', pin: '111111', authorizedBy: { clerkId: 'A001', pin: '000000' } });
    expect(!wrongPin.ok && wrongPin.error.code).toBe('AUTHORIZER_WRONG');
    const unknown = await store.create({ clerkId: 'B002', name: '李窗口', pin: '111111', authorizedBy: { clerkId: 'ZZ99', pin: '482913' } });
    expect(!unknown.ok && unknown.error).toEqual(!wrongPin.ok && wrongPin.error);

    const confirmed = await store.create({ clerkId: 'B002', name: '李窗口', pin: '111111', authorizedBy: { clerkId: 'A001', pin: '482913' } });
    expect(confirmed).toEqual({ ok: true, value: { clerkId: 'B002', name: '李窗口' } });
    expect(await store.count()).toEqual({ ok: true, value: 2 });
  });

  it('counts a wrong confirming PIN against the confirming clerk', async () => {
    const store = await withFirstClerk();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) {
      await store.create({ clerkId: 'B002', name: '李窗口', pin: '111111', authorizedBy: { clerkId: 'A001', pin: '000000' } });
    }
    const signIn = await store.verify({ clerkId: 'A001', pin: '482913' });
    expect(!signIn.ok && signIn.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses a clerk id that is taken, whatever its letter case', async () => {
    const store = await withFirstClerk();
    const duplicate = await store.create({ clerkId: 'a001', name: '另一人', pin: '222222', authorizedBy: { clerkId: 'A001', pin: '482913' } });
    expect(!duplicate.ok && duplicate.error.code).toBe('CLERK_EXISTS');
    expect(await store.count()).toEqual({ ok: true, value: 1 });
  });

  it('lets only one of two simultaneous first accounts be created without confirmation', async () => {
    const store = accounts();
    const results = await Promise.all([
      store.create({ clerkId: 'A001', name: '王窗口', pin: '482913' }),
      store.create({ clerkId: 'B002', name: '李窗口', pin: '111111' }),
    ]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'AUTHORIZATION_REQUIRED' } });
  });
});

describe('checking a PIN', () => {
  it('accepts the right PIN and matches the clerk id regardless of letter case', async () => {
    const store = await withFirstClerk();
    expect(await store.verify({ clerkId: 'A001', pin: '482913' })).toEqual({ ok: true, value: { clerkId: 'A001', name: '王窗口' } });
    expect(await store.verify({ clerkId: 'a001', pin: '482913' })).toEqual({ ok: true, value: { clerkId: 'A001', name: '王窗口' } });
  });

  it('gives the same answer for a wrong PIN and for an unknown clerk id', async () => {
    const store = await withFirstClerk();
    const wrongPin = await store.verify({ clerkId: 'A001', pin: '000000' });
    const unknownId = await store.verify({ clerkId: 'ZZ99', pin: '482913' });
    expect(wrongPin.ok).toBe(false);
    expect(unknownId).toEqual(wrongPin);
    if (wrongPin.ok) return;
    // A code and a key, no sentence: the reader words it in its own language.
    expect(wrongPin.error).toEqual({ code: 'PIN_WRONG', key: 'host.clerk.credentials_wrong' });
    expect(JSON.stringify(wrongPin.error)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zhText(wrongPin.error)).toBe('工号或密码不正确，请重新输入。');
    expect(enText(wrongPin.error)).toBe('Clerk ID or PIN is wrong. Please try again.');
  });

  it('locks an account for five minutes after five wrong PINs in a row, even against the right PIN', async () => {
    const store = await withFirstClerk();
    const answers = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) answers.push(await store.verify({ clerkId: 'A001', pin: '000000' }));
    expect(answers.slice(0, 4).every((answer) => !answer.ok && answer.error.code === 'PIN_WRONG')).toBe(true);
    const fifth = answers[4]!;
    expect(!fifth.ok && fifth.error.code).toBe('ACCOUNT_LOCKED');
    if (fifth.ok) return;
    expect(fifth.error).toEqual({ code: 'ACCOUNT_LOCKED', key: 'host.clerk.locked', params: { attempts: 5, minutes: 5 } });
    expect(zhText(fifth.error)).toBe('连续输错 5 次，该工号已暂停登录，请在 5 分钟后再试。');
    expect(enText(fifth.error)).toBe('5 wrong attempts in a row: sign-in with this clerk ID is paused. Try again in 5 minutes.');

    clock += LOCK_MS - 61_000;
    const stillLocked = await store.verify({ clerkId: 'A001', pin: '482913' });
    expect(!stillLocked.ok && stillLocked.error.code).toBe('ACCOUNT_LOCKED');
    expect(!stillLocked.ok && zhText(stillLocked.error)).toContain('2 分钟');

    clock += 61_000;
    expect((await store.verify({ clerkId: 'A001', pin: '482913' })).ok).toBe(true);
    expect((await storedFile()).clerks[0]).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('starts counting afresh after a lock has expired', async () => {
    const store = await withFirstClerk();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) await store.verify({ clerkId: 'A001', pin: '000000' });
    clock += LOCK_MS;
    const afterLock = await store.verify({ clerkId: 'A001', pin: '000000' });
    expect(!afterLock.ok && afterLock.error.code).toBe('PIN_WRONG');
    expect((await storedFile()).clerks[0].failedAttempts).toBe(1);
  });

  it('counts only wrong PINs in a row: a right one resets the count', async () => {
    const store = await withFirstClerk();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i += 1) await store.verify({ clerkId: 'A001', pin: '000000' });
    expect((await store.verify({ clerkId: 'A001', pin: '482913' })).ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i += 1) await store.verify({ clerkId: 'A001', pin: '000000' });
    expect((await store.verify({ clerkId: 'A001', pin: '482913' })).ok).toBe(true);
  });

  it('keeps a lock across a restart of the program', async () => {
    const store = await withFirstClerk();
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) await store.verify({ clerkId: 'A001', pin: '000000' });
    const restarted = await accounts().verify({ clerkId: 'A001', pin: '482913' });
    expect(!restarted.ok && restarted.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('locks an unknown clerk id exactly like a real one, so guessing reveals no account', async () => {
    const store = await withFirstClerk();
    const real = [];
    const phantom = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS + 1; i += 1) {
      real.push(await store.verify({ clerkId: 'A001', pin: '000000' }));
      phantom.push(await store.verify({ clerkId: 'ZZ99', pin: '000000' }));
    }
    expect(phantom).toEqual(real);
  });

  it('never repeats the PIN or the name in an answer', async () => {
    const store = await withFirstClerk();
    const answers = [
      await store.verify({ clerkId: 'A001', pin: '987654' }),
      await store.create({ clerkId: 'B002', name: '赵某某', pin: '135790' }),
      await store.create({ clerkId: 'B002', name: '赵某某', pin: '135790', authorizedBy: { clerkId: 'A001', pin: '987654' } }),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      if (answer.ok) continue;
      expect(JSON.stringify(answer.error)).not.toMatch(/987654|135790|赵某某|王窗口/);
      expect(zhText(answer.error)).not.toMatch(/987654|135790|赵某某|王窗口/);
      expect(zhText(answer.error)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('reports a damaged accounts file instead of treating the device as new', async () => {
    await writeFile(path.join(dataDir, 'clerks.json'), 'not json');
    const store = accounts();
    const create = await store.create({ clerkId: 'A001', name: '王窗口', pin: '482913' });
    expect(!create.ok && create.error.code).toBe('CLERK_STORE_CORRUPT');
    const verify = await store.verify({ clerkId: 'A001', pin: '482913' });
    expect(!verify.ok && verify.error.code).toBe('CLERK_STORE_CORRUPT');
    expect(await readFile(path.join(dataDir, 'clerks.json'), 'utf8')).toBe('not json');
  });
});
