import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../electron/services/settings-store';
import { zhText } from './fixtures/host-text';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'settings-test-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('device settings', () => {
  it('are empty before the first configuration', async () => {
    expect(await createSettingsStore({ dataDir }).read()).toEqual({ ok: true, value: null });
  });

  it('get a random device id on configuration and are written to device.json', async () => {
    const store = createSettingsStore({ dataDir, now: () => new Date('2026-11-28T02:00:00Z') });
    const result = await store.configure({ counterId: 'C01', agencyName: '  某市人力资源和社会保障局  ' });
    if (!result.ok) throw new Error(zhText(result.error));
    expect(result.value.deviceId).toMatch(UUID);
    // No suite given: the default, gm, written out so the file names it from the start.
    expect(result.value).toEqual({ deviceId: result.value.deviceId, counterId: 'C01', agencyName: '某市人力资源和社会保障局', cryptoSuite: 'gm' });

    const file = JSON.parse(await readFile(path.join(dataDir, 'device.json'), 'utf8'));
    expect(file).toEqual({ version: 1, ...result.value, configuredAt: '2026-11-28T02:00:00.000Z' });
    expect(await store.read()).toEqual({ ok: true, value: result.value });
  });

  it('are read back by a new store (after a restart)', async () => {
    const configured = await createSettingsStore({ dataDir }).configure({ counterId: 'W12', agencyName: '某区人社局' });
    expect(await createSettingsStore({ dataDir }).read()).toEqual(configured);
  });

  it('two devices get different ids', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'settings-test-'));
    try {
      const a = await createSettingsStore({ dataDir }).configure({ counterId: 'C01', agencyName: '某区人社局' });
      const b = await createSettingsStore({ dataDir: other }).configure({ counterId: 'C01', agencyName: '某区人社局' });
      expect(a.ok && b.ok && a.value.deviceId !== b.value.deviceId).toBe(true);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('cannot be configured a second time, and stay as they were', async () => {
    const store = createSettingsStore({ dataDir });
    const first = await store.configure({ counterId: 'C01', agencyName: '某区人社局' });
    const second = await createSettingsStore({ dataDir }).configure({ counterId: 'C99', agencyName: '另一个局' });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.error.code).toBe('DEVICE_ALREADY_CONFIGURED');
    expect(second.error.key).toBe('host.device.already_configured');
    expect(zhText(second.error)).toMatch(/已完成初始设置/);
    expect(await createSettingsStore({ dataDir }).read()).toEqual(first);
  });

  it('let only one of two simultaneous configurations through', async () => {
    const store = createSettingsStore({ dataDir });
    const results = await Promise.all([
      store.configure({ counterId: 'C01', agencyName: '某区人社局' }),
      store.configure({ counterId: 'C02', agencyName: '某区人社局' }),
    ]);
    expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
  });

  it('report a damaged settings file instead of starting over with a new device id', async () => {
    await writeFile(path.join(dataDir, 'device.json'), '{"version":1,"deviceId":');
    const read = await createSettingsStore({ dataDir }).read();
    expect(!read.ok && read.error.code).toBe('SETTINGS_CORRUPT');
    const configure = await createSettingsStore({ dataDir }).configure({ counterId: 'C01', agencyName: '某区人社局' });
    expect(!configure.ok && configure.error.code).toBe('SETTINGS_CORRUPT');
    expect(await readFile(path.join(dataDir, 'device.json'), 'utf8')).toBe('{"version":1,"deviceId":');
  });

  it('report a settings file of the wrong shape as damaged', async () => {
    await writeFile(path.join(dataDir, 'device.json'), JSON.stringify({ version: 1, counterId: '../x' }));
    const read = await createSettingsStore({ dataDir }).read();
    expect(!read.ok && zhText(read.error)).toMatch(/device\.json/);
  });

  it('create the data folder when it does not exist yet', async () => {
    const nested = path.join(dataDir, 'a', 'b');
    const result = await createSettingsStore({ dataDir: nested }).configure({ counterId: 'C01', agencyName: '某区人社局' });
    expect(result.ok).toBe(true);
    await mkdir(nested, { recursive: true });
    expect(JSON.parse(await readFile(path.join(nested, 'device.json'), 'utf8')).counterId).toBe('C01');
  });
});
