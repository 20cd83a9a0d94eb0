import type { DraftPersonalData } from '../../shared/contract/domains/personal-data';
import type { HostHandlers } from '../../shared/contract/host-contract';
import { fail, ok, type Result } from '../../shared/contract/result';
import { DataKeyUnavailable } from './personal-data/cipher-source';
import { PersonalDataUnreadable, type PersonalDataCipher } from './personal-data/personal-data-cipher';
import type { SessionService } from './session';

/** The associated data of a draft: its id and the account that seals it (main's session, never an argument). */
const draftContext = (clerkId: string, draftId: string) => `draft:${clerkId}:${draftId}`;

/**
 * `protectDraft` and `revealDraft` (shared/contract/domains/personal-data.ts): main seals the
 * personal part of a draft for the renderer's IndexedDB and opens it again for the signed-in account
 * that sealed it. Nothing here logs, and no refusal repeats the data.
 *
 * They require a signed-in session themselves, locked or not (the contract marks them public): the
 * applicant goes on reading and signing while the clerk's screen is locked.
 */
export const createPersonalDataHandlers = (
  cipher: () => Promise<PersonalDataCipher>,
  sessions: SessionService,
): Pick<HostHandlers, 'protectDraft' | 'revealDraft'> => {

  /** The signed-in account's id and the cipher, or the refusal. */
  const withCipher = async <T>(work: (clerkId: string, cipher: PersonalDataCipher) => Result<T>): Promise<Result<T>> => {
    const session = await sessions.info();
    if (!session) return fail('NO_SESSION', 'host.session.none');
    try {
      return work(session.account.clerkId, await cipher());
    } catch (error) {
      if (error instanceof DataKeyUnavailable) return fail('DATA_KEY_UNAVAILABLE', 'host.personal_data.key_unavailable', { code: error.reason });
      if (error instanceof PersonalDataUnreadable) return fail('DRAFT_UNREADABLE', 'host.personal_data.unreadable');
      throw error;
    }
  };

  return {
    protectDraft: ({ draftId, data }) =>
      withCipher((clerkId, cipher) => {
        if (data.draft.draftId !== draftId) return fail('INVALID_ARGUMENT', 'host.error.invalid_argument', { fields: ['data.draft.draftId'] });
        return ok({ sealed: cipher.sealJson(data, draftContext(clerkId, draftId)) });
      }),

    revealDraft: ({ draftId, sealed }) =>
      withCipher((clerkId, cipher) => {
        const data = cipher.openJson<DraftPersonalData>(sealed, draftContext(clerkId, draftId));
        return ok({ data });
      }),
  };
};
