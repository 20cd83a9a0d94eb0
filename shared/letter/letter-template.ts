import { z } from 'zod';
import { matterCategories } from '../catalog/matter-schema';

/** The letter kinds; each is one template id with its own versions. */
export const letterTemplateIds = ['commitment-letter', 'proof-list', 'not-applicable-notice', 'withdrawal-record'] as const;
export type LetterTemplateId = (typeof letterTemplateIds)[number];

/** Where a section takes its text from in the matter. `proofs` makes one section per proof. */
export const matterTextSources = [
  'name',
  'proofNames',
  'proofs',
  'basis',
  'proofContents',
  'conditions',
  'commitmentMethod',
  'liability',
  'verification',
  'verificationMethod',
  'disclosure',
] as const;
export type MatterTextSource = (typeof matterTextSources)[number];

const text = z.string().min(1);
const paragraphs = z.array(text).min(1);

/**
 * A section: a heading (may be empty) with text from the matter, or template text with `{fields}`,
 * or text that depends on the matter's category (`default` for every category not named). A
 * `salutation` is set flush left, without the first-line indent of body text.
 */
export const templateSectionSchema = z.union([
  z.object({ heading: z.string(), source: z.enum(matterTextSources) }).strict(),
  z.object({ heading: z.string(), paragraphs, salutation: z.boolean().optional() }).strict(),
  z
    .object({
      heading: z.string(),
      paragraphsByCategory: z.object({ default: paragraphs }).catchall(paragraphs),
    })
    .strict()
    .refine((section) => Object.keys(section.paragraphsByCategory).every((key) => key === 'default' || (matterCategories as readonly string[]).includes(key)), {
      message: 'paragraphsByCategory: unknown category',
    }),
]);

/**
 * Who signs and seals the paper, beyond the signer's own signature (`signatureLabel`). Absent in
 * version-1 templates, which printed the signature alone.
 */
export const signOffSchema = z
  .object({
    /** The label of the signing date printed beside the signer's signature (日期); null for none. */
    signatureDateLabel: text.nullable(),
    /** Used instead of `signatureLabel` when a legal guardian signs. */
    guardianSignatureLabel: text.nullable(),
    /** A line for the clerk's handwritten signature, e.g. 经办人（签名）; null for none. */
    clerkSignatureLabel: text.nullable(),
    /** The agency's sign-off with room for its seal, e.g. 办理机构（盖章）; null for none. */
    agencySealLabel: text.nullable(),
    /** Which execution fields: all of them, or only the handling ones (for a notice addressed to the applicant). */
    execution: z.enum(['full', 'handling']),
  })
  .strict();

/**
 * A letter template: data, not code. Texts hold named fields like `{applicantName}`; a released
 * version never changes (templates/released.json pins each version's hash) — editing makes a new
 * version, and every record pins the version it was sealed with.
 */
export const letterTemplateSchema = z
  .object({
    id: z.enum(letterTemplateIds),
    version: z.number().int().positive(),
    title: text,
    /** The body, page by page as the applicant reads it (the notification part for a commitment letter). */
    pages: z.array(z.object({ title: z.string(), sections: z.array(templateSectionSchema).min(1) }).strict()).min(1),
    /** The part after the body: the commitment statements of a commitment letter. */
    closing: z.object({ heading: text, paragraphs: z.array(text).min(1) }).strict().nullable(),
    /** The label the signature stands beside; null when the letter is not signed. */
    signatureLabel: text.nullable(),
    /** Used when a legal guardian signs, as the field `{guardianClause}`; empty otherwise. */
    guardianClause: text,
    signOff: signOffSchema.optional(),
  })
  .strict();

export type TemplateSection = z.infer<typeof templateSectionSchema>;
export type TemplateSignOff = z.infer<typeof signOffSchema>;
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
