import type { z } from 'zod';
import type { MessageArg } from '../i18n/message';
import { catalogRuleIssues, catalogSchema, type Catalog } from './catalog-schema';
import { checkMessage, issueMessage, type CheckMessage } from './check-messages';
import { citationSchema, looksLikeLetterhead } from './citation';
import { findJsonSyntaxError } from './json-syntax';
import { matterCategories } from './matter-schema';

/**
 * Checking a catalog file as an administrator meets it: `npm run catalog:check`, the import on the
 * 事项目录 page and the load of the stored catalog all use these functions, so the rules and the
 * words are the same everywhere. Every problem names where it is in the file, readably —
 * `matters[3]（exam-economist）.proofs[0].name` — and what is wrong, both as messages (key and
 * parameters, check-messages.ts) that the caller words in its language (problem-text.ts).
 */
export interface CatalogProblem {
  /** Where in the file: a JSON path with the matter id beside its index, the catalog, the file, or a line and column. */
  path: MessageArg;
  message: CheckMessage;
}

/**
 * A 设定依据 entry nobody has verified: a citation marked `open`, or plain text that cites a document
 * (contains 《 or 〔) without a source. Not a problem — the letter defers to the locality's published
 * basis — but always listed, so that it is followed up.
 */
export interface UnverifiedCitation {
  matterId: string;
  /** Where in the file, like a problem's path: `matters[5]（exam-survey-design-engineer）.basis[2]`. */
  path: MessageArg;
  /** The citation's title, or the plain text; `null` for a citation without one. */
  title: string | null;
  /**
   * `open`: marked unverified; `no-source`: plain text without a source; `no-number`: a verified title
   * whose 文号 was not read (the letter says the locality's published basis governs the 文号).
   */
  kind: 'open' | 'no-source' | 'no-number';
  note?: string;
}

export type CatalogCheck =
  | { ok: true; catalog: Catalog; countsByCategory: Record<string, number>; unverified: UnverifiedCitation[]; numberUnread: UnverifiedCitation[] }
  | { ok: false; problems: CatalogProblem[]; unverified: UnverifiedCitation[]; numberUnread: UnverifiedCitation[] };

type PathKey = PropertyKey;

/** A problem at a path of the data, before the path is made readable. */
interface Located {
  path: PathKey[];
  message: CheckMessage;
}

/** The value at a path in unchecked data; undefined where the path does not exist. */
const valueAt = (value: unknown, path: readonly PathKey[]): unknown =>
  path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<PropertyKey, unknown>)[key] : undefined), value);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A 设定依据 entry that is an object but not a valid citation fails both sides of the union (text or
 * citation) and zod says only that: check it as a citation to say what is wrong, field by field.
 */
const expandIssue = (issue: z.core.$ZodIssue, value: unknown): Located[] => {
  const path = issue.path;
  const item = valueAt(value, path);
  const own = [{ path, message: issueMessage(issue) }];
  if (issue.code !== 'invalid_union' || path.at(-2) !== 'basis' || !isPlainObject(item)) return own;
  const asCitation = citationSchema.safeParse(item, { reportInput: true });
  if (asCitation.success) return own;
  return asCitation.error.issues.map((inner) => {
    const at = [...path, ...inner.path];
    return { path: at, message: issueMessage({ ...inner, path: at }) };
  });
};

/**
 * 设定依据 written as a letterhead or a bare 文号 (人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）).
 * Checked here rather than in the schema, so that a sealed record that carries such text still parses.
 */
const basisIssues = (matters: readonly unknown[]): Located[] =>
  matters.flatMap((matter, index) => {
    const basis = isPlainObject(matter) ? matter.basis : undefined;
    if (!Array.isArray(basis)) return [];
    return basis.flatMap((entry: unknown, at) =>
      typeof entry === 'string' && looksLikeLetterhead(entry) ? [{ path: ['matters', index, 'basis', at], message: checkMessage('catalog_check.letterhead') }] : [],
    );
  });

/** Every 设定依据 entry of a catalog that is not fully verified, as far as the data is readable. */
const basisFollowUps = (value: unknown): UnverifiedCitation[] => {
  const matters = isPlainObject(value) ? value.matters : undefined;
  if (!Array.isArray(matters)) return [];
  return matters.flatMap((matter: unknown, index) => {
    if (!isPlainObject(matter) || !Array.isArray(matter.basis)) return [];
    const matterId = typeof matter.id === 'string' ? matter.id : `#${index}`;
    return matter.basis.flatMap((entry: unknown, at): UnverifiedCitation[] => {
      const path = formatProblemPath(['matters', index, 'basis', at], value);
      if (typeof entry === 'string') return /[《〔]/.test(entry) ? [{ matterId, path, title: entry, kind: 'no-source' }] : [];
      if (!isPlainObject(entry)) return [];
      const kind = entry.confidence === 'open' ? 'open' : entry.number === null ? 'no-number' : null;
      if (!kind) return [];
      const title = typeof entry.title === 'string' ? entry.title : null;
      return [{ matterId, path, title, kind, ...(typeof entry.note === 'string' ? { note: entry.note } : {}) }];
    });
  });
};

/** Every unverified 设定依据 entry: a citation marked open, or plain text citing a document without a source. */
export const unverifiedCitations = (value: unknown): UnverifiedCitation[] => basisFollowUps(value).filter((entry) => entry.kind !== 'no-number');

/** Every verified 设定依据 citation whose 文号 was not read. */
export const citationsWithoutNumber = (value: unknown): UnverifiedCitation[] => basisFollowUps(value).filter((entry) => entry.kind === 'no-number');

// ---------------------------------------------------------------------------------------------------
// Paths, written readably.

const segmentText = (key: PathKey, first: boolean): string => (typeof key === 'number' ? `[${key}]` : first ? String(key) : `.${String(key)}`);
const pathText = (path: readonly PathKey[], from = 0): string => path.map((key, at) => segmentText(key, at + from === 0)).join('');

/**
 * `matters[3]（exam-economist）.proofs[0].name`: the JSON path, with the matter id beside its index
 * when the entry has one (in the reader's brackets), or the catalog itself for the root.
 */
export const formatProblemPath = (path: readonly PathKey[], input: unknown): MessageArg => {
  if (path.length === 0) return checkMessage('catalog_check.at.catalog');
  const matters = isPlainObject(input) ? input.matters : undefined;
  const index = path[1];
  if (path[0] === 'matters' && typeof index === 'number' && Array.isArray(matters)) {
    const entry: unknown = matters[index];
    const id = isPlainObject(entry) ? entry.id : undefined;
    if (typeof id === 'string' && id.length > 0) {
      return checkMessage('catalog_check.at.matter_field', { matter: pathText(path.slice(0, 2)), id, rest: pathText(path.slice(2), 2) });
    }
  }
  return pathText(path);
};

const countByCategory = (catalog: Catalog): Record<string, number> => {
  const ids = new Map<string, Set<string>>(matterCategories.map((category) => [category, new Set<string>()]));
  for (const matter of catalog.matters) ids.get(matter.category)?.add(matter.id);
  return Object.fromEntries([...ids].map(([category, set]) => [category, set.size]));
};

/**
 * Checks an already parsed value against the catalog schema and the rules across entries. The counts
 * are distinct matter ids per category (every category listed, zeros included), over all periods.
 */
export const checkCatalog = (value: unknown): CatalogCheck => {
  const parsed = catalogSchema.safeParse(value, { reportInput: true });
  const unverified = unverifiedCitations(value);
  const numberUnread = citationsWithoutNumber(value);
  const matters = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).matters : undefined;
  const letterheads = Array.isArray(matters) ? basisIssues(matters) : [];
  if (parsed.success && letterheads.length === 0) return { ok: true, catalog: parsed.data, countsByCategory: countByCategory(parsed.data), unverified, numberUnread };

  const located: Located[] = parsed.success ? [] : parsed.error.issues.flatMap((issue) => expandIssue(issue, value));
  // zod skips the catalog-level refinement once a field has failed: report those rules anyway.
  if (Array.isArray(matters)) located.push(...(parsed.success ? [] : catalogRuleIssues(matters)), ...letterheads);
  const seen = new Set<string>();
  const problems: CatalogProblem[] = [];
  for (const issue of located) {
    const problem = { path: formatProblemPath(issue.path, value), message: issue.message };
    const identity = JSON.stringify(problem);
    if (!seen.has(identity)) {
      seen.add(identity);
      problems.push(problem);
    }
  }
  return { ok: false, problems, unverified, numberUnread };
};

/** Checks the text of a catalog file: JSON syntax with line and column, then everything `checkCatalog` checks. */
export const checkCatalogText = (text: string): CatalogCheck => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM, as Windows editors save
  if (body.trim() === '') {
    return { ok: false, problems: [{ path: checkMessage('catalog_check.at.file'), message: checkMessage('catalog_check.file_blank') }], unverified: [], numberUnread: [] };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body) ?? {
      line: 1,
      column: 1,
      reason: checkMessage('catalog_check.json.engine', { message: error instanceof Error ? error.message : String(error) }),
    };
    const { line, column, reason } = found;
    return {
      ok: false,
      problems: [{ path: checkMessage('catalog_check.at.position', { line, column }), message: checkMessage('catalog_check.json_syntax', { line, column, reason }) }],
      unverified: [],
      numberUnread: [],
    };
  }
  return checkCatalog(value);
};
