import { mkdtemp, readFile, readdir, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIVE_CATALOG_FILE, CATALOGS_DIR, createCatalogStore } from '../../electron/services/catalog-store';
import type { Catalog } from '../../shared/catalog/catalog-schema';
import { defaultCatalog } from '../../shared/catalog/default-catalog';
import type { Result } from '../../shared/contract/result';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { translatorFor } from '../../shared/i18n';
import { wordArg, wordMessage } from '../../shared/i18n/message';
import { MAX_CATALOG_CHARS, type StoredCatalogProblem } from '../../shared/contract/domains/catalog';
import { hostInputSchemas } from '../../shared/contract/host-contract';
import { enText, zhText } from './fixtures/host-text';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'catalog-store-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const zh = translatorFor('zh-CN');
const DEFAULT_KEY = `${defaultCatalog.catalogId}@${defaultCatalog.version}`;
const fileOf = (key: string) => path.join(dataDir, CATALOGS_DIR, `${key}.json`);
const store = () => createCatalogStore({ dataDir, now: () => new Date('2026-12-02T01:00:00Z') });

/** The shipped catalog under another id or version, with its locality saying which it is. */
const variant = (version: number, catalogId = defaultCatalog.catalogId): Catalog => ({
  ...structuredClone(defaultCatalog),
  catalogId,
  version,
  locality: `某市人力资源和社会保障局（${catalogId}@${version}）`,
});

const imported = async (catalog: unknown): Promise<string> => {
  const result = await store().import(catalog);
  if (!result.ok) throw new Error(zhText(result.error));
  return result.value.key;
};

const codeOf = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);
const worded = (problems: StoredCatalogProblem[]) => problems.map((problem) => `${problem.catalogKey} ${wordArg(zh, problem.path)}：${wordMessage(zh, problem.message)}`);

/** Every stored file with its bytes and identity: a rewrite, even of the same bytes, changes the inode or mtime. */
const snapshot = async () => {
  const folder = path.join(dataDir, CATALOGS_DIR);
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(folder, name));
      return { name, bytes: await readFile(path.join(folder, name), 'utf8'), ino: info.ino, mtime: info.mtimeMs };
    }),
  );
};

describe('the catalog store in main', () => {
  it('serves the shipped catalog until one is imported, with nothing written', async () => {
    expect(await store().active()).toEqual({ catalog: defaultCatalog, problems: [], key: DEFAULT_KEY });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('keeps an imported catalog as its canonical JSON and reads it back after a restart', async () => {
    const next = variant(defaultCatalog.version + 1);
    const key = await imported(next);
    expect(key).toBe(`${next.catalogId}@${next.version}`);
    expect(await readFile(fileOf(key), 'utf8')).toBe(canonicalJson(next));
    const pointer = JSON.parse(await readFile(path.join(dataDir, ACTIVE_CATALOG_FILE), 'utf8'));
    expect(pointer.activations).toEqual([{ key, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), at: '2026-12-02T01:00:00.000Z' }]);
    expect(await store().active()).toEqual({ catalog: next, problems: [], key });
  });

  it('refuses a catalog with the id in force unless its version is higher, saying which version stands', async () => {
    await imported(variant(3));
    for (const version of [3, 2, 1]) {
      const refused = await store().import(variant(version));
      expect(codeOf(refused)).toBe('CATALOG_VERSION_NOT_NEWER');
      expect(!refused.ok && zhText(refused.error)).toBe(
        `目录 ${defaultCatalog.catalogId} 的第 ${version} 版不高于现行或本机已导入的第 3 版，未启用，请导入版本号更高的目录文件。`,
      );
      expect(!refused.ok && enText(refused.error)).toMatch(/not newer than version 3.*\.$/);
    }
    expect((await store().active()).key).toBe(`${defaultCatalog.catalogId}@3`);
  });

  it('refuses the shipped catalog\'s own version again, and any version of an id already stored even when another is in force', async () => {
    expect(codeOf(await store().import(variant(defaultCatalog.version)))).toBe('CATALOG_VERSION_NOT_NEWER');
    await imported(variant(5));
    expect(await imported(variant(1, 'city-catalog'))).toBe('city-catalog@1');
    // city-catalog is in force now; default@5 stays on disk and is never written again.
    const again = await store().import(variant(5));
    expect(!again.ok && again.error).toMatchObject({ code: 'CATALOG_VERSION_NOT_NEWER', params: { active: 5, version: 5 } });
    expect(await imported(variant(6))).toBe(`${defaultCatalog.catalogId}@6`);
  });

  it('checks the catalog itself and refuses it with every problem as a message, writing nothing', async () => {
    const broken = structuredClone(defaultCatalog) as unknown as { version: number; matters: Record<string, unknown>[] };
    broken.version = 9;
    delete broken.matters[1]!.conditions;
    broken.matters[2]!.category = '不存在的类别';
    const refused = await store().import(broken);
    if (refused.ok || refused.error.key !== 'host.catalog.invalid') throw new Error('expected CATALOG_INVALID');
    expect(refused.error.code).toBe('CATALOG_INVALID');
    expect(refused.error.params.count).toBe(2);
    expect(refused.error.params.problems.map((problem) => problem.message.key)).toHaveLength(2);
    // Keys and parameters only: no sentence travels (the data's own words, a category, may).
    expect(JSON.stringify(refused.error)).not.toMatch(/未通过|缺少字段/);
    expect(zhText(refused.error)).toMatch(/^目录文件未通过本机检查，发现 2 处问题，未启用，现行目录保持不变：matters\[1\]（[^）]+）\.conditions：缺少字段 conditions.*。$/);
    expect(await readdir(dataDir)).toEqual([]);
    expect(codeOf(await store().import('not a catalog'))).toBe('CATALOG_INVALID');
  });

  it('never rewrites a stored file: later imports and refusals leave every earlier file as it was', async () => {
    await imported(variant(3));
    const before = await snapshot();
    await imported(variant(4));
    expect(codeOf(await store().import(variant(3)))).toBe('CATALOG_VERSION_NOT_NEWER');
    expect(codeOf(await store().import(variant(4)))).toBe('CATALOG_VERSION_NOT_NEWER');
    const after = await snapshot();
    expect(after.filter((file) => before.some((earlier) => earlier.name === file.name))).toEqual(before);
    expect(after.map((file) => file.name)).toEqual([`${defaultCatalog.catalogId}@3.json`, `${defaultCatalog.catalogId}@4.json`]);
  });

  it('falls back to the newest earlier catalog that passes when the active file is damaged, and reports why', async () => {
    await imported(variant(3));
    await imported(variant(4, 'city-catalog'));
    await imported(variant(5));
    await writeFile(fileOf(`${defaultCatalog.catalogId}@5`), '{ "catalogId": ');
    const fallback = await store().active();
    expect(fallback.key).toBe('city-catalog@4');
    expect(fallback.catalog.locality).toContain('city-catalog@4');
    expect(worded(fallback.problems)).toEqual([expect.stringMatching(new RegExp(`^${defaultCatalog.catalogId}@5 第 1 行第 \\d+ 列：JSON 格式错误`))]);

    // That one is missing too: the next earlier one stands in, and both are reported.
    await unlink(fileOf('city-catalog@4'));
    const second = await store().active();
    expect(second.key).toBe(`${defaultCatalog.catalogId}@3`);
    expect(second.problems.map((problem) => problem.catalogKey)).toEqual([`${defaultCatalog.catalogId}@5`, 'city-catalog@4']);
    expect(worded(second.problems)[1]).toBe('city-catalog@4 （文件）：本机数据文件夹中找不到该目录文件（可能已被删除或移走）');
  });

  it('never uses a stored file edited after its import, even one that still passes the checks', async () => {
    await imported(variant(3));
    const key = await imported(variant(4));
    const edited = { ...variant(4), locality: '被改过的发布地区' };
    await writeFile(fileOf(key), canonicalJson(edited));
    const active = await store().active();
    expect(active.key).toBe(`${defaultCatalog.catalogId}@3`);
    expect(worded(active.problems)).toEqual([`${key} （文件）：该目录文件导入后被改动过，与导入时的校验值不符`]);
  });

  it('falls back to the shipped catalog when no stored one passes, with every problem', async () => {
    const key = await imported(variant(3));
    const broken = structuredClone(variant(3)) as unknown as { matters: Record<string, unknown>[] };
    delete broken.matters[0]!.name;
    await writeFile(fileOf(key), JSON.stringify(broken));
    const active = await store().active();
    expect(active).toMatchObject({ catalog: defaultCatalog, key: DEFAULT_KEY });
    expect(active.problems.length).toBeGreaterThan(0);
    expect(active.problems.every((problem) => problem.catalogKey === key)).toBe(true);
  });

  it('reads the stored files newest first when the record of activations is damaged, and says so', async () => {
    await imported(variant(3));
    await imported(variant(1, 'city-catalog'));
    await utimes(fileOf(`${defaultCatalog.catalogId}@3`), new Date('2026-01-01'), new Date('2026-01-01'));
    await writeFile(path.join(dataDir, ACTIVE_CATALOG_FILE), 'garbage');
    const active = await store().active();
    expect(active.key).toBe('city-catalog@1');
    expect(worded(active.problems)).toEqual([`${ACTIVE_CATALOG_FILE} （文件）：记录现行目录的文件（active-catalog.json）已损坏，无法读取`]);
    // The version rule still sees every stored file, and an import starts the record afresh.
    expect(codeOf(await store().import(variant(3)))).toBe('CATALOG_VERSION_NOT_NEWER');
    expect(await imported(variant(4))).toBe(`${defaultCatalog.catalogId}@4`);
    expect(await store().active()).toMatchObject({ key: `${defaultCatalog.catalogId}@4`, problems: [] });
  });
});

describe('importCatalog\'s argument', () => {
  const schema = hostInputSchemas.importCatalog;
  const deep = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: deep(depth - 1) });

  it('is a catalog as JSON.parse gives it: the shipped one passes, whatever main later finds wrong in it', () => {
    expect(schema.safeParse({ catalog: defaultCatalog }).success).toBe(true);
    expect(schema.safeParse({ catalog: { anything: [1, 'two', null, true] } }).success).toBe(true);
  });

  it('is refused when it is missing, not an object, not plain JSON, too deep or too large', () => {
    for (const catalog of [undefined, null, [], 'x', 3, new Map(), new Date(0), Object.create(null), { n: Number.NaN }, { a: [, 1] }, deep(20)]) {
      expect(schema.safeParse({ catalog }).success).toBe(false);
    }
    expect(schema.safeParse({ catalog: { text: 'A'.repeat(MAX_CATALOG_CHARS) } }).success).toBe(false);
    expect(schema.safeParse({ catalog: defaultCatalog, extra: 1 }).success).toBe(false);
  });
});
