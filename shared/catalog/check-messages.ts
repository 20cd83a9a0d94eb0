import type { z } from 'zod';
import { message, type Message, type MessageArg } from '../i18n/message';
import { catalogCheckMessages } from '../i18n/zh-CN/catalog-check';

/**
 * The catalog checks say what is wrong as keys of the catalog-check messages with their parameters;
 * `npm run catalog:check` words them in Chinese, the 事项目录 page in the UI's language. The keys are
 * those of the Chinese reference catalog, so the type checker refuses one it lacks.
 */
export type CatalogCheckKey = keyof typeof catalogCheckMessages;
export type CheckMessage = Message<CatalogCheckKey>;

export const checkMessage = (key: CatalogCheckKey, params?: Readonly<Record<string, MessageArg>>): CheckMessage => message(key, params);

/**
 * A rule's refusal raised inside a schema (superRefine, refine): the message rides in the issue's
 * params, and the issue's own message is only the key — a schema holds no sentences.
 */
export const ruleIssue = (key: CatalogCheckKey, params?: Readonly<Record<string, MessageArg>>) => ({
  message: key,
  params: { checkMessage: checkMessage(key, params) },
});

type PathKey = PropertyKey;

// ---------------------------------------------------------------------------------------------------
// Field labels, by the kind of object a field is in; the labelled fields are those of the catalog.

type LabelGroup = 'catalog' | 'matter' | 'proof' | 'provenance' | 'retention' | 'citation';

const labelPrefix = (group: LabelGroup) => `catalog_check.label.${group}.`;

const labelKey = (group: LabelGroup, field: string): CatalogCheckKey | null => {
  const key = `${labelPrefix(group)}${field}`;
  return key in catalogCheckMessages ? (key as CatalogCheckKey) : null;
};

/** The fields of a kind of object that have a label: the ones an unknown field is compared with. */
const labelledFields = (group: LabelGroup): string[] =>
  Object.keys(catalogCheckMessages)
    .filter((key) => key.startsWith(labelPrefix(group)))
    .map((key) => key.slice(labelPrefix(group).length));

/** The kind of object a path ends in (the path of the object itself, not of a field). */
const groupOf = (objectPath: readonly PathKey[]): LabelGroup => {
  if (objectPath.length === 0) return 'catalog';
  if (objectPath.includes('provenance')) return 'provenance';
  if (objectPath.includes('basis')) return 'citation';
  if (objectPath.includes('proofs')) return 'proof';
  if (objectPath.includes('retention')) return 'retention';
  return 'matter';
};

/** `conditions（办理条件）`, `basis（设定依据）第 2 项`, or 目录 for the root. */
export const subjectOf = (path: readonly PathKey[]): MessageArg => {
  let lastKeyAt = path.length - 1;
  while (lastKeyAt >= 0 && typeof path[lastKeyAt] !== 'string') lastKeyAt -= 1;
  if (lastKeyAt < 0) return checkMessage(path.length === 0 ? 'catalog_check.subject.catalog' : 'catalog_check.subject.item_only');
  const name = String(path[lastKeyAt]);
  const label = labelKey(groupOf(path.slice(0, lastKeyAt)), name);
  const named: MessageArg = label ? checkMessage('catalog_check.subject.labelled', { name, label: checkMessage(label) }) : name;
  return path
    .slice(lastKeyAt + 1)
    .reduce<MessageArg>((subject, index) => checkMessage('catalog_check.subject.item', { subject, n: Number(index) + 1 }), named);
};

// ---------------------------------------------------------------------------------------------------
// Values.

const typeKeys: Record<string, CatalogCheckKey> = {
  string: 'catalog_check.type.string',
  number: 'catalog_check.type.number',
  int: 'catalog_check.type.int',
  boolean: 'catalog_check.type.boolean',
  array: 'catalog_check.type.array',
  object: 'catalog_check.type.object',
  null: 'catalog_check.type.null',
};

/** `文字 "x"`, `整数 7`, `数组（3 项）`: what was found, without repeating long text. */
export const describeValue = (value: unknown): MessageArg => {
  if (value === undefined) return checkMessage('catalog_check.value.missing');
  if (value === null) return 'null';
  if (typeof value === 'string') return checkMessage('catalog_check.value.text', { json: JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value) });
  if (typeof value === 'number') return checkMessage(Number.isInteger(value) ? 'catalog_check.value.integer' : 'catalog_check.value.number', { value });
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return checkMessage('catalog_check.value.array', { count: value.length });
  return checkMessage('catalog_check.value.object');
};

const levenshtein = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
};

/** An unknown field, with the labelled field it is most likely a misspelling of. */
const unknownField = (field: string, known: readonly string[]): MessageArg => {
  const near = known
    .map((candidate) => ({ candidate, distance: levenshtein(field.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(1, Math.floor(field.length / 4)))
    .sort((a, b) => a.distance - b.distance)[0];
  return near ? checkMessage('catalog_check.unknown_field_near', { field, near: near.candidate }) : field;
};

const isCheckMessage = (value: unknown): value is CheckMessage =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string' && (value as { key: string }).key in catalogCheckMessages;

// ---------------------------------------------------------------------------------------------------
// A schema issue (parsed with `reportInput`) as a message.

export const issueMessage = (issue: z.core.$ZodIssue): CheckMessage => {
  const path = issue.path;
  const subject = subjectOf(path);
  const actual = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        if (path.length === 0) return checkMessage('catalog_check.no_content');
        return checkMessage(typeof path.at(-1) === 'string' ? 'catalog_check.missing_field' : 'catalog_check.missing_item', { subject });
      }
      if (path.length === 0) return checkMessage('catalog_check.root_not_object', { actual });
      if (issue.expected === 'int') return checkMessage('catalog_check.not_integer', { subject, actual });
      const expected = typeKeys[issue.expected] ? checkMessage(typeKeys[issue.expected]!) : issue.expected;
      const nullable = path.at(-1) === 'verificationDeadlineDays' || path.at(-1) === 'effectiveUntil';
      return checkMessage(nullable ? 'catalog_check.type_mismatch_or_null' : 'catalog_check.type_mismatch', { subject, expected, actual });
    }
    case 'invalid_value': {
      const allowed = issue.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      return issue.values.length === 1
        ? checkMessage('catalog_check.value_not', { subject, allowed: allowed[0]!, actual })
        : checkMessage('catalog_check.value_not_allowed', { subject, json: JSON.stringify(issue.input), allowed });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') {
        return minimum <= 1 || issue.input === ''
          ? checkMessage('catalog_check.text_blank', { subject })
          : checkMessage('catalog_check.text_too_short', { subject, minimum, actual });
      }
      if (issue.origin === 'array') return checkMessage('catalog_check.list_too_short', { subject, minimum });
      return checkMessage(issue.inclusive ? 'catalog_check.number_too_small' : 'catalog_check.number_not_above', { subject, minimum, input: String(issue.input) });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return checkMessage('catalog_check.text_too_long', { subject, maximum });
      if (issue.origin === 'array') return checkMessage('catalog_check.list_too_long', { subject, maximum });
      return checkMessage(issue.inclusive ? 'catalog_check.number_too_big' : 'catalog_check.number_not_below', { subject, maximum, input: String(issue.input) });
    }
    case 'invalid_format':
      if (issue.format === 'date') return checkMessage('catalog_check.date_format', { subject, actual });
      if (issue.format === 'regex' && path.at(-1) === 'catalogId' && path.length === 1) return checkMessage('catalog_check.catalog_id_format');
      if (issue.format === 'regex' && path.at(-1) === 'id') return checkMessage('catalog_check.matter_id_format');
      return checkMessage('catalog_check.malformed', { subject });
    case 'unrecognized_keys': {
      const known = labelledFields(groupOf(path));
      return checkMessage('catalog_check.unknown_fields', { fields: issue.keys.map((key) => unknownField(key, known)) });
    }
    case 'invalid_union':
      if (issue.input === undefined && typeof path.at(-1) === 'string') return checkMessage('catalog_check.missing_field', { subject });
      if (path.at(-2) === 'basis') return checkMessage('catalog_check.basis_entry', { subject, actual });
      if (path.at(-1) === 'retention') {
        return checkMessage('catalog_check.retention', { subject, json: JSON.stringify(issue.input) ?? checkMessage('catalog_check.value.missing') });
      }
      return checkMessage('catalog_check.malformed', { subject });
    case 'custom':
      return isCheckMessage(issue.params?.checkMessage) ? issue.params.checkMessage : checkMessage('catalog_check.malformed', { subject });
    default:
      return checkMessage('catalog_check.malformed', { subject });
  }
};
