import type { HostHandlers } from '../../shared/contract/host-contract';
import { fail, ok } from '../../shared/contract/result';
import type { ClerkAccounts } from './clerk-accounts';
import type { createHandoverGuard } from './handover-guard';
import type { SecuritySettingsStore } from './security-settings';
import type { SessionService } from './session';

type SessionMethods =
  | 'createAdministrator'
  | 'getSession'
  | 'signIn'
  | 'signOut'
  | 'unlockSession'
  | 'touchSession'
  | 'lockSession'
  | 'createAccount'
  | 'listAccounts'
  | 'getSecuritySettings'
  | 'changeSecuritySettings'
  | 'unlockHandover'
  | 'releaseHandoverWait';

export interface SessionHandlerDeps {
  accounts: ClerkAccounts;
  sessions: SessionService;
  security: SecuritySettingsStore;
  handover: ReturnType<typeof createHandoverGuard>;
}

/**
 * The host methods of identity: setup's first administrator, the session, accounts, the sign-in
 * rules, and the hand-over's PIN panels where they meet the session. Who may call each is checked
 * before (host-access.ts); what is left here is what only the session can tell.
 */
export const createSessionHandlers = ({ accounts, sessions, security, handover }: SessionHandlerDeps): Pick<HostHandlers, SessionMethods> => ({
  createAdministrator: (input) => accounts.createFirst(input),

  getSession: async () => ok(await sessions.info()),

  signIn: async (credentials) => {
    const verified = await accounts.verify(credentials);
    if (!verified.ok) return verified;
    return ok(await sessions.open(verified.value));
  },

  signOut: async () => ok({ signedOut: sessions.close() }),

  unlockSession: async ({ pin }) => {
    const info = await sessions.info();
    if (!info) return fail('NO_SESSION', 'host.session.none');
    const verified = await accounts.verify({ clerkId: info.account.clerkId, pin });
    if (verified.ok) return sessions.unlock();
    // Someone is guessing at the locked screen: the account is locked, and so the session ends.
    if (verified.error.code === 'ACCOUNT_LOCKED') sessions.close();
    return verified;
  },

  touchSession: () => sessions.touch(),

  lockSession: async () => ok({ locked: sessions.lock() }),

  createAccount: async (input) => {
    const by = await sessions.require('administrator');
    if (!by.ok) return by;
    return accounts.create(input, by.value.account.clerkId);
  },

  listAccounts: () => accounts.list(),

  getSecuritySettings: async () => {
    const { settings, damaged } = await security.read();
    // The defaults apply meanwhile; the administrator is told so, and saving the form repairs the file.
    return damaged ? fail('SECURITY_SETTINGS_CORRUPT', 'host.security.settings_corrupt') : ok(settings);
  },

  changeSecuritySettings: (settings) => security.write(settings),

  unlockHandover: async (credentials) => {
    const info = await sessions.info();
    if (info && info.account.clerkId.toUpperCase() !== credentials.clerkId.toUpperCase()) {
      return fail('HANDOVER_OTHER_CLERK', 'host.session.handover_other_clerk');
    }
    const unlocked = await handover.unlock(credentials);
    // The PIN the clerk just proved also ends an idle lock that fell during the hand-over.
    if (unlocked.ok && info) await sessions.unlock();
    return unlocked;
  },

  releaseHandoverWait: (release) => handover.release(release),
});
