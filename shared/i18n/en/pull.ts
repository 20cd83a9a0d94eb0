import type { pullMessages as reference } from '../zh-CN/pull';

export const pullMessages = {
  'roster_check.at_file': 'roster file',
  'roster_check.not_object': 'A roster is one JSON object: {"format": "roster/1", "accounts": [...]}.',
  'roster_check.format': 'format must be "{expected}".',
  'roster_check.missing': 'The field {field} is missing.',
  'roster_check.unknown_fields': 'Fields that are not part of a roster: {fields}.',
  'roster_check.no_pins': 'A roster carries no PIN: the device administrator sets a new account’s PIN on each counter’s Accounts page.',
  'roster_check.accounts_empty': 'The account list (accounts) is empty.',
  'roster_check.accounts_too_many': 'Too many accounts: a roster holds at most {max}.',
  'roster_check.accounts_not_list': 'accounts must be a list (array) of accounts.',
  'roster_check.account_not_object': 'Each account is an object with clerkId, name, role and active.',
  'roster_check.clerk_id': 'The staff ID (clerkId) must be 2–16 letters or digits.',
  'roster_check.name': 'The name must not be blank and has at most 30 characters.',
  'roster_check.role': 'The role must be clerk, supervisor or administrator.',
  'roster_check.active': 'active must be true (at work) or false (disabled).',
  'roster_check.duplicate': 'Staff ID {clerkId} repeats accounts[{first}] (IDs are compared without case).',
  'roster_check.no_administrator': 'The roster has no active administrator (role administrator, active true): nobody could manage the counters.',
  'roster_check.malformed': 'Malformed.',

  'host.pull.key_unknown': 'Publication {seq} of the central system is not signed with the central key recorded at enrollment (key {keyId}); it was not applied.',
  'host.pull.signature_invalid':
    'The signature of publication {seq} of the central system does not verify; it was not applied. It may have been changed on the way, or not come from the central system this machine enrolled with.',
  'host.pull.scope_foreign': 'Publication {seq} of the central system is meant for {scope}, which is neither this machine’s hall nor above it; it was not applied.',
  'host.pull.body_unreadable': 'Publication {seq} of the central system cannot be read (not valid JSON); it was not applied.',
  'host.pull.roster_invalid':
    'Staff roster {seq} of the central system failed this machine’s checks ({count} problems, the first at {path}); it was not applied and the accounts are unchanged.',
  'host.pull.roster_unmanageable':
    'After staff roster {seq} this machine would have no administrator able to sign in (none of the roster’s administrators has a PIN here yet); it was not applied and the accounts are unchanged. Keep this machine’s administrator on the roster.',
  'host.pull.out_of_order': 'The central system answered out of order (publication {seq} does not follow {cursor}, the last applied); this pull stopped.',
  'host.pull.state_corrupt': 'The pull progress file (pull-state.json) is damaged and cannot be read; pulling from the central system stopped. Contact the administrator.',
} as const satisfies Record<keyof typeof reference, string>;
