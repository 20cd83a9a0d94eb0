import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_LOG_FILE } from '../../electron/services/audit-log';
import { LEDGER_FILE } from '../../electron/services/archive-ledger';
import { readRecordFile } from '../../electron/services/evidence/signed-record';
import { recordFilePath } from '../../electron/services/records/record-paths';
import { DEVICE_FILE } from '../../electron/services/settings-store';
import type { DeviceSettings, HostHandlers, SetupState } from '../../shared/contract/host-contract';
import type { SealedRecord } from '../../shared/domain/sealed-record';
import { reviewedDraft } from './fixtures/case-fixtures';
import { callOn, testHandlers, value } from './fixtures/test-host';

/**
 * The cryptographic suite is a setting of the device, chosen once at first start (device.json): every
 * record, ledger line and audit line main signs names it, and the data key is the suite's.
 */
const clerk = { clerkId: 'A001', name: '王窗口' };

let root: string;
let dataDir: string;
let archiveDir: string;

// No `cryptoSuite` option: the suite must come from the device's own settings, as in the app.
const start = (): HostHandlers => testHandlers({ dataDir, archiveDir, now: () => new Date('2026-12-02T02:00:00Z') });

const call = callOn;

/** Administrator and clerk made, the clerk signed in, one case sealed through the contract. */
const sealOne = async (handlers: HostHandlers, device: DeviceSettings): Promise<SealedRecord> => {
  value(await call(handlers, 'createAdministrator', { clerkId: 'M001', name: '赵管理', pin: '975310' }));
  value(await call(handlers, 'signIn', { clerkId: 'M001', pin: '975310' }));
  value(await call(handlers, 'createAccount', { ...clerk, pin: '482913', role: 'clerk' }));
  value(await call(handlers, 'signIn', { clerkId: clerk.clerkId, pin: '482913' }));
  return value(await call<SealedRecord>(handlers, 'sealCase', { draft: reviewedDraft(device, clerk, 'd-1') }));
};

const suitesOfLines = async (file: string): Promise<string[]> =>
  (await readFile(path.join(archiveDir, file), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { suite: string }).suite);

const envelopeSuite = async (record: SealedRecord): Promise<string | undefined> => {
  const file = readRecordFile(await readFile(path.join(archiveDir, ...recordFilePath(record.caseNumber).split('/'))));
  return file.kind === 'signed' || file.kind === 'sealed' ? file.envelope.suite : undefined;
};

/** `pd1.<suite>.` of the record file's sealed personal data. */
const sealedPrefix = async (record: SealedRecord): Promise<string | undefined> => {
  const file = readRecordFile(await readFile(path.join(archiveDir, ...recordFilePath(record.caseNumber).split('/'))));
  return file.kind === 'sealed' ? `${file.sealed.split('.').slice(0, 2).join('.')}.` : undefined;
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'device-suite-'));
  dataDir = path.join(root, 'data');
  archiveDir = path.join(root, 'archive');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('the cryptographic suite of the device', () => {
  it('signs records, ledger lines and audit lines with intl when the device was configured intl', async () => {
    const handlers = start();
    const device = value(await call<DeviceSettings>(handlers, 'configureDevice', { counterId: 'C01', agencyName: '某市人力资源和社会保障局', cryptoSuite: 'intl' }));
    expect(device.cryptoSuite).toBe('intl');
    const record = await sealOne(handlers, device);
    expect(await envelopeSuite(record)).toBe('intl');
    const ledger = await suitesOfLines(LEDGER_FILE);
    expect(ledger.length).toBeGreaterThan(0);
    expect(new Set(ledger)).toEqual(new Set(['intl']));
    const audit = await suitesOfLines(AUDIT_LOG_FILE);
    expect(audit.length).toBeGreaterThan(0);
    expect(new Set(audit)).toEqual(new Set(['intl']));
    // The record's personal data is sealed under the suite's AEAD too (AES-256-GCM, not SM4).
    expect(await sealedPrefix(record)).toBe('pd1.intl.');
  });

  it('is kept in device.json and read back by a new process; it cannot be chosen again', async () => {
    value(await call(start(), 'configureDevice', { counterId: 'C01', agencyName: '某市人社局', cryptoSuite: 'intl' }));
    const stored = JSON.parse(await readFile(path.join(dataDir, DEVICE_FILE), 'utf8')) as { cryptoSuite?: string };
    expect(stored.cryptoSuite).toBe('intl');
    const again = start();
    expect(value(await call<SetupState>(again, 'getSetup', null)).device?.cryptoSuite).toBe('intl');
    const twice = await call(again, 'configureDevice', { counterId: 'C01', agencyName: '某市人社局', cryptoSuite: 'gm' });
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.error.code).toBe('DEVICE_ALREADY_CONFIGURED');
  });

  it('is gm when left out at configuration', async () => {
    const device = value(await call<DeviceSettings>(start(), 'configureDevice', { counterId: 'C01', agencyName: '某市人社局' }));
    expect(device.cryptoSuite).toBe('gm');
  });

  it('means gm for a device.json written before the suite was a setting', async () => {
    await mkdir(dataDir, { recursive: true });
    const old = { version: 1, deviceId: '2f1c9a52-8a9e-4d7e-9a53-0b6f3c1d2e4f', counterId: 'C01', agencyName: '某市人社局', configuredAt: '2026-11-01T01:00:00.000Z' };
    await writeFile(path.join(dataDir, DEVICE_FILE), `${JSON.stringify(old, null, 2)}\n`);
    const handlers = start();
    const device = value(await call<SetupState>(handlers, 'getSetup', null)).device!;
    expect(device).toEqual({ deviceId: old.deviceId, counterId: 'C01', agencyName: '某市人社局', cryptoSuite: 'gm' });
    const record = await sealOne(handlers, device);
    expect(await envelopeSuite(record)).toBe('gm');
    expect(await sealedPrefix(record)).toBe('pd1.gm.');
    expect(new Set(await suitesOfLines(LEDGER_FILE))).toEqual(new Set(['gm']));
  });

  it('refuses a suite it does not know', async () => {
    const refused = await call(start(), 'configureDevice', { counterId: 'C01', agencyName: '某市人社局', cryptoSuite: 'rsa' });
    expect(refused.ok).toBe(false);
  });
});
