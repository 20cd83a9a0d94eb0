import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asSentence, catalogs } from '../../shared/i18n';
import { caseSteps } from '../../shared/domain/case-draft';

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

const zh = catalogs['zh-CN'];

describe('message catalogs', () => {
  it('English has exactly the keys of Simplified Chinese', () => {
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('every literal key the renderer uses exists in the Chinese catalog', () => {
    const used = new Set<string>();
    for (const file of sourceFiles('renderer')) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z_]+\.[a-z_.]+)'/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in zh))).toEqual([]);
  });

  it('keys built at run time exist for every value they can take', () => {
    const built = [
      ...caseSteps.map((step) => `ui.step.${step}`),
      ...['commit', 'proof', 'none'].map((choice) => `ui.choice.${choice}`),
      ...['committed', 'proof_route'].map((outcome) => `ui.outcome.${outcome}`),
      ...['not_printed', 'queued', 'failed'].map((state) => `ui.letter.print_${state}`),
      ...['wrong_step', 'page_out_of_range', 'notification_unfinished', 'applicant_invalid', 'signature_empty', 'signature_too_short'].map(
        (code) => `case.error.${code}`,
      ),
    ];
    expect(built.filter((key) => !(key in zh))).toEqual([]);
  });
});

describe('a reason inside another sentence', () => {
  it('ends with exactly one stop, whether or not it brought its own', () => {
    expect(asSentence('打印机暂停接收打印任务。')).toBe('打印机暂停接收打印任务。');
    expect(asSentence('printer is offline.')).toBe('printer is offline。');
    expect(asSentence('打印机缺纸')).toBe('打印机缺纸。');
    expect(asSentence('真的吗？')).toBe('真的吗？');
    expect(asSentence('  ')).toBe('');
  });

  it('no error message of the Chinese catalog lacks its full stop', () => {
    const unfinished = Object.entries(catalogs['zh-CN']).filter(
      ([key, text]) => /(error|empty|invalid|wrong|locked)/.test(key) && !/[。！？]$/.test(text),
    );
    expect(unfinished).toEqual([]);
  });
});
