import type { HostError } from '../../../shared/contract/result';

/**
 * What became of one publication that verified (a signature that fails is no outcome: nothing is
 * applied and the pull stops before it, pull-once.ts):
 * - `applied`: in force on this device (or already was: applying the same publication twice changes nothing);
 * - `refused`: signed by the central system but not taken here — a catalog not newer than the one in
 *   force or failing this app's checks, a roster that would leave the device unmanageable. Passed
 *   over so what follows still comes, and kept as pulled (pull-state.ts) with the reason;
 * - `unhandled`: a kind this version does not apply yet (blacklist entries, verification outcomes):
 *   kept as pulled for the version that does, so passing the cursor over it loses nothing.
 */
export type ApplyOutcome =
  | { status: 'applied'; kind: 'catalog'; catalogKey: string }
  | { status: 'applied'; kind: 'roster'; changes: RosterChange[] }
  | { status: 'refused'; error: HostError }
  | { status: 'unhandled' };

export interface RosterChange {
  clerkId: string;
  action: 'create' | 'disable' | 'enable' | 'update';
  role: 'clerk' | 'supervisor' | 'administrator';
}
