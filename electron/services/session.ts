import type { ClerkAccount, Role, SessionInfo } from '../../shared/contract/host-contract';
import { fail, ok, type HostError, type Result } from '../../shared/contract/result';

/**
 * Who is signed in on this device: one session, in main's memory only (a restart signs everyone
 * out), opened by a verified PIN and nothing else. Idle longer than the administrator's limit, it
 * locks: only the same account's PIN unlocks it, so the case in progress waits, untouched, for
 * the clerk who left it. Activity is what the clerk does (touch), not what the renderer polls:
 * following a print job must not keep an abandoned screen open.
 */
export interface ActiveSession {
  account: ClerkAccount;
  since: Date;
  lastActivity: Date;
}

export interface SessionService {
  /** As it stands now, with the idle lock applied. */
  info(): Promise<SessionInfo | null>;
  open(account: ClerkAccount): Promise<SessionInfo>;
  /** True when a session was open. */
  close(): boolean;
  /**
   * Main itself ends the session, locked or not, because its account changed under it (a central
   * roster disabled it or gave it another role): until the next sign-in, calls that need a session
   * are answered with `notice` instead of `NO_SESSION`, and `endNotice` keeps it for the sign-in screen.
   */
  end(notice: HostError): boolean;
  endNotice(): HostError | null;
  /** The signed-in account, unlocked; `NO_SESSION` (or the end notice) or `SESSION_LOCKED` otherwise. */
  active(): Promise<Result<ActiveSession>>;
  /**
   * The session, when its account has one of `roles` (none given: any role). What every guarded
   * method asks first; later issues' supervisor-only actions ask it too.
   */
  require(...roles: Role[]): Promise<Result<ActiveSession>>;
  touch(): Promise<Result<SessionInfo>>;
  lock(): boolean;
  /** After the signed-in account's PIN was verified on the lock screen. */
  unlock(): Promise<Result<SessionInfo>>;
}

export interface SessionOptions {
  idleLockMs: () => Promise<number>;
  now?: () => Date;
  /** The idle lock has just fallen (the audit log's idle lock), for the account that idled. */
  onIdleLock?: (account: ClerkAccount) => Promise<void>;
}

const refusalFor = (roles: readonly Role[]): Result<never> =>
  roles.length === 1 && roles[0] === 'administrator'
    ? fail('ROLE_REFUSED', 'host.session.administrator_only')
    : roles.includes('supervisor') && !roles.includes('clerk')
      ? fail('ROLE_REFUSED', 'host.session.supervisor_only')
      : fail('ROLE_REFUSED', 'host.session.role_refused');

export const createSessionService = (options: SessionOptions): SessionService => {
  const now = options.now ?? (() => new Date());
  let session: (ActiveSession & { locked: boolean }) | null = null;
  let ended: HostError | null = null;
  const noSession = (): Result<never> => (ended ? { ok: false, error: { ...ended } } : fail('NO_SESSION', 'host.session.none'));

  /** Applies the idle lock; a lock once taken stays until unlock, whatever the settings do next. */
  const settle = async () => {
    if (session && !session.locked && now().getTime() - session.lastActivity.getTime() >= (await options.idleLockMs())) {
      session.locked = true;
      await options.onIdleLock?.(session.account);
    }
    return session;
  };

  const describe = async (): Promise<SessionInfo | null> => {
    const current = await settle();
    if (!current) return null;
    return {
      account: { ...current.account },
      since: current.since.toISOString(),
      lastActivity: current.lastActivity.toISOString(),
      locked: current.locked,
      idleLockMinutes: Math.round((await options.idleLockMs()) / 60_000),
    };
  };

  const described = async (): Promise<Result<SessionInfo>> => {
    const info = await describe();
    return info ? ok(info) : fail('NO_SESSION', 'host.session.none');
  };

  const active = async (): Promise<Result<ActiveSession>> => {
    const current = await settle();
    if (!current) return noSession();
    if (current.locked) return fail('SESSION_LOCKED', 'host.session.locked');
    return ok({ account: { ...current.account }, since: current.since, lastActivity: current.lastActivity });
  };

  return {
    info: describe,

    open: async (account) => {
      const at = now();
      session = { account: { ...account }, since: at, lastActivity: at, locked: false };
      ended = null;
      return (await describe())!;
    },

    close: () => {
      const was = session !== null;
      session = null;
      return was;
    },

    end: (notice) => {
      const was = session !== null;
      session = null;
      ended = { ...notice };
      return was;
    },

    endNotice: () => (ended ? { ...ended } : null),

    active,

    require: async (...roles) => {
      const current = await active();
      if (!current.ok || roles.length === 0 || roles.includes(current.value.account.role)) return current;
      return refusalFor(roles);
    },

    touch: async () => {
      const current = await active();
      if (!current.ok) return current;
      session!.lastActivity = now();
      return described();
    },

    lock: () => {
      if (!session) return false;
      session.locked = true;
      return true;
    },

    unlock: async () => {
      if (!session) return noSession();
      session.locked = false;
      session.lastActivity = now();
      return described();
    },
  };
};
