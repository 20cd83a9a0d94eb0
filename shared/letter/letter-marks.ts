/**
 * The fixed marks every letter may carry, as versioned data beside the templates
 * (templates/letter-marks.v<N>.json), hash-pinned in templates/released.json like them: the 示例 and
 * 样张 marks and watermarks, the specimen QR code's text and caption, 未归档预览, the 补打 label and the
 * page label. A released wording never changes; another wording is a new version.
 */
import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical-json';
import { sha256Hex } from '../crypto/sha256';
import { fillTemplate } from './fill-template';
import marksV1 from './templates/letter-marks.v1.json' with { type: 'json' };

const text = z.string().min(1);

/** Text whose `{fields}` are exactly `fields`, each at least once. */
const textWithFields = (...fields: string[]) =>
  text.refine((value) => {
    const used = new Set([...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));
    return used.size === fields.length && fields.every((field) => used.has(field));
  }, `must hold the fields ${fields.map((field) => `{${field}}`).join(' ')} and no others`);

export const letterMarksSchema = z
  .object({
    id: z.literal('letter-marks'),
    version: z.number().int().positive(),
    /** A matter of the catalog's samples: boxed under the title, atop later pages, and the watermark. */
    sample: z.object({ mark: text, watermark: text }).strict(),
    /** A letter from fixture data (npm run letter, tests); its QR code says it verifies nothing. */
    specimen: z.object({ mark: text, watermark: text, qrText: text, qrCaption: text }).strict(),
    /** In the footer instead of a case number, before the case is archived. */
    unarchived: text,
    /** A reprint's label; `{at}` is the reprint time (Asia/Shanghai). */
    reprint: textWithFields('at'),
    pageLabel: textWithFields('page', 'pages'),
  })
  .strict();

export type LetterMarks = z.infer<typeof letterMarksSchema>;

/** Every released version of the marks. */
export const builtInLetterMarks: readonly LetterMarks[] = [marksV1].map((marks) => letterMarksSchema.parse(marks));

/**
 * The marks letters print: version 1, named here rather than "the newest", because records do not
 * pin a marks version: a later version must decide how an old record's reprint keeps its bytes.
 */
export const letterMarks: LetterMarks = builtInLetterMarks.find((marks) => marks.version === 1)!;

export const reprintMark = (marks: LetterMarks, at: string): string => fillTemplate(marks.reprint, { at });

export const pageMark = (marks: LetterMarks, page: number, pages: number): string =>
  fillTemplate(marks.pageLabel, { page: String(page), pages: String(pages) });

/** What templates/released.json pins for a released version of the marks. */
export const letterMarksHash = (marks: LetterMarks): Promise<string> => sha256Hex(canonicalJson(marks));
