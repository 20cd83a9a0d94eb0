import { createSyncClient } from '../sync/sync-client';
import type { SyncEngine } from '../sync/sync-engine';
import type { DayCloseLink } from './day-close-service';

/**
 * The day close's link over the sync engine: its round (push, then pull) and, for the statement, a
 * client made as the engine makes its own — the credentials' origin, token and pinned certificate —
 * with the server key pinned at enrollment. `clientFor` only where a test substitutes the engine's.
 */
export const dayCloseLinkOf = (
  engine: Pick<SyncEngine, 'syncNow' | 'status' | 'enrolled'>,
  clientFor: (credentials: NonNullable<Awaited<ReturnType<SyncEngine['enrolled']>>>) => ReturnType<typeof createSyncClient> = (credentials) =>
    createSyncClient({ origin: credentials.origin, token: credentials.token, pin: credentials.pin }),
): DayCloseLink => ({
  syncRound: async () => {
    await engine.syncNow();
    const status = await engine.status();
    return { ok: status.lastError === null, error: status.lastError };
  },
  receipted: async () => (await engine.status()).receiptedHead,
  client: async () => {
    const credentials = await engine.enrolled();
    return credentials ? clientFor(credentials) : null;
  },
  serverKey: async () => (await engine.enrolled())?.serverKey ?? null,
});
