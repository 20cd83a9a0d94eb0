import { randomUUID as nodeRandomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { DeviceSettings } from '../../shared/contract/host-contract';
import { cryptoSuites, type CryptoSuiteName } from '../../shared/contract/domains/setup';
import { fail, ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * The device's own settings, in `<dataDir>/device.json`: a random device id made once, the counter
 * number, the agency name and the cryptographic suite. Set once at installation; changing them later is an administrator's job
 * (a sealed record carries them, so they must not drift under the clerk's hands).
 */
const deviceFileSchema = z
  .object({
    version: z.literal(1),
    deviceId: z.uuid(),
    counterId: z.string().regex(/^[A-Z0-9]{1,8}$/),
    agencyName: z.string().min(1).max(60),
    configuredAt: z.iso.datetime({ offset: true }),
    // Absent in files written before the suite was a setting: those devices have always signed with gm.
    cryptoSuite: z.enum(cryptoSuites).optional(),
  })
  .strict();

export interface SettingsStoreOptions {
  dataDir: string;
  now?: () => Date;
  randomUUID?: () => string;
}

export interface SettingsStore {
  /** The settings, `null` before the first configuration, or a failure when the file is damaged. */
  read(): Promise<Result<DeviceSettings | null>>;
  /** Only while the device is not configured yet. */
  configure(input: { counterId: string; agencyName: string; cryptoSuite?: CryptoSuiteName | undefined }): Promise<Result<DeviceSettings>>;
}

export const DEVICE_FILE = 'device.json';

export const createSettingsStore = (options: SettingsStoreOptions): SettingsStore => {
  const file = path.join(options.dataDir, DEVICE_FILE);
  const now = options.now ?? (() => new Date());
  const randomUUID = options.randomUUID ?? nodeRandomUUID;
  const lock = new KeyedLock();
  let cached: DeviceSettings | null = null;

  const load = async (): Promise<Result<DeviceSettings | null>> => {
    if (cached) return ok(cached);
    const bytes = await readFileIfExists(file);
    if (bytes === null) return ok(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      return fail('SETTINGS_CORRUPT', 'host.device.settings_corrupt');
    }
    const checked = deviceFileSchema.safeParse(parsed);
    if (!checked.success) return fail('SETTINGS_CORRUPT', 'host.device.settings_corrupt');
    const { deviceId, counterId, agencyName, cryptoSuite } = checked.data;
    cached = { deviceId, counterId, agencyName, cryptoSuite: cryptoSuite ?? 'gm' };
    return ok(cached);
  };

  return {
    read: () => lock.run(file, load),

    configure: (input) =>
      lock.run(file, async () => {
        const current = await load();
        if (!current.ok) return current;
        if (current.value) return fail('DEVICE_ALREADY_CONFIGURED', 'host.device.already_configured');
        const settings: DeviceSettings = {
          deviceId: randomUUID(),
          counterId: input.counterId,
          agencyName: input.agencyName.trim(),
          cryptoSuite: input.cryptoSuite ?? 'gm',
        };
        const content = { version: 1 as const, ...settings, configuredAt: now().toISOString() };
        await writeFileAtomic(file, `${JSON.stringify(deviceFileSchema.parse(content), null, 2)}\n`, {
          exclusive: true,
        });
        cached = settings;
        return ok(settings);
      }),
  };
};
