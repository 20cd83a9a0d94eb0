import { z } from 'zod';
import { ruleIssue } from './check-messages';

/**
 * A legal citation in a matter's 设定依据: the document, its 文号, where it was read and how sure that
 * reading is. A letter prints only `citationText`; the source and note are for the people who maintain
 * the catalog (`npm run catalog:check` lists every citation that is not verified).
 *
 * Old catalogs and sealed records carry 设定依据 as plain strings; those stay valid (see `basisEntrySchema`)
 * so that a sealed record parses and re-hashes exactly as it was sealed.
 */

/** How sure a fact is: read in the statute text, seen in third-party copies only, or not found yet. */
export const confidenceLevels = ['law', 'secondary', 'open'] as const;

const isDocumentTitle = (title: string): boolean => title.startsWith('《') && title.endsWith('》');

export const citationSchema = z
  .object({
    /** The document's title in 《》; for an unverified citation, a plain description may stand in. */
    title: z.string().min(2),
    /** 文号 as read (国办发〔2020〕42号); null where it was not read — a number nobody read is never written. */
    number: z.string().min(2).nullable(),
    /** Where the title and number were read: a URL or repository and path, official or 第三方转载. */
    source: z.string().min(2).nullable(),
    confidence: z.enum(confidenceLevels),
    /** What is still open, what changed later, which copies disagree. Never printed. */
    note: z.string().min(2).optional(),
  })
  .strict()
  .superRefine((citation, ctx) => {
    if (citation.confidence === 'open') {
      if (citation.number !== null) {
        ctx.addIssue({ code: 'custom', path: ['number'], ...ruleIssue('catalog_check.citation.open_with_number') });
      }
      return;
    }
    if (!isDocumentTitle(citation.title)) {
      ctx.addIssue({ code: 'custom', path: ['title'], ...ruleIssue('catalog_check.citation.title_not_document') });
    }
    if (citation.source === null) {
      ctx.addIssue({ code: 'custom', path: ['source'], ...ruleIssue('catalog_check.citation.no_source') });
    }
  });

export type Citation = z.infer<typeof citationSchema>;

/** One 设定依据 entry: a citation, or the plain text older catalogs and sealed records carry. */
export const basisEntrySchema = z.union([z.string().min(2), citationSchema]);

export type BasisEntry = z.infer<typeof basisEntrySchema>;

/** What a letter says where the 文号 or the document itself is not verified: the locality's published basis governs. */
export const NUMBER_DEFERRED = '文号以本地公布的设定依据为准';
export const CITATION_DEFERRED = '具体名称和文号以本地公布的设定依据为准';

/** The wording a letter prints for a citation. */
export const citationText = (citation: Citation): string => {
  if (citation.confidence === 'open') return `${citation.title}（${CITATION_DEFERRED}）`;
  return citation.number === null ? `${citation.title}（${NUMBER_DEFERRED}）` : `${citation.title}（${citation.number}）`;
};

/** The wording a letter prints for a 设定依据 entry: plain text as published, a citation by `citationText`. */
export const basisText = (entry: BasisEntry): string => (typeof entry === 'string' ? entry : citationText(entry));

/**
 * A 设定依据 entry nobody has verified: a citation marked open, or plain text that cites a document
 * (contains 《 or 〔) without saying where it was read.
 */
export const isUnverified = (entry: BasisEntry): boolean =>
  typeof entry === 'string' ? /[《〔]/.test(entry) : entry.confidence === 'open';

/**
 * Plain text that names the issuing office's letterhead (人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）)
 * or a bare 文号 instead of the document's title in 《》.
 */
export const looksLikeLetterhead = (text: string): boolean => /文件（/.test(text) || (!text.startsWith('《') && text.includes('〔'));
