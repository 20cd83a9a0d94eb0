import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DATA_OPTION, withCommandDb } from './command-db';
import { recoverArchive } from './recover-archive';

const USAGE = '用法：npm run server:recover -- --device <设备编号> --escrow-key <托管私钥.pem> --archive <档案文件夹副本> --out <输出文件夹> [--data <中心数据目录>]';

/** `npm run server -- recover …`: opens a dead counter's archive with the province's escrow private key. */
export const recoverCommand = async (args: string[]): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: { ...DATA_OPTION, device: { type: 'string' }, 'escrow-key': { type: 'string' }, archive: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const { device, archive, out } = values;
  const keyFile = values['escrow-key'];
  if (!device || !keyFile || !archive || !out) throw new Error(USAGE);
  const escrowPrivateKeyPem = await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `找不到托管私钥文件 ${keyFile}` : `读不了托管私钥文件 ${keyFile}：${error.code ?? error.message}`);
  });
  const result = await withCommandDb(values.data, (central) =>
    recoverArchive(central, { deviceId: device, escrowPrivateKeyPem, archiveDir: archive, outDir: out, progress: (line) => console.log(line) }),
  );
  console.log(`恢复完成：信函 ${result.letters} 份，记录 ${result.records} 条，其他文件 ${result.copied} 个，打不开 ${result.failed.length} 个`);
  if (result.failed.length > 0) {
    for (const file of result.failed) console.error(`打不开：${file}`);
    throw new Error(`有 ${result.failed.length} 个文件未能打开，其余已写入 ${out}`);
  }
};
