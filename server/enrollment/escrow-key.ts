import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { EscrowKey } from '../../shared/sync/enroll';
import type { CentralDatabase } from '../db/schema';

/**
 * The province's escrow key: RSA-3072, OAEP with SHA-256. Counters wrap their data key under its
 * public half, so the archive of a counter that died can be opened again; the private half is written
 * once to a file the administrator takes offline, and never enters the database or the server.
 */
export const ESCROW_ALGORITHM = 'rsa-oaep-sha256';

/** The first 16 bytes of the SHA-256 of the key's SubjectPublicKeyInfo (DER). */
export const escrowKeyIdOf = (publicKeyPem: string): string =>
  createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);

export const activeEscrowKey = async (db: Kysely<CentralDatabase>): Promise<EscrowKey | null> => {
  const row = await db.selectFrom('server_keys').select(['key_id', 'public_key']).where('purpose', '=', 'escrow').where('active', '=', 1).orderBy('created_at', 'desc').executeTakeFirst();
  return row ? { algorithm: ESCROW_ALGORITHM, keyId: row.key_id, publicKeyPem: row.public_key } : null;
};

export const isKnownEscrowKey = async (db: Kysely<CentralDatabase>, keyId: string): Promise<boolean> =>
  Boolean(await db.selectFrom('server_keys').select('key_id').where('purpose', '=', 'escrow').where('key_id', '=', keyId).executeTakeFirst());

/**
 * Makes the pair: the private half into `privateKeyFile` (0600, never over an existing file), the
 * public half into the database as the active escrow key. `rotate` retires the active one; deposits
 * made under it keep naming it.
 */
export const generateEscrowKey = async (
  db: Kysely<CentralDatabase>,
  input: { privateKeyFile: string; now: Date; rotate?: boolean },
): Promise<EscrowKey> => {
  const active = await activeEscrowKey(db);
  if (active && !input.rotate) throw new Error(`已有在用的托管密钥 ${active.keyId}；确需更换时加 --rotate（此前的托管仍用旧密钥，旧私钥须保留）`);
  const pair = generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
  const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(input.privateKeyFile, privateKeyPem, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${input.privateKeyFile} 已存在：不覆盖已有的私钥文件，请换一个文件名`);
    throw error;
  }
  const key: EscrowKey = { algorithm: ESCROW_ALGORITHM, keyId: escrowKeyIdOf(publicKeyPem), publicKeyPem };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('server_keys').set({ active: 0 }).where('purpose', '=', 'escrow').execute();
      await trx
        .insertInto('server_keys')
        .values({ key_id: key.keyId, purpose: 'escrow', suite: ESCROW_ALGORITHM, public_key: publicKeyPem, private_key: null, created_at: input.now.toISOString(), active: 1 })
        .execute();
    });
  } catch (error) {
    // A private key whose public half never reached the database would only mislead.
    await unlink(input.privateKeyFile).catch(() => {});
    throw error;
  }
  return key;
};
