import { z } from 'zod';
import { matterSchema } from '../catalog/matter-schema';
import { caseSteps, type CaseDraft } from './case-draft';
import { isoTime, personSchema, signatureCaptureSchema, signerSchema } from './sealed-record';

/**
 * A case draft as the renderer hands it to main for sealing. Main does not trust it: it is parsed
 * here, then sealing checks it is reviewed and complete, takes the clerk from the session and the
 * counter from the device's settings. The bounds keep a hostile window from sending megabytes of
 * strokes or pages.
 */
/** The renderer's are UUIDs; any short id of letters, digits and dashes is accepted (it names no one). */
const draftId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);

export const caseDraftSchema = z
  .object({
    draftId,
    counter: z.object({ deviceId: z.string().max(64), counterId: z.string().max(8), agencyName: z.string().max(60) }).strict(),
    clerk: z.object({ clerkId: z.string().max(16), name: z.string().max(30) }).strict(),
    step: z.enum(caseSteps),
    createdAt: isoTime,
    updatedAt: isoTime,
    matter: matterSchema.nullable(),
    applicant: personSchema.extend({ phone: z.string().max(20).optional(), signer: signerSchema }).strict().nullable(),
    notification: z
      .object({
        page: z.number().int().nonnegative().max(100),
        pageCount: z.number().int().nonnegative().max(100),
        msPerPage: z.array(z.number().nonnegative()).max(100),
        pageEnteredAt: isoTime.nullable(),
        startedAt: isoTime.nullable(),
      })
      .strict(),
    choice: z.enum(['commit', 'proof']).nullable(),
    choiceAt: isoTime.nullable(),
    signature: signatureCaptureSchema.nullable(),
    signatureClears: z.number().int().nonnegative().max(10_000),
  })
  .strict();

// The schema and the renderer's type must stay the same shape: a field added to one fails here.
type Parsed = z.infer<typeof caseDraftSchema>;
const sameShape: [Parsed] extends [CaseDraft] ? ([CaseDraft] extends [Parsed] ? true : never) : never = true;
void sameShape;
