import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClerkAccounts, type ClerkAccounts } from '../../electron/services/clerk-accounts';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { createPinPepper } from '../../electron/services/pin-pepper';
import { createHandoverGuard, HANDOVER_FIRST_WAIT_MS, HANDOVER_FREE_ATTEMPTS, HANDOVER_MAX_WAIT_MS } from '../../electron/services/handover-guard';
import { enText, zhText } from './fixtures/host-text';

const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };
const RIGHT = { clerkId: 'A001', pin: '482913' };
const WRONG = { clerkId: 'A001', pin: '000000' };
const MAX_FAILED_ATTEMPTS = 5;

let dataDir: string;
let clock: number;
const now = () => new Date(clock);
let clerks: ClerkAccounts;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'handover-test-'));
  clock = Date.UTC(2026, 11, 1, 1, 0, 0);
  clerks = createClerkAccounts({
    dataDir,
    pepper: createPinPepper(dataDir, createKeyFileSecretStore(path.join(dataDir, 'secret.key'))),
    lockout: async () => ({ maxFailedAttempts: MAX_FAILED_ATTEMPTS, lockMs: 15 * 60_000 }),
    now,
    scryptParams: FAST,
  });
  // The first account is the administrator; the clerk under test is made by it.
  expect((await clerks.createFirst({ clerkId: 'M001', name: '赵管理', pin: '975310' })).ok).toBe(true);
  expect((await clerks.create({ clerkId: 'A001', name: '王窗口', pin: RIGHT.pin, role: 'clerk' }, 'M001')).ok).toBe(true);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'OK' : result.error!.code);

describe('taking the window back from the applicant', () => {
  it('wrong PINs typed on the applicant\'s side never lock the clerk\'s account', async () => {
    const guard = createHandoverGuard(clerks, now);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS * 3; i += 1) {
      await guard.unlock(WRONG);
      clock += HANDOVER_MAX_WAIT_MS; // wait out the panel's own back-off each time
    }
    // The clerk still signs in, with the PIN, at once.
    expect(await clerks.verify(RIGHT)).toEqual({ ok: true, value: { clerkId: 'A001', name: '王窗口', role: 'clerk' } });
  });

  it('has its own back-off: after three wrong PINs each try waits, doubling, and the right PIN clears it', async () => {
    const guard = createHandoverGuard(clerks, now);
    for (let i = 0; i < HANDOVER_FREE_ATTEMPTS - 1; i += 1) expect(code(await guard.unlock(WRONG))).toBe('PIN_WRONG');
    expect(code(await guard.unlock(WRONG))).toBe('PIN_WRONG'); // the third: from now on, a wait
    const waiting = await guard.unlock(RIGHT);
    expect(waiting).toEqual({ ok: false, error: { code: 'HANDOVER_WAIT', key: 'host.handover.wait', params: { seconds: 10 } } });
    expect(!waiting.ok && zhText(waiting.error)).toBe('密码输错次数较多，请 10 秒后再试。');

    clock += HANDOVER_FIRST_WAIT_MS;
    expect(code(await guard.unlock(WRONG))).toBe('PIN_WRONG');
    clock += HANDOVER_FIRST_WAIT_MS; // the wait has doubled: half of it is not enough
    expect(code(await guard.unlock(RIGHT))).toBe('HANDOVER_WAIT');
    clock += HANDOVER_FIRST_WAIT_MS;
    expect(code(await guard.unlock(RIGHT))).toBe('OK');
    // Cleared: the next wrong PIN is the first again.
    expect(code(await guard.unlock(WRONG))).toBe('PIN_WRONG');
    expect(code(await guard.unlock(RIGHT))).toBe('OK');
  });

  it('says the PIN is wrong, not the 工号 (the panel asks for a PIN only)', async () => {
    const result = await createHandoverGuard(clerks, now).unlock(WRONG);
    expect(result).toEqual({ ok: false, error: { code: 'PIN_WRONG', key: 'host.handover.pin_wrong' } });
    expect(!result.ok && zhText(result.error)).toBe('密码不正确，请重新输入。');
    expect(!result.ok && enText(result.error)).toBe('The PIN is not right. Please type it again.');
  });

  it('an account locked by wrong sign-ins stays locked here too', async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i += 1) await clerks.verify(WRONG);
    expect(code(await createHandoverGuard(clerks, now).unlock(RIGHT))).toBe('ACCOUNT_LOCKED');
  });
});

describe('a supervisor releases the panel\'s wait', () => {
  const SUPERVISOR = { clerkId: 'B002', pin: '731946' };

  beforeEach(async () => {
    expect((await clerks.create({ clerkId: 'B002', name: '李负责', pin: SUPERVISOR.pin, role: 'supervisor' }, 'M001')).ok).toBe(true);
    expect((await clerks.create({ clerkId: 'C003', name: '孙窗口', pin: '864209', role: 'clerk' }, 'M001')).ok).toBe(true);
  });

  const waitOut = async (guard: ReturnType<typeof createHandoverGuard>) => {
    for (let i = 0; i < HANDOVER_FREE_ATTEMPTS; i += 1) await guard.unlock(WRONG);
    expect(code(await guard.unlock(RIGHT))).toBe('HANDOVER_WAIT');
  };

  it('with their own PIN: the clerk\'s next try is answered at once, and the wrong-PIN count starts again', async () => {
    const guard = createHandoverGuard(clerks, now);
    await waitOut(guard);
    expect(await guard.release({ clerkId: 'A001', supervisor: SUPERVISOR })).toEqual({
      ok: true,
      value: { releasedBy: { clerkId: 'B002', name: '李负责', role: 'supervisor' } },
    });
    // Three free tries again, not a wait after the first.
    for (let i = 0; i < HANDOVER_FREE_ATTEMPTS - 1; i += 1) expect(code(await guard.unlock(WRONG))).toBe('PIN_WRONG');
    expect(code(await guard.unlock(RIGHT))).toBe('OK');
  });

  it('not by the clerk themself, and not with a wrong supervisor PIN, which has the same back-off and locks nothing', async () => {
    const guard = createHandoverGuard(clerks, now);
    await waitOut(guard);
    const bySelf = await guard.release({ clerkId: 'A001', supervisor: RIGHT });
    expect(bySelf).toEqual({ ok: false, error: { code: 'RELEASE_BY_SELF', key: 'host.handover.release_self' } });
    expect(!bySelf.ok && zhText(bySelf.error)).toBe('解除等待需要另一名工作人员（负责人）的工号和密码，不能由本人解除。');
    const wrong = { clerkId: 'B002', pin: '000000' };
    for (let i = 0; i < HANDOVER_FREE_ATTEMPTS; i += 1) {
      expect(code(await guard.release({ clerkId: 'A001', supervisor: wrong }))).toBe('AUTHORIZER_WRONG');
    }
    expect(code(await guard.release({ clerkId: 'A001', supervisor: SUPERVISOR }))).toBe('HANDOVER_WAIT');
    expect(code(await guard.unlock(RIGHT))).toBe('HANDOVER_WAIT'); // nothing was released
    for (let i = 0; i < MAX_FAILED_ATTEMPTS * 2; i += 1) {
      await guard.release({ clerkId: 'A001', supervisor: wrong });
      clock += HANDOVER_MAX_WAIT_MS;
    }
    expect(code(await clerks.verify(SUPERVISOR))).toBe('OK');
  });

  it('by a 负责人 or an administrator only: another clerk, with the right PIN, does not release it', async () => {
    const guard = createHandoverGuard(clerks, now);
    await waitOut(guard);
    const byClerk = await guard.release({ clerkId: 'A001', supervisor: { clerkId: 'C003', pin: '864209' } });
    expect(byClerk).toEqual({ ok: false, error: { code: 'RELEASE_ROLE', key: 'host.handover.release_role' } });
    expect(!byClerk.ok && zhText(byClerk.error)).toBe('解除等待需要负责人或设备管理员的工号和密码。');
    expect(code(await guard.unlock(RIGHT))).toBe('HANDOVER_WAIT');
    const byAdministrator = await guard.release({ clerkId: 'A001', supervisor: { clerkId: 'M001', pin: '975310' } });
    expect(byAdministrator).toMatchObject({ ok: true, value: { releasedBy: { clerkId: 'M001', role: 'administrator' } } });
    expect(code(await guard.unlock(RIGHT))).toBe('OK');
  });
});
