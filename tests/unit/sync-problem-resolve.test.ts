import { createHash } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_LOG_FILE } from '../../electron/services/audit-log';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import type { SyncProblem, SyncResolution, SyncStatus } from '../../shared/contract/host-contract';
import { pdfBytes } from './fixtures/archive-fixtures';
import { reviewedDraft } from './fixtures/case-fixtures';
import { ADMIN, CLERK, enrollWith, SUPERVISOR, syncPairPerTest } from './fixtures/sync-counter';
import { callOn, testHandlers, value } from './fixtures/test-host';

/**
 * 已核对，重新发送 between the counter's real main-process services and the real central system: a
 * problem the push met for real (a fork made by a copy of the device's folders that sealed first; a
 * letter altered on disk) is shown to the supervisor, let go again only by a supervisor with a note —
 * a signed audit line, the sealed ledger untouched — and the next push offers the line again.
 */
const pair = syncPairPerTest();

const ledgerFile = () => path.join(pair.counter.archiveDir, 'ledger.jsonl');
const auditLines = async () =>
  (await readFile(path.join(pair.counter.archiveDir, AUDIT_LOG_FILE), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; action: string; subject: string; detail?: string; actor: { accountId: string; role: string } | null });

/** The letter's file, where the ledger says it is (the folder is the Shanghai day's). */
const letterOf = async (record: SealedRecord) => {
  const lines = (await readFile(ledgerFile(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { caseNumber: string; relativePath: string });
  const letter = lines.find((line) => line.caseNumber === record.caseNumber && line.relativePath.endsWith('.pdf'))!;
  return path.join(pair.counter.archiveDir, ...letter.relativePath.split('/'));
};

/**
 * A copy of the counter's folders, as a restored backup would be, that seals a case of its own and
 * pushes it first: the central system then holds another line at the place the original fills next.
 */
const forkFirst = async () => {
  const copy = path.join(pair.counter.root, 'copy');
  await cp(pair.counter.dataDir, path.join(copy, 'data'), { recursive: true });
  await cp(pair.counter.archiveDir, path.join(copy, 'archive'), { recursive: true });
  const handlers = testHandlers({ dataDir: path.join(copy, 'data'), archiveDir: path.join(copy, 'archive'), sync: { automatic: false } });
  const call = <T>(method: string, arg: unknown = {}) => callOn<T>(handlers, method, arg);
  value(await call('signIn', { clerkId: CLERK.clerkId, pin: CLERK.pin }));
  const record = value(await call<SealedRecord>('sealCase', { draft: reviewedDraft(pair.counter.device, { clerkId: CLERK.clerkId, name: CLERK.name }, 'draft-copy') }));
  value(await call('archiveLetter', { caseNumber: record.caseNumber, pdfBase64: pdfBytes(`${record.caseNumber}-copy`).toString('base64') }));
  const pushed = value(await call<SyncStatus>('syncNow'));
  expect(pushed).toMatchObject({ unsentRecords: 0, receiptedHead: { ledgerSeq: 4 } });
};

const status = async () => value(await pair.counter.call<SyncStatus>('syncStatus'));
const problems = async () => {
  await pair.counter.signInAs(SUPERVISOR);
  return value(await pair.counter.call<SyncProblem[]>('syncProblems'));
};

describe('a conflict the central system answered', () => {
  it('is let go again by a supervisor with a note — signed in the audit log, the ledger untouched — and comes back while the server still refuses it', async () => {
    const { counter } = pair;
    await enrollWith(pair.central, counter);
    await counter.sealWithLetter('draft-1');
    value(await counter.call('syncNow'));
    await forkFirst();
    await counter.sealWithLetter('draft-2');
    await counter.call('syncNow');

    const listed = await problems();
    const conflict = listed.find((problem) => problem.log === 'ledger' && problem.seq === 3);
    expect(conflict).toMatchObject({ status: 'conflict', caseNumber: expect.any(String) });
    expect(conflict!.reason).toEqual(expect.any(String));
    expect((await status()).unsentRecords).toBe(1);
    const ledgerBefore = await readFile(ledgerFile());

    // Neither a clerk nor the device administrator may let it go; a note is required.
    for (const account of [CLERK, ADMIN]) {
      await counter.signInAs(account);
      const refused = await counter.call('syncResolveProblem', { log: 'ledger', seq: 3, resolutionNote: '已与中心核对' });
      expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');
    }
    await counter.signInAs(SUPERVISOR);
    for (const note of ['', '  ok ', 'x'.repeat(501)]) {
      const refused = await counter.call('syncResolveProblem', { log: 'ledger', seq: 3, resolutionNote: note });
      expect(!refused.ok && refused.error.code).toBe('INVALID_ARGUMENT');
    }
    const unknown = await counter.call('syncResolveProblem', { log: 'ledger', seq: 99, resolutionNote: '已与中心核对' });
    expect(!unknown.ok && unknown.error.code).toBe('SYNC_PROBLEM_NOT_FOUND');

    const note = '已电话联系中心系统管理员核对：中心所存第 3 行来自恢复的备份机。';
    const resolution = value(await counter.call<SyncResolution>('syncResolveProblem', { log: 'ledger', seq: 3, resolutionNote: `  ${note} ` }));
    const noteHash = createHash('sha256').update(note, 'utf8').digest('hex').slice(0, 32);
    expect(resolution).toMatchObject({ problem: { log: 'ledger', seq: 3, status: 'conflict' }, note, noteHash, by: SUPERVISOR.clerkId });
    const line = (await auditLines()).find((entry) => entry.seq === resolution.auditSeq);
    expect(line).toMatchObject({ action: 'sync.problem_resolve', subject: 'ledger:3', detail: `note-${noteHash}`, actor: { accountId: SUPERVISOR.clerkId, role: 'supervisor' } });
    // The note itself (free text) stays out of the audit log.
    expect(await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8')).not.toContain('备份机');
    expect((await problems()).some((problem) => problem.log === 'ledger' && problem.seq === 3)).toBe(false);
    expect(value(await counter.call<SyncResolution[]>('syncResolutions'))[0]).toEqual(resolution);

    // The next push offers line 3 again; the central system still holds the other one, so it is back.
    await counter.call('syncNow');
    expect((await problems()).find((problem) => problem.log === 'ledger' && problem.seq === 3)).toMatchObject({ status: 'conflict' });
    expect((await readFile(ledgerFile())).equals(ledgerBefore)).toBe(true);
    const rows = await pair.central.central.context.central.db.selectFrom('ledger_entries').select('seq').execute();
    expect(rows.map((row) => row.seq).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('a letter altered on this device', () => {
  it('goes up once the supervisor put the archived file back and let the line go again', async () => {
    const { counter } = pair;
    await enrollWith(pair.central, counter);
    await counter.sealWithLetter('draft-1');
    const record = await counter.sealWithLetter('draft-2');
    const letter = await letterOf(record);
    const original = await readFile(letter);
    const altered = Buffer.from(original);
    altered[altered.length - 3]! ^= 0x01;
    await writeFile(letter, altered);

    expect(value(await counter.call<SyncStatus>('syncNow'))).toMatchObject({ problems: 1, unsentRecords: 1, receiptedHead: { ledgerSeq: 3 } });
    expect(await problems()).toEqual([expect.objectContaining({ log: 'ledger', seq: 4, status: 'invalid', code: 'LOCAL_FILE_ALTERED' })]);

    // Let go while the file is still altered: found again, never sent.
    value(await counter.call('syncResolveProblem', { log: 'ledger', seq: 4, resolutionNote: '先重试一次' }));
    expect(value(await counter.call<SyncStatus>('syncNow'))).toMatchObject({ problems: 1, receiptedHead: { ledgerSeq: 3 } });

    // The file restored from the backup: let go again, and it goes up with its receipt.
    await writeFile(letter, original);
    value(await counter.call('syncResolveProblem', { log: 'ledger', seq: 4, resolutionNote: '已从备份恢复原文书并核对哈希' }));
    const after = value(await counter.call<SyncStatus>('syncNow'));
    expect(after).toMatchObject({ problems: 0, unsentRecords: 0, receiptedHead: { ledgerSeq: 4 } });
    expect(after.lastError).toBeNull();
    expect(value(await counter.call<SyncResolution[]>('syncResolutions')).map((r) => r.note)).toEqual(['已从备份恢复原文书并核对哈希', '先重试一次']);
  });
});
