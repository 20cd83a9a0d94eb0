import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { startCentral } from '../../server/start-central';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import { describeEachBackend } from './fixtures/backends';
import { ORG, rosterOf, seedOrgTree } from './fixtures/pull-fixtures';

const run = promisify(execFile);

/** `npm run server -- <args>` as an administrator types it, on the given database; exit code and output. */
const server = async (args: string[], env: Record<string, string | undefined>) => {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'server/cli/main.ts', ...args], { env: { ...process.env, ...env }, cwd: process.cwd() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describeEachBackend('central system: publish-catalog and publish-roster on the command line', (backend) => {
  it('publishes with the key counters pinned, refuses with every problem in Chinese, and prints no names', async () => {
    const { databaseUrl, dataDir } = await backend().fresh();
    // The service has run once (its signing key exists) and the organisation is imported.
    const central = await startCentral({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, suite: 'intl' });
    const keyId = central.context.signer.info.keyId;
    await seedOrgTree(central.context.central.db);
    await central.close();
    const env = { DATABASE_URL: databaseUrl };
    const file = (name: string) => path.join(dataDir, name);

    await writeFile(file('catalog.json'), JSON.stringify({ ...defaultCatalog, catalogId: 'gd-catalog', version: 2 }));
    const catalog = await server(['publish-catalog', '--file', file('catalog.json'), '--scope', ORG.province, '--data', dataDir], env);
    expect(catalog).toMatchObject({ code: 0, stdout: expect.stringContaining('已发布事项目录：发布序号 1，目录 gd-catalog 第 2 版') });

    const { locality: _drop, ...bad } = { ...defaultCatalog, catalogId: 'gd-catalog', version: 3 };
    await writeFile(file('bad.json'), JSON.stringify(bad));
    const refused = await server(['publish-catalog', '--file', file('bad.json'), '--scope', ORG.province, '--data', dataDir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('事项目录未发布，发现 1 个问题');
    expect(refused.stderr).toContain('locality');

    await writeFile(file('roster.json'), JSON.stringify(rosterOf(['A001', 'administrator'], ['C001', 'clerk'], ['C002', 'clerk', false])));
    const roster = await server(['publish-roster', '--file', file('roster.json'), '--scope', ORG.hallA, '--data', dataDir], env);
    expect(roster).toMatchObject({ code: 0, stdout: expect.stringContaining('已发布人员名单：发布序号 2，3 个账户（在岗 2，停用 1）') });
    expect(roster.stdout).not.toMatch(/A001|职员/);

    const again = await startCentral({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, suite: 'intl' });
    const rows = await again.context.central.db.selectFrom('publications').select(['seq', 'kind', 'key_id']).orderBy('seq').execute();
    await again.close();
    expect(rows.map((row) => [Number(row.seq), row.kind, row.key_id])).toEqual([
      [1, 'catalog', keyId],
      [2, 'roster', keyId],
    ]);
  }, 60_000);

  it('refuses to publish before the service has made its signing key', async () => {
    const { databaseUrl, dataDir } = await backend().fresh();
    await writeFile(path.join(dataDir, 'roster.json'), JSON.stringify(rosterOf(['A001', 'administrator'])));
    const refused = await server(['publish-roster', '--file', path.join(dataDir, 'roster.json'), '--scope', ORG.hallA, '--data', dataDir], { DATABASE_URL: databaseUrl });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('中心系统还没有签名密钥');
  }, 60_000);
});
