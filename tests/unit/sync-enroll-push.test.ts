import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { readDataSecret } from '../../electron/services/personal-data/data-key';
import { CREDENTIALS_FILE } from '../../electron/services/sync/credentials-store';
import { RECEIPTS_DIR, RECEIPTS_FILE } from '../../electron/services/sync/receipt-store';
import { signedReceiptSchema } from '../../shared/sync/push';
import type { EnrolledInfo, RecordSummary, SyncProblem, SyncStatus } from '../../shared/contract/host-contract';
import { shanghaiDate } from '../../shared/domain/case-number';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { zhText } from './fixtures/host-text';
import { ADMIN, CLERK, startSyncCentral, startSyncCounter, SUPERVISOR, syncPairPerTest, type SyncCounter } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';

/**
 * Enrollment and push between the counter's real main-process services (host handlers on temporary
 * folders) and the real central system (in this process, SQLite), over plain HTTP to loopback.
 */
const pair = syncPairPerTest();

const enroll = async (): Promise<EnrolledInfo> => {
  await pair.counter.signInAs(ADMIN);
  const code = await pair.central.code();
  const preview = value(await pair.counter.call<{ transport: string; fingerprint: string | null }>('syncEnrollPreview', { address: pair.central.central.url, code }));
  expect(preview).toMatchObject({ transport: 'http-loopback', fingerprint: null });
  return value(await pair.counter.call<EnrolledInfo>('syncEnroll', { address: pair.central.central.url, code, fingerprint: null }));
};

const status = async () => value(await pair.counter.call<SyncStatus>('syncStatus'));

describe('enrollment (the device administrator’s)', () => {
  it('enrolls over loopback HTTP, keeps the credentials sealed in main and tells the renderer only the address, hall, time and fingerprint', async () => {
    const info = await enroll();
    expect(info).toEqual({ serverUrl: pair.central.central.url, hallName: '天河区政务服务中心', enrolledAt: expect.any(String), fingerprint: null });

    // The central system holds the device with this device's own signing key.
    const row = await pair.central.central.context.central.db.selectFrom('devices').selectAll().where('device_id', '=', pair.counter.device.deviceId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ counter_id: 'C01', hall_id: 'gd-gz-th-zwzx', suite: 'gm' });

    // Sealed, 0600, nothing of the token in clear; it opens only with the device's SecretStore.
    const file = path.join(pair.counter.dataDir, CREDENTIALS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const sealed = await readFile(file);
    const plain = JSON.parse(Buffer.from(await createKeyFileSecretStore(path.join(pair.counter.dataDir, FALLBACK_SECRET_KEY_FILE)).open(sealed)).toString('utf8'));
    expect(plain.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(sealed.toString('latin1')).not.toContain(plain.token);
    expect(sealed.toString('latin1')).not.toContain('BEGIN PUBLIC KEY');

    // No answer a window gets carries the token, the escrow key or the server's key.
    const answers = JSON.stringify([info, await status(), await pair.counter.call('syncNow'), await pair.counter.call('syncProblems')]);
    for (const secret of [plain.token, plain.escrowKey.publicKeyPem.slice(30, 80), plain.serverKey.publicKey]) expect(answers).not.toContain(secret);

    // The administrator's act is in main's audit log.
    const audit = await readFile(path.join(pair.counter.archiveDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"action":"device.enroll"');
    expect(audit).not.toContain(plain.token);
  });

  it('is refused to a clerk and a supervisor, and a second enrollment is refused', async () => {
    const code = await pair.central.code();
    for (const who of [CLERK, SUPERVISOR]) {
      await pair.counter.signInAs(who);
      for (const method of ['syncEnrollPreview', 'syncEnroll']) {
        const refused = await pair.counter.call(method, { address: pair.central.central.url, code, ...(method === 'syncEnroll' ? { fingerprint: null } : {}) });
        expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');
      }
    }
    await enroll();
    // Refused by main before anything is sent (a code of another counter, which the server would refuse too).
    const again = await pair.counter.call('syncEnroll', { address: pair.central.central.url, code: await pair.central.code('C02'), fingerprint: null });
    expect(!again.ok && again.error.code).toBe('SYNC_ALREADY_ENROLLED');
  });

  it('words the central system’s refusal of a wrong or used code in the counter’s catalog', async () => {
    await pair.counter.signInAs(ADMIN);
    const wrong = await pair.counter.call('syncEnroll', { address: pair.central.central.url, code: 'ABCD-EFGH-JKLM-NPQR', fingerprint: null });
    expect(!wrong.ok && wrong.error.code).toBe('SYNC_ENROLLMENT_CODE_INVALID');
    expect(!wrong.ok && zhText(wrong.error)).toBe('登记码不正确，请核对后重新输入。');
    // The status line has nothing to show yet: not enrolled.
    expect(await status()).toMatchObject({ enrolled: false, serverUrl: null });
  });

  it('refuses plain HTTP to anything but this machine, before any connection', async () => {
    await pair.counter.signInAs(ADMIN);
    for (const address of ['http://10.0.0.8:8780', 'http://pair.central.example.cn', 'http://128.0.0.1:8780']) {
      const refused = await pair.counter.call('syncEnrollPreview', { address, code: 'ABCD-EFGH-JKLM-NPQR' });
      expect(!refused.ok && refused.error.code, address).toBe('SYNC_INSECURE_TRANSPORT');
    }
  });

  it('wraps the device’s data secret under the escrow key and deposits it in the first round', async () => {
    await enroll();
    expect((await status()).escrowPending).toBe(true);
    value(await pair.counter.call('syncNow'));
    expect((await status()).escrowPending).toBe(false);
    const deposit = await pair.central.central.context.central.db.selectFrom('escrow_deposits').selectAll().where('device_id', '=', pair.counter.device.deviceId).executeTakeFirstOrThrow();
    const opened = privateDecrypt(
      { key: createPrivateKey(await readFile(pair.central.escrowPrivateKeyFile)), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(deposit.wrapped_key, 'base64'),
    );
    const secret = await readDataSecret({ dataDir: pair.counter.dataDir, secrets: createKeyFileSecretStore(path.join(pair.counter.dataDir, FALLBACK_SECRET_KEY_FILE)) });
    expect(opened.equals(Buffer.from(secret))).toBe(true);
    // Sent once: another round does not deposit again (the server would refuse another wrapping).
    value(await pair.counter.call('syncNow'));
    expect((await status()).lastError).toBeNull();
  });
});

describe('push of a real sealed archive', () => {
  it('sends every record and letter, keeps each verified receipt, and the unsent count goes to 0', async () => {
    await enroll();
    const records: SealedRecord[] = [];
    for (let i = 1; i <= 3; i += 1) records.push(await pair.counter.sealWithLetter(`draft-${i}`));
    const before = await status();
    expect(before).toMatchObject({ enrolled: true, unsentRecords: 3, receiptedHead: { ledgerSeq: 0, auditSeq: 0 }, lastSuccessAt: null });
    expect(before.unsentBytes).toBeGreaterThan(3 * 1000);

    const after = value(await pair.counter.call<SyncStatus>('syncNow'));
    expect(after).toMatchObject({ unsentRecords: 0, unsentBytes: 0, lastError: null, problems: 0, progress: null, clockSkewWarning: false });
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after.receiptedHead.ledgerSeq).toBe(6);
    expect(Math.abs(after.clockSkewSeconds!)).toBeLessThan(5);

    // The central system holds exactly the ledger lines and files this device archived.
    const held = await pair.central.central.context.central.db.selectFrom('ledger_entries').select(['seq', 'line', 'file']).where('device_id', '=', pair.counter.device.deviceId).orderBy('seq').execute();
    const ledger = (await readFile(path.join(pair.counter.archiveDir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(held.map((row) => row.line)).toEqual(ledger);
    for (const row of held) {
      const line = JSON.parse(row.line) as { relativePath: string };
      expect(Buffer.from(row.file).equals(await readFile(path.join(pair.counter.archiveDir, ...line.relativePath.split('/'))))).toBe(true);
    }
    // And the audit log up to what was written before the push's answer.
    expect(after.receiptedHead.auditSeq).toBeGreaterThan(0);

    // The receipts are on disk as signed, 0600, and the records say they are receipted.
    const receiptsFile = path.join(pair.counter.dataDir, RECEIPTS_DIR, RECEIPTS_FILE);
    expect((await stat(receiptsFile)).mode & 0o777).toBe(0o600);
    const receipts = (await readFile(receiptsFile, 'utf8')).trim().split('\n').map((line) => signedReceiptSchema.parse(JSON.parse(line)));
    expect(receipts.flatMap((receipt) => receipt.statement.entries.map((entry) => entry.seq))).toEqual([1, 2, 3, 4, 5, 6]);
    const day = shanghaiDate(new Date(records[0]!.timestamps.sealedAt));
    const listed = value(await pair.counter.call<RecordSummary[]>('sealedRecords', { day }));
    expect(listed).toHaveLength(3);
    for (const summary of listed) expect(summary.receiptedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // The archive keeps everything: nothing was deleted by sending it.
    expect((await readFile(path.join(pair.counter.archiveDir, 'ledger.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(6);
  });

  it('counts a case sealed after the push as unsent until the next round, its record not receipted meanwhile', async () => {
    await enroll();
    await pair.counter.sealWithLetter('draft-1');
    value(await pair.counter.call('syncNow'));
    const late = await pair.counter.sealWithLetter('draft-2');
    expect(await status()).toMatchObject({ unsentRecords: 1 });
    const listed = value(await pair.counter.call<RecordSummary[]>('sealedRecords', { day: shanghaiDate(new Date(late.timestamps.sealedAt)) }));
    expect(listed.find((summary) => summary.caseNumber === late.caseNumber)!.receiptedAt).toBeNull();
    expect(value(await pair.counter.call<SyncStatus>('syncNow')).unsentRecords).toBe(0);
  });

  it('reads its receipts again after a restart (and a receipt typed into the file proves nothing)', async () => {
    await enroll();
    await pair.counter.sealWithLetter('draft-1');
    value(await pair.counter.call('syncNow'));
    await pair.counter.sealWithLetter('draft-2');
    // A forger adds a receipt for the second case, signed by nobody.
    const receiptsFile = path.join(pair.counter.dataDir, RECEIPTS_DIR, RECEIPTS_FILE);
    const [first] = (await readFile(receiptsFile, 'utf8')).trim().split('\n');
    const forged = JSON.parse(first!) as { statement: { entries: Array<{ seq: number }> } };
    forged.statement.entries = forged.statement.entries.map((entry) => ({ ...entry, seq: entry.seq + 2 }));
    await import('node:fs/promises').then((fs) => fs.appendFile(receiptsFile, `${JSON.stringify(forged)}\n`));
    const restarted = await startSyncCounterOn(pair.counter);
    const read = value(await restarted.call<SyncStatus>('syncStatus'));
    expect(read).toMatchObject({ enrolled: true, unsentRecords: 1, receiptedHead: { ledgerSeq: 2 } });
  });

  it('lists a line whose file was altered here as a problem for the supervisor, and sends nothing from it on', async () => {
    await enroll();
    await pair.counter.sealWithLetter('draft-1');
    const record = await pair.counter.sealWithLetter('draft-2');
    const day = shanghaiDate(new Date(record.timestamps.sealedAt)).replaceAll('-', '');
    const folder = path.join(pair.counter.archiveDir, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`, 'C01');
    const letter = path.join(folder, `${record.caseNumber}.pdf`);
    const bytes = await readFile(letter);
    bytes[bytes.length - 3]! ^= 0x01;
    await import('node:fs/promises').then((fs) => fs.writeFile(letter, bytes));

    const after = value(await pair.counter.call<SyncStatus>('syncNow'));
    expect(after).toMatchObject({ problems: 1, receiptedHead: { ledgerSeq: 3 }, unsentRecords: 1 });
    expect(after.lastError?.code).toBe('SYNC_BLOCKED');
    expect(zhText(after.lastError!)).toContain('台账第 4 行');
    await pair.counter.signInAs(SUPERVISOR);
    const problems = value(await pair.counter.call<SyncProblem[]>('syncProblems'));
    expect(problems).toEqual([{ log: 'ledger', seq: 4, caseNumber: record.caseNumber, status: 'invalid', code: 'LOCAL_FILE_ALTERED', reason: null, at: expect.any(String) }]);
    // A clerk does not get the list.
    await pair.counter.signInAs(CLERK);
    const refused = await pair.counter.call('syncProblems');
    expect(!refused.ok && refused.error.code).toBe('ROLE_REFUSED');
  });
});

describe('the automatic loop', () => {
  it('pushes a case within seconds of its seal, with no 立即同步', async () => {
    await pair.counter.remove();
    const stop = new AbortController();
    pair.counter = await startSyncCounter({ sync: { automatic: true, stop: stop.signal } });
    onTestFinished(() => stop.abort());
    await enroll();
    await pair.counter.sealWithLetter('draft-1');
    expect((await status()).unsentRecords).toBe(1);
    const deadline = Date.now() + 15_000;
    while ((await status()).unsentRecords > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await status()).toMatchObject({ unsentRecords: 0, lastError: null, escrowPending: false });
    stop.abort();
  }, 30_000);
});

describe('clock skew', () => {
  it('beyond 300 s it is shown and written into the records sealed meanwhile; within it, records are as before', async () => {
    await pair.counter.remove();
    await pair.central.close();
    // The central system's clock runs ten minutes behind this device's.
    pair.central = await startSyncCentral({ now: () => new Date(Date.now() - 10 * 60_000) });
    pair.counter = await startSyncCounter();
    await enroll();
    const before = await pair.counter.sealWithLetter('draft-1');
    expect(before.clockSkew).toBeUndefined();
    const after = value(await pair.counter.call<SyncStatus>('syncNow'));
    expect(after.clockSkewWarning).toBe(true);
    expect(after.clockSkewSeconds).toBeGreaterThan(590);
    const skewed = await pair.counter.sealWithLetter('draft-2');
    expect(skewed.clockSkew).toEqual({ seconds: expect.any(Number), observedAt: expect.any(String) });
    expect(skewed.clockSkew!.seconds).toBeGreaterThan(590);
    // Bound by the record's hash and signature like every other field, and accepted by the central system.
    expect(value(await pair.counter.call<SyncStatus>('syncNow'))).toMatchObject({ unsentRecords: 0, problems: 0 });
  });
});

/** The same folders opened by a fresh set of services, as after a restart of the app. */
const startSyncCounterOn = async (existing: SyncCounter) => {
  const { testHandlers, callOn } = await import('./fixtures/test-host');
  const handlers = testHandlers({ dataDir: existing.dataDir, archiveDir: existing.archiveDir, sync: { automatic: false } });
  await callOn(handlers, 'signIn', { clerkId: CLERK.clerkId, pin: CLERK.pin });
  return { call: <T>(method: string, arg: unknown = {}) => callOn<T>(handlers, method, arg) };
};
