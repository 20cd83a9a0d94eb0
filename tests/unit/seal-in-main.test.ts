import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRecordFile, signedRecordFileBytes, signRecord } from '../../electron/services/evidence/signed-record';
import { deviceSignerSource } from '../../electron/services/evidence/device-signer-source';
import { loadSuite } from '../../electron/services/crypto/suite';
import { RECORD_INDEX_FILE } from '../../electron/services/records/record-index';
import { recordFilePath } from '../../electron/services/records/record-paths';
import { verifyFolder } from '../../scripts/verify';
import { createPersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import type { DeviceSettings, HostHandlers, RecordSummary } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import { verifyChain, recordHash } from '../../shared/domain/seal';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { applicant, reviewedDraft } from './fixtures/case-fixtures';
import { zhText } from './fixtures/host-text';
import { callOn, testHandlers, value } from './fixtures/test-host';

const clerkA = { clerkId: 'A001', name: '王窗口' };
const clerkB = { clerkId: 'B002', name: '李窗口' };

let root: string;
let dataDir: string;
let archiveDir: string;
let clock: Date;
let handlers: HostHandlers;
let device: DeviceSettings;

const start = (): HostHandlers => testHandlers({ dataDir, archiveDir, now: () => clock });

const call = <T>(method: string, arg: unknown, on: HostHandlers = handlers): Promise<Result<T>> => callOn<T>(on, method, arg);

const signInAs = async (who: { clerkId: string }, on: HostHandlers = handlers) => value(await call('signIn', { clerkId: who.clerkId, pin: who.clerkId === 'A001' ? '482913' : who.clerkId === 'B002' ? '135790' : '975310' }, on));

const seal = (draftId: string, by = clerkA, on: HostHandlers = handlers) =>
  call<SealedRecord>('sealCase', { draft: reviewedDraft(device, by, draftId) }, on);

/** The data key of the test device, as main opens its record files. */
const opener = async () => {
  const cipher = await createPersonalDataCipher({ dataDir, secrets: createKeyFileSecretStore(path.join(dataDir, FALLBACK_SECRET_KEY_FILE)), suite: 'gm' });
  return { cipher, suite: await loadSuite('gm') };
};

const recordFile = (caseNumber: string) => path.join(archiveDir, ...recordFilePath(caseNumber).split('/'));

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'seal-in-main-'));
  dataDir = path.join(root, 'data');
  archiveDir = path.join(root, 'archive');
  clock = new Date('2026-12-02T02:00:00Z');
  handlers = start();
  device = value(await call<DeviceSettings>('configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局' }));
  value(await call('createAdministrator', { clerkId: 'M001', name: '赵管理', pin: '975310' }));
  await signInAs({ clerkId: 'M001' });
  value(await call('createAccount', { ...clerkA, pin: '482913', role: 'clerk' }));
  value(await call('createAccount', { ...clerkB, pin: '135790', role: 'clerk' }));
  await signInAs(clerkA);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('sealing is main’s (host method sealCase)', () => {
  it('assigns the case number, the chain position, the time and the clerk itself, and stores a signed record before it answers', async () => {
    const first = value(await seal('d-1'));
    clock = new Date(clock.getTime() + 60_000);
    const second = value(await seal('d-2'));
    expect([first.caseNumber, second.caseNumber]).toEqual(['C01-20261202-0001', 'C01-20261202-0002']);
    expect([first.sequence, second.sequence]).toEqual([1, 2]);
    expect(second.prevHash).toBe(first.hash);
    expect(second.timestamps.sealedAt).toBe(clock.toISOString());
    expect(second.clerk).toEqual(clerkA);
    expect(await verifyChain([first, second])).toEqual([]);
    // On disk, signed and encrypted when the answer came: no name, ID number or stroke in clear.
    const bytes = await readFile(recordFile(second.caseNumber));
    const text = bytes.toString('utf8');
    for (const secret of [applicant.name, applicant.idNumber, applicant.idNumber.toUpperCase(), '"strokes"']) expect(text).not.toContain(secret);
    const file = readRecordFile(bytes);
    expect(file.kind).toBe('sealed');
    expect(file.kind === 'sealed' && file.record).toBeNull();
    expect(file.kind === 'sealed' && file.chain).toMatchObject({ caseNumber: second.caseNumber, hash: second.hash, prevHash: first.hash, sequence: 2 });
    // Opened with the device's data key, it is the record main answered.
    const opened = readRecordFile(bytes, await opener());
    expect(opened.kind !== 'unreadable' && opened.record).toEqual(second);
  });

  it('cannot be sealed as another clerk: the draft of A001 is refused to B002, and no argument names a clerk', async () => {
    value(await call('signOut', {}));
    await signInAs(clerkB);
    const refused = await seal('d-1', clerkA);
    expect(!refused.ok && refused.error.code).toBe('SEAL_OTHER_CLERK');
    expect(!refused.ok && zhText(refused.error)).toContain('另一名工作人员');
    // The record names who is signed in, whatever name the draft carries for them.
    const renamed = value(await call<SealedRecord>('sealCase', { draft: reviewedDraft(device, { clerkId: 'B002', name: '冒名' }, 'd-2') }));
    expect(renamed.clerk).toEqual(clerkB);
    const named = await call('sealCase', { draft: reviewedDraft(device, clerkB, 'd-3'), clerk: clerkA });
    expect(!named.ok && named.error.code).toBe('INVALID_ARGUMENT');
  });

  it('cannot be sealed out of sequence or onto a chosen head: the position is not an argument', async () => {
    value(await seal('d-1'));
    for (const extra of [{ sequence: 7 }, { prevHash: '0'.repeat(64) }, { caseNumber: 'C01-20261202-0099' }]) {
      const result = await call('sealCase', { draft: reviewedDraft(device, clerkA, 'd-2'), ...extra });
      expect(!result.ok && result.error.code).toBe('INVALID_ARGUMENT');
    }
    // Nor hidden in the draft.
    const inDraft = await call('sealCase', { draft: { ...reviewedDraft(device, clerkA, 'd-2'), sequence: 7 } });
    expect(!inDraft.ok && inDraft.error.code).toBe('INVALID_ARGUMENT');
    expect(value(await seal('d-2')).sequence).toBe(2);
  });

  it('never gives one number twice: concurrent seals get consecutive numbers, and the same draft again is the same record', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => seal(`d-${index}`)));
    const records = results.map(value);
    expect(new Set(records.map((record) => record.caseNumber)).size).toBe(8);
    expect(records.map((record) => record.sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyChain(records)).toEqual([]);
    // A retry after a lost answer (the draft is still in the renderer): the record it already is.
    const again = value(await seal('d-3'));
    expect(again).toEqual(records.find((record) => record.caseNumber === again.caseNumber));
    expect(value(await call<RecordSummary[]>('sealedRecords', { day: '2026-12-02' }))).toHaveLength(8);
  });

  it('refuses a draft that is not reviewed and complete', async () => {
    const draft = reviewedDraft(device, clerkA, 'd-1');
    for (const unfinished of [{ ...draft, step: 'signing' as const }, { ...draft, signature: null }, { ...draft, applicant: null }]) {
      const result = await call('sealCase', { draft: unfinished });
      expect(!result.ok && result.error.code).toBe('CASE_NOT_READY');
    }
    expect(value(await seal('d-1')).sequence).toBe(1);
  });

  it('continues the chain and the day’s numbers after a restart and after the index is lost; numbers start again each day', async () => {
    const first = value(await seal('d-1'));
    handlers = start();
    await signInAs(clerkA);
    const second = value(await seal('d-2'));
    expect(second).toMatchObject({ sequence: 2, prevHash: first.hash, caseNumber: 'C01-20261202-0002' });

    // The index deleted: main rebuilds it from the archive's ledger and record files.
    await unlink(path.join(dataDir, RECORD_INDEX_FILE));
    clock = new Date('2026-12-03T01:00:00Z');
    handlers = start();
    await signInAs(clerkA);
    const third = value(await seal('d-3'));
    expect(third).toMatchObject({ sequence: 3, prevHash: second.hash, caseNumber: 'C01-20261203-0001' });
    // The rebuilt index still finds records by ID number.
    const found = value(await call<RecordSummary[]>('findSealedRecords', { idNumber: applicant.idNumber.toUpperCase() }));
    expect(found.map((row) => row.caseNumber)).toEqual([third.caseNumber, second.caseNumber, first.caseNumber]);
    expect(found[0]!.idNumberMasked).not.toContain(applicant.idNumber.slice(6, 14));
  });

  it('refuses to seal onto a forked chain: a replaced newest record, a damaged index, a ledger record that does not link', async () => {
    const first = value(await seal('d-1'));
    // Someone replaces the newest record file with another, validly signed, record of the same place.
    const signer = await deviceSignerSource({ dataDir })();
    const { hash: _hash, ...body } = { ...first, applicant: { ...first.applicant, name: '李四' } };
    const forged = { ...body, hash: await recordHash(body) };
    const original = await readFile(recordFile(first.caseNumber));
    await writeFile(recordFile(first.caseNumber), signedRecordFileBytes(forged, signRecord(forged, await loadSuite(signer.suite), signer)));
    handlers = start();
    await signInAs(clerkA);
    const refused = await seal('d-2');
    expect(!refused.ok && refused.error.code).toBe('CHAIN_BROKEN');
    expect(!refused.ok && zhText(refused.error)).toContain('防止记录链分叉');

    // Put back, the chain goes on; an index line edited (another hash) stops it again.
    await writeFile(recordFile(first.caseNumber), original);
    handlers = start();
    await signInAs(clerkA);
    value(await seal('d-2'));
    const indexFile = path.join(dataDir, RECORD_INDEX_FILE);
    const lines = (await readFile(indexFile, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace(/"prevHash":"[0-9a-f]/, '"prevHash":"f');
    await writeFile(indexFile, lines.join('\n'));
    handlers = start();
    await signInAs(clerkA);
    const damaged = await seal('d-3');
    expect(!damaged.ok && damaged.error.code).toBe('CHAIN_BROKEN');
  });

  it('completes a seal cut short after its record file was written, under the same draft, never sealing it twice', async () => {
    value(await seal('d-1'));
    // What a crash right after the record file leaves: the file, the pending mark, no ledger or index line.
    const probe = start();
    await signInAs(clerkA, probe);
    const record = value(await seal('d-2', clerkA, probe));
    const indexFile = path.join(dataDir, RECORD_INDEX_FILE);
    const index = (await readFile(indexFile, 'utf8')).split('\n');
    await writeFile(indexFile, `${index[0]}\n`);
    const ledgerFile = path.join(archiveDir, 'ledger.jsonl');
    const ledger = (await readFile(ledgerFile, 'utf8')).split('\n').filter((line) => line && !line.includes(record.caseNumber));
    await writeFile(ledgerFile, `${ledger.join('\n')}\n`);
    await writeFile(path.join(dataDir, 'seal-pending.json'), JSON.stringify({ draftId: 'd-2', caseNumber: record.caseNumber }));

    handlers = start();
    await signInAs(clerkA);
    // The renderer retries the draft it still has: the record the crash left, not a second one.
    expect(value(await seal('d-2'))).toEqual(record);
    expect(value(await seal('d-3')).sequence).toBe(3);
    expect(await readFile(ledgerFile, 'utf8')).toContain(record.caseNumber);
  });

  it('needs a session, and lists and finds only through main', async () => {
    value(await seal('d-1'));
    value(await call('signOut', {}));
    const unsigned = await seal('d-2');
    expect(!unsigned.ok && unsigned.error.code).toBe('NO_SESSION');
    for (const [method, arg] of [
      ['sealedRecords', { day: '2026-12-02' }],
      ['sealedRecord', { caseNumber: 'C01-20261202-0001' }],
      ['findSealedRecords', { idNumber: applicant.idNumber }],
      ['unarchivedRecords', {}],
    ] as const) {
      const result = await call(method, arg);
      expect(!result.ok && result.error.code, method).toBe('NO_SESSION');
    }
    await signInAs(clerkB);
    expect(value(await call<string[]>('unarchivedRecords', {}))).toEqual(['C01-20261202-0001']);
    const letter = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');
    value(await call('archiveLetter', { caseNumber: 'C01-20261202-0001', pdfBase64: letter }));
    expect(value(await call<string[]>('unarchivedRecords', {}))).toEqual([]);
  });
});

describe('voiding (host method voidRecord): a supervisor’s new record pointing at the old one', () => {
  const supervisor = { clerkId: 'S003', name: '周负责' };
  const asSupervisor = async () => {
    value(await call('signOut', {}));
    await signInAs({ clerkId: 'M001' });
    value(await call('createAccount', { ...supervisor, pin: '246802', role: 'supervisor' }));
    value(await call('signOut', {}));
    value(await call('signIn', { clerkId: supervisor.clerkId, pin: '246802' }));
  };

  it('is refused to a clerk and an administrator, and needs a note for “other”', async () => {
    const record = value(await seal('d-1'));
    const byClerk = await call('voidRecord', { caseNumber: record.caseNumber, reason: 'data_entry_mistake', note: '' });
    expect(!byClerk.ok && byClerk.error.code).toBe('ROLE_REFUSED');
    value(await call('signOut', {}));
    await signInAs({ clerkId: 'M001' });
    const byAdministrator = await call('voidRecord', { caseNumber: record.caseNumber, reason: 'data_entry_mistake', note: '' });
    expect(!byAdministrator.ok && byAdministrator.error.code).toBe('ROLE_REFUSED');
    await asSupervisor();
    const noNote = await call('voidRecord', { caseNumber: record.caseNumber, reason: 'other', note: '   ' });
    expect(!noNote.ok && zhText(noNote.error)).toContain('请在说明中写明原因');
  });

  it('seals the void into the chain after the case, leaves the case untouched, voids once, and stops its printing', async () => {
    const record = value(await seal('d-1'));
    const recordBytes = await readFile(recordFile(record.caseNumber));
    const letter = Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64');
    const { relativePath } = value(await call<{ relativePath: string }>('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: letter }));
    await asSupervisor();
    const voided = value(await call<{ caseNumber: string; sequence: number; prevHash: string; voids: unknown; supervisor: unknown; reason: string }>('voidRecord', { caseNumber: record.caseNumber, reason: 'data_entry_mistake', note: '证件号码录错' }));
    expect(voided).toMatchObject({ caseNumber: 'C01-20261202-0002', sequence: 2, prevHash: record.hash, voids: { caseNumber: record.caseNumber, hash: record.hash }, supervisor, reason: 'data_entry_mistake' });
    expect(await readFile(recordFile(record.caseNumber))).toEqual(recordBytes);
    expect(readRecordFile(await readFile(recordFile(voided.caseNumber))).kind).toBe('sealed');

    const again = await call('voidRecord', { caseNumber: record.caseNumber, reason: 'duplicate', note: '' });
    expect(!again.ok && zhText(again.error)).toContain(voided.caseNumber);
    const voidOfVoid = await call('voidRecord', { caseNumber: voided.caseNumber, reason: 'duplicate', note: '' });
    expect(!voidOfVoid.ok && voidOfVoid.error.code).toBe('RECORD_NOT_FOUND');

    expect(value(await call<RecordSummary[]>('sealedRecords', { day: '2026-12-02' }))).toEqual([expect.objectContaining({ caseNumber: record.caseNumber, voidedBy: voided.caseNumber })]);
    expect(value(await call('recordVoid', { caseNumber: record.caseNumber }))).toEqual(voided);
    const print = await call('printLetter', { relativePath, copies: 1 });
    expect(!print.ok && print.error.code).toBe('RECORD_VOIDED');
    // The archive with its void checks sound, signatures and chain included.
    const verified = await verifyFolder(archiveDir, [], 1);
    expect(verified.text).toContain('记录 2 份');
    expect(verified.sound).toBe(true);
    // The chain goes on after the void, and survives a restart with it.
    handlers = start();
    await signInAs(clerkA);
    const next = value(await seal('d-2'));
    expect(next).toMatchObject({ sequence: 3, prevHash: (voided as unknown as { hash: string }).hash });
  });
});

describe('档案核验 in the app (verifyArchive): the whole check, with this device’s own key', () => {
  it('is sound after sealing, and names a ledger line whose signature was changed and an edited audit entry', async () => {
    value(await seal('d-1'));
    value(await call('signOut', {}));
    await signInAs({ clerkId: 'M001' });
    value(await call('createAccount', { clerkId: 'S003', name: '周负责', pin: '246802', role: 'supervisor' }));
    value(await call('signOut', {}));
    value(await call('signIn', { clerkId: 'S003', pin: '246802' }));
    type Check = { evidence: { records: { signed: number }; findings: Array<{ where: string; problem: string }> }; audit: { entries: number; findings: Array<{ line: number; problem: string }> }; chain: { records: number } };
    const sound = value(await call<Check>('verifyArchive', {}));
    expect(sound).toMatchObject({ evidence: { records: { signed: 1 }, findings: [] }, audit: { findings: [] }, chain: { records: 1 } });
    expect(sound.audit.entries).toBeGreaterThan(5);

    const ledgerFile = path.join(archiveDir, 'ledger.jsonl');
    const ledger = (await readFile(ledgerFile, 'utf8')).split('\n');
    ledger[0] = ledger[0]!.replace(/"sig":"([0-9a-f])/, (_all, first: string) => `"sig":"${first === 'a' ? 'b' : 'a'}`);
    await writeFile(ledgerFile, ledger.join('\n'));
    const auditFile = path.join(archiveDir, 'audit.jsonl');
    const audit = (await readFile(auditFile, 'utf8')).split('\n');
    audit[1] = audit[1]!.replace('"clerk.sign_in"', '"clerk.sign_out"');
    await writeFile(auditFile, audit.join('\n'));
    const broken = value(await call<Check>('verifyArchive', {}));
    expect(broken.evidence.findings).toEqual([expect.objectContaining({ where: 'ledger', problem: 'signature_invalid' })]);
    expect(broken.audit.findings.map((finding) => finding.line)).toContain(2);
  });
});

