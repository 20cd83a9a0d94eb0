import { parseArgs } from 'node:util';
import { DATA_OPTION, withCommandDb } from './command-db';

/**
 * `npm run server -- server-key`: the central system's public signing keys, in the form
 * `npm run verify -- … --server-key` takes (`gm:04…` / `intl:04…`). An auditor checks a counter's
 * receipts against a key obtained from the central system itself, not from the counter under audit.
 * Retired keys are listed too: receipts signed before a rotation still verify against them.
 */
export const serverKeyCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({ args, options: DATA_OPTION, strict: true });
  const keys = await withCommandDb(values.data, ({ db }) =>
    db.selectFrom('server_keys').select(['key_id', 'suite', 'public_key', 'created_at', 'active']).where('purpose', '=', 'signing').orderBy('created_at').execute(),
  );
  if (keys.length === 0) {
    console.log('中心系统尚未生成签名密钥（服务首次启动时生成）');
    return;
  }
  console.log(['密钥编号', '创建时间', '状态', '--server-key'].join('\t'));
  for (const key of keys) console.log([key.key_id, key.created_at, key.active ? '在用' : '已停用', `${key.suite}:${key.public_key}`].join('\t'));
};
