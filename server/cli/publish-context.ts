import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isSuiteName } from '../../electron/services/crypto/suite';
import { migrateToLatest } from '../db/migrate';
import { openCentralDb } from '../db/open-database';
import { loadServerSigner } from '../keys/server-signing-key';
import type { PublishOutcome } from '../publications/publish-catalog';
import type { PublishContext } from '../publications/store-publication';

/**
 * What both publish commands share: `--file <json> --scope <unit id> [--data ./central-data]
 * [--suite gm|intl]`, `DATABASE_URL=postgres://…` for PostgreSQL. Publications are signed with the
 * key the running service signs with, the one counters pinned at enrollment: the command never makes
 * a key of its own, since one nobody pinned would have every counter refuse what it signs.
 */
export const runPublish = async (
  args: string[],
  { command, what }: { command: string; what: string },
  publish: (context: PublishContext, text: string, scope: string) => Promise<PublishOutcome>,
  describe: (outcome: Extract<PublishOutcome, { ok: true }>) => string,
): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: { file: { type: 'string' }, scope: { type: 'string' }, data: { type: 'string', default: 'central-data' }, suite: { type: 'string' } },
    strict: true,
  });
  if (!values.file || !values.scope) throw new Error(`用法：npm run server -- ${command} --file <文件.json> --scope <单位编号>`);
  if (values.suite !== undefined && !isSuiteName(values.suite)) throw new Error(`--suite 只能是 gm 或 intl，收到 ${values.suite}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(values.file));
  } catch (error) {
    throw new Error(`无法读取${what}文件 ${values.file}：${error instanceof TypeError ? '不是 UTF-8 编码的文本' : ((error as NodeJS.ErrnoException).code ?? String(error))}`);
  }
  const central = openCentralDb({ databaseUrl: process.env.DATABASE_URL, dataDir: values.data });
  try {
    await migrateToLatest(central);
    const keys = await central.db.selectFrom('server_keys').select('suite').where('purpose', '=', 'signing').where('active', '=', 1).execute();
    const suites = [...new Set(keys.map((key) => key.suite))].filter((suite) => values.suite === undefined || suite === values.suite);
    if (suites.length === 0) throw new Error(`中心系统还没有${values.suite ? ` ${values.suite} 算法的` : ''}签名密钥：请先启动一次服务（npm run server -- serve），再发布`);
    if (suites.length > 1) throw new Error(`中心系统有多套签名密钥（${suites.join('、')}），请用 --suite 指明窗口登记时使用的那一套`);
    const suite = suites[0]!;
    if (!isSuiteName(suite)) throw new Error(`签名密钥的算法 ${suite} 无法识别`);
    const signer = await loadServerSigner(central.db, suite);
    const outcome = await publish({ central, signer, now: () => new Date() }, text, values.scope);
    if (!outcome.ok) {
      console.error(`${what}未发布，发现 ${outcome.problems.length} 个问题：`);
      for (const problem of outcome.problems) console.error(`  ${problem}`);
      process.exitCode = 1;
      return;
    }
    console.log(describe(outcome));
  } finally {
    await central.close();
  }
};
