import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACCOUNTS_FILE } from '../../electron/services/clerk-accounts';
import { COUNTERS_FILE } from '../../electron/services/sign-in-counters';
import { applyPublication, type ApplyOptions } from '../../electron/services/sync/pull-apply';
import { createPuller } from '../../electron/services/sync/pull-once';
import { createPullState } from '../../electron/services/sync/pull-state';
import type { SyncHttp } from '../../electron/services/sync/sync-http';
import { publishRoster } from '../../server/publications/publish-roster';
import type { RunningCentral } from '../../server/start-central';
import type { Result } from '../../shared/contract/result';
import type { Publication } from '../../shared/sync/pull';
import { ORG, published, rosterOf } from '../server/fixtures/pull-fixtures';
import { zhText } from './fixtures/host-text';
import { startPullRig, withLocalAccounts, type MainUnderTest } from './fixtures/pull-main';
import { value } from './fixtures/test-host';

let main: MainUnderTest;
let central: RunningCentral;
let close: () => Promise<void>;
let http: SyncHttp;
let options: ApplyOptions;
/** Audit entries before the first pull: first start and the administrator's own work. */
let setupEntries: number;

const PINS = { A001: '111111', C001: '222222', C002: '333333' } as const;

beforeEach(async () => {
  ({ main, central, http, options, close } = await startPullRig());
  // The device as first start and its administrator leave it: A001 made C001 and C002 on 账户管理.
  await withLocalAccounts(main, PINS, [{ clerkId: 'C001', name: '窗口一', role: 'clerk' }, { clerkId: 'C002', name: '窗口二', role: 'clerk' }]);
  setupEntries = (await main.audit.entries()).length;
});
afterEach(() => close());

const publish = (roster: unknown, scope: string = ORG.hallA): Promise<Publication> => published(publishRoster(central.context, { roster, scope }));

const signIn = (clerkId: string, pin: string) => main.identity.handlers.signIn({ clerkId, pin });
const codeOf = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);
const stored = async () => JSON.parse(await readFile(path.join(main.dataDir, ACCOUNTS_FILE), 'utf8')).accounts as Array<Record<string, unknown>>;
const countersText = () => readFile(path.join(main.dataDir, COUNTERS_FILE), 'utf8');
const rosterAudit = async () =>
  (await main.audit.entries())
    .slice(setupEntries)
    .filter((entry) => ['roster.apply', 'account.create', 'account.disable', 'account.enable', 'account.update'].includes(entry.action) && entry.actor === null)
    .map(({ action, subject, detail }) => [action, subject, detail ?? null]);

it('replaces the accounts by the roster: a locked-out account stays locked, one left out is disabled, not deleted', async () => {
  for (let i = 0; i < 5; i += 1) await signIn('C001', '000000');
  expect(codeOf(await signIn('C001', PINS.C001))).toBe('ACCOUNT_LOCKED');
  const countersBefore = await countersText();

  const roster = await publish(rosterOf(['A001', 'administrator'], ['C001', 'clerk'], ['S001', 'supervisor']));
  expect(await createPuller({ ...options, state: createPullState(main.dataDir) }).pullOnce(http)).toEqual({
    ok: true,
    value: {
      cursor: roster.seq,
      applied: 1,
      refused: 0,
      unhandled: 0,
      accountChanges: [
        { clerkId: 'A001', action: 'update', role: 'administrator' },
        { clerkId: 'C001', action: 'update', role: 'clerk' },
        { clerkId: 'C002', action: 'disable', role: 'clerk' },
        { clerkId: 'S001', action: 'create', role: 'supervisor' },
      ],
    },
  });

  // The lockout is untouched: the counters file is byte for byte what it was.
  expect(await countersText()).toBe(countersBefore);
  expect(codeOf(await signIn('C001', PINS.C001))).toBe('ACCOUNT_LOCKED');
  // Left out: signs in no more — its own PIN is told why, any other answered like an unknown 工号 —
  // gone from the list, still on disk.
  expect(codeOf(await signIn('C002', PINS.C002))).toBe('ACCOUNT_DISABLED');
  expect(codeOf(await signIn('C002', '999999'))).toBe('PIN_WRONG');
  expect((await stored()).find((account) => account.clerkId === 'C002')).toMatchObject({ name: '窗口二', disabledAt: expect.any(String) });
  // An existing account signs in with its own PIN, under the roster's name.
  const admin = value(await signIn('A001', PINS.A001));
  expect(admin.account).toEqual({ clerkId: 'A001', name: '职员A001', role: 'administrator' });
  expect(value(await main.identity.handlers.listAccounts({})).map((account) => account.clerkId)).toEqual(['A001', 'C001', 'S001']);

  // A new 工号 has no PIN here until the administrator sets one; the roster's name and role stand.
  expect(codeOf(await main.identity.accounts.verify({ clerkId: 'S001', pin: '000000' }))).toBe('PIN_WRONG');
  expect(value(await main.identity.handlers.createAccount({ clerkId: 'S001', name: '另一个名字', pin: '444444', role: 'clerk' }))).toEqual({
    clerkId: 'S001',
    name: '职员S001',
    role: 'supervisor',
  });
  expect(codeOf(await main.identity.handlers.createAccount({ clerkId: 'S001', name: '再来', pin: '555555', role: 'clerk' }))).toBe('CLERK_EXISTS');
  expect(codeOf(await main.identity.handlers.createAccount({ clerkId: 'C002', name: '复活', pin: '555555', role: 'clerk' }))).toBe('CLERK_EXISTS');
  await main.identity.handlers.signOut({});
  expect(value(await signIn('S001', '444444')).account.role).toBe('supervisor');

  expect(await rosterAudit()).toEqual([
    ['roster.apply', `roster@${roster.seq}`, null],
    ['account.update', 'A001', `name.roster-${roster.seq}`],
    ['account.update', 'C001', `name.roster-${roster.seq}`],
    ['account.disable', 'C002', `clerk-disabled.roster-${roster.seq}`],
    ['account.create', 'S001', `supervisor.roster-${roster.seq}`],
  ]);

  // The same roster again changes nothing and writes nothing.
  const before = await stored();
  expect(await applyPublication(roster, options)).toEqual({ ok: true, value: { status: 'applied', kind: 'roster', changes: [] } });
  expect(await stored()).toEqual(before);
  expect(await rosterAudit()).toHaveLength(5);
});

it('brings a disabled account back with its own PIN when a later roster lists it again', async () => {
  await publish(rosterOf(['A001', 'administrator'], ['C001', 'clerk']));
  await publish(rosterOf(['A001', 'administrator'], ['C001', 'clerk'], ['C002', 'supervisor']));
  const puller = createPuller({ ...options, state: createPullState(main.dataDir) });
  expect(await puller.pullOnce(http)).toMatchObject({ ok: true, value: { applied: 2 } });
  expect(value(await signIn('C002', PINS.C002)).account).toEqual({ clerkId: 'C002', name: '职员C002', role: 'supervisor' });
  expect((await stored()).find((account) => account.clerkId === 'C002')).not.toHaveProperty('disabledAt');
});

it('refuses a roster after which no administrator could sign in here, changes nothing, and goes on with the next', async () => {
  const accountsBefore = await readFile(path.join(main.dataDir, ACCOUNTS_FILE), 'utf8');
  // B009 is the hall's administrator centrally, but has no PIN on this device: A001 would be disabled.
  const orphaning = await publish(rosterOf(['B009', 'administrator'], ['C001', 'clerk']));
  const state = createPullState(main.dataDir);
  const puller = createPuller({ ...options, state });
  expect(await puller.pullOnce(http)).toEqual({ ok: true, value: { cursor: orphaning.seq, applied: 0, refused: 1, unhandled: 0, accountChanges: [] } });
  expect(await readFile(path.join(main.dataDir, ACCOUNTS_FILE), 'utf8')).toBe(accountsBefore);
  expect(await rosterAudit()).toEqual([]);
  const read = value(await state.read());
  expect(read.held).toEqual([expect.objectContaining({ seq: orphaning.seq, kind: 'roster', status: 'refused' })]);
  expect(read.held[0]!.error!.code).toBe('ROSTER_UNMANAGEABLE');
  expect(zhText(read.held[0]!.error!)).toContain('本机将没有能登录的设备管理员');
  expect(await state.held(orphaning.seq)).toEqual(orphaning);

  // Disabling the administrator itself is refused the same way, even with another one listed inactive.
  const demoting = await publish(rosterOf(['A001', 'clerk'], ['B009', 'administrator']));
  expect(await applyPublication(demoting, options)).toMatchObject({ ok: true, value: { status: 'refused', error: { code: 'ROSTER_UNMANAGEABLE' } } });

  const keeping = await publish(rosterOf(['A001', 'administrator'], ['B009', 'administrator'], ['C001', 'clerk']));
  expect(await puller.pullOnce(http)).toMatchObject({ ok: true, value: { cursor: keeping.seq, applied: 1, refused: 1 } });
  expect(value(await main.identity.handlers.listAccounts({})).map((account) => account.clerkId)).toEqual(['A001', 'C001', 'B009']);
});
