import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { fromHex, toHex } from './crypto/bytes';
import { loadSuite, suiteNames, type CryptoSuite, type SuiteName } from './crypto/suite';
import type { SecretStore } from './secret-store';

/**
 * The device's signing key pair, held by main alone: made on first use, the private key sealed
 * through the SecretStore (safeStorage in the app) and only ever opened in memory here; the public
 * key and its id in clear beside it, for the archive and any verifier. The renderer never sees it.
 *
 * One key per suite: a deployment that moves from `intl` to `gm` gets a new pair, and records signed
 * before keep naming the old key by its id.
 */
export const deviceKeyFile = (suite: SuiteName): string => `device-signing-key.${suite}.json`;

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const storedKeySchema = z
  .object({
    schema: z.literal('device-signing-key/1'),
    suite: z.enum(suiteNames),
    keyId: hex(16),
    publicKey: hex(65),
    /** The 32-byte private scalar, sealed by the SecretStore (base64). */
    sealedPrivateKey: z.string().min(1),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .strict();

/** What anyone may know of a device key: enough to verify, nothing to sign. */
export interface PublicDeviceKey {
  suite: SuiteName;
  keyId: string;
  /** Uncompressed point, lower-case hex. */
  publicKey: string;
}

/**
 * A key's id: the first 16 bytes of the suite's hash (SM3 or SHA-256) of its public point, hex.
 * Short enough for the letter's QR code; a wrong key with the same id still fails every signature.
 */
export const keyIdOf = (suite: CryptoSuite, publicKey: Uint8Array): string => toHex(suite.hash(publicKey).subarray(0, 16));

export interface DeviceSigner extends PublicDeviceKey {
  readonly suite: SuiteName;
  /** The suite's hash of bytes, lower-case hex. */
  hashHex(data: Uint8Array): string;
  sign(message: Uint8Array): Uint8Array;
}

export interface DeviceKeyOptions {
  dataDir: string;
  secrets: SecretStore;
  suite: SuiteName;
  now?: () => Date;
}

const signerFor = (suite: CryptoSuite, publicKey: Uint8Array, privateKey: Uint8Array): DeviceSigner => ({
  suite: suite.name,
  keyId: keyIdOf(suite, publicKey),
  publicKey: toHex(publicKey),
  hashHex: (data) => toHex(suite.hash(data)),
  sign: (message) => suite.sign(privateKey, publicKey, message),
});

/** The device signer, generated and stored the first time it is asked for. */
export const openDeviceSigner = async (options: DeviceKeyOptions): Promise<DeviceSigner> => {
  const suite = await loadSuite(options.suite);
  const file = path.join(options.dataDir, deviceKeyFile(options.suite));
  let text: string | null = null;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    const stored = storedKeySchema.parse(JSON.parse(text));
    if (stored.suite !== options.suite) throw new Error(`device key file names suite ${stored.suite}, not ${options.suite}`);
    const publicKey = fromHex(stored.publicKey);
    if (keyIdOf(suite, publicKey) !== stored.keyId) throw new Error('device key file: the key id is not that of its public key');
    const privateKey = await options.secrets.open(Buffer.from(stored.sealedPrivateKey, 'base64'));
    const signer = signerFor(suite, publicKey, privateKey);
    // A key file whose private half does not match its public half would sign what nobody can verify.
    const probe = new TextEncoder().encode('device-key-probe');
    if (!suite.verifier(publicKey)(probe, signer.sign(probe))) throw new Error('device key file: the private key does not match the public key');
    return signer;
  }
  const pair = suite.generateKeyPair();
  const stored: z.infer<typeof storedKeySchema> = {
    schema: 'device-signing-key/1',
    suite: options.suite,
    keyId: keyIdOf(suite, pair.publicKey),
    publicKey: toHex(pair.publicKey),
    sealedPrivateKey: Buffer.from(await options.secrets.seal(pair.privateKey)).toString('base64'),
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  await mkdir(options.dataDir, { recursive: true });
  try {
    await writeFileAtomic(file, Buffer.from(`${JSON.stringify(stored, null, 2)}\n`), { exclusive: true, mode: 0o600 });
  } catch (error) {
    // Another caller made the key first: use theirs, never a second one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return openDeviceSigner(options);
    throw error;
  }
  return signerFor(suite, pair.publicKey, pair.privateKey);
};
