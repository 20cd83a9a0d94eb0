import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FALLBACK_SECRET_KEY_FILE } from '../../electron/services/identity';
import { createKeyFileSecretStore } from '../../electron/services/key-file-secret-store';
import { loadSuite } from '../../electron/services/crypto/suite';
import { toHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { createCredentialsStore, type SyncCredentials } from '../../electron/services/sync/credentials-store';
import { createOutbox } from '../../electron/services/sync/outbox';
import { pushAll, PUSH_PATH } from '../../electron/services/sync/push';
import { createReceiptStore, RECEIPTS_DIR, RECEIPTS_FILE } from '../../electron/services/sync/receipt-store';
import { createSyncClient } from '../../electron/services/sync/sync-client';
import { serverRefusal } from '../../electron/services/sync/sync-error';
import type { SyncHttp } from '../../electron/services/sync/sync-http';
import { createSyncStateStore } from '../../electron/services/sync/sync-state';
import type { SyncStatus } from '../../shared/contract/host-contract';
import { receiptStatementText, type PushRequest, type PushResponse, type SignedReceipt } from '../../shared/sync/push';
import { enrollWith, startSyncCentral, startSyncCounter, type SyncCentral, type SyncCounter } from './fixtures/sync-counter';
import { value } from './fixtures/test-host';

/**
 * A receipt is trusted only when the pinned server key signed it and it speaks of exactly the lines
 * this device holds; conflicts and refusals stop the push at the line. The push code runs on the
 * counter's real folders, against the real central system or a client that changes its answers.
 */
let central: SyncCentral;
let counter: SyncCounter;
let credentials: SyncCredentials;

beforeEach(async () => {
  central = await startSyncCentral();
  counter = await startSyncCounter();
  await enrollWith(central, counter);
  await counter.sealWithLetter('draft-1');
  await counter.sealWithLetter('draft-2');
  credentials = (await createCredentialsStore(counter.dataDir, createKeyFileSecretStore(path.join(counter.dataDir, FALLBACK_SECRET_KEY_FILE))).read())!;
});
afterEach(async () => {
  await counter.remove();
  await central.close();
});

const realClient = () => createSyncClient({ origin: credentials.origin, token: credentials.token, pin: credentials.pin });

/** A client whose push answers pass through `change` on their way back. */
const changing = (change: (answer: PushResponse, request: PushRequest) => PushResponse | Promise<PushResponse>, requests: PushRequest[] = []): SyncHttp => {
  const real = realClient();
  return {
    ...real,
    postJson: async (url, body, schema) => {
      const answer = await real.postJson(url, body, schema);
      if (url !== PUSH_PATH) return answer;
      requests.push(body as PushRequest);
      return (await change(answer as PushResponse, body as PushRequest)) as never;
    },
  };
};

const push = (client: SyncHttp) =>
  pushAll({
    client,
    outbox: createOutbox(counter.archiveDir),
    receipts: createReceiptStore(counter.dataDir),
    credentials,
    state: createSyncStateStore(counter.dataDir),
    now: () => new Date(),
    progress: () => undefined,
  });

const receiptsFile = () => path.join(counter.dataDir, RECEIPTS_DIR, RECEIPTS_FILE);
const unsent = async () => value(await counter.call<SyncStatus>('syncStatus')).unsentRecords;

/** Signed with the central system's real key: only the entry check can catch what it says. */
const resign = async (receipt: SignedReceipt, statement: SignedReceipt['statement']): Promise<SignedReceipt> => ({
  ...receipt,
  statement,
  signature: central.central.context.signer.sign(receiptStatementText(statement)),
});

describe('a receipt is checked before it counts', () => {
  it('refuses a receipt whose signature was altered: nothing is kept and the lines stay unsent', async () => {
    const flipped = changing((answer) => ({
      ...answer,
      receipt: { ...answer.receipt!, signature: `${answer.receipt!.signature.slice(0, -1)}${answer.receipt!.signature.endsWith('0') ? '1' : '0'}` },
    }));
    await expect(push(flipped)).rejects.toMatchObject({ code: 'RECEIPT_INVALID', message_: { key: 'host.sync.receipt_invalid', params: { reason: 'signature' } } });
    await expect(readFile(receiptsFile())).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await unsent()).toBe(2);
  });

  it('refuses a receipt the server key really signed but about another file than the one sent', async () => {
    const otherFile = changing(async (answer) => {
      const [first, ...rest] = answer.receipt!.statement.entries;
      const statement = { ...answer.receipt!.statement, entries: [{ ...first!, sha256: 'f'.repeat(64) }, ...rest] };
      return { ...answer, receipt: await resign(answer.receipt!, statement) };
    });
    await expect(push(otherFile)).rejects.toMatchObject({ code: 'RECEIPT_INVALID', message_: { params: { reason: 'entry' } } });
    expect(await unsent()).toBe(2);
  });

  it('refuses a receipt that leaves out a line the server said it stored', async () => {
    const short = changing(async (answer) => {
      const statement = { ...answer.receipt!.statement, entries: answer.receipt!.statement.entries.slice(1) };
      return { ...answer, receipt: await resign(answer.receipt!, statement) };
    });
    await expect(push(short)).rejects.toMatchObject({ code: 'RECEIPT_INVALID', message_: { params: { reason: 'missing_entry' } } });
  });

  it('refuses a receipt signed by any key but the one pinned at enrollment', async () => {
    const suite = await loadSuite('intl');
    const pair = suite.generateKeyPair();
    const impostor = changing((answer) => ({
      ...answer,
      receipt: { ...answer.receipt!, signature: toHex(suite.sign(pair.privateKey, pair.publicKey, utf8Bytes(receiptStatementText(answer.receipt!.statement)))) },
    }));
    await expect(push(impostor)).rejects.toMatchObject({ code: 'RECEIPT_INVALID', message_: { params: { reason: 'signature' } } });
  });

  it('keeps an untouched receipt and counts its lines as sent', async () => {
    const outcome = await push(realClient());
    expect(outcome).toEqual({ receipted: 4, blockedAt: null });
    expect((await readFile(receiptsFile(), 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(await unsent()).toBe(0);
  });
});

describe('a refused line stops the push of its log there', () => {
  it('a conflict answered for a line goes into the problem list; later rounds send no ledger line from it on', async () => {
    const requests: PushRequest[] = [];
    // The central system says it holds another line 3 (a fork): what it stored before that is receipted.
    const forked = changing(async (answer) => {
      const statement = { ...answer.receipt!.statement, entries: answer.receipt!.statement.entries.filter((entry) => entry.seq < 3) };
      return {
        ...answer,
        results: answer.results.map((result) => (result.seq >= 3 ? { seq: result.seq, status: 'conflict' as const, reason: '中心系统在此位置已有另一行' } : result)),
        receipt: await resign(answer.receipt!, statement),
      };
    }, requests);
    expect(await push(forked)).toEqual({ receipted: 2, blockedAt: 3 });
    const state = await createSyncStateStore(counter.dataDir).read();
    expect(state.problems.map(({ log, seq, status, reason }) => ({ log, seq, status, reason }))).toEqual([
      { log: 'ledger', seq: 3, status: 'conflict', reason: '中心系统在此位置已有另一行' },
      { log: 'ledger', seq: 4, status: 'conflict', reason: '中心系统在此位置已有另一行' },
    ]);
    await counter.sealWithLetter('draft-3');
    requests.length = 0;
    await push(realClient());
    await push(forked);
    expect(requests.flatMap((request) => request.ledger.map((item) => JSON.parse(item.line).seq as number))).toEqual([]);
    // (This test's push runs beside the services, whose own state store it does not share.)
    expect((await createSyncStateStore(counter.dataDir).read()).problems).toHaveLength(2);
    expect(value(await counter.call<SyncStatus>('syncStatus'))).toMatchObject({ unsentRecords: 2, receiptedHead: { ledgerSeq: 2 } });
  });

  it('a batch refused whole names its line (ledger[1]): the lines before it go, nothing from it on', async () => {
    const requests: PushRequest[] = [];
    const refusing: SyncHttp = {
      ...realClient(),
      postJson: async (url, body, schema) => {
        const request = body as PushRequest;
        requests.push(request);
        const seqs = request.ledger.map((item) => JSON.parse(item.line).seq as number);
        if (seqs.includes(2)) throw serverRefusal('RECORD_INVALID', 422, '第 2 行的文件与台账所记摘要不符', `ledger[${seqs.indexOf(2)}].file`);
        return realClient().postJson(url, body, schema);
      },
    };
    expect(await push(refusing)).toEqual({ receipted: 1, blockedAt: 2 });
    expect(requests.map((request) => request.ledger.map((item) => JSON.parse(item.line).seq as number))).toEqual([[1, 2, 3, 4], [1]]);
    const [problem] = (await createSyncStateStore(counter.dataDir).read()).problems;
    expect(problem).toMatchObject({ log: 'ledger', seq: 2, status: 'refused', code: 'RECORD_INVALID', reason: '第 2 行的文件与台账所记摘要不符' });
  });
});
