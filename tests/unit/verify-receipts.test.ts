import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILE, parseLedger, type LedgerEntry } from '../../electron/services/archive-ledger';
import { toHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { loadSuite } from '../../electron/services/crypto/suite';
import { serverKeyCommand } from '../../server/cli/server-key';
import { revokeDevice } from '../../server/devices/revoke-device';
import { RECORD_INDEX_FILE } from '../../electron/services/records/record-index';
import { RECEIPTS_DIR, RECEIPTS_FILE } from '../../electron/services/sync/receipt-store';
import type { PublicKeyInfo } from '../../shared/sync/enroll';
import { receiptStatementText, signedReceiptSchema } from '../../shared/sync/push';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { main, verifyFolder } from '../../scripts/verify';
import { NEWEST_DELETION_NOTE, RECEIPTS_NOT_ANCHORED_NOTE } from '../../scripts/verify-text';
import { pdfBytes } from './fixtures/archive-fixtures';
import { reviewedDraft } from './fixtures/case-fixtures';
import { ADMIN, CLERK, enrollWith, startSyncCentral, startSyncCounter, type SyncCentral, type SyncCounter } from './fixtures/sync-counter';
import { callOn, testHandlers, value } from './fixtures/test-host';

/**
 * `npm run verify` with the central system's receipts: the receipted lines are the anchor the archive
 * alone lacks. Archives and receipts are made by the counter's real services and the real central
 * system (立即同步 writes receipts.jsonl); then the archive is cut short or rewritten as an insider
 * with the device would, and the verifier must name it — where without receipts it cannot.
 */
let central: SyncCentral & { dataDir: string };
let counter: SyncCounter;
let serverKey: PublicKeyInfo;
let synced: SealedRecord[];

const receiptsFile = () => path.join(counter.dataDir, RECEIPTS_DIR, RECEIPTS_FILE);
const inlineKey = (key: PublicKeyInfo) => `${key.suite}:${key.publicKey}`;
/** `npm run server -- server-key` on the central system's data folder: its `--server-key` column. */
const keyListedByTheServer = async (): Promise<string> => {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  await serverKeyCommand(['--data', central.dataDir]).finally(() => log.mockRestore());
  const listed = lines.slice(1).map((line) => line.split('\t'));
  expect(listed).toEqual([[serverKey.keyId, expect.any(String), '在用', inlineKey(serverKey)]]);
  return listed[0]![3]!;
};
const ledgerOf = async (): Promise<LedgerEntry[]> => parseLedger(await readFile(path.join(counter.archiveDir, LEDGER_FILE), 'utf8')).entries;
const withReceipts = (file = receiptsFile(), key = serverKey) => verifyFolder(counter.archiveDir, [], 1, { file, serverKey: key });

/** Removes every ledger line from `seq` on, with the files they describe: the newest records gone without a trace in the archive. */
const cutFrom = async (seq: number): Promise<LedgerEntry[]> => {
  const entries = await ledgerOf();
  const text = await readFile(path.join(counter.archiveDir, LEDGER_FILE), 'utf8');
  const kept = text.split('\n').filter(Boolean).slice(0, seq - 1);
  await writeFile(path.join(counter.archiveDir, LEDGER_FILE), kept.map((line) => `${line}\n`).join(''));
  const removed = entries.filter((entry) => entry.seq >= seq);
  for (const entry of removed) await rm(path.join(counter.archiveDir, ...entry.relativePath.split('/')));
  return removed;
};

beforeEach(async () => {
  central = await startSyncCentral();
  counter = await startSyncCounter();
  await enrollWith(central, counter);
  synced = [await counter.sealWithLetter('draft-1'), await counter.sealWithLetter('draft-2')];
  value(await counter.call('syncNow'));
  serverKey = central.central.context.signer.info;
});
afterEach(async () => {
  await counter.remove();
  await central.close();
});

describe('npm run verify --receipts', () => {
  it('anchors the archive at the newest receipted line and says how many lines after it are not anchored', async () => {
    const unsent = await counter.sealWithLetter('draft-3');
    const result = await withReceipts();
    expect(result.sound).toBe(true);
    expect(result.text).toContain(`回执锚定：台账第 4 行（案件 ${synced[1]!.caseNumber}，服务器序号`);
    expect(result.text).toContain('其后 2 行尚未签收，删除它们仍无法发现');
    expect(result.text).not.toContain(NEWEST_DELETION_NOTE);
    expect(result.text).not.toContain(unsent.caseNumber);

    // The data folder instead of the file, and the key as a JSON file: found and read the same way.
    const keyFile = path.join(counter.root, 'server-key.json');
    await writeFile(keyFile, JSON.stringify(serverKey));
    expect(await main([counter.archiveDir, '--receipts', counter.dataDir, '--server-key', keyFile])).toBe(0);
  });

  it('names the newest records deleted with their ledger lines — which the archive alone cannot show', async () => {
    const removed = await cutFrom(3);
    expect(removed.map((entry) => entry.caseNumber)).toEqual([synced[1]!.caseNumber, synced[1]!.caseNumber]);
    const alone = await verifyFolder(counter.archiveDir, [], 1);
    expect(alone.sound).toBe(true);
    expect(alone.text).toContain(NEWEST_DELETION_NOTE);

    const result = await withReceipts();
    expect(result.sound).toBe(false);
    expect(result.text).toMatch(
      new RegExp(`台账第 3–4 行（案件 ${synced[1]!.caseNumber}）已由中心系统签收（服务器序号 \\d+–\\d+，签收时间 [0-9T:.Z-]+），本地台账中却没有：最新的记录连同台账行被删除`),
    );
    expect(result.text).not.toContain('回执锚定');
    expect(result.text).toContain(RECEIPTS_NOT_ANCHORED_NOTE);

    // The command as an auditor runs it, with the key the central system's own command lists: exit code 1, the finding on its output.
    const child = spawnSync('npx', ['tsx', 'scripts/verify.ts', counter.archiveDir, '--receipts', receiptsFile(), '--server-key', await keyListedByTheServer()], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.status).toBe(1);
    expect(child.stdout).toContain('本地台账中却没有：最新的记录连同台账行被删除');
  });

  it('names a rewritten history even when the rewritten chain verifies, signed by the device itself', async () => {
    await cutFrom(3);
    // The same counter started again on the cut archive, its case index dropped (it is rebuilt from the
    // archive, a documented recovery), seals another case in the deleted one's place.
    await rm(path.join(counter.dataDir, RECORD_INDEX_FILE));
    const again = testHandlers({ dataDir: counter.dataDir, archiveDir: counter.archiveDir, sync: { automatic: false } });
    value(await callOn(again, 'signIn', { clerkId: CLERK.clerkId, pin: CLERK.pin }));
    const other = value(await callOn<SealedRecord>(again, 'sealCase', { draft: reviewedDraft(counter.device, { clerkId: CLERK.clerkId, name: CLERK.name }, 'draft-9') }));
    value(await callOn(again, 'archiveLetter', { caseNumber: other.caseNumber, pdfBase64: pdfBytes(other.caseNumber).toString('base64') }));
    const rewritten = (await ledgerOf()).filter((entry) => entry.seq >= 3);
    expect(rewritten.map((entry) => entry.seq)).toEqual([3, 4]);
    expect(rewritten[0]!.recordHash).not.toBe(synced[1]!.hash);

    const alone = await verifyFolder(counter.archiveDir, [], 1);
    expect(alone.sound).toBe(true);

    const result = await withReceipts();
    expect(result.sound).toBe(false);
    expect(result.text).toMatch(new RegExp(`台账第 3–4 行与中心系统签收的不同（签收时为案件 ${synced[1]!.caseNumber}，服务器序号 \\d+–\\d+，签收时间 [^；]+；${other.caseNumber === synced[1]!.caseNumber ? '本地同一案件号下现为另一内容' : `本地现为案件 ${other.caseNumber}`}）：本地历史被改写`));
    expect(result.text).not.toContain('台账第 1');
  });

  it('names an audit log cut short below the audit head the central system receipted', async () => {
    const auditFile = path.join(counter.archiveDir, 'audit.jsonl');
    const lines = (await readFile(auditFile, 'utf8')).split('\n').filter(Boolean);
    await writeFile(auditFile, lines.slice(0, 3).map((line) => `${line}\n`).join(''));
    expect((await verifyFolder(counter.archiveDir, [], 1)).sound).toBe(true);
    const result = await withReceipts();
    expect(result.sound).toBe(false);
    expect(result.text).toMatch(/审计日志第 \d+ 条已由中心系统签收（回执第 1 行），本地审计日志中却没有：审计日志被截短/);
  });

  it('refuses receipts not signed by the given central key: a forged signature, and a key that is not the server’s', async () => {
    const suite = await loadSuite(serverKey.suite);
    const pair = suite.generateKeyPair();
    const lines = (await readFile(receiptsFile(), 'utf8')).split('\n').filter(Boolean);
    const forged = lines.map((line) => {
      const receipt = signedReceiptSchema.parse(JSON.parse(line));
      return JSON.stringify({ ...receipt, signature: toHex(suite.sign(pair.privateKey, pair.publicKey, utf8Bytes(receiptStatementText(receipt.statement)))) });
    });
    const forgedFile = path.join(counter.root, 'forged.jsonl');
    await writeFile(forgedFile, forged.map((line) => `${line}\n`).join(''));
    const result = await withReceipts(forgedFile);
    expect(result.sound).toBe(false);
    expect(result.text).toContain('回执第 1 行：签名不成立（回执被改动或伪造）');
    expect(result.text).not.toContain('回执锚定');

    const impostor = { suite: serverKey.suite, publicKey: toHex(pair.publicKey), keyId: 'ab'.repeat(16) };
    const wrongKey = await withReceipts(receiptsFile(), impostor);
    expect(wrongKey.sound).toBe(false);
    expect(wrongKey.text).toContain('回执第 1 行：签名所用密钥不是给定的中心系统公钥');
  });

  it('names the receipts of another device: the one that replaced this counter at its window', async () => {
    const second = await startSyncCounter();
    try {
      await revokeDevice(central.central.context.central.db, { deviceId: counter.device.deviceId, reason: '更换设备', now: new Date() });
      await second.signInAs(ADMIN);
      const code = await central.code();
      value(await second.call('syncEnroll', { address: central.central.url, code, fingerprint: null }));
      await second.sealWithLetter('draft-b');
      value(await second.call('syncNow'));
      const result = await withReceipts(path.join(second.dataDir, RECEIPTS_DIR, RECEIPTS_FILE));
      expect(result.sound).toBe(false);
      expect(result.text).toContain(`是另一台终端（${second.device.deviceId}）的回执，不属于本档案`);
    } finally {
      await second.remove();
    }
  });

  it('answers 2 for receipts without the central key, a missing receipts file, and 0 for --help', async () => {
    expect(await main([counter.archiveDir, '--receipts', receiptsFile()])).toBe(2);
    expect(await main([counter.archiveDir, '--receipts', path.join(counter.root, 'none.jsonl'), '--server-key', inlineKey(serverKey)])).toBe(2);
    expect(await main([counter.archiveDir, '--server-key', 'intl:04zz'])).toBe(2);
    expect(await main(['--help'])).toBe(0);
  });
});
