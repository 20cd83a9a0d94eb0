import { fail, ok, type Result } from '../../../shared/contract/result';
import type { Roster } from '../../../shared/sync/roster';
import type { AuditLog } from '../audit-log';
import type { ClerkAccounts, StoredAccount } from '../clerk-accounts';
import type { ApplyOutcome, RosterChange } from './pull-outcome';

/** `createdBy` of an account a roster brought in: not a 工号 (those have no `@`), so never taken for one. */
export const CENTRAL_CREATOR = '@central';

const idKey = (clerkId: string) => clerkId.toUpperCase();

const auditAction = { create: 'account.create', disable: 'account.disable', enable: 'account.enable', update: 'account.update' } as const;

/** One audit line of a roster applied: the 工号, and old and new role (or disabled) with the roster's version. */
export interface RosterNote {
  action: 'account.create' | 'account.disable' | 'account.enable' | 'account.update';
  subject: string;
  detail: string;
}

/**
 * The accounts after a roster, and what changed (pure: the accounts store saves the result). Each
 * account keeps its PIN hash, its 工号's spelling and when it was made — sign-in goes on as before;
 * its counters live elsewhere (sign-in-counters.json) and are not touched. Left out or inactive:
 * disabled, never deleted. Listed and active: name and role follow the roster, a disabled one comes
 * back. New and active: added without a PIN (shared/sync/roster.ts says why). Every listed account
 * notes the roster's version (`roster`, for 账户管理). Applying the same roster again changes nothing.
 */
export const planRoster = (
  stored: readonly StoredAccount[],
  roster: Roster,
  tools: { placeholderPin(): Pick<StoredAccount, 'salt' | 'pinHash' | 'scrypt' | 'peppered'>; now: Date; seq: number },
): { accounts: StoredAccount[]; changes: RosterChange[]; notes: RosterNote[] } => {
  const listed = new Map(roster.accounts.map((entry) => [idKey(entry.clerkId), entry]));
  const at = tools.now.toISOString();
  const version = `roster-${tools.seq}`;
  const changes: RosterChange[] = [];
  const notes: RosterNote[] = [];
  const noted = (change: RosterChange, detail: string) => {
    changes.push(change);
    notes.push({ action: auditAction[change.action], subject: change.clerkId.toUpperCase(), detail: `${detail}.${version}` });
  };
  const stamp = (account: StoredAccount): StoredAccount['roster'] =>
    account.roster?.seq === tools.seq ? account.roster : { seq: tools.seq, appliedAt: at };
  const accounts = stored.map((account): StoredAccount => {
    const entry = listed.get(idKey(account.clerkId));
    const followed = entry ? { ...account, name: entry.name, role: entry.role, roster: stamp(account) } : account;
    if (entry && (entry.name !== account.name || entry.role !== account.role)) {
      // A name is never written to the log: a change of name alone is noted as `name`.
      noted({ clerkId: account.clerkId, action: 'update', role: followed.role }, entry.role !== account.role ? `${account.role}-${entry.role}` : 'name');
    }
    if (!entry?.active) {
      if (account.disabledAt) return followed;
      noted({ clerkId: account.clerkId, action: 'disable', role: followed.role }, `${followed.role}-disabled`);
      return { ...followed, disabledAt: at };
    }
    if (!account.disabledAt) return followed;
    const { disabledAt: _back, ...enabled } = followed;
    noted({ clerkId: account.clerkId, action: 'enable', role: enabled.role }, `disabled-${enabled.role}`);
    return enabled;
  });
  const present = new Set(stored.map((account) => idKey(account.clerkId)));
  for (const entry of roster.accounts) {
    if (!entry.active || present.has(idKey(entry.clerkId))) continue;
    accounts.push({
      clerkId: entry.clerkId,
      name: entry.name,
      role: entry.role,
      ...tools.placeholderPin(),
      noPin: true,
      createdAt: at,
      createdBy: CENTRAL_CREATOR,
      roster: { seq: tools.seq, appliedAt: at },
    });
    noted({ clerkId: entry.clerkId, action: 'create', role: entry.role }, entry.role);
  }
  return { accounts, changes, notes };
};

/** Someone can still sign in here as administrator: active, with a PIN on this device. */
const manageable = (accounts: readonly StoredAccount[]) => accounts.some((account) => account.role === 'administrator' && !account.disabledAt && !account.noPin);


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
    const { accounts, changes, notes } = planRoster(stored, roster, { ...tools, seq });
    if (!manageable(accounts)) return fail('ROSTER_UNMANAGEABLE', 'host.pull.roster_unmanageable', { seq });
    if (!(await deps.audit.entries()).some((entry) => entry.action === 'roster.apply' && entry.subject === subject)) await deps.audit.recordAs(null, 'roster.apply', subject);
    for (const line of notes) await deps.audit.recordAs(null, line.action, line.subject, line.detail);
    return ok({ accounts, value: changes });
  });
  return applied.ok ? { status: 'applied', kind: 'roster', changes: applied.value } : { status: 'refused', error: applied.error };
};
