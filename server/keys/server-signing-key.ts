import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fromHex, toHex, utf8Bytes } from '../../electron/services/crypto/bytes';
import { loadSuite, type SuiteName, type Verifier } from '../../electron/services/crypto/suite';
import { keyIdOf } from '../../electron/services/device-key';
import type { PublicKeyInfo } from '../../shared/sync/enroll';
import type { CentralDatabase } from '../db/schema';

/**
 * The central system's signing key: receipts and publications (catalog versions, rosters) are signed
 * with it, and counters pin its public half at enrollment. It lives in the database, so every server
 * process of a deployment signs with the same key and a process keeps no state of its own. (A province
 * that keeps keys in an HSM replaces this module; the rest only sees `sign`.)
 */
export interface ServerSigner {
  readonly info: PublicKeyInfo;
  sign(text: string): string;
  verifier(): Verifier;
}

const now = () => new Date().toISOString();

export const loadServerSigner = async (db: Kysely<CentralDatabase>, suiteName: SuiteName): Promise<ServerSigner> => {
  const suite = await loadSuite(suiteName);
  const activeKey = () =>
    db.selectFrom('server_keys').selectAll().where('purpose', '=', 'signing').where('active', '=', 1).where('suite', '=', suiteName);
  let row = await activeKey().executeTakeFirst();
  if (!row) {
    const pair = suite.generateKeyPair();
    const candidate = {
      key_id: keyIdOf(suite, pair.publicKey),
      purpose: 'signing' as const,
      suite: suiteName,
      public_key: toHex(pair.publicKey),
      private_key: toHex(pair.privateKey),
      created_at: now(),
      active: 1,
    };
    // Two processes starting on an empty database: the one active key per suite is held by a unique
    // index (migration 0004), so one insert wins and both then read the winner's key.
    await db.insertInto('server_keys').values(candidate).onConflict((c) => c.doNothing()).execute();
    row = await activeKey().executeTakeFirstOrThrow();
  }
  const publicKey = fromHex(row.public_key);
  const privateKey = fromHex(row.private_key ?? '');
  const info: PublicKeyInfo = { suite: suiteName, keyId: row.key_id, publicKey: row.public_key };
  return {
    info,
    sign: (text) => toHex(suite.sign(privateKey, publicKey, utf8Bytes(text))),
    verifier: () => suite.verifier(publicKey),
  };
};

/** A random token for a device: 32 bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
