import path from 'node:path';
import { z } from 'zod';
import type { PrintSettings } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { KeyedLock, readFileIfExists, writeFileAtomic } from './atomic-file';

/**
 * Which printer this device prints on, in `<dataDir>/print-settings.json`. Kept apart from device.json:
 * the counter number is fixed at installation, the printer changes whenever one is replaced.
 */
const fileSchema = z.object({ version: z.literal(1), printer: z.string().min(1).max(127).nullable() }).strict();

export const PRINT_SETTINGS_FILE = 'print-settings.json';

export interface PrintSettingsStore {
  /** The settings; a damaged file is reported (the caller may still print on the default printer). */
  read(): Promise<Result<PrintSettings>>;
  write(settings: PrintSettings): Promise<PrintSettings>;
}

export const createPrintSettingsStore = (dataDir: string): PrintSettingsStore => {
  const file = path.join(dataDir, PRINT_SETTINGS_FILE);
  const lock = new KeyedLock();
  return {
    read: () =>
      lock.run(file, async () => {
        const bytes = await readFileIfExists(file);
        if (bytes === null) return ok({ printer: null });
        try {
          return ok({ printer: fileSchema.parse(JSON.parse(bytes.toString('utf8'))).printer });
        } catch {
          return fail('PRINT_SETTINGS_CORRUPT', 'host.printer.settings_corrupt');
        }
      }),
    write: (settings) =>
      lock.run(file, async () => {
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, printer: settings.printer }, null, 2)}\n`);
        return { printer: settings.printer };
      }),
  };
};
