import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSuite, type SuiteName } from '../../electron/services/crypto/suite';
import { DATA_KEY_FILE } from '../../electron/services/personal-data/data-key';
import { createPersonalDataCipher, type PersonalDataCipher } from '../../electron/services/personal-data/personal-data-cipher';
import type { SecretStore } from '../../electron/services/secret-store';
import { isSealedLetter, openSealedLetter } from '../../electron/services/evidence/sealed-letter-file';
import { readRecordFile } from '../../electron/services/evidence/signed-record';
import type { CentralDb } from '../db/open-database';

export interface RecoverInput {
  deviceId: string;
  escrowPrivateKeyPem: string;
  archiveDir: string;
  outDir: string;
  progress?: (line: string) => void;
}

export interface RecoverResult {
  letters: number;
  records: number;
  copied: number;
  failed: string[];
}

/**
 * The escrowed secret goes through the counter's own cipher factory: a SecretStore that answers the
 * unwrapped secret from memory, over a throwaway data folder, so the keys are derived exactly as
 * on the counter and there is no second derivation or decryptor to drift from it.
 */
const cipherFromSecret = async (secret: Uint8Array, suite: SuiteName): Promise<PersonalDataCipher> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cc-recover-'));
  // The file on disk is only a placeholder the factory looks for: the store answers the secret from
  // memory, so the unwrapped key never touches the disk.
  const fromMemory: SecretStore = { protectedByOs: false, backend: 'escrow', seal: async () => new Uint8Array(0), open: async () => secret };
  try {
    await writeFile(path.join(dataDir, DATA_KEY_FILE), 'escrow', { mode: 0o600 });
    return await createPersonalDataCipher({ dataDir, secrets: fromMemory, suite });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};

const unwrapDeposit = (wrappedKey: string, privateKeyPem: string): Uint8Array => {
  try {
    const key = createPrivateKey(privateKeyPem);
    return new Uint8Array(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(wrappedKey, 'base64')));
  } catch {
    throw new Error('托管私钥打不开该设备的托管数据密钥：请确认使用的是该设备登记时有效的托管私钥文件');
  }
};

const listFiles = async (root: string, under = ''): Promise<string[]> => {
  const entries = await readdir(path.join(root, under), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
};

const emptyOrAbsent = async (dir: string): Promise<boolean> => {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
};

const writeOut = async (outDir: string, relative: string, bytes: Uint8Array): Promise<void> => {
  const target = path.join(outDir, relative);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await writeFile(target, bytes, { flag: 'wx', mode: 0o600 });
};

/**
 * Opens a dead counter's archive with its escrowed data secret: sealed letters become their PDFs,
 * sealed record files their records as JSON, other files are copied as they are. Every check that can
 * refuse runs before the first byte is written, so a wrong key leaves --out untouched.
 */
export const recoverArchive = async (central: CentralDb, input: RecoverInput): Promise<RecoverResult> => {
  const { db } = central;
  const device = await db.selectFrom('devices').select(['device_id', 'suite']).where('device_id', '=', input.deviceId).executeTakeFirst();
  if (!device) throw new Error(`中心系统没有登记设备 ${input.deviceId}`);
  const deposit = await db.selectFrom('escrow_deposits').selectAll().where('device_id', '=', input.deviceId).executeTakeFirst();
  if (!deposit) throw new Error(`设备 ${input.deviceId} 没有托管数据密钥，其档案无法由中心系统恢复`);
  const secret = unwrapDeposit(deposit.wrapped_key, input.escrowPrivateKeyPem);
  if (!(await emptyOrAbsent(input.outDir))) throw new Error(`输出文件夹 ${input.outDir} 不是空的：请指定一个新的或空的文件夹`);
  const cipher = await cipherFromSecret(secret, device.suite);
  const suite = await loadSuite(device.suite);
  const files = await listFiles(input.archiveDir);
  await mkdir(input.outDir, { recursive: true, mode: 0o700 });
  const result: RecoverResult = { letters: 0, records: 0, copied: 0, failed: [] };
  for (const [index, relative] of files.entries()) {
    input.progress?.(`${index + 1}/${files.length} ${relative}`);
    const bytes = await readFile(path.join(input.archiveDir, relative));
    if (isSealedLetter(bytes)) {
      const pdf = openSealedLetter(bytes, cipher, relative);
      if (pdf) {
        await writeOut(input.outDir, relative, pdf);
        result.letters += 1;
      } else result.failed.push(relative);
      continue;
    }
    const record = relative.endsWith('.json') ? readRecordFile(bytes, { cipher, suite }) : null;
    if (record?.kind === 'sealed') {
      if (record.record) {
        await writeOut(input.outDir, relative, Buffer.from(`${JSON.stringify(record.record, null, 2)}\n`, 'utf8'));
        result.records += 1;
      } else result.failed.push(relative);
      continue;
    }
    await writeOut(input.outDir, relative, bytes);
    result.copied += 1;
  }
  return result;
};
