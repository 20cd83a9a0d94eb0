import { describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { catalogSchema } from '../../shared/catalog/catalog-schema';
import type { Matter } from '../../shared/catalog/matter-schema';
import { createMatterIndex } from '../../shared/catalog/matter-search';

const matters = catalogSchema.parse(defaultCatalogJson).matters;
const index = createMatterIndex(matters);
const names = (found: Matter[]) => found.map((matter) => matter.name);
const first = (query: string, recent: string[] = []) => index.search(query, { recent })[0]?.name;

describe('matter search', () => {
  it('finds a matter by its pinyin initials', () => {
    expect(first('jjzy')).toBe('经济专业技术资格考试报名');
    expect(first('zcchs')).toBe('注册测绘师资格考试报名');
    expect(first('yjzjgcs')).toBe('一级造价工程师资格考试报名');
    expect(first('JJZY')).toBe('经济专业技术资格考试报名');
    expect(first('ｊｊｚｙ')).toBe('经济专业技术资格考试报名');
    expect(names(index.search('zcchs'))).toEqual(['注册测绘师资格考试报名']);
  });

  it('finds a matter by the start of its full pinyin, or a syllable inside', () => {
    expect(first('jingji')).toBe('经济专业技术资格考试报名');
    expect(first('zhiyeyao')).toBe('执业药师资格考试报名');
    expect(first('cehui')).toBe('注册测绘师资格考试报名');
  });

  it('finds part of the name, name prefixes before initials before substrings', () => {
    expect(names(index.search('测绘'))).toEqual(['注册测绘师资格考试报名']);
    const registered = names(index.search('注册'));
    expect(registered.slice(0, 4).every((name) => name.startsWith('注册'))).toBe(true);
    expect(registered.slice(4)).toEqual(['勘察设计注册工程师资格考试报名', '一级注册消防工程师资格考试报名']);
    // "zy": initials prefixes (执业药师 zyys…, 【示例】转移…) before initials inside a name (经济专业 jjzy…).
    expect(names(index.search('zy'))).toEqual([
      '执业药师资格考试报名',
      '【示例】转移基本养老保险关系',
      '出版专业技术人员职业资格考试报名',
      '经济专业技术资格考试报名',
      '翻译专业资格（水平）考试报名',
    ]);
  });

  it('treats the 【示例】 mark as not part of a sample name’s start', () => {
    expect(first('领取')).toBe('【示例】领取丧葬补助金、抚恤金');
    expect(first('slsybxj')).toBe('【示例】申领失业保险金');
  });

  it('finds matters by category name or its initials', () => {
    const social = names(index.search('社会保险'));
    expect(social).toHaveLength(3);
    expect(social.every((name) => name.startsWith('【示例】'))).toBe(true);
    expect(names(index.search('shbx'))).toEqual(social);
  });

  it('lists recent matters first, in their recent order, when they match', () => {
    const recent = ['exam-translator', 'sample-si-pension-transfer', 'exam-economist'];
    expect(index.search('', { recent }).map((matter) => matter.id).slice(0, 3)).toEqual(recent);
    expect(index.search('', { recent })).toHaveLength(matters.length);
    expect(index.search('zc', { recent: ['exam-first-class-fire-engineer'] })[0]!.id).toBe('exam-first-class-fire-engineer');
    // A recent matter that does not match stays out.
    expect(index.search('jjzy', { recent })).toEqual([matters.find((matter) => matter.id === 'exam-economist')]);
    expect(index.search('测绘', { recent: ['unknown-id', 'exam-translator'] }).map((matter) => matter.id)).toEqual(['exam-surveying-engineer']);
  });

  it('lists everything in catalog order for an empty query', () => {
    expect(index.search('')).toEqual(matters);
    expect(index.search('   ')).toEqual(matters);
  });

  it('filters by category', () => {
    const social = index.search('', { category: '社会保险' });
    expect(social.map((matter) => matter.category)).toEqual(['社会保险', '社会保险', '社会保险']);
    expect(index.search('jjzy', { category: '社会保险' })).toEqual([]);
    expect(index.search('sl', { category: '资格考试' })).toEqual([]);
    expect(index.search('', { category: '资格考试' })).toHaveLength(12);
  });

  it('finds nothing for what matches nothing', () => {
    expect(index.search('没有这个事项')).toEqual([]);
    expect(index.search('qqqq')).toEqual([]);
  });

  it('accepts every reading of a polyphonic character', () => {
    const base = matters[0]!;
    const chongqing = { ...base, id: 'local-chongqing', name: '重庆市人才引进报名' };
    const bank = { ...base, id: 'local-bank', name: '银行从业人员登记' };
    const local = createMatterIndex([chongqing, bank]);
    expect(local.search('cqs').map((matter) => matter.id)).toEqual(['local-chongqing']);
    expect(local.search('zqs').map((matter) => matter.id)).toEqual(['local-chongqing']);
    expect(local.search('yh').map((matter) => matter.id)).toEqual(['local-bank']);
    expect(local.search('yx').map((matter) => matter.id)).toEqual(['local-bank']);
  });

  it('searches 2,000 matters within a few milliseconds per keystroke', () => {
    const many: Matter[] = Array.from({ length: 2000 }, (_, i) => {
      const source = matters[i % matters.length]!;
      return { ...source, id: `${source.id}-${i}`, name: `${source.name.replace('报名', '')}第${i}批报名` };
    });
    const big = createMatterIndex(many);
    const times: number[] = [];
    for (const query of ['jjzyjs', 'zcchs', '测绘师资格', 'yijijian']) {
      for (let length = 1; length <= query.length; length += 1) {
        const start = performance.now();
        big.search(query.slice(0, length), { recent: ['exam-economist-8'] });
        times.push(performance.now() - start);
      }
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]!).toBeLessThan(20); // the bench holds the real target, ≤ 5 ms in Chromium
    expect(big.search('jjzy')).toHaveLength(Math.ceil((2000 - 8) / matters.length));
  });
});
