import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleHostCall } from '../../electron/main/host-call';
import { createHostHandlers } from '../../electron/services/host-handlers';
import type { PrintService } from '../../electron/services/printing';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { applicantHostMethods, hostAccess, hostMethods, roles, type HostHandlers, type HostMethod, type Role } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { enText, zhText } from './fixtures/host-text';

const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };
const ACCOUNTS: Record<Role, { clerkId: string; name: string; pin: string }> = {
  administrator: { clerkId: 'M001', name: '赵管理', pin: '975310' },
  supervisor: { clerkId: 'S001', name: '李负责', pin: '731946' },
  clerk: { clerkId: 'A001', name: '王窗口', pin: '246810' },
};

let root: string;
let dataDir: string;
let clock: number;
let handlers: HostHandlers;

const print: PrintService = {
  print: async () => ({ status: 'queued', jobId: 'PDF-1', printer: 'PDF' }),
  jobStatus: async () => ({ status: 'done' }),
  listPrinters: async () => ({ ok: true, value: [{ name: 'PDF', description: 'PDF', isDefault: true, accepting: true, state: 'idle', message: null }] }),
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'host-access-'));
  dataDir = path.join(root, 'data');
  clock = Date.UTC(2026, 11, 2, 1, 0, 0);
  handlers = createHostHandlers({
    dataDir,
    archiveDir: path.join(root, 'archive'),
    appVersion: '9.9.9',
    applicantScreen: { open: async () => 'handover', close: async () => true },
    print,
    now: () => new Date(clock),
    scryptParams: FAST,
  });
  expect((await handlers.configureDevice({ counterId: 'C01', agencyName: '某市人社局' })).ok).toBe(true);
  expect((await handlers.createAdministrator(ACCOUNTS.administrator)).ok).toBe(true);
  expect((await handlers.signIn(ACCOUNTS.administrator)).ok).toBe(true);
  for (const role of ['supervisor', 'clerk'] as const) expect((await handlers.createAccount({ ...ACCOUNTS[role], role })).ok).toBe(true);
  expect((await handlers.signOut({})).ok).toBe(true);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const code = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);
/** Straight to the guarded handler: the session check comes before the handler reads its argument. */
const callGuarded = (method: HostMethod) => (handlers[method] as (arg: unknown) => Promise<Result<unknown>>)({});
const signInAs = async (role: Role) => expect((await handlers.signIn(ACCOUNTS[role])).ok).toBe(true);

const guarded = hostMethods.filter((method) => hostAccess[method] !== 'public');
const roleBound = hostMethods.filter((method) => Array.isArray(hostAccess[method]));

describe('who may call what, for every method of the contract', () => {
  it('names exactly these methods public: a new one is guarded unless someone decides otherwise here', () => {
    expect(hostMethods.filter((method) => hostAccess[method] === 'public').sort()).toEqual(
      // protectDraft and revealDraft check a signed-in session themselves, locked or not (personal-data-handlers.test.ts).
      ['configureDevice', 'createAdministrator', 'getSession', 'getSetup', 'lockSession', 'protectDraft', 'releaseHandoverWait', 'revealDraft', 'signIn', 'signOut', 'unlockHandover', 'unlockSession', 'sessionEndNotice'].sort(),
    );
    expect(roleBound.sort()).toEqual(['changeSecuritySettings', 'choosePrinter', 'createAccount', 'importCatalog', 'listAccounts', 'accountDirectory', 'setAccountPin', 'verifyArchive', 'voidRecord', 'closeDay', 'dayCloseStatus', 'archiveDayReport', 'printDayReport', 'syncProblems', 'syncResolveProblem', 'syncResolutions', 'syncPublicationIssues', 'syncEnrollPreview', 'syncEnroll'].sort());
  });

  it.each(guarded)('%s is refused without a session', async (method) => {
    const result = await callGuarded(method);
    expect(result).toEqual({ ok: false, error: { code: 'NO_SESSION', key: 'host.session.none' } });
  });

  it.each(guarded)('%s is refused while the session is idle-locked', async (method) => {
    await signInAs('clerk');
    clock += 5 * 60_000;
    expect(code(await callGuarded(method))).toBe('SESSION_LOCKED');
    // Signed in again (as a role the method allows), the call reaches its handler, which may
    // then stumble over the empty argument dispatch would have refused: the lock was the reason.
    const access = hostAccess[method];
    await signInAs(Array.isArray(access) && !access.includes('administrator') ? access[0]! : 'administrator');
    const reached = await callGuarded(method).then(code, () => 'HANDLER_THREW');
    expect(['NO_SESSION', 'SESSION_LOCKED', 'ROLE_REFUSED']).not.toContain(reached);
  });

  for (const method of roleBound) {
    const allowed = hostAccess[method] as readonly Role[];
    for (const role of roles.filter((candidate) => !allowed.includes(candidate))) {
      it(`${method} is refused to a ${role}`, async () => {
        await signInAs(role);
        const result = await callGuarded(method);
        expect(code(result)).toBe('ROLE_REFUSED');
        expect(!result.ok && zhText(result.error)).toMatch(/。$/);
        expect(!result.ok && enText(result.error)).toMatch(/\.$/);
      });
    }
  }

  it('choosePrinter: a clerk is refused through the contract and nothing is written; the administrator chooses', async () => {
    await signInAs('clerk');
    const refused = await dispatchHostCall(handlers, 'choosePrinter', { printer: 'PDF' });
    expect(refused).toEqual({ ok: false, error: { code: 'ROLE_REFUSED', key: 'host.session.administrator_only' } });
    expect(await readdir(dataDir)).not.toContain('print-settings.json');
    await signInAs('administrator');
    expect(await dispatchHostCall(handlers, 'choosePrinter', { printer: 'PDF' })).toEqual({ ok: true, value: { printer: 'PDF' } });
  });

  it('importCatalog is the administrator\'s: refused without a session, to a clerk and to a supervisor, with nothing written', async () => {
    const next = { ...structuredClone(defaultCatalog), version: defaultCatalog.version + 1 };
    expect(await dispatchHostCall(handlers, 'importCatalog', { catalog: next })).toEqual({ ok: false, error: { code: 'NO_SESSION', key: 'host.session.none' } });
    for (const role of ['clerk', 'supervisor'] as const) {
      await signInAs(role);
      const refused = await dispatchHostCall(handlers, 'importCatalog', { catalog: next });
      expect(refused).toEqual({ ok: false, error: { code: 'ROLE_REFUSED', key: 'host.session.administrator_only' } });
      // Reading the catalog in force is every signed-in account's.
      expect(code(await dispatchHostCall(handlers, 'getActiveCatalog', {}))).toBe('OK');
    }
    expect(await readdir(dataDir)).not.toContain('catalogs');
    expect(await readdir(dataDir)).not.toContain('active-catalog.json');
    await signInAs('administrator');
    expect(await dispatchHostCall(handlers, 'importCatalog', { catalog: next })).toEqual({ ok: true, value: { key: `${next.catalogId}@${next.version}` } });
    const active = await dispatchHostCall(handlers, 'getActiveCatalog', {});
    expect(active.ok && (active.value as { key: string }).key).toBe(`${next.catalogId}@${next.version}`);
  });

  it('createAccount is the administrator\'s, who is recorded as its creator; the first administrator only once', async () => {
    await signInAs('supervisor');
    expect(code(await dispatchHostCall(handlers, 'createAccount', { clerkId: 'B009', name: '某', pin: '111111', role: 'administrator' }))).toBe('ROLE_REFUSED');
    expect(code(await dispatchHostCall(handlers, 'createAdministrator', { clerkId: 'B009', name: '某', pin: '111111' }))).toBe('SETUP_DONE');
    await signInAs('administrator');
    expect(await dispatchHostCall(handlers, 'createAccount', { clerkId: 'B009', name: '某', pin: '111111', role: 'supervisor' })).toEqual({
      ok: true,
      value: { clerkId: 'B009', name: '某', role: 'supervisor' },
    });
  });
});

describe('the applicant window', () => {
  it('has a contract of its own: only these methods', () => {
    expect([...applicantHostMethods]).toEqual(['getSetup', 'protectDraft', 'revealDraft']);
  });

  it.each(hostMethods.filter((method) => !applicantHostMethods.includes(method)))(
    '%s is refused from it, even with an administrator signed in',
    async (method) => {
      await signInAs('administrator');
      const result = await dispatchHostCall(handlers, method, {}, 'applicant');
      expect(result).toEqual({ ok: false, error: { code: 'WINDOW_REFUSED', key: 'host.error.window_refused' } });
      expect(!result.ok && zhText(result.error)).toBe('申请人屏幕不能进行此操作，已拒绝。');
    },
  );

  it('gets its own methods', async () => {
    expect(code(await dispatchHostCall(handlers, 'getSetup', {}, 'applicant'))).toBe('OK');
  });

  it('is told apart in main by its web contents, not by anything the page says (host-call.ts)', async () => {
    await signInAs('administrator');
    const applicantContents = 7;
    const isApplicant = (id: number) => id === applicantContents;
    const fromApplicant = { sender: { id: applicantContents }, senderFrame: { url: 'app://counter/index.html#/' } };
    const fromClerk = { sender: { id: 3 }, senderFrame: { url: 'app://counter/index.html#/applicant' } };
    expect(code(await handleHostCall(handlers, 'listAccounts', fromApplicant, {}, isApplicant))).toBe('WINDOW_REFUSED');
    expect(code(await handleHostCall(handlers, 'getSetup', fromApplicant, {}, isApplicant))).toBe('OK');
    expect(code(await handleHostCall(handlers, 'listAccounts', fromClerk, {}, isApplicant))).toBe('OK');
    const foreign = { sender: { id: 3 }, senderFrame: { url: 'https://example.com/' } };
    expect(code(await handleHostCall(handlers, 'getSetup', foreign, {}, isApplicant))).toBe('SENDER_REFUSED');
  });
});

describe('the session through the contract', () => {
  it('signIn opens it, getSession reports it, signOut ends it', async () => {
    expect(await dispatchHostCall(handlers, 'getSession', {})).toEqual({ ok: true, value: null });
    const signedIn = await dispatchHostCall(handlers, 'signIn', { clerkId: 'a001', pin: ACCOUNTS.clerk.pin });
    expect(signedIn).toMatchObject({ ok: true, value: { account: { clerkId: 'A001', name: '王窗口', role: 'clerk' }, locked: false, idleLockMinutes: 5 } });
    expect(await dispatchHostCall(handlers, 'getSession', {})).toEqual(signedIn);
    expect(await dispatchHostCall(handlers, 'signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(await dispatchHostCall(handlers, 'getSession', {})).toEqual({ ok: true, value: null });
  });

  it('a wrong PIN opens nothing, and does not end the session that is open', async () => {
    await signInAs('clerk');
    expect(code(await dispatchHostCall(handlers, 'signIn', { clerkId: 'M001', pin: '000000' }))).toBe('PIN_WRONG');
    expect(await dispatchHostCall(handlers, 'getSession', {})).toMatchObject({ ok: true, value: { account: { clerkId: 'A001' } } });
  });

  it('the lock screen takes only the signed-in account\'s PIN, counted: five wrong end the session', async () => {
    await signInAs('clerk');
    expect(code(await dispatchHostCall(handlers, 'lockSession', {}))).toBe('OK');
    expect(code(await dispatchHostCall(handlers, 'listPrinters', {}))).toBe('SESSION_LOCKED');
    // Another account's PIN is just a wrong PIN here.
    expect(code(await dispatchHostCall(handlers, 'unlockSession', { pin: ACCOUNTS.administrator.pin }))).toBe('PIN_WRONG');
    expect(code(await dispatchHostCall(handlers, 'unlockSession', { pin: ACCOUNTS.clerk.pin }))).toBe('OK');
    expect(code(await dispatchHostCall(handlers, 'listPrinters', {}))).toBe('OK');
    await dispatchHostCall(handlers, 'lockSession', {});
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(code(await dispatchHostCall(handlers, 'unlockSession', { pin: '000000' })));
    expect(answers).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'ACCOUNT_LOCKED']);
    expect(await dispatchHostCall(handlers, 'getSession', {})).toEqual({ ok: true, value: null });
  });

  it("the administrator's settings change the lockout and the idle lock", async () => {
    await signInAs('clerk');
    expect(code(await dispatchHostCall(handlers, 'changeSecuritySettings', { maxFailedAttempts: 3, lockMinutes: 2, idleLockMinutes: 1 }))).toBe('ROLE_REFUSED');
    await signInAs('administrator');
    expect(await dispatchHostCall(handlers, 'changeSecuritySettings', { maxFailedAttempts: 3, lockMinutes: 2, idleLockMinutes: 1 })).toEqual({
      ok: true,
      value: { maxFailedAttempts: 3, lockMinutes: 2, idleLockMinutes: 1 },
    });
    expect(code(await dispatchHostCall(handlers, 'changeSecuritySettings', { maxFailedAttempts: 1, lockMinutes: 2, idleLockMinutes: 1 }))).toBe('INVALID_ARGUMENT');
    clock += 60_000;
    expect(code(await dispatchHostCall(handlers, 'listPrinters', {}))).toBe('SESSION_LOCKED');
    const third = [];
    for (let i = 0; i < 3; i += 1) third.push(code(await dispatchHostCall(handlers, 'signIn', { clerkId: 'A001', pin: '000000' })));
    expect(third).toEqual(['PIN_WRONG', 'PIN_WRONG', 'ACCOUNT_LOCKED']);
    clock += 2 * 60_000;
    expect(code(await dispatchHostCall(handlers, 'signIn', { clerkId: 'A001', pin: ACCOUNTS.clerk.pin }))).toBe('OK');
  });

  it('the hand-over unlock: the session\'s own clerk only, and it ends an idle lock that fell meanwhile', async () => {
    await signInAs('clerk');
    clock += 6 * 60_000;
    expect(code(await dispatchHostCall(handlers, 'unlockHandover', { clerkId: 'S001', pin: ACCOUNTS.supervisor.pin }))).toBe('HANDOVER_OTHER_CLERK');
    expect(code(await dispatchHostCall(handlers, 'unlockHandover', { clerkId: 'A001', pin: ACCOUNTS.clerk.pin }))).toBe('OK');
    expect(code(await dispatchHostCall(handlers, 'listPrinters', {}))).toBe('OK');
  });

  it('without the secret store that sealed the pepper, no PIN is checked at all, and the answer says why', async () => {
    await rm(path.join(dataDir, 'secret-store.key'));
    const restarted = createHostHandlers({
      dataDir,
      archiveDir: path.join(root, 'archive'),
      appVersion: '9.9.9',
      applicantScreen: { open: async () => 'handover', close: async () => true },
      print,
      scryptParams: FAST,
    });
    const refused = await dispatchHostCall(restarted, 'signIn', { clerkId: 'A001', pin: ACCOUNTS.clerk.pin });
    expect(!refused.ok && refused.error.code).toBe('SECRET_UNAVAILABLE');
    expect(!refused.ok && zhText(refused.error)).toMatch(/^本机密钥无法读取（\w+），不能核对密码。/);
    expect(await dispatchHostCall(restarted, 'getSession', {})).toEqual({ ok: true, value: null });
  });
});
