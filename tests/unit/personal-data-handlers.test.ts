import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { DATA_KEY_FILE } from '../../electron/services/personal-data/data-key';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import type { HostHandlers } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { applicant, reviewedDraft, signature } from './fixtures/case-fixtures';
import { enText, zhText } from './fixtures/host-text';

const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };
const ADMIN = { clerkId: 'M001', name: '赵管理', pin: '975310' };
const CLERK = { clerkId: 'A001', name: '王窗口', pin: '246810' };
const DRAFT_ID = '6f1c2a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b';

let root: string;
let clock: number;
let handlers: HostHandlers;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pd-handlers-'));
  clock = Date.UTC(2026, 11, 2, 1, 0, 0);
  handlers = createHostHandlers({
    dataDir: path.join(root, 'data'),
    archiveDir: path.join(root, 'archive'),
    appVersion: '9.9.9',
    applicantScreen: { open: async () => 'handover', close: async () => true },
    print: { print: async () => ({ status: 'queued', jobId: '1', printer: null }), jobStatus: async () => ({ status: 'done' }), listPrinters: async () => ({ ok: true, value: [] }) },
    now: () => new Date(clock),
    scryptParams: FAST,
    cryptoSuite: 'intl',
  });
  expect((await handlers.configureDevice({ counterId: 'C01', agencyName: '某市人社局' })).ok).toBe(true);
  expect((await handlers.createAdministrator(ADMIN)).ok).toBe(true);
  expect((await handlers.signIn(ADMIN)).ok).toBe(true);
  expect((await handlers.createAccount({ ...CLERK, role: 'clerk' })).ok).toBe(true);
  expect((await handlers.signIn(CLERK)).ok).toBe(true);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const data = () => ({
  draft: { ...reviewedDraft(undefined, undefined, DRAFT_ID) },
  applicantForm: { name: applicant.name, idNumber: applicant.idNumber, phone: '13800138000' },
  signatureInProgress: signature().strokes,
});

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
};
const code = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);

const protect = async (caller: 'clerk' | 'applicant' = 'clerk') =>
  (value(await dispatchHostCall(handlers, 'protectDraft', { draftId: DRAFT_ID, data: data() }, caller)) as { sealed: string }).sealed;

describe('protectDraft and revealDraft', () => {
  it('seal a draft with nothing of the applicant in clear, and open it again, from either window', async () => {
    const sealed = await protect('applicant');
    expect(sealed).toMatch(/^pd1\.intl\./);
    for (const secret of [applicant.name, applicant.idNumber, '13800138000']) expect(sealed).not.toContain(secret);
    for (const caller of ['clerk', 'applicant'] as const) {
      expect(value(await dispatchHostCall(handlers, 'revealDraft', { draftId: DRAFT_ID, sealed }, caller))).toEqual({ data: JSON.parse(JSON.stringify(data())) });
    }
    // Main keeps nothing of the draft: its folder holds the sealed data key, never the data.
    const dataDir = path.join(root, 'data');
    expect(await readdir(dataDir)).toContain(DATA_KEY_FILE);
    for (const name of await readdir(dataDir, { recursive: true })) {
      const bytes = await readFile(path.join(dataDir, name)).catch(() => Buffer.alloc(0));
      expect(bytes.includes(Buffer.from(applicant.idNumber)), name).toBe(false);
      expect(bytes.includes(Buffer.from(applicant.name)), name).toBe(false);
    }
  });

  it('do not open a sealed draft for another draft, another account, or once altered', async () => {
    const sealed = await protect();
    const other = await dispatchHostCall(handlers, 'revealDraft', { draftId: '00000000-0000-4000-8000-000000000000', sealed });
    expect(other).toEqual({ ok: false, error: { code: 'DRAFT_UNREADABLE', key: 'host.personal_data.unreadable' } });
    expect(!other.ok && zhText(other.error)).toMatch(/。$/);
    expect(!other.ok && enText(other.error)).toMatch(/\.$/);
    const altered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'AB' : 'AA');
    expect(code(await dispatchHostCall(handlers, 'revealDraft', { draftId: DRAFT_ID, sealed: altered }))).toBe('DRAFT_UNREADABLE');
    expect((await handlers.signIn(ADMIN)).ok).toBe(true);
    expect(code(await dispatchHostCall(handlers, 'revealDraft', { draftId: DRAFT_ID, sealed }))).toBe('DRAFT_UNREADABLE');
  });

  it('need a signed-in session, but go on while it is idle-locked (the applicant reads and signs meanwhile)', async () => {
    const sealed = await protect();
    clock += 30 * 60_000;
    expect(value(await handlers.getSession({}))?.locked).toBe(true);
    expect(code(await dispatchHostCall(handlers, 'revealDraft', { draftId: DRAFT_ID, sealed }, 'applicant'))).toBe('OK');
    expect(code(await dispatchHostCall(handlers, 'protectDraft', { draftId: DRAFT_ID, data: data() }, 'applicant'))).toBe('OK');
    expect((await handlers.signOut({})).ok).toBe(true);
    for (const [method, arg] of [
      ['revealDraft', { draftId: DRAFT_ID, sealed }],
      ['protectDraft', { draftId: DRAFT_ID, data: data() }],
    ] as const) {
      expect(await dispatchHostCall(handlers, method, arg)).toEqual({ ok: false, error: { code: 'NO_SESSION', key: 'host.session.none' } });
    }
  });

  it('refuse a draft whose id is not the one it is sealed for, or too large, naming only the field', async () => {
    const mismatched = await dispatchHostCall(handlers, 'protectDraft', { draftId: '00000000-0000-4000-8000-000000000000', data: data() });
    expect(mismatched).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', key: 'host.error.invalid_argument', params: { fields: ['data.draft.draftId'] } } });
    const huge = { ...data(), applicantForm: { name: '张'.repeat(2 * 1024 * 1024) } };
    const refused = await dispatchHostCall(handlers, 'protectDraft', { draftId: DRAFT_ID, data: huge });
    expect(code(refused)).toBe('INVALID_ARGUMENT');
    expect(JSON.stringify(refused)).not.toContain('张张');
  });
});
