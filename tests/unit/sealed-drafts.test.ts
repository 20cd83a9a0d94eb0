import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHostHandlers } from '../../electron/services/host-handlers';
import { dispatchHostCall } from '../../shared/contract/dispatch';
import { hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import type { LegacyDraftRow } from '../../renderer/db/database';
import { applicant, counter, examMatter } from './fixtures/case-fixtures';

/**
 * The renderer's draft repository over fake IndexedDB, with `window.host` routed to the real handlers:
 * rows hold only sealed text, and two windows (two module instances on one database, as the clerk's
 * and the applicant's windows are) writing the same draft at once lose neither's change.
 */
const FAST = { N: 1024, r: 8, p: 1, keylen: 32 };
const CLERK = { clerkId: 'A001', name: '王窗口', pin: '246810' };
let root: string;
let handlers: HostHandlers;
let protectCalls = 0;

type Repository = typeof import('../../renderer/db/draft-repository');
type Database = typeof import('../../renderer/db/database');

/** One window: its own modules (cache, write queue, Dexie instance) over the shared IndexedDB. */
const openWindow = async (): Promise<{ repo: Repository; database: Database }> => {
  vi.resetModules();
  return { repo: await import('../../renderer/db/draft-repository'), database: await import('../../renderer/db/database') };
};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sealed-drafts-'));
  handlers = createHostHandlers({
    dataDir: path.join(root, 'data'),
    archiveDir: path.join(root, 'archive'),
    appVersion: '9.9.9',
    applicantScreen: { open: async () => 'handover', close: async () => true },
    print: { print: async () => ({ status: 'queued', jobId: '1', printer: null }), jobStatus: async () => ({ status: 'done' }), listPrinters: async () => ({ ok: true, value: [] }) },
    scryptParams: FAST,
  });
  expect((await handlers.configureDevice({ counterId: 'C01', agencyName: '某市人社局' })).ok).toBe(true);
  expect((await handlers.createAdministrator(CLERK)).ok).toBe(true);
  expect((await handlers.signIn(CLERK)).ok).toBe(true);
  const host = Object.fromEntries(
    hostMethods.map((method) => [
      method,
      (arg: unknown) => {
        if (method === 'protectDraft') protectCalls += 1;
        return dispatchHostCall(handlers, method, arg);
      },
    ]),
  );
  const memory = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) };
  };
  vi.stubGlobal('window', { host });
  vi.stubGlobal('localStorage', memory());
  vi.stubGlobal('sessionStorage', memory());
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await rm(root, { recursive: true, force: true });
});

const form = { name: applicant.name, idType: 'resident_id', idNumber: applicant.idNumber, phone: '', byGuardian: false, guardianName: '', guardianIdType: 'resident_id', guardianIdNumber: '', guardianRelation: '' } as const;

describe('sealed drafts in IndexedDB', () => {
  it('store only sealed text, and read back what was written', async () => {
    const { repo, database } = await openWindow();
    const row = await repo.startDraft(counter, { clerkId: CLERK.clerkId, name: CLERK.name });
    expect((await repo.applyToDraft(row.draftId, { type: 'chooseMatter', matter: examMatter })).ok).toBe(true);
    expect(await repo.saveApplicantForm(row.draftId, form)).toBe(1);
    const stored = await database.db.drafts.get(row.draftId);
    expect(Object.keys(stored!).sort()).toEqual(['clerkId', 'draftId', 'sealed', 'step', 'updatedAt', 'version']);
    expect(JSON.stringify(stored)).not.toContain(applicant.idNumber);
    // Another window (no cache of its own) opens it through main.
    const other = await openWindow();
    expect((await other.repo.readDraft(row.draftId))?.applicantForm).toEqual(form);
    expect(await other.repo.readDraft('missing')).toBeUndefined();
    await repo.discardDraft(row.draftId);
    expect(await other.repo.saveApplicantForm(row.draftId, form)).toBe(0);
  });

  it('two windows writing the same draft at once both land (the version check retries the later one)', async () => {
    const clerkWindow = await openWindow();
    const applicantWindow = await openWindow();
    const row = await clerkWindow.repo.startDraft(counter, { clerkId: CLERK.clerkId, name: CLERK.name });
    await clerkWindow.repo.applyToDraft(row.draftId, { type: 'chooseMatter', matter: examMatter });
    await clerkWindow.repo.applyToDraft(row.draftId, { type: 'enterApplicant', applicant });
    const strokes = [{ points: [{ x: 1, y: 2, time: 3, pressure: 0.5 }] }];
    protectCalls = 0;
    const [turned, saved] = await Promise.all([
      applicantWindow.repo.applyToDraft(row.draftId, { type: 'turnPage', to: 1 }),
      clerkWindow.repo.saveSignatureInProgress(row.draftId, strokes),
    ]);
    expect(turned.ok).toBe(true);
    expect(saved).toBe(1);
    // Both read the same version; the one that came second was sealed again from the newer row.
    expect(protectCalls).toBeGreaterThanOrEqual(3);
    const after = await (await openWindow()).repo.readDraft(row.draftId);
    expect(after?.draft.notification.page).toBe(1);
    expect(after?.signatureInProgress).toEqual(strokes);
    expect((await clerkWindow.database.db.drafts.get(row.draftId))?.version).toBe(5);
  });

  it('upgrades a version 3 database: clear rows get their step and version 0, to be sealed after sign-in', async () => {
    const { default: Dexie } = await import('dexie');
    const old = new Dexie('counter-v3');
    old.version(1).stores({ drafts: 'draftId, clerkId, updatedAt', records: 'caseNumber, &sequence, &hash, [counterId+day], idNumber, sealedAt', letters: 'caseNumber, printed', audit: '++id, at, clerkId, subject', settings: 'key' });
    old.version(2).stores({ catalogs: 'key, catalogId, importedAt' });
    old.version(3).stores({ reprints: '++id, caseNumber, printed, at' });
    await old.table('drafts').add({ draftId: 'd-old', clerkId: CLERK.clerkId, updatedAt: 'x', draft: { step: 'applicant' }, applicantForm: form, signatureInProgress: null });
    old.close();
    const { CounterDatabase } = await openWindow().then(({ database }) => database);
    const upgraded = new CounterDatabase('counter-v3');
    expect(await upgraded.drafts.get('d-old')).toMatchObject({ step: 'applicant', version: 0, applicantForm: form });
    upgraded.close();
  });

  it('seals a clear row of before (version 3) once its clerk is signed in', async () => {
    const { repo, database } = await openWindow();
    const row = await repo.startDraft(counter, { clerkId: CLERK.clerkId, name: CLERK.name });
    const opened = (await repo.readDraft(row.draftId))!;
    const legacy: LegacyDraftRow = { ...opened, step: 'matter', version: 0, applicantForm: form };
    await database.db.drafts.put(legacy);
    expect(JSON.stringify(await database.db.drafts.get(row.draftId))).toContain(applicant.idNumber);
    expect(await repo.sealLegacyDrafts(CLERK.clerkId)).toBeGreaterThanOrEqual(1);
    const stored = await database.db.drafts.get(row.draftId);
    expect(stored?.sealed).toMatch(/^pd1\./);
    expect(JSON.stringify(stored)).not.toContain(applicant.idNumber);
    expect((await (await openWindow()).repo.readDraft(row.draftId))?.applicantForm).toEqual(form);
  });
});
