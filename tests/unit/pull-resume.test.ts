import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACTIVE_CATALOG_FILE } from '../../electron/services/catalog-store';
import { applyPublication, type ApplyOptions } from '../../electron/services/sync/pull-apply';
import { createPuller } from '../../electron/services/sync/pull-once';
import { createPullState, PULL_STATE_FILE } from '../../electron/services/sync/pull-state';
import type { SyncHttp } from '../../electron/services/sync/sync-http';
import { publishCatalog } from '../../server/publications/publish-catalog';
import { publishRoster } from '../../server/publications/publish-roster';
import { storePublication } from '../../server/publications/store-publication';
import type { RunningCentral } from '../../server/start-central';
import { ORG, published, rosterOf } from '../server/fixtures/pull-fixtures';
import { catalogOf } from './fixtures/pull-catalogs';
import { startPullRig, type MainUnderTest } from './fixtures/pull-main';
import { value } from './fixtures/test-host';

let main: MainUnderTest;
let central: RunningCentral;
let close: () => Promise<void>;
let http: SyncHttp;
let options: ApplyOptions;

beforeEach(async () => {
  ({ main, central, http, options, close } = await startPullRig());
  value(await main.identity.handlers.createAdministrator({ clerkId: 'A001', name: '本机管理员', pin: '111111' }));
});
afterEach(() => close());

const roster = (clerk: string) => published(publishRoster(central.context, { roster: rosterOf(['A001', 'administrator'], [clerk, 'clerk']), scope: ORG.hallA }));
const catalog = (version: number) => published(publishCatalog(central.context, { catalog: catalogOf(version), scope: ORG.province }));

/** Pages of two, as a server under load might answer; optionally failing from the `failFrom`-th request on. */
const pagesOfTwo = (failFrom = Infinity): Pick<SyncHttp, 'getJson'> & { requests: string[] } => {
  const requests: string[] = [];
  return {
    requests,
    getJson: async (route, schema) => {
      requests.push(route);
      if (requests.length >= failFrom) throw new Error('connection reset');
      return http.getJson(route.replace(/limit=\d+/, 'limit=2'), schema);
    },
  };
};

const activations = async () => (JSON.parse(await readFile(path.join(main.dataDir, ACTIVE_CATALOG_FILE), 'utf8')).activations as Array<{ key: string }>).map((a) => a.key);
const audited = async (action: string) => (await main.audit.entries()).filter((entry) => entry.action === action).map((entry) => entry.subject);

it('resumes an interrupted pull from the last applied cursor, applying nothing twice, and keeps what it does not handle', async () => {
  const first = await roster('C001');
  const v2 = await catalog(2);
  const blacklist = await storePublication(central.context, { kind: 'blacklist', scope: ORG.province, body: '{"entries":[]}' });
  const second = await roster('C002');
  const v3 = await catalog(3);
  const state = createPullState(main.dataDir);
  const puller = createPuller({ ...options, state });

  // The connection drops after the first page: its two items stay applied and counted.
  const dropping = pagesOfTwo(2);
  await expect(puller.pullOnce(dropping)).rejects.toThrow('connection reset');
  expect(value(await state.read()).cursor).toBe(v2.seq);
  expect(await activations()).toEqual(['gd-catalog@2']);

  const resumed = pagesOfTwo();
  expect(await puller.pullOnce(resumed)).toEqual({ ok: true, value: {
      cursor: v3.seq,
      applied: 2,
      refused: 0,
      unhandled: 1,
      accountChanges: [
        { clerkId: 'C001', action: 'disable', role: 'clerk' },
        { clerkId: 'C002', action: 'create', role: 'clerk' },
      ],
    },
  });
  expect(resumed.requests).toEqual([`/v1/pull?after=${v2.seq}&limit=50`, `/v1/pull?after=${second.seq}&limit=50`]);

  expect(await activations()).toEqual(['gd-catalog@2', 'gd-catalog@3']);
  expect(await audited('catalog.activate')).toEqual(['gd-catalog@2', 'gd-catalog@3']);
  expect(await audited('roster.apply')).toEqual([`roster@${first.seq}`, `roster@${second.seq}`]);
  expect(value(await main.identity.handlers.listAccounts({})).map((account) => account.clerkId)).toEqual(['A001', 'C002']);

  // Blacklist entries are not applied by this version: kept, signature and all, the cursor past them.
  const read = value(await state.read());
  expect(read.held).toEqual([{ seq: blacklist.seq, kind: 'blacklist', status: 'unhandled', at: expect.any(String) }]);
  expect(await state.held(blacklist.seq)).toEqual(blacklist);
  expect(Object.keys(read.appliedAt).sort()).toEqual(['catalog', 'roster']);

  // Nothing new: one request, nothing applied.
  expect(await puller.pullOnce(http)).toEqual({ ok: true, value: { cursor: v3.seq, applied: 0, refused: 0, unhandled: 0, accountChanges: [] } });
});

it('applies again, idempotently, what was applied but not yet counted when the device stopped', async () => {
  const third = await roster('C003');
  const v4 = await catalog(4);
  // Applied, then the power went before the cursor was written.
  for (const publication of [third, v4]) expect((await applyPublication(publication, options)).ok).toBe(true);
  const entries = (await main.audit.entries()).length;

  const state = createPullState(main.dataDir);
  expect(await createPuller({ ...options, state }).pullOnce(http)).toEqual({ ok: true, value: { cursor: v4.seq, applied: 2, refused: 0, unhandled: 0, accountChanges: [] } });
  expect(await activations()).toEqual(['gd-catalog@4']);
  expect((await main.audit.entries()).length).toBe(entries);
});

it('stops when the server answers out of order, and refuses to start from a damaged state file', async () => {
  await roster('C001');
  await roster('C002');
  const state = createPullState(main.dataDir);
  const puller = createPuller({ ...options, state });
  let calls = 0;
  const repeating: Pick<SyncHttp, 'getJson'> = {
    // The first page again, whatever the cursor: as a server that ignored `after` would.
    getJson: async (route, schema) => {
      calls += 1;
      const page = (await http.getJson(route.replace(/after=\d+/, 'after=0').replace(/limit=\d+/, 'limit=1'), schema)) as { more: boolean };
      return { ...page, more: true } as never;
    },
  };
  expect(await puller.pullOnce(repeating)).toMatchObject({ ok: false, error: { code: 'PULL_OUT_OF_ORDER' } });
  expect(calls).toBe(2);
  expect(value(await state.read()).cursor).toBe(1);

  await writeFile(path.join(main.dataDir, PULL_STATE_FILE), '{"version":1,');
  expect(await puller.pullOnce(http)).toMatchObject({ ok: false, error: { code: 'PULL_STATE_CORRUPT' } });
});
