import path from 'node:path';
import { z } from 'zod';
import { escrowKeySchema, orgUnitSchema, publicKeyInfoSchema } from '../../../shared/sync/enroll';
import { counterIdField, deviceIdField, isoTime } from '../../../shared/sync/wire-fields';
import { KeyedLock, readFileIfExists, writeFileAtomic } from '../atomic-file';
import type { SecretStore } from '../secret-store';

/**
 * What enrollment gave this device, kept by main alone: the bearer token, the server's origin, its
 * pinned certificate, its signing key (receipts and publications are checked with it), the escrow
 * key and the org path. Sealed whole by the SecretStore (safeStorage in the app, the 0600 key file
 * where it is absent) into `<dataDir>/sync-credentials.sealed` (0600), written once — and replaced
 * only by an enrollment after the central system revoked these (enrollment.ts). No host method
 * answers any of it but the origin, the hall's name, the time and the fingerprint (sync-handlers.ts).
 */
export const CREDENTIALS_FILE = 'sync-credentials.sealed';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const credentialsSchema = z
  .object({
    version: z.literal(1),
    origin: z.string().min(1).max(300),
    token: z.string().min(32).max(200),
    /** Null only for plain HTTP to loopback. */
    pin: z.object({ certificates: z.array(z.string().max(16_384)).min(1).max(8), fingerprint: hex64 }).strict().nullable(),
    deviceId: deviceIdField,
    counterId: counterIdField,
    orgPath: z.array(orgUnitSchema).min(1),
    serverKey: publicKeyInfoSchema,
    escrowKey: escrowKeySchema,
    enrolledAt: isoTime,
  })
  .strict();
export type SyncCredentials = z.infer<typeof credentialsSchema>;

/** The sealed file could not be opened (keyring gone, another profile): only the kind of failure. */
export class CredentialsUnavailable extends Error {
  constructor(readonly reason: string) {
    super('sync credentials unavailable');
  }
}

export interface CredentialsStore {
  /** The credentials, null before enrollment. */
  read(): Promise<SyncCredentials | null>;
  /** Written once: a second enrollment over the first is refused with EEXIST. */
  write(credentials: SyncCredentials): Promise<void>;
  /** The revoked credentials give way to new ones, in one atomic rename (never a moment with none). */
  replace(credentials: SyncCredentials): Promise<void>;
}

const reasonOf = (error: unknown): string => (error instanceof Error ? ('code' in error && String((error as NodeJS.ErrnoException).code)) || error.name : 'unknown');

export const createCredentialsStore = (dataDir: string, secrets: SecretStore): CredentialsStore => {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const lock = new KeyedLock();
  let cached: SyncCredentials | null = null;
  const store = async (credentials: SyncCredentials, exclusive: boolean) => {
    const checked = credentialsSchema.parse(credentials);
    const sealed = await secrets.seal(Buffer.from(JSON.stringify(checked), 'utf8'));
    await writeFileAtomic(file, Buffer.from(sealed), { exclusive, mode: 0o600 });
    cached = checked;
  };
  return {
    read: () =>
      lock.run(file, async () => {
        if (cached) return cached;
        const sealed = await readFileIfExists(file);
        if (sealed === null) return null;
        try {
          const plain = await secrets.open(sealed);
          cached = credentialsSchema.parse(JSON.parse(Buffer.from(plain).toString('utf8')));
          return cached;
        } catch (error) {
          throw new CredentialsUnavailable(reasonOf(error));
        }
      }),
    write: (credentials) => lock.run(file, () => store(credentials, true)),
    replace: (credentials) => lock.run(file, () => store(credentials, false)),
  };
};
