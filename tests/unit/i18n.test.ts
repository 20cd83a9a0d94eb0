import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asSentence, catalogs } from '../../shared/i18n';
import { caseSteps } from '../../shared/domain/case-draft';
import { hostInputSchemas } from '../../shared/contract/host-contract';
import { hostMessages } from '../../shared/i18n/zh-CN/host';

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

  it('no error message of the English catalog lacks its full stop either', () => {
    const unfinished = Object.entries(catalogs.en).filter(
      ([key, text]) => /(error|empty|invalid|wrong|locked)/.test(key) && !/[.!?]$/.test(text),
    );
    expect(unfinished).toEqual([]);
  });
});

/** Every literal key of a message that travels as a key (host errors, print reasons, catalog problems, PDF refusals). */
const literalKeys = (prefix: string): Set<string> => {
  const used = new Set<string>();
  const pattern = new RegExp(`'(${prefix.replace('.', '\\.')}[A-Za-z_.]+)'`, 'g');
  for (const dir of ['electron', 'shared', 'renderer', 'scripts']) {
    for (const file of sourceFiles(dir)) {
      if (file.includes(join('shared', 'i18n', 'zh-CN')) || file.includes(join('shared', 'i18n', 'en'))) continue;
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) used.add(match[1]!);
    }
  }
  return used;
};

describe('messages that travel as keys', () => {
  it('every host message key the code uses (fail, hostMessage, key:) exists in both catalogs', () => {
    const used = literalKeys('host.');
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !(key in zh))).toEqual([]);
    expect([...used].filter((key) => !(key in catalogs.en))).toEqual([]);
  });

  it('every host message of the catalog is still sent by some code (no stale sentences)', () => {
    const used = literalKeys('host.');
    // Worded by the renderer itself when a refused argument has no label.
    used.add('host.error.invalid_argument_unlabelled');
    expect(Object.keys(hostMessages).filter((key) => !used.has(key))).toEqual([]);
  });

  it('every catalog-check and PDF message key the code uses exists in both catalogs', () => {
    for (const [prefix, least] of [['catalog_check.', 60], ['pdf.', 3]] as const) {
      const used = literalKeys(prefix);
      expect(used.size, prefix).toBeGreaterThanOrEqual(least);
      expect([...used].filter((key) => !(key in zh) || !(key in catalogs.en))).toEqual([]);
    }
  });

  it('gives every argument of the host contract a label, so a refusal never names a code', () => {
    const unwrap = (schema: z.ZodType): z.ZodType =>
      schema instanceof z.ZodOptional || schema instanceof z.ZodNullable ? unwrap(schema.unwrap() as z.ZodType) : schema;
    const paths = (schema: z.ZodObject, prefix: string): string[] =>
      Object.entries(schema.shape).flatMap(([name, child]) => {
        const path = `${prefix}${name}`;
        const inner = unwrap(child as z.ZodType);
        // A sealed record's or a case draft's inner fields are labelled as the whole they belong to.
        return [path, ...(inner instanceof z.ZodObject && name !== 'record' && name !== 'draft' ? paths(inner, `${path}.`) : [])];
      });
    const all = new Set(Object.values(hostInputSchemas).flatMap((schema) => paths(schema as z.ZodObject, '')));
    expect(all.size).toBeGreaterThan(10);
    expect([...all].filter((path) => !(`host.field.${path}` in zh) || !(`host.field.${path}` in catalogs.en))).toEqual([]);
  });

  it('ends every Chinese host message with its stop and every English one with a period', () => {
    const sentences = Object.keys(hostMessages).filter((key) => key !== 'host.print.spooler_message');
    expect(sentences.filter((key) => !/。$/.test(zh[key]!))).toEqual([]);
    expect(sentences.filter((key) => !/\.$/.test(catalogs.en[key]!))).toEqual([]);
  });

  it('writes the English of every message that travels as a key in English', () => {
    const english = Object.entries(catalogs.en).filter(([key]) => /^(host|catalog_check|pdf|text)\./.test(key));
    expect(english.length).toBeGreaterThan(150);
    expect(english.filter(([, text]) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });
});
