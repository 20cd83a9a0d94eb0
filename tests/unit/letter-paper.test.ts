/**
 * Every letter kind of every matter, read off the paper (the PDF's text layer) the way a counter officer
 * reads it: document numbers whole on one line, the sign-off an officer signs and seals, the copies, the
 * salutation of a notice, and the 样张 marks on whatever `npm run letter` writes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberPattern } from '../../shared/domain/sealed-record';
import { documentNumbersIn } from '../../shared/letter/document-number';
import type { LetterDocument } from '../../shared/letter/letter-document';
import { createLetterPdfRenderer, type LetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { SPECIMEN_MARK } from '../../renderer/pdf/letter-style';
import { documentTexts } from '../../renderer/pdf/letter-text';
import { qrPayloadFor } from '../../renderer/pdf/qr';
import {
  LATIN_FONT_PATH,
  LETTER_FONT_PATH,
  SAMPLE_CASE_NUMBER,
  SAMPLE_ISSUED_AT,
  letterKindTemplates,
  loadCatalog,
  main as letterCommand,
  sampleLetter,
  sampleSignature,
  type LetterKindOption,
} from '../../scripts/letter';
import { pdfLayoutPages, pdfWords, squeeze } from '../harness/pdf-text';

const catalog = loadCatalog();
const kinds = Object.keys(letterKindTemplates) as LetterKindOption[];
const RECORD_HASH = 'b'.repeat(64);
let renderer: LetterPdfRenderer;
let workDir: string;
let files = 0;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'letter-paper-'));
  renderer = createLetterPdfRenderer(new Uint8Array(readFileSync(LETTER_FONT_PATH)), new Uint8Array(readFileSync(LATIN_FONT_PATH)));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A real case's letter (not a specimen), rendered to a file. */
const paperOf = (document: LetterDocument): string => {
  const pdf = renderer.render({
    document,
    signature: document.signatureLabel === null ? null : sampleSignature(),
    qrPayload: document.caseNumber ? qrPayloadFor(document.caseNumber, RECORD_HASH) : null,
    issuedAt: SAMPLE_ISSUED_AT,
    fileId: RECORD_HASH,
  });
  const file = join(workDir, `letter-${(files += 1)}.pdf`);
  writeFileSync(file, pdf);
  return file;
};

const realLetter = (matter: (typeof catalog.matters)[number], kind: LetterKindOption) => sampleLetter(matter, kind, SAMPLE_CASE_NUMBER, undefined, false);

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

const cases = catalog.matters.flatMap((matter) => kinds.map((kind) => [`${matter.id} ${kind}`, matter, kind] as const));

describe('document numbers on paper', () => {
  it.each(cases)('%s: every 文号 stands whole on one line', async (_name, matter, kind) => {
    const document = realLetter(matter, kind);
    const numbers = [...new Set(documentTexts(document).flatMap(documentNumbersIn))];
    const lines = (await pdfLayoutPages(paperOf(document))).flatMap((page) => page.split('\n').map(squeeze));
    const whole = squeeze(lines.join(''));
    for (const number of numbers) {
      // Each occurrence on the page is inside one line: none is split across two.
      const onOneLine = lines.reduce((sum, line) => sum + occurrences(line, number), 0);
      expect(onOneLine, `${number} broken across lines`).toBe(occurrences(whole, number));
      expect(onOneLine).toBeGreaterThan(0);
    }
  });

  it('the letters do cite document numbers (the check above is not empty)', () => {
    const cited = catalog.matters.filter((matter) => !matter.sample).flatMap((matter) => documentTexts(realLetter(matter, 'commitment')).flatMap(documentNumbersIn));
    expect(cited).toContain('国办发〔2020〕42号');
    expect(documentTexts(realLetter(catalog.matters[0]!, 'not-applicable')).flatMap(documentNumbersIn)).toContain('国办发〔2020〕42号');
  });
});

describe('the sign-off an officer signs and seals', () => {
  const signed: Record<LetterKindOption, string[]> = {
    commitment: ['承诺人（签名）：', '日期：2026年1月15日', '经办人（签名）：', '办理机构（盖章）', '本告知承诺书一式两份，申请人和办理机构各执一份。'],
    'proof-list': ['申请人（签名）：', '日期：2026年1月15日', '经办人（签名）：', '办理机构（盖章）', '本清单一式两份，申请人和办理机构各执一份。'],
    'not-applicable': ['办理机构（盖章）'],
    withdrawal: ['申请人（签名）：', '日期：2026年1月15日', '经办人（签名）：', '办理机构（盖章）', '本撤回记录一式两份，申请人和办理机构各执一份。'],
  };
  it.each(kinds)('%s: on paper with the agency, its date and the clerk', async (kind) => {
    const matter = catalog.matters[0]!;
    const document = realLetter(matter, kind);
    const text = squeeze((await pdfLayoutPages(paperOf(document))).join(''));
    for (const part of signed[kind]) expect(text).toContain(part);
    expect(text).toContain('示例市人力资源和社会保障局2026年1月15日');
    if (kind !== 'not-applicable') expect(text).toContain('周敏（K0001）');
  });

  it('says the copies the matter prints: printCopies 3 → 一式三份', async () => {
    const document = realLetter({ ...catalog.matters[0]!, printCopies: 3 }, 'commitment');
    const text = squeeze((await pdfLayoutPages(paperOf(document))).join(''));
    expect(text).toContain('本告知承诺书一式三份，申请人执一份，办理机构留存两份。');
  });

  it('the notice: its salutation flush with the margin, the body indented two characters', async () => {
    const words = await pdfWords(paperOf(realLetter(catalog.matters[0]!, 'not-applicable')));
    const salutation = words.find((word) => word.text.startsWith('林晓明（'))!;
    const body = words.find((word) => word.text.startsWith('您申请办理'))!;
    const margin = (20 * 72) / 25.4;
    expect(salutation.xMin).toBeCloseTo(margin, 0);
    expect(body.xMin).toBeCloseTo(margin + 22, 0); // 2 × 11 pt
  });
});

describe('npm run letter writes specimens only', () => {
  it.each(kinds)('%s of a real (non-sample) matter: 样张 on every page, no real-looking case number', async (kind) => {
    const matter = catalog.matters.find((candidate) => !candidate.sample)!;
    const out = join(workDir, `cli-${kind}.pdf`);
    const log = console.log;
    console.log = () => {};
    try {
      expect(await letterCommand(['--matter', matter.id, '--kind', kind, '--out', out])).toBe(0);
    } finally {
      console.log = log;
    }
    const pages = await pdfLayoutPages(out);
    for (const page of pages) expect(squeeze(page)).toContain(SPECIMEN_MARK);
    const text = squeeze(pages.join(''));
    expect(text).toContain('样张-非正式编号');
    expect(text).not.toMatch(new RegExp(caseNumberPattern.source.slice(1, -1)));
    expect(text).toContain('样张·不可核验');
  });
});
