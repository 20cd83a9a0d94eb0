import { z } from 'zod';

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

/** A section: a heading (may be empty) with text from the matter, or template text with `{fields}`. */
export const templateSectionSchema = z.union([
  z.object({ heading: z.string(), source: z.enum(matterTextSources) }).strict(),
  z.object({ heading: z.string(), paragraphs: z.array(text).min(1) }).strict(),
]);

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
  })
  .strict();

export type TemplateSection = z.infer<typeof templateSectionSchema>;
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
