import { fail, ok, type HostError, type Result } from '../../../shared/contract/result';
import type { PublicKeyInfo } from '../../../shared/sync/enroll';
import type { Publication } from '../../../shared/sync/pull';
import { checkRoster } from '../../../shared/sync/roster';
import type { AuditLog } from '../audit-log';
import type { CatalogStore } from '../catalog-store';
import type { ClerkAccounts } from '../clerk-accounts';
import { applyCatalog } from './pull-catalog';
import type { ApplyOutcome } from './pull-outcome';
import { applyRoster } from './pull-roster';
import { verifyPublication } from './pull-verify';

export interface ApplyOptions {
  /** The central system's signing key, pinned at enrollment (EnrollResponse.serverKey). */
  serverKey: PublicKeyInfo;
  /**
   * This device's hall and the units above it (EnrollResponse.orgPath): when given, a publication
   * for any other unit is refused — the server chose it wrongly, and a sibling hall's roster must
   * never replace this hall's accounts.
   */
  scopes?: readonly string[];
  /** Main's own services, the very instances the host handlers use (one audit log per process). */
  catalogs: Pick<CatalogStore, 'import'>;
  accounts: Pick<ClerkAccounts, 'replaceAll'>;
  audit: Pick<AuditLog, 'recordAs' | 'entries'>;
}

/** A refusal (a `fail(…)` answer) as the outcome of a publication passed over. */
const refusedBy = (refusal: Result<never>): ApplyOutcome => ({ status: 'refused', error: (refusal as { ok: false; error: HostError }).error });

const parseBody = (publication: Publication): Result<unknown> => {
  try {
    return ok(JSON.parse(publication.body));
  } catch {
    return fail('PUBLICATION_UNREADABLE', 'host.pull.body_unreadable', { seq: publication.seq });
  }
};

/**
 * Applies one publication in main. Its signature is checked first against the pinned key: one that
 * fails is refused before anything is read from it (the answer is a failure, nothing is applied, and
 * the pull stops there). Then by kind: a catalog through main's catalog import (pull-catalog.ts), a
 * roster replacing the accounts (pull-roster.ts); blacklist entries and verification outcomes are
 * not applied by this version and come back `unhandled`, for the pull state to keep. Applying the
 * same publication twice changes nothing the second time.
 */
export const applyPublication = async (publication: Publication, options: ApplyOptions): Promise<Result<ApplyOutcome>> => {
  const verified = await verifyPublication(publication, options.serverKey);
  if (!verified.ok) return verified;
  const { seq } = publication;
  if (options.scopes && !options.scopes.includes(publication.scope)) {
    return ok(refusedBy(fail('PUBLICATION_SCOPE_FOREIGN', 'host.pull.scope_foreign', { seq, scope: publication.scope })));
  }
  switch (publication.kind) {
    case 'catalog': {
      const body = parseBody(publication);
      return ok(body.ok ? await applyCatalog(options, seq, body.value) : refusedBy(body));
    }
    case 'roster': {
      const body = parseBody(publication);
      if (!body.ok) return ok(refusedBy(body));
      const check = checkRoster(body.value);
      if (!check.ok) return ok(refusedBy(fail('ROSTER_INVALID', 'host.pull.roster_invalid', { seq, count: check.problems.length, path: check.problems[0]?.path || '—' })));
      return ok(await applyRoster(options, seq, check.roster));
    }
    case 'blacklist':
    case 'outcome':
      return ok({ status: 'unhandled' });
  }
};
