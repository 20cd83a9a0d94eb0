import { parseArgs } from 'node:util';
import { generateEscrowKey } from '../enrollment/escrow-key';
import { DATA_OPTION, withCommandDb } from './command-db';

/**
 * `npm run server -- escrow-key --out <private.pem> [--rotate]`: the province's escrow key pair. The
 * private half goes to that file only (0600, never over an existing one): keep it offline.
 */
export const escrowKeyCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({ args, options: { ...DATA_OPTION, out: { type: 'string' }, rotate: { type: 'boolean', default: false } }, strict: true });
  if (!values.out) throw new Error('用法：npm run server -- escrow-key --out <私钥文件.pem> [--rotate]');
  const key = await withCommandDb(values.data, ({ db }) => generateEscrowKey(db, { privateKeyFile: values.out!, now: new Date(), rotate: values.rotate }));
  console.log(`托管密钥已生成：${key.keyId}（RSA-3072，OAEP-SHA256）`);
  console.log(`  私钥已写入 ${values.out}（仅本用户可读）：请离线妥善保管，中心系统不留私钥；丢失则无法恢复任何窗口的数据`);
};
