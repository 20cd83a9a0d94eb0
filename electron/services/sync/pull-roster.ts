import { fail, ok, type Result } from '../../../shared/contract/result';
import type { Roster } from '../../../shared/sync/roster';
import type { AuditLog } from '../audit-log';
import type { ClerkAccounts, StoredAccount } from '../clerk-accounts';
import type { ApplyOutcome, RosterChange } from './pull-outcome';

/** `createdBy` of an account a roster brought in: not a 工号 (those have no `@`), so never taken for one. */
export const CENTRAL_CREATOR = '@central';

const idKey = (clerkId: string) => clerkId.toUpperCase();

/**
 * The accounts after a roster, and what changed (pure: the accounts store saves the result). Each
 * account keeps its PIN hash, its 工号's spelling and when it was made — sign-in goes on as before;
 * its counters live elsewhere (sign-in-counters.json) and are not touched. Left out or inactive:
 * disabled, never deleted. Listed and active: name and role follow the roster, a disabled one comes
 * back. New and active: added without a PIN (shared/sync/roster.ts says why). Applying the same
 * roster again changes nothing.
 */
export const planRoster = (
  stored: readonly StoredAccount[],
  roster: Roster,
  tools: { placeholderPin(): Pick<StoredAccount, 'salt' | 'pinHash' | 'scrypt' | 'peppered'>; now: Date },
): { accounts: StoredAccount[]; changes: RosterChange[] } => {
  const listed = new Map(roster.accounts.map((entry) => [idKey(entry.clerkId), entry]));
  const at = tools.now.toISOString();
  const changes: RosterChange[] = [];
  const accounts = stored.map((account): StoredAccount => {
    const entry = listed.get(idKey(account.clerkId));
    const followed = entry ? { ...account, name: entry.name, role: entry.role } : account;
    if (entry && (entry.name !== account.name || entry.role !== account.role)) changes.push({ clerkId: account.clerkId, action: 'update', role: followed.role });
    if (!entry?.active) {
      if (account.disabledAt) return followed;
      changes.push({ clerkId: account.clerkId, action: 'disable', role: followed.role });
      return { ...followed, disabledAt: at };
    }
    if (!account.disabledAt) return followed;
    const { disabledAt: _back, ...enabled } = followed;
    changes.push({ clerkId: account.clerkId, action: 'enable', role: enabled.role });
    return enabled;
  });
  const present = new Set(stored.map((account) => idKey(account.clerkId)));
  for (const entry of roster.accounts) {
    if (!entry.active || present.has(idKey(entry.clerkId))) continue;
    accounts.push({ clerkId: entry.clerkId, name: entry.name, role: entry.role, ...tools.placeholderPin(), noPin: true, createdAt: at, createdBy: CENTRAL_CREATOR });
    changes.push({ clerkId: entry.clerkId, action: 'create', role: entry.role });
  }
  return { accounts, changes };
};

/** Someone can still sign in here as administrator: active, with a PIN on this device. */
const manageable = (accounts: readonly StoredAccount[]) => accounts.some((account) => account.role === 'administrator' && !account.disabledAt && !account.noPin);

const auditAction = { create: 'account.create', disable: 'account.disable', enable: 'account.enable', update: 'account.update' } as const;

/**
 * Applies a checked roster to the device's accounts. Refused, with nothing changed, when no
 * administrator able to sign in here would remain: the device must stay manageable, so the hall's
 * roster has to keep (at least one of) its device administrators.
 *
 * The audit lines are written before the accounts file, inside the accounts' lock: a crash between
 * the two leaves lines for changes that the resumed pull then makes and writes again — a change is
 * never made without its line. `roster.apply` is written once per publication.
 */
export const applyRoster = async (
  deps: { accounts: Pick<ClerkAccounts, 'replaceAll'>; audit: Pick<AuditLog, 'recordAs' | 'entries'> },
  seq: number,
  roster: Roster,
): Promise<ApplyOutcome> => {
  const subject = `roster@${seq}`;
  const applied: Result<RosterChange[]> = await deps.accounts.replaceAll(async (stored, tools) => {
    const { accounts, changes } = planRoster(stored, roster, tools);
    if (!manageable(accounts)) return fail('ROSTER_UNMANAGEABLE', 'host.pull.roster_unmanageable', { seq });
    if (!(await deps.audit.entries()).some((entry) => entry.action === 'roster.apply' && entry.subject === subject)) await deps.audit.recordAs(null, 'roster.apply', subject);
    for (const change of changes) await deps.audit.recordAs(null, auditAction[change.action], change.clerkId.toUpperCase(), change.action === 'disable' || change.action === 'enable' ? `roster-${seq}` : change.role);
    return ok({ accounts, value: changes });
  });
  return applied.ok ? { status: 'applied', kind: 'roster', changes: applied.value } : { status: 'refused', error: applied.error };
};
