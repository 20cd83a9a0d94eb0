import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importOrgTree } from '../org/import-org';
import { parseOrgTree } from '../org/org-tree';
import { DATA_OPTION, withCommandDb } from './command-db';

/** `npm run server -- org import <file.json> [--data ./central-data]`: upserts the organisation tree. */
export const orgCommand = async (args: string[]): Promise<void> => {
  const { values, positionals } = parseArgs({ args, options: DATA_OPTION, allowPositionals: true, strict: true });
  const [action, file, ...rest] = positionals;
  if (action !== 'import' || !file || rest.length > 0) throw new Error('用法：npm run server -- org import <组织机构.json>');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file)));
  } catch (error) {
    const why = error instanceof SyntaxError ? '不是有效的 JSON' : error instanceof TypeError ? '不是 UTF-8 编码的文本' : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new Error(`无法读取组织机构文件 ${file}：${why}`);
  }
  const tree = parseOrgTree(value);
  const outcome = await withCommandDb(values.data, ({ db }) => importOrgTree(db, tree));
  console.log(`组织机构已导入：新增 ${outcome.inserted}，更新 ${outcome.updated}，未变 ${outcome.unchanged}`);
};
