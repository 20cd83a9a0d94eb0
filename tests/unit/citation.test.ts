import { describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { basisText, citationSchema, citationText, isUnverified, looksLikeLetterhead, type Citation } from '../../shared/catalog/citation';
import { issueMessage } from '../../shared/catalog/check-messages';
import { matterSchema } from '../../shared/catalog/matter-schema';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { translatorFor, wordMessage } from '../../shared/i18n';

const verified: Citation = {
  title: '《注册城乡规划师职业资格制度规定》',
  number: '人社部规〔2017〕6号',
  source: 'http://wap.kao110.com/html/a3/f3/85389.html（第三方文档站）',
  confidence: 'secondary',
};

/** The refusals as the catalog check words them in Chinese (the schema itself holds keys, no sentences). */
const messagesOf = (value: unknown): { path: string; message: string }[] => {
  const parsed = citationSchema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected the citation to be refused');
  return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: wordMessage(translatorFor('zh-CN'), issueMessage(issue)) }));
};

describe('citationSchema', () => {
  it('accepts a verified citation with or without its 文号, and an open one without a source', () => {
    expect(citationSchema.safeParse(verified).success).toBe(true);
    expect(citationSchema.safeParse({ ...verified, number: null, note: '通知文号未读到' }).success).toBe(true);
    expect(citationSchema.safeParse({ title: '勘察设计注册工程师各专业的执业资格制度暂行规定', number: null, source: null, confidence: 'open' }).success).toBe(true);
  });

  it('refuses a verified citation whose title is not a document title in 《》', () => {
    for (const title of ['注册城乡规划师职业资格制度规定', '《注册城乡规划师职业资格制度规定》（人社部规〔2017〕6号）', '人力资源社会保障部办公厅文件']) {
      expect(messagesOf({ ...verified, title })).toEqual([{ path: 'title', message: expect.stringContaining('以《开头、以》结尾') }]);
    }
  });

  it('refuses a verified citation without a source', () => {
    expect(messagesOf({ ...verified, source: null })).toEqual([{ path: 'source', message: expect.stringContaining('必须写明来源') }]);
    expect(messagesOf({ ...verified, confidence: 'law', source: null })[0]!.path).toBe('source');
  });

  it('refuses an open citation that carries a 文号: a number nobody read is never written', () => {
    expect(messagesOf({ title: '某考试的职业资格制度规定', number: '人社部发〔2022〕8号', source: null, confidence: 'open' })).toEqual([
      { path: 'number', message: expect.stringContaining('不能填写文号') },
    ]);
  });

  it('refuses unknown fields and an unknown confidence', () => {
    expect(citationSchema.safeParse({ ...verified, url: 'x' }).success).toBe(false);
    expect(citationSchema.safeParse({ ...verified, confidence: 'sure' }).success).toBe(false);
  });
});

describe('a matter whose basis is plain text, as sealed records carry it', () => {
  const oldMatter = {
    ...structuredClone(defaultCatalogJson.matters[0]),
    version: 1,
    basis: [
      '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）',
      '人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）',
    ],
  };

  it('still parses, unchanged, so that the record re-hashes identically', () => {
    const parsed = matterSchema.parse(oldMatter);
    expect(parsed).toEqual(oldMatter);
    expect(canonicalJson(parsed)).toBe(canonicalJson(oldMatter));
    expect(parsed.basis.map(basisText)).toEqual(oldMatter.basis);
  });

  it('mixes plain text and citations', () => {
    expect(matterSchema.safeParse({ ...oldMatter, basis: ['【示例】以本地公布的事项目录为准。', verified] }).success).toBe(true);
    expect(matterSchema.safeParse({ ...oldMatter, basis: [] }).success).toBe(false);
    expect(matterSchema.safeParse({ ...oldMatter, basis: ['x'] }).success).toBe(false);
  });
});

describe('the wording a letter prints', () => {
  it('gives the title and the 文号', () => {
    expect(citationText(verified)).toBe('《注册城乡规划师职业资格制度规定》（人社部规〔2017〕6号）');
  });

  it('defers the 文号 to the locality where it was not read', () => {
    expect(citationText({ ...verified, number: null })).toBe('《注册城乡规划师职业资格制度规定》（文号以本地公布的设定依据为准）');
  });

  it('defers name and 文号 to the locality for an unverified citation, and never prints the note or the source', () => {
    const open: Citation = { title: '勘察设计注册工程师各专业的执业资格制度暂行规定和考试实施办法', number: null, source: 'somewhere', confidence: 'open', note: '人发〔2002〕35号等' };
    expect(citationText(open)).toBe('勘察设计注册工程师各专业的执业资格制度暂行规定和考试实施办法（具体名称和文号以本地公布的设定依据为准）');
    expect(basisText(open)).toBe(citationText(open));
  });

  it('prints plain text as published', () => {
    expect(basisText('【示例】本条目为演示用示例，设定依据以本地公布的事项目录为准。')).toBe('【示例】本条目为演示用示例，设定依据以本地公布的事项目录为准。');
  });
});

describe('isUnverified and looksLikeLetterhead', () => {
  it('marks open citations and plain-text citations without a source', () => {
    expect(isUnverified(verified)).toBe(false);
    expect(isUnverified({ ...verified, number: null })).toBe(false);
    expect(isUnverified({ title: '某规定', number: null, source: null, confidence: 'open' })).toBe(true);
    expect(isUnverified('《某规定》（某发〔2020〕1号）')).toBe(true);
    expect(isUnverified('【示例】设定依据以本地公布的事项目录为准。')).toBe(false);
  });

  it('tells a letterhead or a bare 文号 from a title and from free text', () => {
    expect(looksLikeLetterhead('人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）')).toBe(true);
    expect(looksLikeLetterhead('国办发〔2020〕42号')).toBe(true);
    expect(looksLikeLetterhead('《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）')).toBe(false);
    expect(looksLikeLetterhead('【示例】本条目为演示用示例，设定依据以本地公布的事项目录为准。')).toBe(false);
  });
});
