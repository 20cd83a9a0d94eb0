import { z } from 'zod';
import { hexOf, isoTime, orgUnitIdField } from './wire-fields';

/**
 * Pull: what the central system publishes for a counter — catalog versions, the staff roster, and
 * (next issue) blacklist entries and verification outcomes — as one ordered stream per device, read
 * by cursor. A publication applies to a unit and everything below it; a counter gets those of its
 * hall, city and province. Each publication is signed by the central system; the counter refuses one
 * whose signature fails. An interrupted pull resumes from the last cursor the counter applied.
 */
export const publicationKinds = ['catalog', 'roster', 'blacklist', 'outcome'] as const;
export type PublicationKind = (typeof publicationKinds)[number];

export const PUBLICATION_STATEMENT = 'publication/1';

export const PULL_LIMITS = {
  /**
   * A page stops growing once its bodies pass this many characters (a catalog of 2,000 matters is
   * about 6.3 million, 13 MB in UTF-8): one publication always fits, whatever its size, so a page is
   * never empty while more wait.
   */
  maxPageBodyChars: 8 * 1024 * 1024,
  /**
   * The longest body the central system publishes, in characters (UTF-8 takes up to 3 bytes each):
   * the counter's client must accept an answer of a page this large.
   */
  maxBodyChars: 16 * 1024 * 1024,
} as const;

export const publicationSchema = z
  .object({
    /** Position in the central system's stream: the cursor after this item. */
    seq: z.number().int().positive(),
    kind: z.enum(publicationKinds),
    scope: orgUnitIdField,
    publishedAt: isoTime,
    /** The published document, canonical JSON, as signed. */
    body: z.string().max(PULL_LIMITS.maxBodyChars),
    keyId: hexOf(16),
    signature: hexOf(64),
  })
  .strict();
export type Publication = z.infer<typeof publicationSchema>;

/** The text a publication's signature is over: kind, scope and time bound to the body. */
export const publicationStatementText = (p: Pick<Publication, 'seq' | 'kind' | 'scope' | 'publishedAt' | 'body'>): string =>
  `${PUBLICATION_STATEMENT}\n${p.kind}\n${p.scope}\n${p.seq}\n${p.publishedAt}\n${p.body}`;

export const pullQuerySchema = z
  .object({
    /** The seq of the last publication applied; 0 for everything. */
    after: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const pullResponseSchema = z
  .object({
    items: z.array(publicationSchema),
    /** True when more items follow `items`' last seq: ask again with `after` set to it. */
    more: z.boolean(),
    serverTime: isoTime,
  })
  .strict();
export type PullResponse = z.infer<typeof pullResponseSchema>;
