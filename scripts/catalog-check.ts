/**
 * `npm run catalog:check [file]`: checks a catalog file with the same rules and messages as the import
 * on the 事项目录 page, worded in Chinese. Prints the catalog's id, version and locality, the matters per category, every
 * problem with its path in the file and every unverified legal citation (listed always, never an
 * error). Exit code 0 when valid, 1 on any problem, 2 when the file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { checkCatalogText, type UnverifiedCitation } from '../shared/catalog/check-catalog';
import { matterCategories } from '../shared/catalog/matter-schema';
import { citationFollowUpText, problemText } from '../shared/catalog/problem-text';
import { t } from '../shared/i18n';

const DEFAULT_CATALOG_FILE = 'shared/catalog/default-catalog.json';

const readReason = (error: unknown): string => {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    default:
      return error instanceof Error ? error.message : String(error);
  }
};

const field = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '（无）');

/** What can be said about a file that fails the checks: its header and matters per category, as far as they are readable. */
const rawSummary = (text: string): { header: string | null; counts: [string, number][] } => {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { header: null, counts: [] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { header: null, counts: [] };
  const catalog = value as Record<string, unknown>;
  const counts = new Map<string, Set<string>>();
  if (Array.isArray(catalog.matters)) {
    catalog.matters.forEach((matter: unknown, index) => {
      const { category, id } = (typeof matter === 'object' && matter !== null ? matter : {}) as Record<string, unknown>;
      const key = typeof category === 'string' ? category : '（类别无效）';
      counts.set(key, (counts.get(key) ?? new Set()).add(typeof id === 'string' ? id : `#${index}`));
    });
  }
  return {
    header: `目录编号：${field(catalog.catalogId)}　版本：${field(catalog.version)}　发布机构：${field(catalog.locality)}　发布日期：${field(catalog.publishedAt)}`,
    counts: [...counts].map(([category, ids]) => [category, ids.size]),
  };
};

const printCounts = (counts: [string, number][]): void => {
  console.log('各类别事项数：');
  if (counts.length === 0) console.log('  （无）');
  for (const [category, count] of counts) console.log(`  ${category}：${count} 项`);
};

const kindText: Record<UnverifiedCitation['kind'], string> = {
  open: '标为未核实',
  'no-source': '文字形式的引用，未写来源',
  'no-number': '文号未读到',
};

const printCitations = (citations: readonly UnverifiedCitation[], heading: string, letterSays: string): void => {
  if (citations.length === 0) {
    console.log(`${heading}：无。`);
    return;
  }
  console.log(`${heading}（${citations.length} 条；告知书写明${letterSays}以本地公布的设定依据为准）：`);
  for (const citation of citations) {
    const { path, title } = citationFollowUpText(t, citation);
    console.log(`  ${path}〔${kindText[citation.kind]}〕：${title}`);
    if (citation.note) console.log(`    说明：${citation.note}`);
  }
};

/**
 * Unverified citations are not problems — the letter says the locality's published basis governs —
 * but every one is listed so that it is followed up.
 */
const printUnverified = (check: { unverified: readonly UnverifiedCitation[]; numberUnread: readonly UnverifiedCitation[] }): void => {
  printCitations(check.unverified, '未核实的法律依据', '具体名称和文号');
  printCitations(check.numberUnread, '文号未读到的法律依据', '文号');
};

const main = async (args: readonly string[]): Promise<number> => {
  const file = args[0] ?? DEFAULT_CATALOG_FILE;
  console.log(`检查事项目录：${file}`);
  let text: string;
  try {
    const bytes = await readFile(file);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const reason = error instanceof TypeError ? '文件不是 UTF-8 编码的文本' : readReason(error);
    console.error(`无法读取文件 ${file}：${reason}`);
    return 2;
  }

  const check = checkCatalogText(text);
  if (check.ok) {
    const { catalog } = check;
    console.log(`目录编号：${catalog.catalogId}　版本：第 ${catalog.version} 版　发布机构：${catalog.locality}　发布日期：${catalog.publishedAt}`);
    const ordered = matterCategories.map((category) => [category, check.countsByCategory[category] ?? 0] as [string, number]);
    printCounts(ordered);
    const samples = new Set(catalog.matters.filter((matter) => matter.sample).map((matter) => matter.id)).size;
    const total = new Set(catalog.matters.map((matter) => matter.id)).size;
    console.log(`共 ${total} 个事项（${catalog.matters.length} 个条目）${samples ? `，其中示例 ${samples} 个` : ''}。`);
    printUnverified(check);
    console.log('检查通过，没有发现问题。');
    return 0;
  }

  const summary = rawSummary(text);
  if (summary.header) {
    console.log(summary.header);
    printCounts(summary.counts);
  }
  console.log(`发现 ${check.problems.length} 个问题：`);
  for (const problem of check.problems) {
    const { path, message } = problemText(t, problem);
    console.log(`  ${path}：${message}`);
  }
  printUnverified(check);
  console.log('检查未通过。');
  return 1;
};

process.exitCode = await main(process.argv.slice(2));
