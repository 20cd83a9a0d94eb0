import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeEachBackend } from './fixtures/backends';
import { recoverCommand } from '../../server/cli/recover';
import { applicant } from '../unit/fixtures/case-fixtures';
import { CLERK, enrollWith, startSyncCentral, startSyncCounter, type SyncCentral, type SyncCounter } from '../unit/fixtures/sync-counter';
import { value } from '../unit/fixtures/test-host';

/**
 * A counter enrolled through the real path deposits its data secret; its data folder (and with it the
 * keyring-sealed secret) is then thrown away, and the archive is opened with the escrow private key.
 */
describeEachBackend('npm run server:recover', (backend) => {
  let central: SyncCentral & { dataDir: string };
  let databaseUrl: string | undefined;
  let counter: SyncCounter;
  let work: string;
  let archiveCopy: string;
  const opened = new Map<string, Buffer>();

  const listFiles = async (root: string): Promise<string[]> =>
    (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

  beforeAll(async () => {
    const database = await backend().fresh();
    databaseUrl = database.databaseUrl;
    central = await startSyncCentral({ database });
    counter = await startSyncCounter();
    work = await mkdtemp(path.join(tmpdir(), 'recover-'));
    await enrollWith(central, counter);
    value(await counter.call('syncNow'));
    await counter.sealWithLetter('draft-1');
    await counter.sealWithLetter('draft-2');
    await counter.signInAs(CLERK);
    for (const relativePath of (await listFiles(counter.archiveDir)).filter((file) => file.endsWith('.pdf'))) {
      opened.set(relativePath, Buffer.from(value(await counter.call<{ pdfBase64: string }>('readArchivedLetter', { relativePath })).pdfBase64, 'base64'));
    }
    archiveCopy = path.join(work, 'archive-copy');
    await cp(counter.archiveDir, archiveCopy, { recursive: true });
    await counter.remove();
  }, 60_000);

  afterAll(async () => {
    await central.close();
    await rm(work, { recursive: true, force: true });
  });

  /** The command as an administrator runs it: on the service's database, DATABASE_URL or the data folder's SQLite. */
  const recover = async (out: string, escrowKey = central.escrowPrivateKeyFile, device = counter.device.deviceId, archive = archiveCopy) => {
    vi.stubEnv('DATABASE_URL', databaseUrl ?? '');
    try {
      return await recoverCommand(['--data', central.dataDir, '--device', device, '--escrow-key', escrowKey, '--archive', archive, '--out', out]);
    } finally {
      vi.unstubAllEnvs();
    }
  };

  /** The command's progress and summary lines, kept out of the test output. */
  const printed = () => {
    const lines: string[] = [];
    const keep = (line: unknown) => void lines.push(String(line));
    const log = vi.spyOn(console, 'log').mockImplementation(keep);
    const error = vi.spyOn(console, 'error').mockImplementation(keep);
    return {
      lines: () => lines,
      restore: () => {
        log.mockRestore();
        error.mockRestore();
      },
    };
  };

  describe('the recovery', () => {
    it('refuses a wrong escrow key in Chinese and writes nothing', async () => {
      const wrongKey = path.join(work, 'wrong.pem');
      await writeFile(wrongKey, generateKeyPairSync('rsa', { modulusLength: 3072 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const out = path.join(work, 'out-wrong');
      await expect(recover(out, wrongKey)).rejects.toThrow('托管私钥打不开该设备的托管数据密钥');
      await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses an unknown device and an --out that is not empty', async () => {
      await expect(recover(path.join(work, 'out-unknown'), central.escrowPrivateKeyFile, 'no-such-device')).rejects.toThrow('中心系统没有登记设备 no-such-device');
      const full = path.join(work, 'out-full');
      await cp(archiveCopy, full, { recursive: true });
      await expect(recover(full)).rejects.toThrow('不是空的');
    });

    it('opens every letter byte for byte as main did, and the records with the applicant’s data', async () => {
      expect(opened.size).toBe(2);
      const out = path.join(work, 'out');
      const output = printed();
      await recover(out).finally(output.restore);
      const total = (await listFiles(archiveCopy)).length;
      expect(output.lines()).toContain(`${total}/${total} ledger.jsonl`);
      expect(output.lines().at(-1)).toBe('恢复完成：信函 2 份，记录 2 条，其他文件 3 个，打不开 0 个');
      expect((await stat(out)).mode & 0o777).toBe(0o700);
      for (const [relativePath, pdf] of opened) {
        const file = path.join(out, ...relativePath.split('/'));
        expect((await readFile(file)).equals(pdf)).toBe(true);
        expect((await stat(file)).mode & 0o777).toBe(0o600);
      }
      const records = (await listFiles(out)).filter((file) => file.endsWith('.json') && !file.startsWith('device-keys/'));
      const applicants = [];
      for (const file of records) {
        const record = JSON.parse(await readFile(path.join(out, file), 'utf8')) as { applicant?: { name: string; idNumber: string } };
        if (record.applicant) applicants.push(record.applicant);
      }
      expect(applicants).toHaveLength(2);
      for (const found of applicants) expect(found).toMatchObject({ name: applicant.name });
    });

    it('names a file that does not open, writes the rest, and fails at the end', async () => {
      const damaged = path.join(work, 'archive-damaged');
      await cp(archiveCopy, damaged, { recursive: true });
      const [first, second] = [...opened.keys()];
      // A sealed letter moved to another case's path: its context no longer matches, so it must not open.
      await cp(path.join(damaged, ...second!.split('/')), path.join(damaged, ...first!.split('/')));
      const out = path.join(work, 'out-damaged');
      const output = printed();
      await expect(recover(out, undefined, undefined, damaged).finally(output.restore)).rejects.toThrow('有 1 个文件未能打开');
      expect(output.lines()).toContain(`打不开：${first}`);
      expect((await readFile(path.join(out, ...second!.split('/')))).equals(opened.get(second!)!)).toBe(true);
      await expect(stat(path.join(out, ...first!.split('/')))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses a device that made no deposit', async () => {
      await central.central.context.central.db.deleteFrom('escrow_deposits').where('device_id', '=', counter.device.deviceId).execute();
      await expect(recover(path.join(work, 'out-none'))).rejects.toThrow(`设备 ${counter.device.deviceId} 没有托管数据密钥`);
    });
  });
});
