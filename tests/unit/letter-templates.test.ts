import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import released from '../../shared/letter/templates/released.json' with { type: 'json' };
import { composeLetter, SPECIMEN_CASE_NUMBER, type LetterFacts } from '../../shared/letter/compose-letter';
import { letterForRecord } from '../../shared/letter/record-letter';
import {
  builtInTemplates,
  createTemplateRegistry,
  letterTemplateHash,
  templateBodyHash,
  templates,
} from '../../shared/letter/template-registry';

import type { LetterDocument } from '../../shared/letter/letter-document';
import { builtInLetterMarks, letterMarks, letterMarksHash, letterMarksSchema, pageMark, reprintMark } from '../../shared/letter/letter-marks';
import { sealCase } from '../../shared/domain/seal';
import { GENESIS_HASH, caseNumberPattern } from '../../shared/domain/sealed-record';
import { createLetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { applicant, at, catalog, clerk, counter, examMatter, letterFacts, reviewedDraft, run, signature } from './fixtures/case-fixtures';
import { newCaseDraft } from '../../shared/domain/case-flow';
import { basisText } from '../../shared/catalog/citation';

const facts = letterFacts;

const guardianFacts = (): LetterFacts => ({
  ...facts(),
  applicant: {
    ...facts().applicant,
    signer: { capacity: 'guardian', guardian: { name: '张大山', idType: 'resident_id', idNumber: '110105197001010018', relation: '父亲' } },
  },
});

/** All the text of a document, in reading order. */
const allText = (document: LetterDocument): string =>
  [
    document.title,
    ...document.pages.flatMap((page) => [page.title, ...page.sections.flatMap((s) => [s.heading, ...s.paragraphs])]),
    ...(document.commitment ? [document.commitment.heading, ...document.commitment.paragraphs] : []),
    ...document.execution.map((field) => `${field.label}${field.value}`),
  ].join('\n');

const section = (document: LetterDocument, heading: string) =>
  document.pages.flatMap((page) => page.sections).find((candidate) => candidate.heading === heading);

describe('released template versions', () => {
  it('are pinned by hash: a released version is never edited, a change is a new version', async () => {
    const hashes: Record<string, string> = {};
    for (const template of builtInTemplates) hashes[`${template.id}@${template.version}`] = await templateBodyHash(template);
    // The fixed marks (示例, 样张, 补打, page label …) are pinned the same way.
    for (const marks of builtInLetterMarks) hashes[`${marks.id}@${marks.version}`] = await letterMarksHash(marks);
    expect(hashes).toEqual(released);
    expect(Object.keys(released)).toContain('letter-marks@1');
  });

  it('pin the fixed marks\' words: an edited mark of a released version no longer matches its hash', async () => {
    const edited = { ...letterMarks, specimen: { ...letterMarks.specimen, qrCaption: '样张 · 可核验' } };
    expect(await letterMarksHash(edited)).not.toBe(released['letter-marks@1']);
    expect(await letterMarksHash(letterMarks)).toBe(released['letter-marks@1']);
  });

  it('the marks file is checked: each label holds exactly its fields', () => {
    const file = JSON.parse(readFileSync('shared/letter/templates/letter-marks.v1.json', 'utf8'));
    expect(letterMarksSchema.parse(file)).toEqual(letterMarks);
    expect(() => letterMarksSchema.parse({ ...file, reprint: '补打' })).toThrow(/\{at\}/);
    expect(() => letterMarksSchema.parse({ ...file, pageLabel: '第 {page} 页 / 共 {total} 页' })).toThrow(/\{pages\}/);
    expect(() => letterMarksSchema.parse({ ...file, unarchived: '' })).toThrow();
    expect(() => letterMarksSchema.parse({ ...file, extra: 'x' })).toThrow();
    expect(reprintMark(letterMarks, '2026-03-02 14:45')).toBe('补打 2026-03-02 14:45');
    expect(pageMark(letterMarks, 2, 3)).toBe('第 2 页 / 共 3 页');
  });

  it('new letters use the highest version of each kind', () => {
    const v2 = { ...templates.active('commitment-letter'), version: 2, title: '证明事项告知承诺书（第二版）' };
    const registry = createTemplateRegistry([...builtInTemplates, v2]);
    expect(registry.active('commitment-letter').version).toBe(2);
    expect(registry.version('commitment-letter', 1).title).toBe('证明事项告知承诺书');
    expect(() => registry.version('commitment-letter', 3)).toThrow(/unknown letter template/);
  });
});

describe('the commitment letter, field by field', () => {
  const letter = composeLetter(templates.active('commitment-letter'), facts());

  it('carries every part of the notification from the matter, in its own section', () => {
    expect(letter.kind).toBe('commitment');
    expect(section(letter, '事项名称')?.paragraphs).toEqual([examMatter.name]);
    expect(section(letter, '证明事项名称')?.paragraphs).toEqual([examMatter.proofs.map((p) => p.name).join('；')]);
    expect(section(letter, '设定依据')?.paragraphs).toEqual(examMatter.basis.map(basisText));
    expect(section(letter, '证明内容及材料要求')?.paragraphs).toEqual(examMatter.proofs.map((p) => `${p.name}：${p.content}`));
    expect(section(letter, '办理条件')?.paragraphs).toEqual([examMatter.conditions]);
    expect(section(letter, '承诺方式')?.paragraphs).toEqual([examMatter.commitmentMethod]);
    expect(section(letter, '不实承诺的法律责任')?.paragraphs).toEqual([examMatter.liability]);
    expect(section(letter, '行政机关核查权力与申请人配合义务')?.paragraphs).toEqual([examMatter.verification]);
    expect(section(letter, '核查方式与时限')?.paragraphs[0]).toContain(examMatter.verificationMethod);
    expect(section(letter, '承诺书是否公开、公开范围及时限')?.paragraphs).toEqual([examMatter.disclosure]);
  });

  it('states the six commitments with the applicant as signer', () => {
    expect(letter.commitment?.paragraphs[0]).toBe(
      `本人张晓明（居民身份证：11010519491231002X）就申请办理“${examMatter.name}”事项，现郑重承诺：`,
    );
    expect(letter.commitment?.paragraphs.slice(1)).toEqual([
      '一、已知晓本告知承诺书告知的全部事项；',
      '二、已符合告知的办理条件；',
      '三、所填写、提供的信息真实、准确、完整、有效；',
      '四、愿意接受行政机关的核查，并如实提供有关材料和信息；',
      '五、愿意承担不实承诺的法律责任；',
      '六、以上承诺是本人真实意思表示。',
      '本告知承诺书一式两份，申请人和办理机构各执一份。',
    ]);
    expect(letter.signatureLabel).toBe('承诺人（签名）');
  });

  it('is signed off as an officer signs one: signing date, the clerk\'s line, 办理机构（盖章） with its date', () => {
    expect(letter.signOff).toEqual({
      signatureDate: { label: '日期', date: '2026年11月28日' },
      clerk: { label: '经办人（签名）', name: '王窗口（A001）' },
      agency: { label: '办理机构（盖章）', name: counter.agencyName, date: '2026年11月28日' },
    });
  });

  it('says how many copies are made and who keeps them, from the matter\'s printCopies', () => {
    const copiesLine = (printCopies: number | undefined) =>
      composeLetter(templates.active('commitment-letter'), { ...facts(), matter: { ...examMatter, printCopies } }).commitment!.paragraphs.at(-1);
    expect(copiesLine(undefined)).toBe('本告知承诺书一式两份，申请人和办理机构各执一份。');
    expect(copiesLine(1)).toBe('本告知承诺书一式一份，交申请人留存，办理机构留存电子文本。');
    expect(copiesLine(3)).toBe('本告知承诺书一式三份，申请人执一份，办理机构留存两份。');
    expect(copiesLine(5)).toBe('本告知承诺书一式五份，申请人执一份，办理机构留存四份。');
  });

  it('has the execution block: applicant, document, agency, counter, clerk, date, case number', () => {
    expect(letter.execution).toEqual([
      { label: '申请人', value: '张晓明' },
      { label: '证件类型', value: '居民身份证' },
      { label: '证件号码', value: '11010519491231002X' },
      { label: '办理机构', value: counter.agencyName },
      { label: '窗口', value: 'C01' },
      { label: '经办人', value: '王窗口（A001）' },
      { label: '日期', value: '2026年11月28日' },
      { label: '案件编号', value: 'C01-20261128-0001' },
    ]);
  });

  it('names the guardian as signer, and in what capacity, when a guardian commits', () => {
    const withGuardian = composeLetter(templates.active('commitment-letter'), guardianFacts());
    expect(withGuardian.commitment?.paragraphs[0]).toBe(
      `本人张大山（居民身份证：110105197001010018）作为张晓明（居民身份证：11010519491231002X）的法定监护人（父亲），就申请办理“${examMatter.name}”事项，现郑重承诺：`,
    );
    expect(withGuardian.execution).toContainEqual({ label: '法定监护人', value: '张大山（父亲）' });
  });
});

describe('the other letter kinds, field by field', () => {
  const allParagraphs = (document: LetterDocument): string[] => document.pages.flatMap((page) => page.sections.flatMap((s) => s.paragraphs));

  it('the proof list records the choice in the signer\'s words, every proof, where and by when, and is signed', () => {
    const list = composeLetter(templates.active('proof-list'), facts());
    expect(list.kind).toBe('proof-list');
    expect(list.commitment).toBeNull();
    const sections = list.pages[0]!.sections;
    expect(sections[0]!.paragraphs[0]).toBe(
      `本人张晓明（居民身份证：11010519491231002X）申请办理“${examMatter.name}”事项，已知晓证明事项告知承诺制的告知内容，自愿选择不作承诺，按原方式提交以下证明材料：`,
    );
    expect(sections.slice(1, 1 + examMatter.proofs.length)).toEqual(examMatter.proofs.map((p, i) => ({ heading: `${i + 1}. ${p.name}`, paragraphs: [p.content] })));
    // The catalog sets no place or time limit: the letter says the locality's rule applies.
    expect(section(list, '提交地点和期限')?.paragraphs.slice(0, 2)).toEqual([
      '提交地点：本地事项目录未作规定，以办理机构公布的规定为准。',
      '提交期限：本地事项目录未作规定，以办理机构公布的规定为准。',
    ]);
    expect(allParagraphs(list)).toContain('本清单一式两份，申请人和办理机构各执一份。');
    expect(list.signatureLabel).toBe('申请人（签名）');
    expect(list.signOff).toMatchObject({ signatureDate: { label: '日期', date: '2026年11月28日' }, clerk: { label: '经办人（签名）' }, agency: { label: '办理机构（盖章）' } });
  });

  it('the proof list takes the place and time limit the locality published, and a guardian signs as guardian', () => {
    const matter = { ...examMatter, proofSubmission: { place: '市人事考试中心现场审核点', deadline: '网上报名结束后5个工作日内' } };
    const list = composeLetter(templates.active('proof-list'), { ...guardianFacts(), matter });
    expect(section(list, '提交地点和期限')?.paragraphs.slice(0, 2)).toEqual(['提交地点：市人事考试中心现场审核点。', '提交期限：网上报名结束后5个工作日内。']);
    expect(list.pages[0]!.sections[0]!.paragraphs[0]).toContain('本人张大山（居民身份证：110105197001010018）作为张晓明');
    expect(list.signatureLabel).toBe('法定监护人（签名）');
  });

  it('the not-applicable notice speaks to the applicant as 您 throughout, salutation flush, ending with agency, seal place and date', () => {
    const notice = composeLetter(templates.active('not-applicable-notice'), facts({ reason: '在考试诚信档案库中有严重违纪违规记录，尚在记录期内' }));
    expect(notice.kind).toBe('not-applicable');
    const [salutation, body] = notice.pages[0]!.sections;
    expect(salutation).toEqual({ heading: '', paragraphs: ['张晓明（居民身份证：11010519491231002X）：'], salutation: true });
    expect(body!.paragraphs[0]).toContain(`您申请办理“${examMatter.name}”事项。经查询，您在考试诚信档案库中有严重违纪违规记录，尚在记录期内。`);
    for (const proof of examMatter.proofs) expect(allText(notice)).toContain(proof.name);
    // Its own words never switch to 申请人 (the matter's proof requirements are the catalog's wording).
    const templateWords = templates.active('not-applicable-notice').pages.flatMap((page) => page.sections.flatMap((s) => ('paragraphs' in s ? s.paragraphs : [])));
    for (const text of templateWords) expect(text).not.toContain('申请人');
    expect(notice.signatureLabel).toBeNull();
    expect(notice.signOff).toEqual({ signatureDate: null, clerk: null, agency: { label: '办理机构（盖章）', name: counter.agencyName, date: '2026年11月28日' } });
    // A notice addressed to the applicant ends with who handled it, not a form of the applicant's data.
    expect(notice.execution.map((field) => field.label)).toEqual(['窗口', '经办人', '案件编号']);
  });

  it('the withdrawal record: the exam year closed to commitment for an exam, the matter\'s own wording for other categories', () => {
    const extra = { withdrawnOn: '2026年11月28日', examYear: '2026', proofDeadline: '2026年12月15日' };
    const exam = composeLetter(templates.active('withdrawal-record'), facts(extra));
    expect(exam.kind).toBe('withdrawal');
    const [first, second] = exam.pages[0]!.sections;
    expect(first!.paragraphs[0]).toBe(`本人张晓明（居民身份证：11010519491231002X）于2026年11月28日撤回就“${examMatter.name}”作出的告知承诺。`);
    expect(second!.paragraphs[0]).toBe('本人知晓：撤回后，2026年度该考试不再适用告知承诺方式；本人应当在2026年12月15日前按原方式提交以下证明材料。');
    expect(exam.signatureLabel).toBe('申请人（签名）');

    const socialInsurance = catalog.matters.find((matter) => matter.category === '社会保险')!;
    const other = composeLetter(templates.active('withdrawal-record'), { ...facts(extra), matter: socialInsurance });
    const wording = other.pages[0]!.sections[1]!.paragraphs[0]!;
    expect(wording).toBe('本人知晓：撤回后，本事项按原方式办理；本人应当在2026年12月15日前提交以下证明材料。');
    expect(allText(other)).not.toContain('年度该考试');
  });

  it('refuses to fill a letter when a field it names has no value', () => {
    expect(() => composeLetter(templates.active('not-applicable-notice'), facts())).toThrow(/reason/);
    expect(() => composeLetter(templates.active('withdrawal-record'), facts({ examYear: '2026' }))).toThrow(/withdrawnOn|proofDeadline/);
  });

  it('a letter from fixture data is a specimen: a case number no real case has, whatever number it was given', () => {
    const specimen = composeLetter(templates.active('commitment-letter'), { ...facts(), specimen: true });
    expect(specimen.specimen).toBe(true);
    expect(specimen.caseNumber).toBe(SPECIMEN_CASE_NUMBER);
    expect(specimen.execution).toContainEqual({ label: '案件编号', value: SPECIMEN_CASE_NUMBER });
    expect(caseNumberPattern.test(SPECIMEN_CASE_NUMBER)).toBe(false);
    expect(composeLetter(templates.active('commitment-letter'), facts()).specimen).toBe(false);
  });

  it('version-1 letters keep their words and their sign-off (signature alone) for reprinting old records', () => {
    const v1 = composeLetter(templates.version('proof-list', 1), facts());
    expect(v1.signatureLabel).toBeNull();
    expect(v1.signOff).toBeNull();
    expect(v1.pages[0]!.sections[0]!.paragraphs[0]).toBe(
      `申请人张晓明（居民身份证：11010519491231002X）选择不作承诺，按原方式提交证明材料。办理“${examMatter.name}”事项，请提交以下证明：`,
    );
    const commitmentV1 = composeLetter(templates.version('commitment-letter', 1), facts());
    expect(commitmentV1.commitment!.paragraphs).toHaveLength(7);
    expect(commitmentV1.signOff).toBeNull();
  });
});

describe('reprinting an old record', () => {
  const font = (name: string) => new Uint8Array(readFileSync(`renderer/public/fonts/${name}`));
  const renderer = createLetterPdfRenderer(font('DroidSansFallbackFull.ttf'), font('DejaVuSans.ttf'));

  const render = (document: LetterDocument, record: Awaited<ReturnType<typeof sealCase>>) =>
    renderer.render({ document, signature: record.signature, qrPayload: `CCL1|${record.caseNumber}|${record.hash}`, issuedAt: at(60), fileId: record.hash });

  it('a proof-route record pins both its letter (the proof list) and the notification the applicant read', async () => {
    const draft = run(newCaseDraft('draft-p', counter, clerk, at(0)), [
      [{ type: 'chooseMatter', matter: examMatter }, at(1)],
      [{ type: 'enterApplicant', applicant }, at(2)],
      [{ type: 'turnPage', to: 1 }, at(12)],
      [{ type: 'turnPage', to: 2 }, at(20)],
      [{ type: 'turnPage', to: 3 }, at(25)],
      [{ type: 'choose', choice: 'proof' }, at(40)],
      [{ type: 'submitSignature', signature: signature() }, at(45)],
    ]);
    const record = await sealCase(draft, { caseNumber: 'C01-20261128-0003', sequence: 1, prevHash: GENESIS_HASH, sealedAt: at(60) });
    const notification = templates.active('commitment-letter');
    expect(record.letter).toMatchObject({ templateId: 'proof-list', templateVersion: templates.active('proof-list').version });
    expect(record.notificationTemplate).toEqual({
      templateId: 'commitment-letter',
      templateVersion: notification.version,
      templateHash: await letterTemplateHash(notification, examMatter),
    });
    expect(record.notification.map((page) => page.title)).toEqual(notification.pages.map((page) => page.title));
  });

  it('a record sealed under version 1 reprints byte for byte now that version 2 is in force', async () => {
    const v1Only = createTemplateRegistry(builtInTemplates.filter((template) => template.version === 1));
    const record = await sealCase(reviewedDraft(), { caseNumber: 'C01-20261128-0001', sequence: 1, prevHash: GENESIS_HASH, sealedAt: at(60), templates: v1Only });
    expect(record.letter.templateVersion).toBe(1);
    const original = render(letterForRecord(record, v1Only), record);

    const reprint = render(letterForRecord(record, templates), record);
    expect(Buffer.from(reprint).equals(Buffer.from(original))).toBe(true);

    const next = await sealCase(reviewedDraft(), { caseNumber: 'C01-20261128-0002', sequence: 2, prevHash: record.hash, sealedAt: at(60), templates });
    expect(next.letter.templateVersion).toBe(2);
    expect(next.letter.templateHash).not.toBe(record.letter.templateHash);
    expect(letterForRecord(next, templates).commitment?.paragraphs.at(-1)).toBe('本告知承诺书一式两份，申请人和办理机构各执一份。');
    expect(letterForRecord(record, templates).signOff).toBeNull();
  });
});
