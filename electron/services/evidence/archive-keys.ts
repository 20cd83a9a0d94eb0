import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';
import { fromHex } from '../crypto/bytes';
import { loadSuite, suiteNames } from '../crypto/suite';
import { keyIdOf, type PublicDeviceKey } from '../device-key';

/**
 * The device public keys published in the archive, `<archive>/device-keys/<keyId>.json`, so the
 * archive can be verified on its own. A key found here proves only that whoever wrote the folder
 * had it: a forger who replaces it and re-signs everything passes unless the verifier is given the
 * key from elsewhere (`--public-key`, later the central registry). Not in the ledger: it is the
 * ledger's own key.
 */
export const DEVICE_KEYS_DIR = 'device-keys';

const publishedKeySchema = z
  .object({
    schema: z.literal('device-public-key/1'),
    suite: z.enum(suiteNames),
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    publicKey: z.string().regex(/^04[0-9a-f]{128}$/),
    deviceId: z.string().min(1),
  })
  .strict();

export type PublishedKey = z.infer<typeof publishedKeySchema>;

export const publishedKeyBytes = (key: PublicDeviceKey, deviceId: string): Buffer =>
  Buffer.from(
    `${JSON.stringify({ schema: 'device-public-key/1', suite: key.suite, keyId: key.keyId, publicKey: key.publicKey, deviceId } satisfies PublishedKey, null, 2)}\n`,
  );

/** Writes the key once; an existing file for the same id is left as it is. */
export const publishDeviceKey = async (root: string, key: PublicDeviceKey, deviceId: string): Promise<void> => {
  const file = path.join(root, DEVICE_KEYS_DIR, `${key.keyId}.json`);
  if (await readFileIfExists(file)) return;
  try {
    await writeFileAtomic(file, publishedKeyBytes(key, deviceId), { exclusive: true, mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
};

/** Parses a published key and checks that its id is that of its public point. */
export const parsePublishedKey = async (text: string): Promise<PublishedKey | null> => {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = publishedKeySchema.safeParse(raw);
  if (!parsed.success) return null;
  const suite = await loadSuite(parsed.data.suite);
  return keyIdOf(suite, fromHex(parsed.data.publicKey)) === parsed.data.keyId ? parsed.data : null;
};

/** Every key published in the archive, and the files that are not valid keys. */
export const readPublishedKeys = async (root: string): Promise<{ keys: PublishedKey[]; invalid: string[] }> => {
  let names: string[];
  try {
    names = await readdir(path.join(root, DEVICE_KEYS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [], invalid: [] };
    throw error;
  }
  const keys: PublishedKey[] = [];
  const invalid: string[] = [];
  for (const name of names.sort()) {
    const key = await parsePublishedKey(await readFile(path.join(root, DEVICE_KEYS_DIR, name), 'utf8'));
    if (key && name === `${key.keyId}.json`) keys.push(key);
    else invalid.push(`${DEVICE_KEYS_DIR}/${name}`);
  }
  return { keys, invalid };
};
