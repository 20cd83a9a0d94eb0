import type { AuditAction } from '../../shared/contract/domains/audit';
import type { ClerkAccount, HostHandlers } from '../../shared/contract/host-contract';
import { hostMessage } from '../../shared/contract/host-message';
import { fail, ok, type HostError } from '../../shared/contract/result';
import type { AuditLog } from './audit-log';
import type { AccountShift, ClerkAccounts } from './clerk-accounts';
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
  | 'sessionEndNotice'
  | 'createAccount'
  | 'listAccounts'
  | 'accountDirectory'
  | 'setAccountPin'
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

/** What the clerk whose session a roster ended is told, at the next call and on the sign-in screen. */
const endKeys = {
  disabled: 'host.session.ended_disabled',
  clerk: 'host.session.ended_role_clerk',
  supervisor: 'host.session.ended_role_supervisor',
  administrator: 'host.session.ended_role_administrator',
} as const;
const endNoticeOf = (shift: AccountShift): HostError => ({ code: 'SESSION_ENDED', ...hostMessage(endKeys[shift.to], { clerkId: shift.clerkId }) });

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
  // A roster that disables the signed-in account or changes its role ends the session at once (the
  // session holds the role main checks): locked, handed over or not. The drafts are the renderer's
  // (IndexedDB) and stay, as at a sign-out; the account signs in again under its new role.
  accounts.onShift(async (shifts) => {
    const info = await sessions.info();
    const shift = info && shifts.find((candidate) => candidate.clerkId.toUpperCase() === info.account.clerkId.toUpperCase());
    if (!info || !shift) return;
    sessions.end(endNoticeOf(shift));
    await note(info.account, 'clerk.sign_out', info.account.clerkId, shift.to === 'disabled' ? 'roster_disabled' : `roster_role_${shift.to}`);
  });

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
      if (!info) {
        // The lock screen of a session a roster ended: the clerk learns why, not just that it is gone.
        const none = await sessions.active();
        return none.ok ? fail('NO_SESSION', 'host.session.none') : none;
      }
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

    sessionEndNotice: async () => ok(sessions.endNotice()),

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

    accountDirectory: () => accounts.directory(),

    setAccountPin: async ({ clerkId, pin, pinAgain }) => {
      const by = await sessions.require('administrator');
      if (!by.ok) return by;
      // The renderer compares the two as well; main does not take its word for it.
      if (pin !== pinAgain) return fail('PIN_AGAIN_MISMATCH', 'host.clerk.pin_again_mismatch');
      const set = await accounts.setFirstPin(clerkId, pin);
      if (set.ok) await note(by.value.account, 'account.pin_set', set.value.clerkId);
      return set;
    },

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
      if (!info && !unlocked.ok && unlocked.error.code === 'ACCOUNT_DISABLED') {
        // No session under the hand-over (a roster disabled the clerk and ended it): the disabled
        // clerk's own PIN still takes the window back, which shows only the sign-in screen now —
        // otherwise the window would face the applicant for good.
        const entry = await accounts.directory();
        const own = entry.ok ? entry.value.find((account) => account.clerkId.toUpperCase() === credentials.clerkId.toUpperCase()) : undefined;
        if (!own) return unlocked;
        const account: ClerkAccount = { clerkId: own.clerkId, name: own.name, role: own.role };
        await note(account, 'clerk.unlock', account.clerkId, 'handover_session_ended');
        return ok(account);
      }
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
