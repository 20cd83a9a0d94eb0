import type { AuditAction } from '../../shared/contract/domains/audit';
import type { ClerkAccount, HostHandlers } from '../../shared/contract/host-contract';
import { fail, ok } from '../../shared/contract/result';
import type { AuditLog } from './audit-log';
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
  /** Main's audit log: each identity event is written (and flushed) before its answer. */
  audit?: AuditLog;
}

/** An error code as an audit detail (`PIN_WRONG` → `pin_wrong`). */
const codeDetail = (code: string) => code.toLowerCase().replace(/[^0-9a-z_]/g, '_').slice(0, 40);

/**
 * The host methods of identity: setup's first administrator, the session, accounts, the sign-in
 * rules, and the hand-over's PIN panels where they meet the session. Who may call each is checked
 * before (host-access.ts); what is left here is what only the session can tell.
 */
export const createSessionHandlers = ({ accounts, sessions, security, handover, audit }: SessionHandlerDeps): Pick<HostHandlers, SessionMethods> => {
  // The actor is always one main checked: the session's account, a PIN main just verified, or none.
  const note = async (actor: ClerkAccount | null, action: AuditAction, subject: string, detail?: string) => {
    await audit?.recordAs(actor, action, subject, detail);
  };
  const failed = async (clerkId: string, code: string) => note(null, 'clerk.sign_in_failed', clerkId.toUpperCase(), codeDetail(code));

  return {
    createAdministrator: async (input) => {
      const created = await accounts.createFirst(input);
      // Nobody is signed in yet at first start: the entry has no actor, the new account is its subject.
      if (created.ok) await note(null, 'account.create', created.value.clerkId, created.value.role);
      return created;
    },

    getSession: async () => ok(await sessions.info()),

    signIn: async (credentials) => {
      const verified = await accounts.verify(credentials);
      if (!verified.ok) {
        await failed(credentials.clerkId, verified.error.code);
        return verified;
      }
      await note(verified.value, 'clerk.sign_in', verified.value.clerkId);
      return ok(await sessions.open(verified.value));
    },

    signOut: async () => {
      const info = await sessions.info();
      if (info) await note(info.account, 'clerk.sign_out', info.account.clerkId);
      return ok({ signedOut: sessions.close() });
    },

    unlockSession: async ({ pin }) => {
      const info = await sessions.info();
      if (!info) return fail('NO_SESSION', 'host.session.none');
      const verified = await accounts.verify({ clerkId: info.account.clerkId, pin });
      if (verified.ok) {
        await note(info.account, 'clerk.unlock', info.account.clerkId);
        return sessions.unlock();
      }
      await failed(info.account.clerkId, verified.error.code);
      // Someone is guessing at the locked screen: the account is locked, and so the session ends.
      if (verified.error.code === 'ACCOUNT_LOCKED') sessions.close();
      return verified;
    },

    touchSession: () => sessions.touch(),

    lockSession: async () => {
      // info() applies (and logs) an idle lock that is already due; only a lock that falls now is logged here.
      const before = await sessions.info();
      const locked = sessions.lock();
      if (before && !before.locked) await note(before.account, 'clerk.idle_lock', before.account.clerkId);
      return ok({ locked });
    },

    createAccount: async (input) => {
      const by = await sessions.require('administrator');
      if (!by.ok) return by;
      const created = await accounts.create(input, by.value.account.clerkId);
      if (created.ok) await note(by.value.account, 'account.create', created.value.clerkId, created.value.role);
      return created;
    },

    listAccounts: () => accounts.list(),

    getSecuritySettings: async () => {
      const { settings, damaged } = await security.read();
      // The defaults apply meanwhile; the administrator is told so, and saving the form repairs the file.
      return damaged ? fail('SECURITY_SETTINGS_CORRUPT', 'host.security.settings_corrupt') : ok(settings);
    },

    changeSecuritySettings: async (settings) => {
      const written = await security.write(settings);
      if (written.ok) await note((await sessions.info())?.account ?? null, 'security.change', 'security-settings');
      return written;
    },

    unlockHandover: async (credentials) => {
      const info = await sessions.info();
      if (info && info.account.clerkId.toUpperCase() !== credentials.clerkId.toUpperCase()) {
        return fail('HANDOVER_OTHER_CLERK', 'host.session.handover_other_clerk');
      }
      const unlocked = await handover.unlock(credentials);
      // The PIN the clerk just proved also ends an idle lock that fell during the hand-over.
      if (unlocked.ok && info) await sessions.unlock();
      if (unlocked.ok) await note(unlocked.value, 'clerk.unlock', unlocked.value.clerkId, 'handover');
      return unlocked;
    },

    releaseHandoverWait: async (release) => {
      const released = await handover.release(release);
      // Under the releasing supervisor's name (their PIN was just checked), the waiting clerk as subject.
      if (released.ok) await note(released.value.releasedBy, 'handover.release', release.clerkId.toUpperCase());
      return released;
    },
  };
};
