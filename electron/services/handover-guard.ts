import { fail, ok, type Result } from '../../shared/contract/result';
import type { ClerkAccount } from '../../shared/contract/host-contract';
import type { ClerkAccounts, Credentials } from './clerk-accounts';

/** Wrong PINs on the hand-over panel before it starts to make the next try wait. */
export const HANDOVER_FREE_ATTEMPTS = 3;
/** The first wait; each further wrong PIN doubles it, up to HANDOVER_MAX_WAIT_MS. */
export const HANDOVER_FIRST_WAIT_MS = 10_000;
export const HANDOVER_MAX_WAIT_MS = 5 * 60_000;

interface Backoff {
  failures: number;
  waitUntil: number;
}

/** A supervisor releasing the panel's wait for the clerk who handed the window over. */
export interface HandoverRelease {
  clerkId: string;
  supervisor: Credentials;
}

/**
 * Taking the window back from the applicant (hand-over mode). The PIN is typed on the applicant's side,
 * where anyone may type: wrong PINs there never count against the clerk's account (a stranger could
 * otherwise lock the clerk out of their own window). The panel has its own back-off instead, kept in
 * memory per account: after three wrong PINs each try waits, 10 s doubling to 5 min; the right PIN
 * clears it, and so does a 负责人 or administrator with their own PIN (their wrong PINs have the same
 * back-off); a clerk's account, even with the right PIN, does not release it.
 */
export const createHandoverGuard = (clerks: ClerkAccounts, now: () => Date = () => new Date()) => {
  const backoffs = new Map<string, Backoff>();
  const keyOf = (clerkId: string) => clerkId.toUpperCase();

  /** One PIN check on the panel, under the back-off of the account whose PIN it is. */
  const attempt = async (credentials: Credentials): Promise<Result<ClerkAccount>> => {
    const key = keyOf(credentials.clerkId);
    const at = now().getTime();
    const backoff = backoffs.get(key) ?? { failures: 0, waitUntil: 0 };
    if (backoff.waitUntil > at) {
      return fail('HANDOVER_WAIT', 'host.handover.wait', { seconds: Math.ceil((backoff.waitUntil - at) / 1000) });
    }
    const checked = await clerks.confirm(credentials);
    if (checked.ok) {
      backoffs.delete(key);
      return ok(checked.value);
    }
    if (checked.error.code !== 'PIN_WRONG') return checked;
    const failures = backoff.failures + 1;
    const extra = failures - HANDOVER_FREE_ATTEMPTS;
    const waitUntil = extra >= 0 ? at + Math.min(HANDOVER_MAX_WAIT_MS, HANDOVER_FIRST_WAIT_MS * 2 ** extra) : 0;
    backoffs.set(key, { failures, waitUntil });
    return fail('PIN_WRONG', 'host.handover.pin_wrong');
  };

  return {
    unlock: attempt,

    /** Clears the clerk's wait on the panel; the clerk then types their own PIN as before. */
    release: async ({ clerkId, supervisor }: HandoverRelease): Promise<Result<{ releasedBy: ClerkAccount }>> => {
      if (keyOf(supervisor.clerkId) === keyOf(clerkId)) return fail('RELEASE_BY_SELF', 'host.handover.release_self');
      const checked = await attempt(supervisor);
      if (!checked.ok) return checked.error.code === 'PIN_WRONG' ? fail('AUTHORIZER_WRONG', 'host.handover.release_wrong') : checked;
      if (checked.value.role === 'clerk') return fail('RELEASE_ROLE', 'host.handover.release_role');
      backoffs.delete(keyOf(clerkId));
      return ok({ releasedBy: checked.value });
    },
  };
};
