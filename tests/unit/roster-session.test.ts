import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNTERS_FILE } from '../../electron/services/sign-in-counters';
import { createPuller } from '../../electron/services/sync/pull-once';
import { createPullState } from '../../electron/services/sync/pull-state';
import type { SyncHttp } from '../../electron/services/sync/sync-http';
import { publishRoster } from '../../server/publications/publish-roster';
import type { RunningCentral } from '../../server/start-central';
import type { HostError, Result } from '../../shared/contract/result';
import { ORG, published, rosterOf } from '../server/fixtures/pull-fixtures';
import { enText, zhText } from './fixtures/host-text';
import { startPullRig, withLocalAccounts, type MainUnderTest } from './fixtures/pull-main';
import { value } from './fixtures/test-host';
import type { ApplyOptions } from '../../electron/services/sync/pull-apply';

/**
 * What a pulled roster does to the session and to sign-in, against main's real services and a
 * roster published on the real central system: the signed-in account it disables or gives another
 * role loses its session at once (locked or handed over too), is told why, and its failed-attempt
 * counter is never touched; a roster account gets its first PIN from the administrator.
 */
let main: MainUnderTest;
let central: RunningCentral;
let close: () => Promise<void>;
let http: SyncHttp;
let options: ApplyOptions;

const PINS = { A001: '111111', C001: '222222', S001: '333333' } as const;

beforeEach(async () => {
  ({ main, central, http, options, close } = await startPullRig());
  await withLocalAccounts(main, PINS, [{ clerkId: 'C001', name: '窗口一', role: 'clerk' }, { clerkId: 'S001', name: '负责一', role: 'supervisor' }]);
});
afterEach(() => close());

const h = () => main.identity.handlers;
const pull = async (...accounts: Parameters<typeof rosterOf>) => {
  const roster = await published(publishRoster(central.context, { roster: rosterOf(...accounts), scope: ORG.hallA }));
  value(await createPuller({ ...options, state: createPullState(main.dataDir) }).pullOnce(http));
  return roster.seq;
};
const errorOf = (result: Result<unknown>): HostError => {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};
const countersText = () => readFile(path.join(main.dataDir, COUNTERS_FILE), 'utf8').catch(() => '(none)');
const auditSince = async (from: number) => (await main.audit.entries()).slice(from).map(({ action, actor, subject, detail }) => ({ action, actor: actor?.accountId ?? null, subject, detail: detail ?? null }));

describe('a roster that disables the signed-in account', () => {
  it('ends the session at once; the next call and the sign-in screen say why; the audit log records both', async () => {
    value(await h().signIn({ clerkId: 'C001', pin: PINS.C001 }));
    const from = (await main.audit.entries()).length;
    const seq = await pull(['A001', 'administrator'], ['S001', 'supervisor']);

    expect(await main.identity.sessions.info()).toBeNull();
    // Not a bare "not signed in": the call that comes next says what happened, in Chinese and English.
    const refused = errorOf(await h().touchSession({}));
    expect(refused.code).toBe('SESSION_ENDED');
    expect(zhText(refused)).toBe('您的账户（工号 C001）已被中心系统停用，已退出登录。请联系负责人。未保存的案件草稿仍保留在本机。');
    expect(enText(refused)).toContain('disabled by the central system');
    expect(errorOf(await main.identity.sessions.require('clerk')).code).toBe('SESSION_ENDED');
    // The sign-in screen asks main (after a reload too) and gets the same notice.
    expect(value(await h().sessionEndNotice({}))).toEqual(refused);

    expect(await auditSince(from)).toEqual([
      { action: 'roster.apply', actor: null, subject: `roster@${seq}`, detail: null },
      { action: 'account.update', actor: null, subject: 'A001', detail: `name.roster-${seq}` },
      { action: 'account.disable', actor: null, subject: 'C001', detail: `clerk-disabled.roster-${seq}` },
      { action: 'account.update', actor: null, subject: 'S001', detail: `name.roster-${seq}` },
      // The session's end is the clerk's sign-out, with the reason as its detail.
      { action: 'clerk.sign_out', actor: 'C001', subject: 'C001', detail: 'roster_disabled' },
    ]);
    // Names stay out of the log: the roster's and the old ones alike.
    expect(JSON.stringify(await main.audit.entries())).not.toMatch(/职员|窗口一|负责一/);

    // The next sign-in clears the notice.
    value(await h().signIn({ clerkId: 'A001', pin: PINS.A001 }));
    expect(value(await h().sessionEndNotice({}))).toBeNull();
  });

  it('leaves other accounts\' sessions alone, and a change of name alone ends nothing', async () => {
    value(await h().signIn({ clerkId: 'S001', pin: PINS.S001 }));
    await pull(['A001', 'administrator'], ['S001', 'supervisor']);
    expect((await main.identity.sessions.info())?.account).toEqual({ clerkId: 'S001', name: '负责一', role: 'supervisor' });
    expect(value(await h().sessionEndNotice({}))).toBeNull();
  });

  it('answers its own PIN with the reason, without counting a failed attempt or touching its counter', async () => {
    // Two wrong PINs before the roster: the counter holds them.
    for (let i = 0; i < 2; i += 1) expect(errorOf(await h().signIn({ clerkId: 'C001', pin: '000000' })).code).toBe('PIN_WRONG');
    const before = await countersText();
    expect(before).toContain('"failedAttempts": 2');

    await pull(['A001', 'administrator'], ['C001', 'clerk', false]);
    expect(await countersText()).toBe(before);

    const disabled = errorOf(await h().signIn({ clerkId: 'C001', pin: PINS.C001 }));
    expect(disabled.code).toBe('ACCOUNT_DISABLED');
    expect(zhText(disabled)).toBe('工号 C001 已被中心系统停用，不能登录。请联系负责人。');
    // Five tries more (the lockout's count) with the right PIN: never locked, the counter as it was.
    for (let i = 0; i < 5; i += 1) expect(errorOf(await h().signIn({ clerkId: 'c001', pin: PINS.C001 })).code).toBe('ACCOUNT_DISABLED');
    // A wrong PIN is answered as for an unknown 工号, and counts only there (in memory), not on the account.
    expect(errorOf(await h().signIn({ clerkId: 'C001', pin: '000000' })).code).toBe('PIN_WRONG');
    expect(await countersText()).toBe(before);

    // Brought back by a later roster: the two failures it had are still there, and its PIN works.
    await pull(['A001', 'administrator'], ['C001', 'clerk']);
    expect(await countersText()).toBe(before);
    expect(value(await h().signIn({ clerkId: 'C001', pin: PINS.C001 })).account.clerkId).toBe('C001');
  });
});

describe('a roster that changes the signed-in account\'s role', () => {
  it('ends the session even while locked; the lock screen\'s PIN learns why; signed in again, the lesser role is what main checks', async () => {
    value(await h().signIn({ clerkId: 'S001', pin: PINS.S001 }));
    expect(main.identity.sessions.lock()).toBe(true);
    const from = (await main.audit.entries()).length;
    const seq = await pull(['A001', 'administrator'], ['C001', 'clerk'], ['S001', 'clerk']);

    expect(await main.identity.sessions.info()).toBeNull();
    const atLock = errorOf(await h().unlockSession({ pin: PINS.S001 }));
    expect(atLock.code).toBe('SESSION_ENDED');
    expect(zhText(atLock)).toBe('您的角色（工号 S001）已由中心系统改为“窗口人员”，请重新登录。未完成的案件草稿仍保留在本机。');
    expect((await auditSince(from)).filter((entry) => entry.subject === 'S001')).toEqual([
      { action: 'account.update', actor: null, subject: 'S001', detail: `supervisor-clerk.roster-${seq}` },
      { action: 'clerk.sign_out', actor: 'S001', subject: 'S001', detail: 'roster_role_clerk' },
    ]);

    const again = value(await h().signIn({ clerkId: 'S001', pin: PINS.S001 }));
    expect(again.account.role).toBe('clerk');
    // What host-access.ts asks for a supervisor's method: refused now.
    expect(errorOf(await main.identity.sessions.require('supervisor')).code).toBe('ROLE_REFUSED');
  });

  it('ends a session handed over to the applicant; the clerk\'s own PIN still takes the window back, a wrong one does not', async () => {
    value(await h().signIn({ clerkId: 'C001', pin: PINS.C001 }));
    await pull(['A001', 'administrator'], ['S001', 'supervisor']);
    expect(await main.identity.sessions.info()).toBeNull();
    expect(errorOf(await h().unlockHandover({ clerkId: 'C001', pin: '000000' })).code).toBe('PIN_WRONG');
    // Disabled, but its holder is at the window: it comes back showing only the sign-in screen.
    const from = (await main.audit.entries()).length;
    expect(value(await h().unlockHandover({ clerkId: 'C001', pin: PINS.C001 })).clerkId).toBe('C001');
    expect(await auditSince(from)).toEqual([{ action: 'clerk.unlock', actor: 'C001', subject: 'C001', detail: 'handover_session_ended' }]);
    expect(await main.identity.sessions.info()).toBeNull();
    expect(errorOf(await h().signIn({ clerkId: 'C001', pin: PINS.C001 })).code).toBe('ACCOUNT_DISABLED');
  });
});

describe('the first PIN of a roster account', () => {
  it('is set by the administrator, typed twice and checked in main; 账户管理 lists origin, version and the disabled', async () => {
    const seq = await pull(['A001', 'administrator'], ['S001', 'supervisor'], ['N001', 'clerk']);
    value(await h().signIn({ clerkId: 'A001', pin: PINS.A001 }));

    const directory = value(await h().accountDirectory({}));
    expect(directory.map(({ clerkId, origin, roster, awaitingPin, disabledAt }) => ({ clerkId, origin, seq: roster?.seq ?? null, awaitingPin, disabled: disabledAt !== null }))).toEqual([
      { clerkId: 'A001', origin: 'local', seq, awaitingPin: false, disabled: false },
      { clerkId: 'C001', origin: 'local', seq: null, awaitingPin: false, disabled: true },
      { clerkId: 'S001', origin: 'local', seq, awaitingPin: false, disabled: false },
      { clerkId: 'N001', origin: 'roster', seq, awaitingPin: true, disabled: false },
    ]);
    expect(JSON.stringify(directory)).not.toMatch(/salt|pinHash|scrypt/);
    // Until its PIN is set, N001 cannot sign in.
    expect(errorOf(await main.identity.accounts.verify({ clerkId: 'N001', pin: '444444' })).code).toBe('PIN_WRONG');

    expect(errorOf(await h().setAccountPin({ clerkId: 'N001', pin: '444444', pinAgain: '444445' })).code).toBe('PIN_AGAIN_MISMATCH');
    expect(errorOf(await h().setAccountPin({ clerkId: 'S001', pin: '444444', pinAgain: '444444' })).code).toBe('ACCOUNT_HAS_PIN');
    expect(errorOf(await h().setAccountPin({ clerkId: 'C001', pin: '444444', pinAgain: '444444' })).code).toBe('ACCOUNT_DISABLED');
    expect(errorOf(await h().setAccountPin({ clerkId: 'X999', pin: '444444', pinAgain: '444444' })).code).toBe('ACCOUNT_PIN_NOT_SETTABLE');
    const from = (await main.audit.entries()).length;
    expect(value(await h().setAccountPin({ clerkId: 'n001', pin: '444444', pinAgain: '444444' }))).toEqual({ clerkId: 'N001', name: '职员N001', role: 'clerk' });
    expect(await auditSince(from)).toEqual([{ action: 'account.pin_set', actor: 'A001', subject: 'N001', detail: null }]);
    expect(value(await h().accountDirectory({})).find((entry) => entry.clerkId === 'N001')?.awaitingPin).toBe(false);
    // A second time is no first PIN.
    expect(errorOf(await h().setAccountPin({ clerkId: 'N001', pin: '555555', pinAgain: '555555' })).code).toBe('ACCOUNT_HAS_PIN');

    // Only an administrator: a supervisor is refused by the handler itself, whatever reaches it.
    await h().signOut({});
    value(await h().signIn({ clerkId: 'S001', pin: PINS.S001 }));
    expect(errorOf(await h().setAccountPin({ clerkId: 'N001', pin: '666666', pinAgain: '666666' })).code).toBe('ROLE_REFUSED');
    await h().signOut({});
    expect(value(await h().signIn({ clerkId: 'N001', pin: '444444' })).account).toEqual({ clerkId: 'N001', name: '职员N001', role: 'clerk' });
  });
});
