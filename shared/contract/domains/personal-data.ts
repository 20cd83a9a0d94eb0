import { z } from 'zod';
import { caseSteps, type CaseDraft } from '../../domain/case-draft';
import type { SignatureStroke } from '../../domain/signature';
import { method } from './define';

/** The JSON of a draft's personal part, at most (characters): a matter snapshot, the form, strokes. */
export const MAX_DRAFT_JSON_CHARS = 2 * 1024 * 1024;
/** Sealed text of the largest draft: base64url of nonce + JSON + tag, and its `pd1.<suite>.` prefix. */
const MAX_SEALED_CHARS = Math.ceil(((MAX_DRAFT_JSON_CHARS * 3 + 64) * 4) / 3);

const draftId = z.uuid();

/** The JSON text of a value, or null when it has none (a cycle, a bigint): never thrown out of a schema. */
const jsonLength = (value: unknown): number | null => {
  try {
    return JSON.stringify(value).length;
  } catch {
    return null;
  }
};

/** The personal part of a draft as the renderer keeps it in memory; its own types narrow the form. */
export interface DraftPersonalData {
  draft: CaseDraft;
  applicantForm: object | null;
  signatureInProgress: SignatureStroke[] | null;
}

/**
 * What of a draft holds personal data — the case draft itself (applicant, guardian, signature), the
 * applicant form as typed and the strokes of a signature in progress — as main seals it, opaque
 * beyond the few fields checked here: main stores no draft, it only seals and opens one. Typed as the
 * renderer's data (the loose objects would otherwise ask an index signature of its interfaces).
 */
const draftPersonalData = z
  .object({
    draft: z.looseObject({ draftId, step: z.enum(caseSteps) }),
    applicantForm: z.looseObject({}).nullable(),
    signatureInProgress: z.array(z.looseObject({ points: z.array(z.unknown()).max(100_000) })).max(1_000).nullable(),
  })
  .strict()
  .refine(
    (data) => {
      const length = jsonLength(data);
      return length !== null && length <= MAX_DRAFT_JSON_CHARS;
    },
    { message: 'too large or not JSON' },
  ) as unknown as z.ZodType<DraftPersonalData>;

/** `pd1.<suite>.<base64url>` (electron/services/personal-data/personal-data-cipher.ts). */
export const sealedText = z
  .string()
  .max(MAX_SEALED_CHARS)
  .regex(/^pd1\.(gm|intl)\.[A-Za-z0-9_-]+$/);

/**
 * Drafts stay in the renderer's IndexedDB, shared by the clerk's and the applicant's windows, but
 * their personal part only as text sealed under the device's data key, which never leaves main:
 * main seals it and opens it again for the signed-in session. A sealed draft is bound to its draft
 * id and to the account that seals it (the associated data): it does not open for another draft or
 * another account, nor once copied off the device.
 *
 * Access is checked by the handlers themselves, not by the contract's `session` level: the case goes
 * on at the applicant's screen while the clerk's screen is locked (a second display, or the hand-over,
 * during which main may lock), so a signed-in session, locked or not, is what they require; signed
 * out, both are refused. The applicant's window calls both: it reads the draft and writes its steps
 * and the signature.
 */
export const personalDataDomain = {
  protectDraft: method<{ sealed: string }>()({
    input: z.object({ draftId, data: draftPersonalData }).strict(),
    access: 'public',
    applicant: true,
  }),
  revealDraft: method<{ data: DraftPersonalData }>()({
    input: z.object({ draftId, sealed: sealedText }).strict(),
    access: 'public',
    applicant: true,
  }),
} as const;
