import path from 'node:path';
import type { ClerkAccount } from '../../shared/contract/host-contract';
import { fail, type Result } from '../../shared/contract/result';
import { createClerkAccounts, type ClerkAccounts } from './clerk-accounts';
import { createHandoverGuard } from './handover-guard';
import { createKeyFileSecretStore } from './key-file-secret-store';
import type { AuditLog } from './audit-log';
import type { ScryptParams } from './pin-hash';
import { createPinPepper } from './pin-pepper';
import type { SecretStore } from './secret-store';
import { createSecuritySettingsStore } from './security-settings';
import { createSessionService, type SessionService } from './session';
import { createSessionHandlers } from './session-handlers';

export interface IdentityOptions {
  dataDir: string;
  /** The app passes safeStorage's; without one, a key file in the data folder (tests, `npm run ui`). */
  secrets?: SecretStore;
  now?: () => Date;
  scryptParams?: ScryptParams;
  /** Main's audit log; the identity events (sign-in, failures, lockouts, idle locks…) are written there. */
  audit?: AuditLog;
}

/** A key file for where no SecretStore is given: it protects only against a copy without this file. */
export const FALLBACK_SECRET_KEY_FILE = 'secret-store.key';

/** The pepper could not be unsealed (keyring gone, key file of another profile): no PIN can be checked. */
class SecretUnavailable extends Error {
  readonly reason: string;
  constructor(cause: unknown) {
    super('PIN pepper unavailable');
    // Only the kind of failure: the store's own message may name paths.
    this.reason = cause instanceof Error ? (('code' in cause && String(cause.code)) || cause.name) : 'unknown';
  }
}

const answerSecretFailures = <H extends Record<string, (arg: never) => Promise<Result<unknown>>>>(handlers: H): H =>
  Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      async (arg: never) => {
        try {
          return await handler(arg);
        } catch (error) {
          if (error instanceof SecretUnavailable) return fail('SECRET_UNAVAILABLE', 'host.clerk.secret_unavailable', { code: error.reason });
          throw error;
        }
      },
    ]),
  ) as H;

/** Accounts, the session and their host methods, wired together for one data folder. */
export const createIdentity = (options: IdentityOptions): { accounts: ClerkAccounts; sessions: SessionService; handlers: ReturnType<typeof createSessionHandlers> } => {
  const { audit } = options;
  const secrets = options.secrets ?? createKeyFileSecretStore(path.join(options.dataDir, FALLBACK_SECRET_KEY_FILE));
  const security = createSecuritySettingsStore(options.dataDir);
  const pepper = createPinPepper(options.dataDir, secrets);
  const accounts = createClerkAccounts({
    dataDir: options.dataDir,
    pepper: () => pepper().catch((error: unknown) => Promise.reject(new SecretUnavailable(error))),
    lockout: async () => {
      const { settings } = await security.read();
      return { maxFailedAttempts: settings.maxFailedAttempts, lockMs: settings.lockMinutes * 60_000 };
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}),
    ...(audit ? { onLockout: async (clerkId: string) => void (await audit.recordAs(null, 'clerk.lockout', clerkId.toUpperCase())) } : {}),
  });
  const sessions = createSessionService({
    idleLockMs: async () => (await security.read()).settings.idleLockMinutes * 60_000,
    ...(options.now ? { now: options.now } : {}),
    ...(audit ? { onIdleLock: async (account: ClerkAccount) => void (await audit.recordAs(account, 'clerk.idle_lock', account.clerkId)) } : {}),
  });
  const handover = createHandoverGuard(accounts, options.now);
  return { accounts, sessions, handlers: answerSecretFailures(createSessionHandlers({ accounts, sessions, security, handover, ...(audit ? { audit } : {}) })) };
};
