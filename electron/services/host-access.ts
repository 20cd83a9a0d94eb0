import { hostAccess, hostMethods, type HostHandlers } from '../../shared/contract/host-contract';
import type { Result } from '../../shared/contract/result';
import type { SessionService } from './session';

/**
 * Main's check of who acts, before any handler runs: each method's `access` (shared/contract/domains)
 * against the device's session. The renderer can only mirror it (hide what a role may not do);
 * whatever it sends, a method is refused without a session, with a locked one, or for the wrong role.
 */
export const guardAccess = (handlers: HostHandlers, sessions: SessionService): HostHandlers => {
  const guarded: Record<string, (arg: unknown) => Promise<Result<unknown>>> = {};
  for (const method of hostMethods) {
    const handler = handlers[method] as (arg: unknown) => Promise<Result<unknown>>;
    const access = hostAccess[method];
    if (access === 'public') {
      guarded[method] = handler;
      continue;
    }
    const roles = access === 'session' ? [] : access;
    guarded[method] = async (arg) => {
      const session = await sessions.require(...roles);
      return session.ok ? handler(arg) : session;
    };
  }
  return guarded as unknown as HostHandlers;
};
