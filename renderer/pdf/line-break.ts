/**
 * Line breaking for Chinese text (避头尾, kinsoku) with Latin words and digit runs kept whole.
 *
 * Pure: it only needs a `measure(text) => width` function, so the PDF renderer, the screen and the
 * tests can all use it. jsPDF's `splitTextToSize` is not used for CJK: it lets a line start with
 * `，` `。` `：` `》`.
 *
 * Invariant: `breakLines(text, …).join('') === text` — no character is lost, added or reordered.
 * Spaces at a break stay at the end of the line they follow (they hang in the margin and do not
 * count towards its width); a `\n` in the text is a forced break and stays at the end of its line.
 * Closing punctuation glued to a segment that alone fills a line may hang past the width (标点悬挂)
 * instead of splitting the segment; otherwise every line fits.
 */

import { DOCUMENT_NUMBER_PATTERN } from '../../shared/letter/document-number';

export type Measure = (text: string) => number;

export interface BreakOptions {
  /** Width available to the first line (e.g. the line width minus a first-line indent). */
  firstLineWidth?: number;
}

/** Closing punctuation: never at the start of a line (行首禁则). */
export const NO_LINE_START: ReadonlySet<string> = new Set([
  ...'，。、；：！？）》」』】〉…—―〕］｝〗〙”’％‰℃·・',
  ...'︰﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞',
  ...',.;:!?)]}%',
]);

/** Opening punctuation: never at the end of a line (行尾禁则). */
export const NO_LINE_END: ReadonlySet<string> = new Set([...'（《「『【〈“‘〔［｛〖〘﹙﹛﹝', ...'([{']);

/** Joins what is on both sides of it, as in 玛丽·居里: no break before or after. */
const NO_BREAK_AROUND: ReadonlySet<string> = new Set(['·', '・']);

/**
 * Units that are never broken unless one alone is wider than the line:
 * - a document number with its organ's code: 国办发〔2020〕42号, 国务院令第765号 (document-number.ts);
 * - the bare year-and-number part of one: 〔2020〕42号 / [2019]71号;
 * - a Latin word or digit run, with inner joiners: 11010519491231002X, C01-20261128-0007, 3.5, a/b;
 * - a run of spaces.
 */
const ATOM = new RegExp(
  `${DOCUMENT_NUMBER_PATTERN}|` +
    String.raw`[〔［[]\d{2,4}[〕］\]]第?\d+号|[A-Za-z0-9\u00C0-\u024F０-９Ａ-Ｚａ-ｚ]+(?:[-_.\/:@+&'#－．][A-Za-z0-9\u00C0-\u024F０-９Ａ-Ｚａ-ｚ]+)*|[ \t\u00A0\u3000]+|[\s\S]`,
  'gu',
);

const isSpace = (text: string): boolean => /^[ \t\u00A0\u3000]+$/.test(text);

const firstCodePoint = (text: string): string => String.fromCodePoint(text.codePointAt(0) ?? 0);

const lastCodePoint = (text: string): string => {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xdc00 && last <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
};

/** Splits text into unbreakable atoms (see ATOM); their concatenation is the text. */
export const atomsOf = (text: string): string[] => text.match(ATOM) ?? [];

/** May a line end after `before` and the next one start with `after`? */
export const breakAllowedBetween = (before: string, after: string): boolean => {
  if (before === '' || after === '') return true;
  if (isSpace(after)) return false;
  const next = firstCodePoint(after);
  // Spaces hang at the end of a line, so look at what stands before them.
  const beforeSpaces = before.replace(/[ \t\u00A0\u3000]+$/, '');
  if (beforeSpaces === '') return true;
  const previous = lastCodePoint(beforeSpaces);
  if (NO_LINE_START.has(next)) return false;
  if (NO_LINE_END.has(previous)) return false;
  if (NO_BREAK_AROUND.has(next) || NO_BREAK_AROUND.has(previous)) return false;
  return true;
};

/** Groups atoms into segments: runs with no allowed break inside. */
const segmentsOf = (text: string): string[] => {
  const segments: string[] = [];
  let current = '';
  for (const atom of atomsOf(text)) {
    if (current !== '' && breakAllowedBetween(current, atom)) {
      segments.push(current);
      current = '';
    }
    current += atom;
  }
  if (current !== '') segments.push(current);
  return segments;
};

const visible = (line: string): string => line.replace(/[\s\u3000]+$/u, '');

/** The text without the closing punctuation at its end (which may hang into the margin). */
const withoutTrailingClosers = (text: string): string => {
  const characters = Array.from(text);
  while (characters.length > 0 && NO_LINE_START.has(characters[characters.length - 1] as string)) characters.pop();
  return characters.join('');
};

/**
 * Splits one segment that is wider than a whole line. Prefers break points that respect the
 * punctuation rules (even inside a word); falls back to the widest prefix that fits (≥ 1 character).
 */
const splitOversized = (segment: string, width: number, measure: Measure): string[] => {
  const characters = Array.from(segment);
  const pieces: string[] = [];
  let start = 0;
  while (start < characters.length) {
    let fitEnd = start + 1; // at least one character per line
    while (fitEnd < characters.length && measure(visible(characters.slice(start, fitEnd + 1).join(''))) <= width) {
      fitEnd += 1;
    }
    if (fitEnd >= characters.length) {
      pieces.push(characters.slice(start).join(''));
      break;
    }
    let end = fitEnd;
    while (end > start + 1 && !breakAllowedBetween(characters[end - 1] ?? '', characters[end] ?? '')) end -= 1;
    if (end === start + 1 && !breakAllowedBetween(characters[start] ?? '', characters[start + 1] ?? '')) end = fitEnd;
    pieces.push(characters.slice(start, end).join(''));
    start = end;
  }
  return pieces;
};

const breakHardLine = (text: string, width: number, firstWidth: number, measure: Measure): string[] => {
  const lines: string[] = [];
  let line = '';
  const available = (): number => (lines.length === 0 ? firstWidth : width);
  for (const segment of segmentsOf(text)) {
    if (measure(visible(line + segment)) <= available()) {
      line += segment;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
    }
    if (measure(visible(segment)) <= available()) {
      line = segment;
      continue;
    }
    // Hanging punctuation (标点悬挂): a word that just fits keeps the comma after it, in the margin,
    // rather than being split or pushing the comma to the start of the next line.
    const core = withoutTrailingClosers(visible(segment));
    if (core !== '' && measure(core) <= available()) {
      line = segment;
      continue;
    }
    // Cut to the narrower of this line's and the following lines' width, so every piece fits.
    const pieces = splitOversized(segment, Math.min(available(), width), measure);
    for (const piece of pieces.slice(0, -1)) lines.push(piece);
    line = pieces[pieces.length - 1] ?? '';
  }
  if (line !== '') lines.push(line);
  return lines;
};

/**
 * Breaks a paragraph into lines no wider than `width` (except a single unbreakable character or
 * atom wider than the line, which is split as a last resort).
 */
export const breakLines = (text: string, width: number, measure: Measure, options: BreakOptions = {}): string[] => {
  const lines: string[] = [];
  const hardLines = text.split(/(?<=\n)/);
  hardLines.forEach((hardLine, index) => {
    if (hardLine === '') return;
    const firstWidth = index === 0 ? (options.firstLineWidth ?? width) : width;
    const body = hardLine.endsWith('\n') ? hardLine.slice(0, -1) : hardLine;
    const broken = breakHardLine(body, width, firstWidth, measure);
    if (hardLine.endsWith('\n')) {
      if (broken.length === 0) broken.push('');
      broken[broken.length - 1] += '\n';
    }
    lines.push(...broken);
  });
  return lines;
};

// ---------------------------------------------------------------------------------------------
// Justification
// ---------------------------------------------------------------------------------------------

/** A stretch of a justified line drawn in one go, at `x`, with `letterSpacing` after each character. */
export interface LinePiece {
  text: string;
  /** Offset from the paragraph's left edge. */
  x: number;
  /** Extra space after every character of the piece (0 inside Latin words, numbers and hanging punctuation). */
  letterSpacing: number;
}

export interface LaidOutLine {
  /** The line as `breakLines` gave it (trailing spaces and a forced `\n` included). */
  text: string;
  /** Where the line starts, from the paragraph's left edge (the first-line indent, else 0). */
  x: number;
  /** Width available to the line. */
  available: number;
  /** Natural width of what is justified: the visible text, without punctuation hanging in the margin. */
  naturalWidth: number;
  /** Gaps between characters or unbreakable units of the justified text. */
  gaps: number;
  /** Space added to each gap (0 for a line that is not justified). */
  gap: number;
  /** Where the justified text ends: `x + available` for every justified line. */
  end: number;
  /** Width of closing punctuation hanging past the end (标点悬挂), usually 0. */
  hanging: number;
  /** The last line of the paragraph or before a forced break: set left-aligned, not stretched. */
  last: boolean;
  justified: boolean;
  pieces: LinePiece[];
}

export interface LayoutOptions {
  /** Indent of the first line (it gets `width - firstLineIndent`). */
  firstLineIndent?: number;
}

const codePointCount = (text: string): number => {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) count += 1;
  }
  return count;
};

/**
 * Breaks a paragraph (as `breakLines`, so 避头尾 and whole Latin words and numbers hold) and justifies
 * it: every line but the last (and but one ending in a forced break) is stretched to the full width
 * by spreading the slack evenly over the gaps between its characters — never inside a Latin word, an
 * ID or case number or a document number, which stay unbroken units. Closing punctuation that
 * `breakLines` let hang past the width stays in the margin, and the text before it is justified.
 * A line with a single unit (nothing to spread over) stays left-aligned.
 */
export const layoutParagraph = (text: string, width: number, measure: Measure, options: LayoutOptions = {}): LaidOutLine[] => {
  const indent = options.firstLineIndent ?? 0;
  const lines = breakLines(text, width, measure, { firstLineWidth: width - indent });
  return lines.map((line, index) => {
    const x = index === 0 ? indent : 0;
    const available = width - x;
    const last = index === lines.length - 1 || line.endsWith('\n');
    const shown = visible(line);
    const shownWidth = measure(shown);
    // Closing punctuation past the width hangs in the margin; the rest is justified.
    let body = shown;
    if (shownWidth > available) {
      const core = withoutTrailingClosers(shown);
      if (core !== '' && measure(core) <= available) body = core;
    }
    const atoms = atomsOf(body);
    const naturalWidth = measure(body);
    const gaps = Math.max(0, atoms.length - 1);
    const justified = !last && gaps > 0 && naturalWidth <= available;
    const gap = justified ? (available - naturalWidth) / gaps : 0;

    const pieces: LinePiece[] = [];
    let position = x;
    let run: LinePiece | null = null;
    atoms.forEach((atom, atomIndex) => {
      const single = codePointCount(atom) === 1;
      if (single && run) run.text += atom;
      else {
        run = { text: atom, x: position, letterSpacing: single ? gap : 0 };
        pieces.push(run);
        if (!single) run = null;
      }
      position += measure(atom) + (atomIndex < atoms.length - 1 ? gap : 0);
    });
    const end = position;
    const rest = shown.slice(body.length);
    if (rest !== '') pieces.push({ text: rest, x: end, letterSpacing: 0 });
    return {
      text: line,
      x,
      available,
      naturalWidth,
      gaps,
      gap,
      end,
      hanging: rest === '' ? 0 : measure(rest),
      last,
      justified,
      pieces: pieces.filter((piece) => !isSpace(piece.text)),
    };
  });
};
