import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import defaultCatalogJson from '../../shared/catalog/default-catalog.json' with { type: 'json' };
import { checkCatalog, checkCatalogText, type CatalogCheck, type UnverifiedCitation } from '../../shared/catalog/check-catalog';
import { catalogSchema } from '../../shared/catalog/catalog-schema';
import { basisText, type Citation } from '../../shared/catalog/citation';
import { citationFollowUpText, problemText } from '../../shared/catalog/problem-text';
import { translatorFor } from '../../shared/i18n';

type RawMatter = Record<string, unknown>;
type RawCatalog = Record<string, unknown> & { matters: RawMatter[] };

const DEFAULT_FILE = 'shared/catalog/default-catalog.json';
const defaultText = readFileSync(DEFAULT_FILE, 'utf8');
const fresh = (): RawCatalog => structuredClone(defaultCatalogJson) as unknown as RawCatalog;

/** The checks give keys and parameters; these tests read them as `npm run catalog:check` prints them, in Chinese. */
const zh = translatorFor('zh-CN');
type WordedProblem = { path: string; message: string };

const problemsOf = (check: CatalogCheck): WordedProblem[] => {
  if (check.ok) throw new Error('expected the check to fail');
  return check.problems.map((problem) => problemText(zh, problem));
};

const followUps = (citations: readonly UnverifiedCitation[]) => citations.map((citation) => ({ ...citation, ...citationFollowUpText(zh, citation) }));

/** The one problem at `path`, failing with every problem listed when there is none or several. */
const problemAt = (check: CatalogCheck, path: string): WordedProblem => {
  const problems = problemsOf(check);
  const found = problems.filter((problem) => problem.path === path);
  if (found.length !== 1) throw new Error(`expected one problem at ${path}, got:\n${problems.map((p) => `${p.path}：${p.message}`).join('\n')}`);
  return found[0]!;
};

const EXAMS = [
  '注册设备监理师',
  '注册测绘师',
  '一级建造师',
  '出版专业技术人员职业资格',
  '注册城乡规划师',
  '勘察设计注册工程师',
  '一级造价工程师',
  '执业药师',
  '经济专业技术资格',
  '一级注册消防工程师',
  '注册安全工程师（中级）',
  '翻译专业资格（水平）',
];

/** What was read where: every document number in the catalog must be recorded there, or it was invented. */
const LEGAL_SOURCES = readFileSync('shared/catalog/legal-sources.md', 'utf8');

describe('the default catalog', () => {
  const check = checkCatalogText(defaultText);
  const catalog = catalogSchema.parse(defaultCatalogJson);

  it('passes the check', () => {
    expect(check.ok ? [] : check.problems).toEqual([]);
  });

  it('has the 12 qualification exam registrations of the pilot, none of them a sample', () => {
    if (!check.ok) throw new Error('invalid');
    expect(check.countsByCategory['资格考试']).toBe(12);
    const exams = catalog.matters.filter((matter) => matter.category === '资格考试');
    expect(exams).toHaveLength(12);
    for (const exam of EXAMS) expect(exams.filter((matter) => matter.name.startsWith(exam)).map((matter) => matter.name)).toHaveLength(1);
    expect(exams.every((matter) => !matter.sample && !matter.name.includes('示例'))).toBe(true);
    expect(exams.map((matter) => matter.id)).toEqual(expect.arrayContaining(['exam-surveying-engineer', 'exam-economist']));
  });

  it('has social-insurance matters only as 2–3 marked samples, and nothing in other categories', () => {
    if (!check.ok) throw new Error('invalid');
    const social = catalog.matters.filter((matter) => matter.category === '社会保险');
    expect(social.length).toBeGreaterThanOrEqual(2);
    expect(social.length).toBeLessThanOrEqual(3);
    expect(social.map((matter) => matter.id)).toContain('sample-si-survivor-benefit');
    for (const matter of social) {
      expect(matter.sample).toBe(true);
      expect(matter.name.startsWith('【示例】')).toBe(true);
      expect(matter.basis.every((basis) => basisText(basis).startsWith('【示例】'))).toBe(true);
    }
    expect(check.countsByCategory).toEqual({ 社会保险: social.length, 资格考试: 12, 就业创业: 0, 劳动关系: 0, 人事人才: 0 });
  });

  it('replaces education, major or working-years proofs for each exam', () => {
    for (const matter of catalog.matters.filter((m) => m.category === '资格考试')) {
      expect(matter.proofs.some((proof) => proof.name.includes('学历'))).toBe(true);
      for (const proof of matter.proofs) expect(proof.name).toMatch(/学历|学位|专业|工作/);
    }
  });

  it('cites no document number that legal-sources.md does not record as read, and says where a fact was not found', () => {
    const numbers = defaultText.match(/[\u4e00-\u9fa5]+〔\d{4}〕\d+号|人社部令第\d+号|国务院令第\d+号/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) {
      // The organ code's last two characters and the number: 部规〔2017〕6号, 部令第31号, 院令第765号.
      const cited = /..(?:〔\d{4}〕\d+号|令第\d+号)$/.exec(number)![0]!;
      expect(LEGAL_SOURCES, number).toContain(cited);
    }
    for (const matter of catalog.matters) {
      expect(matter.verificationDeadlineDays).toBeNull();
      const open = matter.provenance.filter((entry) => entry.confidence === 'open').flatMap((entry) => entry.fields);
      expect(open).toEqual(expect.arrayContaining(['verificationDeadlineDays', 'retention']));
      if (!matter.sample) expect(matter.provenance.some((entry) => entry.confidence === 'secondary' && entry.fields.includes('basis'))).toBe(true);
    }
  });

  it('gives every basis of every official matter as a citation, with a source or an open mark', () => {
    for (const matter of catalog.matters.filter((m) => !m.sample)) {
      for (const entry of matter.basis) {
        expect(typeof entry, `${matter.id}: ${JSON.stringify(entry)}`).toBe('object');
        const citation = entry as Citation;
        if (citation.confidence === 'open') expect(citation.number).toBeNull();
        else {
          expect(citation.source, `${matter.id}: ${citation.title}`).toMatch(/http|GitHub|第三方|官方/);
          expect(citation.title).toMatch(/^《.*》$/);
        }
      }
    }
  });

  it('cites, for each exam, the commitment-system documents by title and its own rule beside them', () => {
    for (const matter of catalog.matters.filter((m) => m.category === '资格考试')) {
      const citations = matter.basis as Citation[];
      expect(citations[0]).toMatchObject({ title: '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》', number: '国办发〔2020〕42号' });
      expect(citations[1]).toMatchObject({ title: '《部本级全面推行证明事项告知承诺制实施方案》', number: '人社厅发〔2020〕110号' });
      expect(citations[1]!.note).toContain('《人力资源社会保障部办公厅关于印发〈部本级全面推行证明事项告知承诺制实施方案〉的通知》');
      expect(citations.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('no longer cites the 2019 pilot plan or a letterhead as a basis', () => {
    for (const matter of catalog.matters) {
      const text = JSON.stringify(matter.basis);
      expect(text, matter.id).not.toContain('〔2019〕71号');
      expect(text, matter.id).not.toContain('文件（');
    }
  });

  it('gives the repayment and the fine for fraud in the social-insurance samples to the administrative departments, not the agency', () => {
    for (const matter of catalog.matters.filter((m) => m.category === '社会保险')) {
      expect(matter.liability.startsWith('【示例】')).toBe(true);
      expect(matter.liability).toContain('由人力资源社会保障行政部门、医疗保障行政部门按照各自职责责令退回，处骗取金额2倍以上5倍以下的罚款');
      expect(matter.liability).toContain('由社会保险经办机构责令退回（《社会保险经办条例》第四十六条）');
      expect(matter.liability).not.toMatch(/经办机构[^；。]*罚款/);
      expect(`${matter.verification}${matter.liability}`).not.toMatch(/经办机构[^；。]*(处|罚款)/);
      expect(matter.provenance.find((entry) => entry.fields.includes('liability'))).toMatchObject({ confidence: 'law' });
      expect(matter.provenance.some((entry) => entry.source.includes('LawRefBook/Laws'))).toBe(true);
    }
  });

  it('lists its one open citation and the citations whose 文号 was not read', () => {
    if (!check.ok) throw new Error('invalid');
    expect(followUps(check.unverified)).toEqual([
      expect.objectContaining({ matterId: 'exam-survey-design-engineer', kind: 'open', path: expect.stringMatching(/^matters\[\d+\]（exam-survey-design-engineer）\.basis\[2\]$/) }),
    ]);
    expect(check.numberUnread.map((entry) => entry.matterId).sort()).toEqual(
      ['exam-equipment-supervision-engineer', 'exam-intermediate-safety-engineer', 'exam-licensed-pharmacist', 'exam-translator'].sort(),
    );
  });
});

describe('legal citations in a catalog', () => {
  const basisAt = (catalog: RawCatalog, index: number) => catalog.matters[index]!.basis as unknown[];

  it('lists unverified citations with their path, including a plain-text citation without a source, and still passes', () => {
    const catalog = fresh();
    basisAt(catalog, 0).push('《某省证明事项告知承诺制实施办法》（某政发〔2021〕3号）');
    basisAt(catalog, 1).push({ title: '本考试的职业资格制度规定', number: null, source: null, confidence: 'open' });
    const check = checkCatalog(catalog);
    expect(check.ok).toBe(true);
    const id1 = catalog.matters[1]!.id as string;
    expect(followUps(check.unverified)).toEqual(
      expect.arrayContaining([
        { matterId: 'exam-surveying-engineer', path: `matters[0]（exam-surveying-engineer）.basis[${basisAt(catalog, 0).length - 1}]`, title: '《某省证明事项告知承诺制实施办法》（某政发〔2021〕3号）', kind: 'no-source' },
        { matterId: id1, path: `matters[1]（${id1}）.basis[${basisAt(catalog, 1).length - 1}]`, title: '本考试的职业资格制度规定', kind: 'open' },
      ]),
    );
  });

  it('reports a letterhead or a bare document number written as a basis', () => {
    const catalog = fresh();
    basisAt(catalog, 0).push('人力资源社会保障部办公厅文件（人社厅发〔2020〕110号）');
    basisAt(catalog, 1).push('国办发〔2020〕42号');
    basisAt(catalog, 2).push('【示例】设定依据以本地公布的事项目录为准。');
    const problems = problemsOf(checkCatalog(catalog));
    expect(problems).toEqual([
      { path: `matters[0]（exam-surveying-engineer）.basis[${basisAt(catalog, 0).length - 1}]`, message: '设定依据应写文件标题（《》）及文号，不是发文机关文头' },
      { path: `matters[1]（${catalog.matters[1]!.id as string}）.basis[${basisAt(catalog, 1).length - 1}]`, message: '设定依据应写文件标题（《》）及文号，不是发文机关文头' },
    ]);
  });

  it('says field by field what is wrong with a citation', () => {
    const catalog = fresh();
    const at = (index: number) => `matters[${index}]（${catalog.matters[index]!.id as string}）.basis[0]`;
    basisAt(catalog, 0)[0] = { title: '国办发42号文', number: '国办发〔2020〕42号', source: null, confidence: 'secondary' };
    basisAt(catalog, 1)[0] = { title: '某规定', number: '某发〔2020〕1号', source: null, confidence: 'open' };
    basisAt(catalog, 2)[0] = { title: '《某规定》', number: null, confidence: 'law' };
    basisAt(catalog, 3)[0] = 42;
    const problems = problemsOf(checkCatalog(catalog));
    const messages = (path: string) => problems.filter((problem) => problem.path === path).map((problem) => problem.message);
    expect(messages(`${at(0)}.title`)).toEqual([expect.stringContaining('以《开头、以》结尾')]);
    expect(messages(`${at(0)}.source`)).toEqual([expect.stringContaining('必须写明来源')]);
    expect(messages(`${at(1)}.number`)).toEqual([expect.stringContaining('不能填写文号')]);
    expect(messages(`${at(2)}.source`)).toEqual(['缺少字段 source（来源）']);
    expect(messages(at(3))).toEqual([expect.stringContaining('应为文字，或含 title、number、source、confidence 的依据对象')]);
    expect(problems).toHaveLength(5);
  });
});

describe('a broken catalog', () => {
  it('names each missing field with its label, at its path with the matter id', () => {
    const broken = fresh();
    const id = broken.matters[1]!.id as string;
    delete broken.matters[1]!.conditions;
    delete (broken.matters[0]!.proofs as RawMatter[])[0]!.content;
    delete broken.locality;
    const check = checkCatalog(broken);
    expect(problemAt(check, `matters[1]（${id}）.conditions`).message).toBe('缺少字段 conditions（办理条件）');
    expect(problemAt(check, 'matters[0]（exam-surveying-engineer）.proofs[0].content').message).toBe('缺少字段 content（证明内容及材料要求）');
    expect(problemAt(check, 'locality').message).toContain('缺少字段 locality');
    expect(problemsOf(check)).toHaveLength(3);
  });

  it('finds a matter id repeated with the same version', () => {
    const broken = fresh();
    broken.matters.push(structuredClone(broken.matters[0]!));
    const index = broken.matters.length - 1;
    const problem = problemAt(checkCatalog(broken), `matters[${index}]（exam-surveying-engineer）.id`);
    expect(problem.message).toContain('事项编号与版本重复');
    expect(problem.message).toContain('matters[0]');
  });

  it('finds two versions of a matter whose periods overlap, and accepts successive ones', () => {
    const broken = fresh();
    const economist = broken.matters.findIndex((matter) => matter.id === 'exam-economist');
    const version = broken.matters[economist]!.version as number;
    broken.matters.push({ ...structuredClone(broken.matters[economist]!), version: version + 1, effectiveFrom: '2026-01-01' });
    const index = broken.matters.length - 1;
    const problem = problemAt(checkCatalog(broken), `matters[${index}]（exam-economist）.effectiveFrom`);
    expect(problem.message).toContain('有效期重叠');
    expect(problem.message).toContain(`matters[${economist}] 第 ${version} 版`);

    broken.matters[economist]!.effectiveUntil = '2025-12-31';
    expect(checkCatalog(broken).ok).toBe(true);
  });

  it('still reports repeated ids when other fields are broken too', () => {
    const broken = fresh();
    broken.matters.push(structuredClone(broken.matters[0]!));
    broken.matters[2]!.name = 7;
    const problems = problemsOf(checkCatalog(broken));
    expect(problems.map((problem) => problem.path)).toEqual([
      `matters[2]（${broken.matters[2]!.id as string}）.name`,
      `matters[${broken.matters.length - 1}]（exam-surveying-engineer）.id`,
    ]);
    expect(problems[0]!.message).toBe('name（事项名称）应为文字（字符串），实际是整数 7');
  });

  it('says which type a field should have, and which values are allowed', () => {
    const broken = fresh();
    broken.matters[0]!.verificationDeadlineDays = '10';
    broken.matters[1]!.category = '不存在的类别';
    broken.matters[2]!.version = '1';
    broken.matters[3]!.sample = 'yes';
    broken.matters[4]!.retention = { years: 20 };
    broken.matters[5]!.effectiveFrom = '2020/11/01';
    const check = checkCatalog(broken);
    const at = (index: number, field: string) => problemAt(check, `matters[${index}]（${broken.matters[index]!.id as string}）.${field}`).message;
    expect(at(0, 'verificationDeadlineDays')).toBe('verificationDeadlineDays（核查时限工作日数）应为数字或 null，实际是文字 "10"');
    expect(at(1, 'category')).toContain('category（事项类别）的值 "不存在的类别" 不在允许范围内');
    expect(at(1, 'category')).toContain('社会保险、资格考试');
    expect(at(2, 'version')).toContain('version（事项版本号）应为数字');
    expect(at(3, 'sample')).toContain('应为 true 或 false');
    expect(at(4, 'retention')).toContain('"permanent"');
    expect(at(5, 'effectiveFrom')).toContain('YYYY-MM-DD');
    expect(problemsOf(check)).toHaveLength(6);
  });

  it('names unknown fields and suggests the likely spelling', () => {
    const broken = fresh();
    broken.matters[0]!.conditon = broken.matters[0]!.conditions;
    delete broken.matters[0]!.conditions;
    broken.note = 'x';
    const check = checkCatalog(broken);
    expect(problemAt(check, 'matters[0]（exam-surveying-engineer）').message).toBe('出现未知字段：conditon（是否应为 conditions？）');
    expect(problemAt(check, '（目录）').message).toBe('出现未知字段：note');
  });

  it('keeps samples marked and official matters unmarked', () => {
    const broken = fresh();
    const sample = broken.matters.findIndex((matter) => matter.sample === true);
    broken.matters[sample]!.name = '领取丧葬补助金';
    broken.matters[0]!.name = '【示例】注册测绘师';
    const check = checkCatalog(broken);
    expect(problemAt(check, `matters[${sample}]（${broken.matters[sample]!.id as string}）.name`).message).toContain('必须以“【示例】”开头');
    expect(problemAt(check, 'matters[0]（exam-surveying-engineer）.name').message).toContain('不能含有');
  });

  it('uses the index alone when an entry has no usable id', () => {
    const broken = fresh();
    broken.matters[0]!.id = 42;
    expect(problemAt(checkCatalog(broken), 'matters[0].id').message).toContain('应为文字');
  });

  it('refuses what is not a catalog at all', () => {
    expect(problemsOf(checkCatalog(undefined))).toEqual([{ path: '（目录）', message: '没有目录内容（应为 JSON 对象）' }]);
    expect(problemsOf(checkCatalog([]))[0]!.message).toContain('目录应为 JSON 对象');
    expect(problemsOf(checkCatalogText('  \n'))[0]).toEqual({ path: '（文件）', message: '文件是空的，应为 JSON 格式的事项目录' });
  });
});

describe('JSON syntax errors', () => {
  const syntax = (text: string) => {
    const problems = problemsOf(checkCatalogText(text));
    expect(problems).toHaveLength(1);
    return problems[0]!;
  };

  it('give the line and column of a truncated file', () => {
    const problem = syntax('{ "catalogId": ');
    expect(problem.path).toBe('第 1 行第 16 列');
    expect(problem.message).toContain('JSON 格式错误（第 1 行第 16 列）');
    expect(problem.message).toContain('意外结束');
  });

  it('point at a missing comma on a later line', () => {
    const text = defaultText.replace('"version": 2,\n  "locality"', '"version": 2\n  "locality"');
    expect(text).not.toBe(defaultText);
    const problem = syntax(text);
    expect(problem.path).toBe('第 4 行第 3 列');
    expect(problem.message).toContain('可能缺少逗号');
  });

  it('name trailing commas, Chinese punctuation and single quotes', () => {
    expect(syntax('{"a": 1,\r\n}')).toMatchObject({ path: '第 2 行第 1 列', message: expect.stringContaining('多余的逗号') });
    expect(syntax('{"a"：1}')).toMatchObject({ path: '第 1 行第 5 列', message: expect.stringContaining('中文标点“：”') });
    expect(syntax("{'a': 1}").message).toContain('单引号');
    expect(syntax('{"a": "x\ny"}').message).toContain('不能直接换行');
  });

  it('accept a byte-order mark, as Windows editors save', () => {
    expect(checkCatalogText(`\uFEFF${defaultText}`).ok).toBe(true);
  });
});

describe('npm run catalog:check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'catalog-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const child = spawnSync('npx', ['tsx', 'scripts/catalog-check.ts', ...args], { encoding: 'utf8', timeout: 30_000 });
    return { code: child.status, lines: child.stdout.split('\n'), stderr: child.stderr };
  };

  it('prints the catalog and its matters per category, exit 0 when valid', () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, defaultText);
    const { code, lines } = run(good);
    expect(code).toBe(0);
    expect(lines).toContain('目录编号：default　版本：第 2 版　发布机构：内置默认目录（各地以本地公布的目录为准）　发布日期：2026-12-01');
    expect(lines).toContain('  资格考试：12 项');
    expect(lines).toContain('未核实的法律依据（1 条；告知书写明具体名称和文号以本地公布的设定依据为准）：');
    expect(lines.some((line) => /^ {2}matters\[\d+\]（exam-survey-design-engineer）\.basis\[2\]〔标为未核实〕：勘察设计注册工程师/.test(line))).toBe(true);
    expect(lines).toContain('文号未读到的法律依据（4 条；告知书写明文号以本地公布的设定依据为准）：');
    expect(lines).toContain('检查通过，没有发现问题。');
  });

  it('prints every problem with its path, exit 1; exit 2 when the file cannot be read', () => {
    const broken = fresh();
    const id = broken.matters[1]!.id as string;
    delete broken.matters[1]!.conditions;
    broken.matters[2]!.category = '不存在的类别';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(broken, null, 2));
    const { code, lines } = run(bad);
    expect(code).toBe(1);
    expect(lines).toContain('发现 2 个问题：');
    expect(lines).toContain(`  matters[1]（${id}）.conditions：缺少字段 conditions（办理条件）`);
    expect(lines.some((line) => line.startsWith(`  matters[2]（${broken.matters[2]!.id as string}）.category：`))).toBe(true);
    expect(lines).toContain('检查未通过。');

    const missing = run(join(dir, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('文件不存在');
  });
});
