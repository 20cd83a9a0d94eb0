import type { CentralDb } from './db/open-database';
import type { ServerSigner } from './keys/server-signing-key';

/** What every handler is given: the database, the signing key and the clock (tests move it). */
export interface ServerContext {
  central: CentralDb;
  signer: ServerSigner;
  now(): Date;
}
