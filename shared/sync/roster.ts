import { z } from 'zod';
import { roles } from '../contract/domains/define';
import { clerkId, personName } from '../contract/domains/fields';
import { message, wordMessage, type Message, type Translate } from '../i18n/message';
import type { pullMessages } from '../i18n/zh-CN/pull';

/**
 * The staff roster of a hall (or of a city or province that manages its staff centrally), published
 * by the central system (`npm run server -- publish-roster`) and pulled by every counter in scope. A
 * roster replaces the counter's accounts as a whole (electron/services/sync/pull-roster.ts): accounts
 * it leaves out, or marks `active: false`, are disabled there — never deleted, the audit log names
 * them — names and roles follow it, new 工号 are added. Failed-attempt counters and lockouts stay the
 * counter's own (sign-in-counters.json), and so does every PIN.
 *
 * Why a roster carries no PIN, not even a centrally made scrypt verifier: a PIN is six digits, so any
 * verifier of one is guessed offline by trying all 10^6 — at scrypt's 128 MiB a few dozen core-hours,
 * far less on a GPU — and a roster is kept by the central system for good and handed to every counter
 * of its scope. A verifier there would turn read access to one publication into every new clerk's
 * PIN, on every counter, for as long as the PIN stays unchanged (the counter has no PIN change yet).
 * The counter keeps PINs only as scrypt over HMAC(device pepper, PIN), useless away from that device.
 * So a 工号 a roster brings in has no PIN on the counter until the device administrator sets one on
 * 账户管理, as for any new account (createAccount on that 工号 sets its PIN; the roster's name and role
 * stand) — the clerk is there in person anyway. Until then it cannot sign in, and a wrong try counts
 * like any other.
 *
 * The device must stay manageable: a roster names at least one active administrator (checked here,
 * so the central system refuses to publish one without), and a counter refuses a roster after which
 * none of its active administrators has a PIN on that device (pull-roster.ts) — the device
 * administrator made at first start must therefore be on the hall's roster.
 */
export const ROSTER_FORMAT = 'roster/1';
export const ROSTER_LIMITS = { maxAccounts: 5000 } as const;

export const rosterAccountSchema = z
  .object({
    /** 工号, as the counter's accounts spell it; matched without regard to case. */
    clerkId,
    name: personName,
    role: z.enum(roles),
    active: z.boolean(),
  })
  .strict();
export type RosterAccount = z.infer<typeof rosterAccountSchema>;

export type RosterCheckKey = keyof typeof pullMessages & `roster_check.${string}`;
export type RosterMessage = Message<RosterCheckKey>;
const rosterMessage = (key: RosterCheckKey, params?: Readonly<Record<string, string | number>>): RosterMessage => message(key, params);

const idKey = (id: string) => id.toUpperCase();

export const rosterSchema = z
  .object({
    format: z.literal(ROSTER_FORMAT),
    accounts: z.array(rosterAccountSchema).min(1).max(ROSTER_LIMITS.maxAccounts),
  })
  .strict()
  .superRefine((roster, ctx) => {
    const first = new Map<string, number>();
    roster.accounts.forEach((account, index) => {
      const earlier = first.get(idKey(account.clerkId));
      if (earlier === undefined) first.set(idKey(account.clerkId), index);
      else {
        const note = rosterMessage('roster_check.duplicate', { clerkId: account.clerkId, first: earlier });
        ctx.addIssue({ code: 'custom', path: ['accounts', index, 'clerkId'], message: note.key, params: { rosterMessage: note } });
      }
    });
    if (!roster.accounts.some((account) => account.active && account.role === 'administrator')) {
      const note = rosterMessage('roster_check.no_administrator');
      ctx.addIssue({ code: 'custom', path: ['accounts'], message: note.key, params: { rosterMessage: note } });
    }
  });
export type Roster = z.infer<typeof rosterSchema>;

export interface RosterProblem {
  /** Where in the file: `accounts[3].role`, or empty for the file itself. */
  path: string;
  message: RosterMessage;
}

export type RosterCheck = { ok: true; roster: Roster } | { ok: false; problems: RosterProblem[] };

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((key, at) => (typeof key === 'number' ? `[${key}]` : at === 0 ? String(key) : `.${String(key)}`)).join('');

const FIELD_KEYS: Record<string, RosterCheckKey> = {
  clerkId: 'roster_check.clerk_id',
  name: 'roster_check.name',
  role: 'roster_check.role',
  active: 'roster_check.active',
};

const issueMessage = (issue: z.core.$ZodIssue): RosterMessage => {
  const last = issue.path.at(-1);
  const carried = issue.code === 'custom' ? (issue.params as { rosterMessage?: RosterMessage } | undefined)?.rosterMessage : undefined;
  if (carried) return carried;
  if (issue.code === 'unrecognized_keys') {
    // A PIN in the file is the likeliest mistake: say why it does not belong there.
    if (issue.keys.some((key) => /pin/i.test(key))) return rosterMessage('roster_check.no_pins');
    return rosterMessage('roster_check.unknown_fields', { fields: issue.keys.join('、') });
  }
  if (issue.path.length === 0) return rosterMessage('roster_check.not_object');
  if (issue.code === 'invalid_type' && issue.input === undefined && typeof last === 'string') return rosterMessage('roster_check.missing', { field: last });
  if (last === 'format') return rosterMessage('roster_check.format', { expected: ROSTER_FORMAT });
  if (last === 'accounts') {
    if (issue.code === 'too_small') return rosterMessage('roster_check.accounts_empty');
    if (issue.code === 'too_big') return rosterMessage('roster_check.accounts_too_many', { max: ROSTER_LIMITS.maxAccounts });
    return rosterMessage('roster_check.accounts_not_list');
  }
  if (typeof last === 'number') return rosterMessage('roster_check.account_not_object');
  const field = typeof last === 'string' ? FIELD_KEYS[last] : undefined;
  return field ? rosterMessage(field) : rosterMessage('roster_check.malformed');
};

/** Checks a roster as the central system publishes it and the counter applies it: every problem, with where it is. */
export const checkRoster = (value: unknown): RosterCheck => {
  const parsed = rosterSchema.safeParse(value, { reportInput: true });
  if (parsed.success) return { ok: true, roster: parsed.data };
  const seen = new Set<string>();
  const problems: RosterProblem[] = [];
  for (const issue of parsed.error.issues) {
    const problem = { path: pathText(issue.path), message: issueMessage(issue) };
    const identity = JSON.stringify(problem);
    if (!seen.has(identity)) {
      seen.add(identity);
      problems.push(problem);
    }
  }
  return { ok: false, problems };
};

/** A roster problem in `translate`'s language: `accounts[3].role：角色只能是…`. */
export const rosterProblemText = (translate: Translate, problem: RosterProblem): string =>
  `${problem.path || translate('roster_check.at_file')}${translate('text.colon')}${wordMessage(translate, problem.message)}`;
