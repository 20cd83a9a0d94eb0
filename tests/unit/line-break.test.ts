import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START, atomsOf, breakLines, layoutParagraph, type LaidOutLine, type Measure } from '../../renderer/pdf/line-break';

/** Full-width characters are 1 wide, ASCII 0.5 (like CJK vs Latin glyphs). */
const measure: Measure = (text) => {
  let width = 0;
  for (const character of text) width += (character.codePointAt(0) ?? 0) < 0x2e80 && character !== '…' && character !== '—' ? 0.5 : 1;
  return width;
};

const firstChar = (line: string): string => Array.from(line)[0] ?? '';
const lastVisibleChar = (line: string): string => Array.from(line.replace(/\s+$/u, '')).pop() ?? '';
/** What must fit the width: trailing spaces and closing punctuation may hang into the margin. */
const body = (line: string): string => {
  const characters = Array.from(line.replace(/\s+$/u, ''));
  while (characters.length > 0 && NO_LINE_START.has(characters[characters.length - 1] as string)) characters.pop();
  return characters.join('');
};

/** Checks the invariants every result must keep; returns the lines for further checks. */
const checked = (text: string, width: number, options?: { firstLineWidth?: number }): string[] => {
  const lines = breakLines(text, width, measure, options);
  expect(lines.join(''), `width ${width}`).toBe(text);
  lines.forEach((line, index) => {
    if (index > 0) expect(NO_LINE_START.has(firstChar(line)), `line ${index} starts with ${firstChar(line)} (width ${width}): ${JSON.stringify(lines)}`).toBe(false);
    if (index < lines.length - 1) expect(NO_LINE_END.has(lastVisibleChar(line)), `line ${index} ends with ${lastVisibleChar(line)} (width ${width})`).toBe(false);
    const available = index === 0 ? (options?.firstLineWidth ?? width) : width;
    expect(measure(body(line)), `line ${index} too wide (width ${width}): ${line}`).toBeLessThanOrEqual(available);
  });
  return lines;
};

const crafted = [
  '本人林晓明（居民身份证：11010519491231002X）就申请办理“注册测绘师资格考试报名”事项，现郑重承诺：',
  '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）',
  '申请人作出不实承诺的，考试机构终止办理；已取得考试成绩或资格证书的，按规定认定成绩无效或撤销资格证书。',
  '他说：“好。”然后——走了……（完）【附件】「引文」『书名』〈篇名〉！？；：、。',
  '案件编号C01-20261128-0007，金额12.5%，日期2026-01-15，电话010-12345678。',
  'Mixed text with English words, numbers like 3.14 and (parentheses), then 中文。',
  '外国人姓名玛丽·居里（Marie Curie）与约翰·史密斯。',
];

describe('breakLines', () => {
  it('keeps every character, in order, and obeys 避头尾 at every width', () => {
    for (const text of crafted) {
      for (let width = 9; width <= 40; width += 1) checked(text, width);
    }
  });

  it('never starts a line with closing punctuation where a plain break would put it there', () => {
    // 10 characters per line: a naive break puts "，" at the start of line 2.
    const text = '一二三四五六七八九十，一二三四五六七八九十。';
    const lines = checked(text, 10);
    expect(lines[0]).toBe('一二三四五六七八九');
    expect(lines[1]?.startsWith('十，')).toBe(true);
  });

  it('never ends a line with opening punctuation', () => {
    const text = '一二三四五六七八九（十）一二三四五';
    const lines = checked(text, 10);
    expect(lines[0]).toBe('一二三四五六七八九');
    expect(lines[1]?.startsWith('（十）')).toBe(true);
  });

  it('keeps an ID number whole whenever it fits on a line', () => {
    const id = '11010519491231002X';
    const text = `本人林晓明，居民身份证号码${id}，现申请办理。`;
    for (let width = measure(id); width <= 30; width += 0.5) {
      const lines = checked(text, width);
      expect(lines.some((line) => line.includes(id)), `width ${width}: ${JSON.stringify(lines)}`).toBe(true);
    }
  });

  it('keeps a document number such as 国办发〔2020〕42号, with its organ code, and a case number together', () => {
    const text = '依据国办发〔2020〕42号文件和《通知》（人社厅发〔2019〕71号）、国务院令第765号，案件C01-20261128-0007办理。';
    // From the width of the widest unit (the organ code's run takes the two words before it along).
    for (let width = measure('依据国办发〔2020〕42号'); width <= 30; width += 0.5) {
      const lines = checked(text, width);
      for (const unit of ['国办发〔2020〕42号', '人社厅发〔2019〕71号', '国务院令第765号', 'C01-20261128-0007']) {
        expect(lines.some((line) => line.includes(unit)), `width ${width}: ${unit} split in ${JSON.stringify(lines)}`).toBe(true);
      }
    }
    expect(atomsOf('（国办发〔2020〕42号）')).toEqual(['（', '国办发〔2020〕42号', '）']);
    expect(atomsOf('见人社部规〔2017〕6号')).toEqual(['见人社部规〔2017〕6号']);
    // Without an organ code the year-and-number part alone still stays whole.
    expect(atomsOf('（〔2020〕42号）')).toEqual(['（', '〔2020〕42号', '）']);
  });

  it('lets closing punctuation hang rather than split a word that exactly fills a line', () => {
    const id = '11010519491231002X';
    const lines = checked(`号码${id}，现申请。`, measure(id));
    expect(lines).toEqual(['号码', `${id}，`, '现申请。']);
  });

  it('splits a single word wider than the line rather than overflowing, losing nothing', () => {
    const id = '11010519491231002X';
    const lines = breakLines(`号码${id}。`, 5, measure);
    expect(lines.join('')).toBe(`号码${id}。`);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(5);
  });

  it('breaks Latin text at spaces, leaving the space at the end of the line', () => {
    const text = 'The quick brown fox jumps over the lazy dog again and again.';
    const lines = checked(text, 8);
    for (const line of lines.slice(0, -1)) expect(line.endsWith(' ')).toBe(true);
    expect(lines.map((line) => line.trim()).join(' ')).toBe(text);
  });

  it('does not split a character outside the BMP (surrogate pair)', () => {
    const text = '申请人𠮷野家𠮷𠮷𠮷𠮷𠮷𠮷𠮷𠮷';
    const lines = checked(text, 3);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const line of lines) expect(loneSurrogate.test(line), line).toBe(false);
  });

  it('honours a narrower first line (indent) and forced line breaks', () => {
    const lines = checked('一二三四五六七八九十一二三四五', 6, { firstLineWidth: 4 });
    expect(lines[0]).toBe('一二三四');
    expect(breakLines('甲乙\n丙丁', 10, measure)).toEqual(['甲乙\n', '丙丁']);
    expect(breakLines('', 10, measure)).toEqual([]);
  });

  it('holds its invariants on random mixed text', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const cjk = [...'申请人承诺事项证明材料办理条件核查公开法律责任'];
    const closing = [...'，。、；：！？）》」』】…'];
    const opening = [...'（《「『【“'];
    const words = ['11010519491231002X', 'C01', '2026', 'PDF', 'abc', '〔2020〕42号', '3.5'];
    for (let round = 0; round < 300; round += 1) {
      let text = '';
      const length = 10 + Math.floor(random() * 60);
      while (text.length < length) {
        const roll = random();
        if (roll < 0.6) text += pick(cjk);
        else if (roll < 0.72) text += pick(cjk) + pick(closing);
        else if (roll < 0.82) text += pick(opening) + pick(cjk);
        else if (roll < 0.95) text += pick(words);
        else text += ' ';
      }
      checked(text, 10 + Math.floor(random() * 20));
    }
  });
});

describe('layoutParagraph (justification)', () => {
  const long =
    '申请人作出不实承诺的，考试机构终止办理；已取得考试成绩或资格证书的，按规定认定成绩无效或撤销资格证书；' +
    '本人林晓明（居民身份证：11010519491231002X）就申请办理事项，案件编号C01-20261128-0007，依据国办发〔2020〕42号文件，' +
    'with English words such as Marie Curie, 玛丽·居里，以及“引号”和《书名》，将不实承诺情况记入信用记录，依法依规实施惩戒。';

  /** Where each character of the line is drawn, from its pieces (letter spacing after every character). */
  const characterPositions = (line: LaidOutLine): { character: string; x: number }[] =>
    line.pieces.flatMap((piece) => {
      let x = piece.x;
      return Array.from(piece.text).map((character) => {
        const at = { character, x };
        x += measure(character) + piece.letterSpacing;
        return at;
      });
    });

  const check = (text: string, width: number, indent: number): LaidOutLine[] => {
    const lines = layoutParagraph(text, width, measure, { firstLineIndent: indent });
    // Same breaks as breakLines: 避头尾 and whole words are kept.
    expect(lines.map((line) => line.text)).toEqual(breakLines(text, width, measure, { firstLineWidth: width - indent }));
    lines.forEach((line, index) => {
      const last = index === lines.length - 1;
      expect(line.x, `line ${index}`).toBe(index === 0 ? indent : 0);
      expect(line.last).toBe(last);
      // The pieces hold the visible text of the line, in order.
      expect(line.pieces.map((piece) => piece.text).join('').replace(/\s/g, '')).toBe(line.text.replace(/\s/g, ''));
      const positions = characterPositions(line);
      for (let i = 1; i < positions.length; i += 1) expect(positions[i]!.x).toBeGreaterThan(positions[i - 1]!.x);
      if (last) {
        // The last line is left-aligned: natural spacing from its start.
        expect(line.justified).toBe(false);
        expect(line.gap).toBe(0);
        expect(line.pieces[0]!.x).toBe(line.x);
        expect(line.end).toBeCloseTo(line.x + line.naturalWidth, 9);
        for (const piece of line.pieces) expect(piece.letterSpacing).toBe(0);
      } else if (line.gaps > 0) {
        // Every other line ends exactly at the right margin.
        expect(line.justified, `line ${index}: ${line.text}`).toBe(true);
        expect(line.end, `line ${index}: ${line.text}`).toBeCloseTo(width, 9);
        const lastPosition = positions[positions.length - 1]!;
        if (line.hanging === 0) expect(lastPosition.x + measure(lastPosition.character)).toBeCloseTo(width, 9);
      }
    });
    return lines;
  };

  it('stretches every line but the last to the full width, at every width', () => {
    for (let width = 8; width <= 40; width += 1) {
      const lines = check(long, width, 2);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.slice(0, -1).every((line) => line.justified || line.gaps === 0)).toBe(true);
    }
    for (const text of crafted) for (let width = 9; width <= 40; width += 3) check(text, width, 0);
  });

  it('spreads the slack only between units: Latin words, ID, case and document numbers stay intact', () => {
    const units = ['11010519491231002X', 'C01-20261128-0007', '〔2020〕42号', 'English', 'Marie', 'Curie'];
    for (let width = 20; width <= 40; width += 1) {
      const lines = check(long, width, 2);
      for (const unit of units) {
        const holder = lines.flatMap((line) => line.pieces).find((piece) => piece.text.includes(unit));
        if (!holder) continue; // split across lines only when wider than a line (not at these widths)
        // A document number's unit also holds its organ code (国办发〔2020〕42号).
        if (unit.startsWith('〔')) expect(holder.text.endsWith(unit), `width ${width}: ${holder.text}`).toBe(true);
        else expect(holder.text, `width ${width}`).toBe(unit);
        expect(holder.letterSpacing).toBe(0);
      }
      // Justified lines stretch (a line may already fill the width exactly: gap 0).
      for (const line of lines) if (line.justified) expect(line.gap).toBeGreaterThanOrEqual(0);
      expect(lines.some((line) => line.gap > 0)).toBe(true);
    }
  });

  it('leaves the line before a forced break, a one-line paragraph and a single unit unstretched', () => {
    const [first, second] = layoutParagraph('甲乙丙\n丁戊', 10, measure);
    expect(first!.justified).toBe(false);
    expect(first!.last).toBe(true);
    expect(second!.justified).toBe(false);
    const [only] = layoutParagraph('一二三', 10, measure, { firstLineIndent: 2 });
    expect(only!.x).toBe(2);
    expect(only!.end).toBe(5);
    expect(only!.pieces).toEqual([{ text: '一二三', x: 2, letterSpacing: 0 }]);
  });

  it('keeps closing punctuation hanging in the margin, the text before it flush with the margin', () => {
    const id = '11010519491231002X';
    const lines = layoutParagraph(`号码${id}，现申请办理。`, measure(id), measure);
    const hanging = lines.find((line) => line.hanging > 0)!;
    expect(hanging.text).toBe(`${id}，`);
    expect(hanging.end).toBeCloseTo(measure(id), 9);
    expect(hanging.pieces[hanging.pieces.length - 1]).toEqual({ text: '，', x: hanging.end, letterSpacing: 0 });
  });

  it('treats a character outside the BMP as one character', () => {
    const lines = layoutParagraph('申请人𠮷田明承诺一二三四五六七八九十', 6, measure);
    const line = lines[0]!;
    expect(line.text).toBe('申请人𠮷田明');
    expect(line.gaps).toBe(5);
    expect(line.end).toBeCloseTo(6, 9);
  });
});
