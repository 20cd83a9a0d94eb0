import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { devicesCommand } from '../../server/cli/devices';
import { enrollCommand } from '../../server/cli/enroll';
import { escrowKeyCommand } from '../../server/cli/escrow-key';
import { orgCommand } from '../../server/cli/org';
import { revokeCommand } from '../../server/cli/revoke';
import type { RunningCentral } from '../../server/start-central';
import { parseEnrollmentQr } from '../../shared/sync/enroll';
import { startCentralOn } from './fixtures/central-under-test';
import { createCounterArchive, type CounterArchive } from './fixtures/counter-archive';
import { call, enrollRequestOf, TEST_HALL, TEST_ORG } from './fixtures/enrolled-counter';

/**
 * The administrator's commands, run as `npm run server -- <command>` runs them, on the embedded
 * database of a data folder (the database they open is the service's choice, tested elsewhere).
 */
const CERT = fileURLToPath(new URL('./fixtures/tls/central-test-cert.pem', import.meta.url));

let dir = '';
let output: string[] = [];
let central: RunningCentral | null = null;
let archive: CounterArchive | null = null;
const savedUrl = process.env.DATABASE_URL;

beforeEach(async () => {
  delete process.env.DATABASE_URL;
  dir = await mkdtemp(path.join(tmpdir(), 'central-cli-'));
  output = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await central?.close();
  await archive?.remove();
  central = archive = null;
  await rm(dir, { recursive: true, force: true });
  if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
});

const data = () => ['--data', path.join(dir, 'data')];

it('imports the organisation, makes the escrow key, issues a code the counter enrolls with, lists and revokes the device', async () => {
  const orgFile = path.join(dir, 'org.json');
  await writeFile(orgFile, JSON.stringify(TEST_ORG));
  await orgCommand(['import', orgFile, ...data()]);
  expect(output.pop()).toBe('组织机构已导入：新增 4，更新 0，未变 0');

  await expect(enrollCommand(['--hall', TEST_HALL, '--counter', 'C01', ...data()])).rejects.toThrow(/尚未生成托管密钥/);
  const pem = path.join(dir, 'escrow.pem');
  await escrowKeyCommand(['--out', pem, ...data()]);
  expect(output.join('\n')).toMatch(/托管密钥已生成：[0-9a-f]{32}/);
  expect((await stat(pem)).mode & 0o777).toBe(0o600);
  await expect(escrowKeyCommand(['--out', pem, '--rotate', ...data()])).rejects.toThrow(/已存在/);

  output = [];
  await enrollCommand(['--hall', TEST_HALL, '--counter', 'C01', '--server-url', 'https://central.example.cn:8443/ignored', '--tls-cert', CERT, '--hours', '2', ...data()]);
  const printed = output.join('\n');
  const code = /登记码：([A-Z2-9-]{19})/.exec(printed)![1]!;
  const der = Buffer.from((await readFile(CERT, 'utf8')).replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const pin = createHash('sha256').update(der).digest('hex');
  const qr = output.at(-1)!;
  expect(qr).toBe(`ccenroll:1?server=${encodeURIComponent('https://central.example.cn:8443')}&code=${code}&pin=${pin}`);
  expect(parseEnrollmentQr(qr)).toEqual({ server: 'https://central.example.cn:8443', code, pin });
  // The QR code itself, drawn in the terminal with half blocks.
  expect(output.at(-2)).toMatch(/[▀▄█]/);
  expect(printed).toContain('窗口 C01');

  // The code the command printed is the one the service takes.
  central = await startCentralOn({ databaseUrl: undefined, dataDir: path.join(dir, 'data') });
  archive = await createCounterArchive();
  const enrolled = await call(central, 'POST', '/v1/enroll', await enrollRequestOf(archive, code), null);
  expect(enrolled.status).toBe(200);
  await expect(enrollCommand(['--hall', TEST_HALL, '--counter', 'C01', ...data()])).rejects.toThrow(/已有在用设备/);

  output = [];
  await devicesCommand(data());
  expect(output[1]).toContain(`${TEST_HALL}\tC01\t${archive.deviceId}\tgm`);
  expect(output[1]).toMatch(/在用$/);
  await revokeCommand(['--device', archive.deviceId, '--reason', '窗口电脑报废', ...data()]);
  expect((await call(central, 'GET', '/v1/device', undefined, enrolled.body.token)).status).toBe(403);
  await expect(revokeCommand(['--device', archive.deviceId, '--reason', '再次', ...data()])).rejects.toThrow(/已于 .* 吊销/);
  output = [];
  await devicesCommand(data());
  expect(output[1]).toMatch(/已吊销 /);
});

it('names every problem of an organisation file and refuses what the counter could not use', async () => {
  const orgFile = path.join(dir, 'org.json');
  await writeFile(orgFile, JSON.stringify({ units: [{ id: 'gd', name: '广东省', level: 'city' }] }));
  await expect(orgCommand(['import', orgFile, ...data()])).rejects.toThrow('组织机构文件有 1 处问题：\n  - units[0]（gd）：市/区只能在省或市/区之下');
  await writeFile(orgFile, '{ "units": [');
  await expect(orgCommand(['import', orgFile, ...data()])).rejects.toThrow(/不是有效的 JSON/);
  await expect(orgCommand(['export', orgFile, ...data()])).rejects.toThrow(/用法/);
  await expect(enrollCommand(['--hall', TEST_HALL, '--counter', 'C01', '--server-url', 'http://central.example.cn', ...data()])).rejects.toThrow(/HTTPS/);
  await expect(enrollCommand(['--hall', TEST_HALL, '--counter', 'C01', '--tls-cert', path.join(dir, 'none.pem'), ...data()])).rejects.toThrow(/无法读取证书/);
});
