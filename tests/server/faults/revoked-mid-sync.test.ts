import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { RecordSummary, SyncStatus } from '../../../shared/contract/host-contract';
import { shanghaiDate } from '../../../shared/domain/case-number';
import type { SealedRecord } from '../../../shared/domain/sealed-record';
import { zhText } from '../../unit/fixtures/host-text';
import { startSyncCounter } from '../../unit/fixtures/sync-counter';
import { value } from '../../unit/fixtures/test-host';
import { describeOnBackend } from '../fixtures/backends';
import { counterLedger, counterReceipts, enrollAt, heldLedger, openDeployment, receiptMismatch, restartableServer, runServerCli, startBalancer } from '../fixtures/fault-pg';

/**
 * A device revoked by the administrator (the server CLI's `revoke`) in the middle of its push: the
 * first batch is stored and receipted, then — before the second batch reaches the server — the device
 * is revoked. The rest is refused 403 DEVICE_REVOKED and nothing of it is stored; what was stored
 * before stays, its receipt valid; the counter says so in Chinese, keeps every line it has not sent
 * (and goes on sealing), and does not hammer the server: one refused request per round. Enrolled
 * again, it delivers the rest.
 */
const CASES = 10;
/**
 * The first two cases' letters are large: two of them exceed a batch (push-batches.ts aims at 8 MB
 * of body), so the push takes two — the first case and the second's record, then all the rest.
 */
const BIG_LETTERS = 2;
const LETTER_BYTES = 3_500_000;
const REASON = '设备遗失，停止同步';

// SQLite alone: the refusal comes from the device row as every backend reads it, and a second private
// PostgreSQL would double the file's time.
describeOnBackend('sqlite', 'a device revoked mid-sync, against the server process', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('refuses the rest of the push, stores nothing after the revocation, keeps what came before, and the counter loses nothing', async () => {
    const database = await backend().fresh();
    const deployment = await openDeployment(database);
    cleanup.push(() => deployment.close());
    const server = await restartableServer(database, cleanup);

    let pushes = 0;
    let revokedAtRequest = -1;
    let revocation: { code: number | null; stdout: string; stderr: string } | null = null;
    const counter = await startSyncCounter({ counterId: 'C01' });
    cleanup.push(() => counter.remove());
    const balancer = await startBalancer({
      targets: () => [server.url!],
      pick: () => 0,
      // The second batch waits at the balancer until the administrator's revocation is done.
      hold: async (request) => {
        if (request.path !== '/v1/push' || ++pushes !== 2) return;
        revokedAtRequest = request.index;
        revocation = await runServerCli(database, ['revoke', '--device', counter.device.deviceId, '--reason', REASON]);
      },
    });
    cleanup.push(() => balancer.close());
    await enrollAt(deployment, counter, balancer.url, 'C01');

    const records: SealedRecord[] = [];
    for (let i = 0; i < CASES; i += 1) records.push(await counter.sealWithLetter(`draft-${i}`, i < BIG_LETTERS ? LETTER_BYTES : 0));
    const ledgerBefore = await counterLedger(counter);
    expect(ledgerBefore).toHaveLength(2 * CASES);

    const status = value(await counter.call<SyncStatus>('syncNow'));
    expect(revocation).toMatchObject({ code: 0 });
    expect(revocation!.stdout).toContain('已吊销');

    // The round stopped at the refusal: the held batch was the last request, nothing was retried.
    const afterRevocation = balancer.requests.slice(revokedAtRequest);
    expect(afterRevocation.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/push']);

    // The counter words it in Chinese and keeps the device's enrollment (the administrator decides).
    expect(status.lastError?.code).toBe('SYNC_DEVICE_REVOKED');
    expect(zhText(status.lastError!)).toContain('吊销');
    expect(status.enrolled).toBe(true);
    // With the administrator's reason, as the central system gave it.
    expect(status.revoked?.reason).toContain(REASON);

    // Stored: exactly the first batch, each line once, received before the revocation.
    const receipts = await counterReceipts(counter);
    expect(receipts).toHaveLength(1);
    const receiptedSeqs = receipts[0]!.statement.entries.map((entry) => entry.seq);
    expect(receiptedSeqs).toEqual([1, 2, 3]);
    expect(receiptedSeqs.length).toBeGreaterThan(0);
    expect(receiptedSeqs.length).toBeLessThan(2 * CASES);
    const held = await heldLedger(deployment, counter.device.deviceId);
    expect(held.map((row) => Number(row.seq))).toEqual(receiptedSeqs);
    expect(held.map((row) => row.line)).toEqual(ledgerBefore.slice(0, receiptedSeqs.length));
    const device = await deployment.central.db.selectFrom('devices').select(['revoked_at', 'revoked_reason']).where('device_id', '=', counter.device.deviceId).executeTakeFirstOrThrow();
    expect(device.revoked_reason).toBe(REASON);
    for (const row of held) expect(Date.parse(row.received_at)).toBeLessThan(Date.parse(device.revoked_at!));
    expect(await deployment.central.db.selectFrom('pending_entries').select('seq').execute()).toEqual([]);
    expect(await receiptMismatch(deployment, counter)).toBeNull();

    // Nothing lost on the counter: every line and its file still there, the rest counted unsent.
    const fullySent = records.filter((record) => receipts[0]!.statement.entries.filter((entry) => entry.caseNumber === record.caseNumber).length === 2);
    expect(status.unsentRecords).toBe(CASES - fullySent.length);
    expect(status.unsentRecords).toBeGreaterThan(0);
    expect(status.receiptedHead.ledgerSeq).toBe(receiptedSeqs.length);
    const ledger = await counterLedger(counter);
    expect(ledger).toEqual(ledgerBefore);
    for (const line of ledger) {
      const entry = JSON.parse(line) as { relativePath: string; sha256: string };
      const bytes = await readFile(path.join(counter.archiveDir, ...entry.relativePath.split('/')));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    // The record lists are by day in Asia/Shanghai (a run may straddle its midnight).
    const listed: RecordSummary[] = [];
    for (const day of new Set(records.map((record) => shanghaiDate(new Date(record.timestamps.sealedAt))))) listed.push(...value(await counter.call<RecordSummary[]>('sealedRecords', { day })));
    for (const record of records) {
      const summary = listed.find((candidate) => candidate.caseNumber === record.caseNumber)!;
      expect(summary.receiptedAt === null, record.caseNumber).toBe(!fullySent.includes(record));
    }

    // The clerk goes on sealing; 立即同步 asks once, is refused once, and stores nothing.
    await counter.sealWithLetter('draft-late');
    const requestsBefore = balancer.requests.length;
    const again = value(await counter.call<SyncStatus>('syncNow'));
    expect(balancer.requests.slice(requestsBefore).map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/push']);
    expect(again).toMatchObject({ unsentRecords: CASES - fullySent.length + 1, receiptedHead: { ledgerSeq: receiptedSeqs.length } });
    expect(again.lastError?.code).toBe('SYNC_DEVICE_REVOKED');
    expect((await heldLedger(deployment, counter.device.deviceId)).length).toBe(receiptedSeqs.length);
    expect(await counterReceipts(counter)).toHaveLength(1);

    // Enrolled again (a new code for this counter): the device's unsent lines go up where the
    // central system's copy stopped, and it then holds the whole ledger, each line once.
    await enrollAt(deployment, counter, balancer.url, 'C01');
    const resumed = value(await counter.call<SyncStatus>('syncNow'));
    expect(resumed).toMatchObject({ unsentRecords: 0, lastError: null, problems: 0, revoked: null, receiptedHead: { ledgerSeq: 2 * CASES + 2 } });
    expect((await heldLedger(deployment, counter.device.deviceId)).map((row) => row.line)).toEqual(await counterLedger(counter));
    expect(await receiptMismatch(deployment, counter)).toBeNull();
  }, 90_000);
});
