import { z } from 'zod';
import { catalogRuleIssues, catalogSchema, type Catalog } from './catalog-schema';
import { citationSchema, looksLikeLetterhead } from './citation';
import { matterCategories } from './matter-schema';

/**
 * Checking a catalog file as an administrator meets it: `npm run catalog:check`, the import on the
 * 事项目录 page and the load of the stored catalog all use these functions, so the rules and the
 * words are the same everywhere. Every problem names where it is in the file, written readably —
 * `matters[3]（exam-economist）.proofs[0].name` — and says what is wrong in Simplified Chinese.
 */
export interface CatalogProblem {
  /** Where in the file: a JSON path with the matter id beside its index, or 第 L 行第 C 列 for a syntax error. */
  path: string;
  message: string;
}

/**
 * A 设定依据 entry nobody has verified: a citation marked `open`, or plain text that cites a document
 * (contains 《 or 〔) without a source. Not a problem — the letter defers to the locality's published
 * basis — but always listed, so that it is followed up.
 */
export interface UnverifiedCitation {
  matterId: string;
  /** Where in the file, written like a problem's path: `matters[5]（exam-survey-design-engineer）.basis[2]`. */
  path: string;
  /** The citation's title, or the plain text. */
  title: string;
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

/** The path of a problem that concerns the whole catalog rather than one field. */
export const ROOT_PATH = '（目录）';
/** The path of a problem with the file itself (empty, not JSON). */
export const FILE_PATH = '（文件）';

// ---------------------------------------------------------------------------------------------------
// Field labels: the administrator reads `conditions（办理条件）`, the name in the file and its meaning.

const catalogLabels: Record<string, string> = {
  catalogId: '目录编号',
  version: '目录版本号',
  locality: '发布地区或机构',
  publishedAt: '发布日期',
  matters: '事项列表',
};

export const matterFieldLabels: Record<string, string> = {
  id: '事项编号',
  name: '事项名称',
  category: '事项类别',
  sample: '示例标记',
  proofs: '证明事项',
  basis: '设定依据',
  conditions: '办理条件',
  commitmentMethod: '承诺方式',
  liability: '不实承诺的法律责任',
  verification: '核查权力与配合义务',
  verificationMethod: '核查方式',
  verificationDeadlineDays: '核查时限工作日数',
  disclosure: '承诺书是否公开、公开范围及时限',
  retention: '保管期限',
  agency: '办理机构',
  effectiveFrom: '生效日期',
  effectiveUntil: '失效日期',
  version: '事项版本号',
  provenance: '来源说明',
};

const proofLabels: Record<string, string> = { name: '证明事项名称', content: '证明内容及材料要求' };
const provenanceLabels: Record<string, string> = { fields: '所涉字段', source: '来源', confidence: '可信程度' };
const retentionLabels: Record<string, string> = { years: '保管年限' };
const citationLabels: Record<string, string> = { title: '文件标题', number: '文号', source: '来源', confidence: '可信程度', note: '说明' };

type PathKey = PropertyKey;

/** The labels of the object a path ends in (the path of the object itself, not of a field). */
const labelsForObject = (objectPath: readonly PathKey[]): Record<string, string> => {
  if (objectPath.length === 0) return catalogLabels;
  if (objectPath.includes('provenance')) return provenanceLabels;
  if (objectPath.includes('basis')) return citationLabels;
  if (objectPath.includes('proofs')) return proofLabels;
  if (objectPath.includes('retention')) return retentionLabels;
  return matterFieldLabels;
};

/** `conditions（办理条件）`, `basis（设定依据）第 2 项`, or 目录 for the root. */
const subject = (path: readonly PathKey[]): string => {
  let lastKeyAt = path.length - 1;
  while (lastKeyAt >= 0 && typeof path[lastKeyAt] !== 'string') lastKeyAt -= 1;
  if (lastKeyAt < 0) return path.length === 0 ? '目录' : '该项';
  const key = String(path[lastKeyAt]);
  const label = labelsForObject(path.slice(0, lastKeyAt))[key];
  const named = label ? `${key}（${label}）` : key;
  const items = path.slice(lastKeyAt + 1).map((index) => `第 ${Number(index) + 1} 项`);
  return [named, ...items].join('');
};

// ---------------------------------------------------------------------------------------------------
// Messages. Ours first; what we do not word ourselves falls back to zod's zh-CN locale — per parse
// call, so nothing global changes for the other schemas of the app.

const zhCN = z.locales.zhCN().localeError;

const typeNames: Record<string, string> = {
  string: '文字（字符串）',
  number: '数字',
  int: '整数',
  boolean: ' true 或 false',
  array: '数组（[…]）',
  object: '对象（{…}）',
  null: 'null',
};

const describeValue = (value: unknown): string => {
  if (value === undefined) return '空缺';
  if (value === null) return 'null';
  if (typeof value === 'string') return `文字 ${JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value)}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `整数 ${value}` : `数字 ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `数组（${value.length} 项）`;
  return '对象（{…}）';
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

const unknownKey = (key: string, known: Record<string, string>): string => {
  const near = Object.keys(known)
    .map((candidate) => ({ candidate, distance: levenshtein(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ distance }) => distance <= Math.max(1, Math.floor(key.length / 4)))
    .sort((a, b) => a.distance - b.distance)[0];
  return near ? `${key}（是否应为 ${near.candidate}？）` : key;
};

const retentionText = '"permanent"（永久）或 {"years": N}（N 为 10、30、50 或 100）';

const catalogErrorMap: z.core.$ZodErrorMap = (issue) => {
  const path = issue.path ?? [];
  const what = subject(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        const key = path.at(-1);
        if (path.length === 0) return '没有目录内容（应为 JSON 对象）';
        return typeof key === 'string' ? `缺少字段 ${what}` : `${what}缺失`;
      }
      if (path.length === 0) return `目录应为 JSON 对象（{…}），实际是${describeValue(issue.input)}`;
      if (issue.expected === 'int') return `${what}应为整数，实际是${describeValue(issue.input)}`;
      const expected = typeNames[issue.expected] ?? issue.expected;
      const nullable = path.at(-1) === 'verificationDeadlineDays' || path.at(-1) === 'effectiveUntil' ? '或 null' : '';
      return `${what}应为${expected}${nullable}，实际是${describeValue(issue.input)}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('、');
      return issue.values.length === 1
        ? `${what}应为 ${allowed}，实际是${describeValue(issue.input)}`
        : `${what}的值 ${JSON.stringify(issue.input)} 不在允许范围内，应为以下之一：${allowed}`;
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 || issue.input === '' ? `${what}不能为空` : `${what}至少需要 ${minimum} 个字，实际是${describeValue(issue.input)}`;
      if (issue.origin === 'array') return `${what}至少需要 ${minimum} 项，实际为空`;
      return issue.inclusive ? `${what}不能小于 ${minimum}，实际是 ${String(issue.input)}` : `${what}应大于 ${minimum}，实际是 ${String(issue.input)}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `${what}不能超过 ${maximum} 个字`;
      if (issue.origin === 'array') return `${what}不能超过 ${maximum} 项`;
      return issue.inclusive ? `${what}不能大于 ${maximum}，实际是 ${String(issue.input)}` : `${what}应小于 ${maximum}，实际是 ${String(issue.input)}`;
    }
    case 'invalid_format':
      if (issue.format === 'date') return `${what}应为 YYYY-MM-DD 格式的有效日期，实际是${describeValue(issue.input)}`;
      return undefined;
    case 'unrecognized_keys': {
      const known = labelsForObject(path);
      return `出现未知字段：${issue.keys.map((key) => unknownKey(key, known)).join('、')}`;
    }
    case 'invalid_union':
      if (issue.input === undefined && typeof path.at(-1) === 'string') return `缺少字段 ${what}`;
      if (path.at(-2) === 'basis') return `${what}应为文字，或含 title、number、source、confidence 的依据对象，实际是${describeValue(issue.input)}`;
      if (path.at(-1) === 'retention') return `${what}应为 ${retentionText}，实际是 ${JSON.stringify(issue.input) ?? '空缺'}`;
      return `${what}的格式不正确`;
    default:
      return undefined;
  }
};

const errorMap: z.core.$ZodErrorMap = (issue) => catalogErrorMap(issue) ?? zhCN(issue);

/** The value at a path in unchecked data; undefined where the path does not exist. */
const valueAt = (value: unknown, path: readonly PathKey[]): unknown =>
  path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<PropertyKey, unknown>)[key] : undefined), value);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A 设定依据 entry that is an object but not a valid citation fails both sides of the union (text or
 * citation) and zod says only that: check it as a citation to say what is wrong, field by field.
 */
const expandIssue = (issue: z.core.$ZodIssue, value: unknown): { path: PathKey[]; message: string }[] => {
  const path = issue.path;
  const item = valueAt(value, path);
  if (issue.code !== 'invalid_union' || path.at(-2) !== 'basis' || !isPlainObject(item)) return [{ path, message: issue.message }];
  const asCitation = citationSchema.safeParse(item, { error: (inner) => errorMap({ ...inner, path: [...path, ...(inner.path ?? [])] }) });
  if (asCitation.success) return [{ path, message: issue.message }];
  return asCitation.error.issues.map((inner) => ({ path: [...path, ...inner.path], message: inner.message }));
};

const LETTERHEAD_MESSAGE = '设定依据应写文件标题（《》）及文号，不是发文机关文头';

/**
 * 设定依据 written as a letterhead or a bare 文号 (人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）).
 * Checked here rather than in the schema, so that a sealed record that carries such text still parses.
 */
const basisIssues = (matters: readonly unknown[]): { path: PathKey[]; message: string }[] =>
  matters.flatMap((matter, index) => {
    const basis = isPlainObject(matter) ? matter.basis : undefined;
    if (!Array.isArray(basis)) return [];
    return basis.flatMap((entry: unknown, at) =>
      typeof entry === 'string' && looksLikeLetterhead(entry) ? [{ path: ['matters', index, 'basis', at], message: LETTERHEAD_MESSAGE }] : [],
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
      const title = typeof entry.title === 'string' ? entry.title : '（无标题）';
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

/** `matters[3]（exam-economist）.proofs[0].name`; the matter id beside its index when the entry has one. */
export const formatProblemPath = (path: readonly PathKey[], input: unknown): string => {
  if (path.length === 0) return ROOT_PATH;
  const matters = typeof input === 'object' && input !== null ? (input as Record<string, unknown>).matters : undefined;
  let text = '';
  path.forEach((key, position) => {
    if (typeof key === 'number') {
      text += `[${key}]`;
      if (position === 1 && path[0] === 'matters' && Array.isArray(matters)) {
        const entry: unknown = matters[key];
        const id = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).id : undefined;
        if (typeof id === 'string' && id.length > 0) text += `（${id}）`;
      }
    } else {
      text += text ? `.${String(key)}` : String(key);
    }
  });
  return text;
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
  const parsed = catalogSchema.safeParse(value, { error: errorMap });
  const unverified = unverifiedCitations(value);
  const numberUnread = citationsWithoutNumber(value);
  const matters = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).matters : undefined;
  const letterheads = Array.isArray(matters) ? basisIssues(matters) : [];
  if (parsed.success && letterheads.length === 0) return { ok: true, catalog: parsed.data, countsByCategory: countByCategory(parsed.data), unverified, numberUnread };

  const problems: CatalogProblem[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => expandIssue(issue, value)).map((issue) => ({ path: formatProblemPath(issue.path, value), message: issue.message }));
  // zod skips the catalog-level refinement once a field has failed: report those rules anyway.
  if (Array.isArray(matters)) {
    const known = new Set(problems.map((problem) => `${problem.path}\u0000${problem.message}`));
    for (const issue of [...(parsed.success ? [] : catalogRuleIssues(matters)), ...letterheads]) {
      const problem = { path: formatProblemPath(issue.path, value), message: issue.message };
      if (!known.has(`${problem.path}\u0000${problem.message}`)) {
        known.add(`${problem.path}\u0000${problem.message}`);
        problems.push(problem);
      }
    }
  }
  return { ok: false, problems, unverified, numberUnread };
};

// ---------------------------------------------------------------------------------------------------
// JSON syntax: JSON.parse's messages differ between engines, are in English and often give no
// position; on failure a small scanner finds the first error and says what it is.

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

const charName = (char: string | undefined): string => {
  if (char === undefined) return '文件结尾';
  if (char === '\n' || char === '\r') return '换行';
  if (char === '\t') return '制表符';
  return `“${char}”`;
};

const chinesePunctuation: Record<string, string> = { '，': ',', '：': ':', '“': '"', '”': '"', '‘': "'", '’': "'", '｛': '{', '｝': '}', '［': '[', '］': ']', '【': '[', '】': ']' };

class SyntaxStop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const scanJson = (text: string): void => {
  let at = 0;
  const fail = (reason: string, offset = at): never => {
    throw new SyntaxStop(offset, reason);
  };
  const unexpected = (expected: string): never => {
    const char = text[at];
    if (char === undefined) return fail('文件在此意外结束（可能缺少“}”“]”、引号或值）');
    const ascii = chinesePunctuation[char];
    if (ascii) return fail(`此处用了中文标点${charName(char)}，JSON 中应使用英文标点“${ascii}”`);
    if (char === "'") return fail('字段名和字符串须用英文双引号 "，不能用单引号');
    return fail(`${expected}，实际是${charName(char)}`);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fail(`无法识别的值，是否应为 ${word}？`);
  };
  const string = () => {
    const start = at;
    at += 1; // the opening quote
    for (;;) {
      const char = text[at];
      if (char === undefined) fail('字符串缺少结束的双引号', start);
      if (char === '"') {
        at += 1;
        return;
      }
      if (char! < ' ') fail('字符串中不能直接换行或含控制字符（换行应写作 \\n）');
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail('无效的 \\u 转义，应为 \\u 加 4 位十六进制数');
          at += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at += 2;
        else fail(`无效的转义序列“\\${escape ?? ''}”（反斜杠应写作 \\\\）`);
      } else at += 1;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match || match[0] === '-') fail('数字格式无效');
    at += match![0].length;
    if (/[0-9.eE]/.test(text[at] ?? '')) fail('数字格式无效（数字不能以 0 开头，小数点前后都要有数字）');
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    unexpected('此处应为值（对象、数组、字符串、数字、true、false 或 null）');
  };
  const object = () => {
    at += 1;
    space();
    if (text[at] === '}') {
      at += 1;
      return;
    }
    for (;;) {
      space();
      if (text[at] !== '"') {
        if (text[at] === '}') fail('“}”前有多余的逗号');
        unexpected('此处应为用英文双引号括起的字段名');
      }
      string();
      space();
      if (text[at] !== ':') unexpected('字段名后应为冒号“:”');
      at += 1;
      value();
      space();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === '}') {
        at += 1;
        return;
      }
      unexpected('此处应为逗号“,”或“}”（可能缺少逗号）');
    }
  };
  const array = () => {
    at += 1;
    space();
    if (text[at] === ']') {
      at += 1;
      return;
    }
    for (;;) {
      space();
      if (text[at] === ']') fail('“]”前有多余的逗号');
      value();
      space();
      if (text[at] === ',') {
        at += 1;
        continue;
      }
      if (text[at] === ']') {
        at += 1;
        return;
      }
      unexpected('此处应为逗号“,”或“]”（可能缺少逗号）');
    }
  };
  value();
  space();
  if (at < text.length) fail(`目录内容结束后还有多余的字符${charName(text[at])}`);
};

const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
};

/** Where and why a text is not JSON; null when it is. */
export const findJsonSyntaxError = (text: string): JsonSyntaxError | null => {
  try {
    scanJson(text);
    return null;
  } catch (stop) {
    if (!(stop instanceof SyntaxStop)) throw stop;
    return { ...lineAndColumn(text, stop.offset), reason: stop.reason };
  }
};

/** Checks the text of a catalog file: JSON syntax with line and column, then everything `checkCatalog` checks. */
export const checkCatalogText = (text: string): CatalogCheck => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM, as Windows editors save
  if (body.trim() === '') return { ok: false, problems: [{ path: FILE_PATH, message: '文件是空的，应为 JSON 格式的事项目录' }], unverified: [], numberUnread: [] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body) ?? { line: 1, column: 1, reason: error instanceof Error ? error.message : String(error) };
    return {
      ok: false,
      problems: [{ path: `第 ${found.line} 行第 ${found.column} 列`, message: `JSON 格式错误（第 ${found.line} 行第 ${found.column} 列）：${found.reason}` }],
      unverified: [],
      numberUnread: [],
    };
  }
  return checkCatalog(value);
};
