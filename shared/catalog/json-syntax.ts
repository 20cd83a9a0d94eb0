import type { MessageArg } from '../i18n/message';
import { checkMessage, type CheckMessage } from './check-messages';

/**
 * JSON syntax: JSON.parse's messages differ between engines, are in English and often give no
 * position; on failure a small scanner finds the first error and says what it is.
 */
export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: CheckMessage;
}

const charName = (char: string | undefined): MessageArg => {
  if (char === undefined) return checkMessage('catalog_check.char.end');
  if (char === '\n' || char === '\r') return checkMessage('catalog_check.char.newline');
  if (char === '\t') return checkMessage('catalog_check.char.tab');
  return checkMessage('catalog_check.char.quoted', { char });
};

const chinesePunctuation: Record<string, string> = { '，': ',', '：': ':', '“': '"', '”': '"', '‘': "'", '’': "'", '｛': '{', '｝': '}', '［': '[', '］': ']', '【': '[', '】': ']' };

class SyntaxStop {
  constructor(
    readonly offset: number,
    readonly reason: CheckMessage,
  ) {}
}

const scanJson = (text: string): void => {
  let at = 0;
  const fail = (reason: CheckMessage, offset = at): never => {
    throw new SyntaxStop(offset, reason);
  };
  const unexpected = (expected: CheckMessage): never => {
    const char = text[at];
    if (char === undefined) return fail(checkMessage('catalog_check.json.unexpected_end'));
    const ascii = chinesePunctuation[char];
    if (ascii) return fail(checkMessage('catalog_check.json.chinese_punctuation', { char: charName(char), ascii }));
    if (char === "'") return fail(checkMessage('catalog_check.json.single_quote'));
    return fail(checkMessage('catalog_check.json.found', { expected, char: charName(char) }));
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fail(checkMessage('catalog_check.json.unknown_literal', { word }));
  };
  const string = () => {
    const start = at;
    at += 1; // the opening quote
    for (;;) {
      const char = text[at];
      if (char === undefined) fail(checkMessage('catalog_check.json.unterminated_string'), start);
      if (char === '"') {
        at += 1;
        return;
      }
      if (char! < ' ') fail(checkMessage('catalog_check.json.control_character'));
      if (char === '\\') {
        const escape = text[at + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail(checkMessage('catalog_check.json.bad_unicode_escape'));
          at += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at += 2;
        else fail(checkMessage('catalog_check.json.bad_escape', { escape: escape ?? '' }));
      } else at += 1;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match || match[0] === '-') fail(checkMessage('catalog_check.json.bad_number'));
    at += match![0].length;
    if (/[0-9.eE]/.test(text[at] ?? '')) fail(checkMessage('catalog_check.json.bad_number_detail'));
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
    unexpected(checkMessage('catalog_check.json.expected_value'));
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
        if (text[at] === '}') fail(checkMessage('catalog_check.json.trailing_comma_brace'));
        unexpected(checkMessage('catalog_check.json.expected_key'));
      }
      string();
      space();
      if (text[at] !== ':') unexpected(checkMessage('catalog_check.json.expected_colon'));
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
      unexpected(checkMessage('catalog_check.json.expected_comma_or_brace'));
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
      if (text[at] === ']') fail(checkMessage('catalog_check.json.trailing_comma_bracket'));
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
      unexpected(checkMessage('catalog_check.json.expected_comma_or_bracket'));
    }
  };
  value();
  space();
  if (at < text.length) fail(checkMessage('catalog_check.json.trailing_characters', { char: charName(text[at]) }));
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
