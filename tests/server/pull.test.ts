import { afterEach, beforeEach, expect, it } from 'vitest';
import { fromHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { revokeDevice } from '../../server/devices/revoke-device';
import { publishCatalog } from '../../server/publications/publish-catalog';
import { publishRoster } from '../../server/publications/publish-roster';
import { pullPage } from '../../server/publications/pull-page';
import type { RunningCentral } from '../../server/start-central';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { publicationStatementText, pullResponseSchema, type Publication, type PullResponse } from '../../shared/sync/pull';
import { serverErrorSchema } from '../../shared/sync/server-error';
import { describeEachBackend } from './fixtures/backends';
import { startCentralUnderTest } from './fixtures/central-under-test';
import type { EnrolledCounter } from './fixtures/enrolled-counter';
import { bearer, enrolledCounters, ORG, published, rosterOf, seedOrgTree } from './fixtures/pull-fixtures';

const catalogVersion = (version: number, catalogId = 'gd-catalog') => ({ ...defaultCatalog, catalogId, version });

describeEachBackend('central system: publications and GET /v1/pull', (backend) => {
  let central: RunningCentral;
  const counters = enrolledCounters();
  beforeEach(async () => {
    central = await startCentralUnderTest(backend());
    await seedOrgTree(central.context.central.db);
  });
  afterEach(async () => {
    await central.close();
    await counters.removeAll();
  });

  const pull = async (device: EnrolledCounter, query = ''): Promise<PullResponse> => {
    const answer = await fetch(`${central.url}/v1/pull${query}`, { headers: bearer(device) });
    expect(answer.status).toBe(200);
    return pullResponseSchema.parse(await answer.json());
  };

  it('publishes a catalog as its canonical JSON, numbered from the sequence and signed by the server key', async () => {
    const catalog = catalogVersion(2);
    const first = await published(publishCatalog(central.context, { catalog, scope: ORG.province }));
    const second = await published(publishCatalog(central.context, { catalog: JSON.stringify(catalogVersion(3)), scope: ORG.city }));
    expect([first.seq, second.seq]).toEqual([1, 2]);
    expect(first).toMatchObject({ kind: 'catalog', scope: ORG.province, body: canonicalJson(catalog), keyId: central.context.signer.info.keyId });
    const sequence = await central.context.central.db.selectFrom('sequences').select('value').where('name', '=', 'publication').executeTakeFirstOrThrow();
    expect(Number(sequence.value)).toBe(2);

    const device = await counters.at(central, ORG.hallA);
    const { items, more } = await pull(device);
    expect(more).toBe(false);
    expect(items).toEqual([first, second]);
    const verify = central.context.signer.verifier();
    for (const item of items) expect(verify(utf8Bytes(publicationStatementText(item)), fromHex(item.signature))).toBe(true);
    // The signature binds the scope and number too, not only the body.
    expect(verify(utf8Bytes(publicationStatementText({ ...first, scope: ORG.hallB })), fromHex(first.signature))).toBe(false);
    expect(verify(utf8Bytes(publicationStatementText({ ...first, seq: 7 })), fromHex(first.signature))).toBe(false);
  });

  it('refuses a catalog that fails the counter\'s check, naming each problem in Chinese, and stores nothing', async () => {
    const { locality: _drop, ...noLocality } = catalogVersion(2);
    const bad = { ...noLocality, matters: [{ ...defaultCatalog.matters[0]!, id: 'Bad ID' }, ...defaultCatalog.matters.slice(1)] };
    const outcome = await publishCatalog(central.context, { catalog: bad, scope: ORG.province });
    expect(outcome.ok).toBe(false);
    const problems = outcome.ok ? [] : outcome.problems;
    expect(problems.some((line) => line.startsWith('locality') || line.includes('locality'))).toBe(true);
    expect(problems.some((line) => line.startsWith('matters[0]'))).toBe(true);
    expect(problems.every((line) => /[\u4e00-\u9fff]/.test(line))).toBe(true);

    const syntax = await publishCatalog(central.context, { catalog: '{\n  "catalogId": "x",\n}', scope: ORG.province });
    expect(syntax.ok ? [] : syntax.problems).toEqual([expect.stringMatching(/第 3 行/)]);
    const nowhere = await publishCatalog(central.context, { catalog: catalogVersion(2), scope: 'gd-nowhere' });
    expect(nowhere.ok ? [] : nowhere.problems).toEqual([expect.stringContaining('gd-nowhere 不是中心系统中的单位')]);

    expect(await central.context.central.db.selectFrom('publications').selectAll().execute()).toEqual([]);
    const sequence = await central.context.central.db.selectFrom('sequences').select('value').where('name', '=', 'publication').executeTakeFirstOrThrow();
    expect(Number(sequence.value)).toBe(0);
  });

  it('publishes a roster only with an active administrator, without PINs, each 工号 once', async () => {
    const roster = rosterOf(['A001', 'administrator'], ['C001', 'clerk'], ['S001', 'supervisor', false]);
    const stored = await published(publishRoster(central.context, { roster: JSON.stringify(roster), scope: ORG.hallA }));
    expect(JSON.parse(stored.body)).toEqual(roster);
    expect(stored.body).toBe(canonicalJson(roster));

    const refusals = async (value: unknown) => {
      const outcome = await publishRoster(central.context, { roster: value, scope: ORG.hallA });
      return outcome.ok ? [] : outcome.problems;
    };
    expect(await refusals(rosterOf(['A001', 'administrator', false], ['C001', 'clerk']))).toEqual([expect.stringContaining('没有在岗的设备管理员')]);
    expect(await refusals(rosterOf(['A001', 'administrator'], ['a001', 'clerk']))).toEqual([expect.stringMatching(/^accounts\[1\]\.clerkId：工号 a001 与 accounts\[0\] 重复/)]);
    const withPin = { format: 'roster/1', accounts: [{ clerkId: 'A001', name: '甲', role: 'administrator', active: true, pin: '123456' }] };
    expect(await refusals(withPin)).toEqual([expect.stringContaining('名单中不能含密码')]);
    expect(await refusals({ format: 'roster/1', accounts: [{ clerkId: 'A-1', name: ' ', role: 'boss', active: 'yes' }] })).toEqual([
      expect.stringContaining('accounts[0].clerkId：工号'),
      expect.stringContaining('accounts[0].name：姓名'),
      expect.stringContaining('accounts[0].role：角色'),
      expect.stringContaining('accounts[0].active：'),
    ]);
    expect(await refusals('{"format": ')).toEqual([expect.stringContaining('不是有效的 JSON')]);
    expect((await central.context.central.db.selectFrom('publications').select('seq').execute()).length).toBe(1);
  });

  it("gives a counter its own hall's publications and its ancestors', never a sibling hall's or another city's", async () => {
    const province = await published(publishCatalog(central.context, { catalog: catalogVersion(2), scope: ORG.province }));
    const rosterA = await published(publishRoster(central.context, { roster: rosterOf(['A001', 'administrator']), scope: ORG.hallA }));
    const rosterB = await published(publishRoster(central.context, { roster: rosterOf(['B001', 'administrator']), scope: ORG.hallB }));
    const otherCity = await published(publishCatalog(central.context, { catalog: catalogVersion(3, 'sz-catalog'), scope: ORG.otherCity }));
    const city = await published(publishCatalog(central.context, { catalog: catalogVersion(4), scope: ORG.city }));

    const seqs = async (hall: string) => (await pull(await counters.at(central, hall))).items.map((item) => item.seq);
    expect(await seqs(ORG.hallA)).toEqual([province.seq, rosterA.seq, city.seq]);
    expect(await seqs(ORG.hallB)).toEqual([province.seq, rosterB.seq, city.seq]);
    expect(await seqs(ORG.otherHall)).toEqual([province.seq, otherCity.seq]);
  });

  it('pages in order after the cursor, with `more` until the last page, and bounds a page by its bodies', async () => {
    const db = central.context.central.db;
    const all: Publication[] = [];
    for (let i = 0; i < 5; i += 1) all.push(await published(publishRoster(central.context, { roster: rosterOf(['A001', 'administrator'], [`C00${i}`, 'clerk']), scope: ORG.hallA })));
    await published(publishRoster(central.context, { roster: rosterOf(['B001', 'administrator']), scope: ORG.hallB }));
    const device = await counters.at(central, ORG.hallA);

    const pages: PullResponse[] = [];
    let after = 0;
    for (;;) {
      const page = await pull(device, `?after=${after}&limit=2`);
      pages.push(page);
      if (!page.more) break;
      after = page.items.at(-1)!.seq;
    }
    expect(pages.map((page) => [page.items.map((item) => item.seq), page.more])).toEqual([
      [[1, 2], true],
      [[3, 4], true],
      [[5], false],
    ]);
    expect(pages.flatMap((page) => page.items)).toEqual(all);
    expect((await pull(device, '?after=5')).items).toEqual([]);

    // A page stops once its bodies pass the size; the first item comes whatever its size.
    const size = all[0]!.body.length;
    expect(await pullPage(db, ORG.hallA, 0, 50, size * 2)).toMatchObject({ items: all.slice(0, 2), more: true });
    expect(await pullPage(db, ORG.hallA, 0, 50, 1)).toMatchObject({ items: all.slice(0, 1), more: true });
  });

  it('refuses a pull without a valid token, from a revoked device, or with a malformed cursor', async () => {
    const db = central.context.central.db;
    expect((await fetch(`${central.url}/v1/pull`)).status).toBe(401);
    expect((await fetch(`${central.url}/v1/pull`, { headers: { authorization: `Bearer ${'x'.repeat(43)}` } })).status).toBe(401);
    const device = await counters.at(central, ORG.hallA);
    const malformed = await fetch(`${central.url}/v1/pull?after=-1`, { headers: bearer(device) });
    expect(malformed.status).toBe(400);
    expect(serverErrorSchema.parse(await malformed.json()).error.code).toBe('BAD_REQUEST');
    await revokeDevice(db, { deviceId: device.deviceId, reason: '测试吊销', now: new Date() });
    const revoked = await fetch(`${central.url}/v1/pull`, { headers: bearer(device) });
    expect(revoked.status).toBe(403);
    expect(serverErrorSchema.parse(await revoked.json()).error.code).toBe('DEVICE_REVOKED');
  });
});
