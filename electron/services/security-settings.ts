import path from 'node:path';
import { z } from 'zod';
import { securitySettingsSchema, type SecuritySettings } from '../../shared/contract/domains/accounts';
import { ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/** The administrator's sign-in rules, in `security-settings.json`; the figures by default. */
export const SECURITY_FILE = 'security-settings.json';

export const DEFAULT_SECURITY: SecuritySettings = { maxFailedAttempts: 5, lockMinutes: 15, idleLockMinutes: 5 };

const fileSchema = z.object({ version: z.literal(1), settings: securitySettingsSchema }).strict();

export interface SecuritySettingsStore {
  /** A damaged file falls back to the defaults (never to something weaker), and says so to the administrator. */
  read(): Promise<{ settings: SecuritySettings; damaged: boolean }>;
  write(settings: SecuritySettings): Promise<Result<SecuritySettings>>;
}

export const createSecuritySettingsStore = (dataDir: string): SecuritySettingsStore => {
  const file = path.join(dataDir, SECURITY_FILE);
  const lock = new KeyedLock();
  let cached: SecuritySettings | null = null;

  return {
    read: () =>
      lock.run(file, async () => {
        if (cached) return { settings: cached, damaged: false };
        const bytes = await readFileIfExists(file);
        if (bytes === null) return { settings: DEFAULT_SECURITY, damaged: false };
        try {
          const checked = fileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
          if (checked.success) {
            cached = checked.data.settings;
            return { settings: cached, damaged: false };
          }
        } catch {
          // as damaged as a wrong shape
        }
        return { settings: DEFAULT_SECURITY, damaged: true };
      }),

    write: (settings) =>
      lock.run(file, async () => {
        await writeFileAtomic(file, `${JSON.stringify(fileSchema.parse({ version: 1, settings }), null, 2)}\n`);
        cached = { ...settings };
        return ok(cached);
      }),
  };
};
