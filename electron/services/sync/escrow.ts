import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { escrowDepositResponseSchema, type EscrowDeposit, type EscrowKey } from '../../../shared/sync/enroll';
import type { SyncHttp } from './sync-http';

/**
 * The device's data secret, wrapped for the central system's escrow: RSA-OAEP with SHA-256 under
 * the escrow public key enrollment gave (its private half is kept offline by the province, never on
 * the server), so a counter whose disk survives but whose keyring does not can have its records
 * opened again. The secret exists in clear only in main's memory, for the wrapping.
 *
 * OAEP is randomized and the server keeps the first deposit and refuses any other
 * (ESCROW_CONFLICT), so the wrapping is made once and kept (sync-state.ts: ciphertext only the
 * escrow key's holder opens); a retry after a lost answer sends those very bytes again.
 */
export const ESCROW_PATH = '/v1/device/escrow';

export const wrapForEscrow = (secret: Uint8Array, escrowKey: EscrowKey): EscrowDeposit => {
  const key = createPublicKey(escrowKey.publicKeyPem);
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 3072) {
    throw new Error('escrow key is not an RSA key of at least 3072 bits');
  }
  const wrapped = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, secret);
  return { escrowKeyId: escrowKey.keyId, wrappedKey: wrapped.toString('base64') };
};

/** Sends the deposit; answers when the server says it was kept. */
export const depositEscrow = async (client: SyncHttp, deposit: EscrowDeposit): Promise<string> =>
  (await client.putJson(ESCROW_PATH, deposit, escrowDepositResponseSchema)).depositedAt;
