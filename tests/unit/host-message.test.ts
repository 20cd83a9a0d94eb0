import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../shared/catalog/check-catalog';
import { problemText } from '../../shared/catalog/problem-text';
import defaultCatalogJson from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { hostMessage } from '../../shared/contract/host-message';
import { fail } from '../../shared/contract/result';
import { translatorFor, wordMessage } from '../../shared/i18n';
import { UnsupportedCharacterError } from '../../renderer/pdf/non-bmp';
import { enText, zhText } from './fixtures/host-text';

const zh = translatorFor('zh-CN');
const en = translatorFor('en');
const CJK = /[\u4e00-\u9fff]/;

describe('host messages are keys the type checker knows', () => {
  it('refuses an unknown key and an unfilled or unknown placeholder (checked by tsc -p tests)', () => {
    // @ts-expect-error: no such key in the host catalog
    fail('NOPE', 'host.error.no_such_key');
    // @ts-expect-error: host.clerk.locked needs {attempts} and {minutes}
    fail('ACCOUNT_LOCKED', 'host.clerk.locked');
    // @ts-expect-error: {minutes} is missing
    fail('ACCOUNT_LOCKED', 'host.clerk.locked', { attempts: 5 });
    // @ts-expect-error: a sentence is not a key
    hostMessage('工号或密码不正确，请重新输入。');
    // @ts-expect-error: the refused fields are paths, not a worded list
    fail('INVALID_ARGUMENT', 'host.error.invalid_argument', { fields: 'pin' });
    expect(fail('ACCOUNT_LOCKED', 'host.clerk.locked', { attempts: 5, minutes: 3 })).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', key: 'host.clerk.locked', params: { attempts: 5, minutes: 3 } },
    });
  });

  it('never shows a path that has no label: one unlabelled path makes the whole sentence name none', () => {
    const mixed = hostMessage('host.error.invalid_argument', { fields: ['pin', 'mysteryField'] });
    expect(zhText(mixed)).toBe('提交的数据不完整或格式不正确。');
    expect(enText(mixed)).toBe('The data sent is incomplete or malformed.');
    // A nested path without its own label takes its parent's, once.
    expect(zhText(hostMessage('host.error.invalid_argument', { fields: ['record.applicant.name', 'record.hash'] }))).toBe('提交的数据不完整或格式不正确：案件记录。');
  });

  it('words a spooler reason whose parameter is the spooler’s own text, and keeps an IPP status a code', () => {
    const aborted = hostMessage('host.print.job_aborted_with', { message: 'Filter failed' });
    expect(zhText(aborted)).toBe('打印任务被打印系统中止（Filter failed），文书没有打印。请检查打印机后重新打印。');
    expect(enText(aborted)).toBe('The print system aborted the job (Filter failed); the letter was not printed. Check the printer and print again.');
    const query = hostMessage('host.print.query_failed', { code: 'server-error-internal-error' });
    expect(enText(query)).toContain('(server-error-internal-error)');
  });
});

describe('a letter refused for its characters', () => {
  it('keeps its message as a key: Chinese for the command line, English when worded again', () => {
    const error = new UnsupportedCharacterError(['𠮷', '\u{30EDD}'], 'outside-bmp');
    expect(error.message).toBe('文书含有暂不支持打印的生僻字（超出基本多文种平面）：𠮷（U+20BB7）、\u{30EDD}（U+30EDD）。');
    expect(error.text.key).toBe('pdf.error.outside_bmp');
    expect(wordMessage(en, error.text)).toBe(
      'The letter contains rare characters that cannot be printed yet (outside the Basic Multilingual Plane): 𠮷 (U+20BB7), \u{30EDD} (U+30EDD).',
    );
    const missing = new UnsupportedCharacterError(['ꀀ'], 'missing-glyph');
    expect(wordMessage(zh, missing.text)).toBe('文书字体缺少以下字符，无法打印：ꀀ（U+A000）。');
    expect(wordMessage(en, missing.text)).not.toMatch(CJK);
  });
});

describe('a catalog problem', () => {
  it('is a message the caller words: the same problem in Chinese and in English', () => {
    const broken = structuredClone(defaultCatalogJson) as unknown as { matters: Record<string, unknown>[] };
    const id = broken.matters[1]!.id as string;
    delete broken.matters[1]!.conditions;
    broken.matters[2]!.version = '1';
    const check = checkCatalog(broken);
    if (check.ok) throw new Error('expected the check to fail');
    expect(JSON.stringify(check.problems)).not.toMatch(CJK);
    expect(check.problems.map((problem) => problemText(zh, problem))).toEqual([
      { path: `matters[1]（${id}）.conditions`, message: '缺少字段 conditions（办理条件）' },
      { path: `matters[2]（${broken.matters[2]!.id as string}）.version`, message: 'version（事项版本号）应为数字，实际是文字 "1"' },
    ]);
    expect(check.problems.map((problem) => problemText(en, problem))).toEqual([
      { path: `matters[1] (${id}).conditions`, message: 'Field conditions (conditions for applying) is missing' },
      { path: `matters[2] (${broken.matters[2]!.id as string}).version`, message: 'version (matter version) should be a number, but is the text "1"' },
    ]);
  });
});
