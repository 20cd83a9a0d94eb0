import { z } from 'zod';
import { ruleIssue } from './check-messages';
import { basisEntrySchema, confidenceLevels } from './citation';

/**
 * A matter (事项) as the agency publishes it. Everything the notification part of a letter says comes
 * from here, so a letter never carries text that is not in the published catalog. Text fields are the
 * published wording; structured fields (deadline, retention, dates) are what the app computes with.
 */
const isoDate = z.iso.date();

export const matterCategories = ['社会保险', '资格考试', '就业创业', '劳动关系', '人事人才'] as const;

/** How sure a fact is: read in the statute text, seen in third-party copies only, or not found yet. */
export { confidenceLevels };

export const proofSchema = z
  .object({
    /** 证明事项名称 */
    name: z.string().min(2),
    /** 证明内容及材料要求 */
    content: z.string().min(2),
  })
  .strict();

/** Archive retention, counted from 1 January of the year after the case: permanent or N years. */
export const retentionSchema = z.union([
  z.literal('permanent'),
  z.object({ years: z.union([z.literal(10), z.literal(30), z.literal(50), z.literal(100)]) }).strict(),
]);

export const matterTextFields = [
  'name',
  'proofs',
  'basis',
  'conditions',
  'commitmentMethod',
  'liability',
  'verification',
  'verificationMethod',
  'verificationDeadlineDays',
  'disclosure',
  'retention',
  'agency',
  'proofSubmission',
] as const;

export const provenanceSchema = z
  .object({
    /** The facts this source stands for. */
    fields: z.array(z.enum(matterTextFields)).min(1),
    /** Document number, publication or page the facts were taken from. */
    source: z.string().min(2),
    confidence: z.enum(confidenceLevels),
  })
  .strict();

export const matterSchema = z
  .object({
    // What a malformed id means is said by the catalog check (catalog_check.matter_id_format), not here.
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    /** 事项名称 */
    name: z.string().min(2),
    category: z.enum(matterCategories),
    /** A sample entry: the UI shows a 示例 badge and the letter a visible 示例 mark. */
    sample: z.boolean(),
    /** 证明事项: the certificates the commitment replaces, each with 证明内容及材料要求. */
    proofs: z.array(proofSchema).min(1),
    /**
     * 设定依据: citations with their source and confidence (`citation.ts`). Plain strings stay valid,
     * without a default or transform, because sealed records embed the matter as it was and must parse
     * and re-hash identically; the catalog check reports a plain string that is a letterhead.
     */
    basis: z.array(basisEntrySchema).min(1),
    /** 办理条件 */
    conditions: z.string().min(2),
    /** 承诺方式 */
    commitmentMethod: z.string().min(2),
    /** 不实（虚假）承诺的法律责任 */
    liability: z.string().min(2),
    /** 行政机关核查权力与申请人配合义务 */
    verification: z.string().min(2),
    /** 核查方式 */
    verificationMethod: z.string().min(2),
    /** 核查时限 in working days from acceptance; null where the locality has not set one. */
    verificationDeadlineDays: z.number().int().positive().max(365).nullable(),
    /** 承诺书是否公开、公开范围及时限 */
    disclosure: z.string().min(2),
    /** 保管期限 */
    retention: retentionSchema,
    /** 办理机构 */
    agency: z.string().min(2),
    /**
     * Copies printed at sealing (applicant, archive, …); 2 when absent. Optional without a default on
     * purpose: a parsed record must stay byte-identical to what was hashed when it was sealed.
     */
    printCopies: z.number().int().min(1).max(5).optional(),
    /**
     * Where and by when an applicant who does not commit brings the proofs, as the locality publishes
     * it. Optional for the same reason as printCopies; where absent (or null), the proof list says the
     * locality's published rule applies rather than inventing a place or a time limit.
     */
    proofSubmission: z
      .object({ place: z.string().min(2).nullable(), deadline: z.string().min(2).nullable() })
      .strict()
      .optional(),
    effectiveFrom: isoDate,
    /** Last day in force; null while in force without an end. */
    effectiveUntil: isoDate.nullable(),
    version: z.number().int().positive(),
    provenance: z.array(provenanceSchema).min(1),
  })
  .strict()
  .refine((matter) => !matter.effectiveUntil || matter.effectiveUntil >= matter.effectiveFrom, {
    path: ['effectiveUntil'],
    ...ruleIssue('catalog_check.until_before_from'),
  });

export type Proof = z.infer<typeof proofSchema>;
export type Matter = z.infer<typeof matterSchema>;
export type Retention = z.infer<typeof retentionSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
