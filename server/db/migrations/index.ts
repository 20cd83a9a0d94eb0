import type { Kysely } from 'kysely';
import type { DialectName } from '../open-database';
import * as core from './0001-core';
import * as dayClose from './0002-day-close';
import * as liveCounter from './0003-live-counter';
import * as oneSigningKey from './0004-one-signing-key';
import * as deviceRevocations from './0005-device-revocations';

/**
 * The schema's history, in order. A released migration never changes: a later change is a new file.
 * Names sort in the order they run (Kysely's Migrator checks that).
 */
export interface CentralMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

export const migrations: Record<string, CentralMigration> = {
  '0001-core': core,
  '0002-day-close': dayClose,
  '0003-live-counter': liveCounter,
  '0004-one-signing-key': oneSigningKey,
  '0005-device-revocations': deviceRevocations,
};
