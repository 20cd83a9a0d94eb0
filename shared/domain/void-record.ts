import { z } from 'zod';
import { isoTime, caseNumberPattern } from './sealed-record';

/**
 * A void (作废): a record of its own, sealed by a supervisor into the device's chain like any other,
 * pointing at the record it voids by case number and hash. The voided record never changes; it stays
 * in the archive, valid, and is read together with the void that says it no longer stands.
 *
 * The reasons are a closed list (what the supervisor chooses; the note says the rest), so a summary
 * or the audit log can name the reason without free text.
 */
export const voidReasons = ['data_entry_mistake', 'matter_mistake', 'duplicate', 'applicant_request', 'other'] as const;
export type VoidReason = (typeof voidReasons)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const caseNumber = z.string().regex(caseNumberPattern);

export const VOID_RECORD_SCHEMA = 'void-record/1';

export const voidRecordBodySchema = z
  .object({
    schema: z.literal(VOID_RECORD_SCHEMA),
    caseNumber,
    sequence: z.number().int().positive(),
    prevHash: sha256,
    voids: z.object({ caseNumber, hash: sha256 }).strict(),
    reason: z.enum(voidReasons),
    note: z.string().max(200),
    supervisor: z.object({ clerkId: z.string(), name: z.string() }).strict(),
    device: z.object({ deviceId: z.string(), counterId: z.string().regex(/^[A-Z0-9]{1,8}$/), agencyName: z.string() }).strict(),
    timestamps: z.object({ sealedAt: isoTime }).strict(),
  })
  .strict();

export const voidRecordSchema = voidRecordBodySchema.extend({ hash: sha256 }).strict();

export type VoidRecordBody = z.infer<typeof voidRecordBodySchema>;
export type VoidRecord = z.infer<typeof voidRecordSchema>;
