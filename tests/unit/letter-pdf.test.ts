import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { jsPDF } from 'jspdf';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../shared/letter/template-registry';
import type { LetterDocument } from '../../shared/letter/letter-document';
import { createTrueTypeSubsetter, createLetterPdfRenderer, type LetterPdfInput, type LetterPdfRenderer } from '../../renderer/pdf/letter-pdf';
import { UnsupportedCharacterError, findNonBmpCharacters } from '../../renderer/pdf/non-bmp';
import { parseQrPayload, qrPayloadFor } from '../../renderer/pdf/qr';
import {
  LATIN_FONT_PATH,
  LETTER_FONT_PATH,
  SAMPLE_APPLICANT,
  SAMPLE_CASE_NUMBER,
  SAMPLE_ISSUED_AT,
  letterKindTemplates,
  loadCatalog,
  type LetterKindOption,
  sampleLetter as fixtureLetter,
  sampleSignature,
} from '../../scripts/letter';

/**
 * The letter a real case would get from the fixture facts (its case number, its QR payload): these
 * tests are about real letters, so they opt out of the 样张 marks that every fixture letter carries
 * by default (the specimen tests below check those).
 */
const sampleLetter = (...args: Parameters<typeof fixtureLetter>) => {
  const [matter, kind, caseNumber = SAMPLE_CASE_NUMBER, name = SAMPLE_APPLICANT.name] = args;
  return fixtureLetter(matter, kind, caseNumber, name, false);
};

const catalog = loadCatalog();
const realMatters = catalog.matters.filter((matter) => !matter.sample);
const sampleMatter = catalog.matters.find((matter) => matter.sample)!;
const firstMatter = catalog.matters[0]!;
const RECORD_HASH = 'a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778';

let workDir: string;
let renderer: LetterPdfRenderer;
let helveticaRenderer: LetterPdfRenderer;
let cjkFont: Uint8Array;
let latinFont: Uint8Array;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'letter-pdf-'));
  cjkFont = new Uint8Array(readFileSync(LETTER_FONT_PATH));
  latinFont = new Uint8Array(readFileSync(LATIN_FONT_PATH));
  renderer = createLetterPdfRenderer(cjkFont, latinFont);
  helveticaRenderer = createLetterPdfRenderer(cjkFont);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const inputFor = (document: LetterDocument, overrides: Partial<LetterPdfInput> = {}): LetterPdfInput => ({
  document,
  signature: document.signatureLabel ? sampleSignature() : null,
  qrPayload: document.caseNumber ? qrPayloadFor(document.caseNumber, RECORD_HASH) : null,
  issuedAt: SAMPLE_ISSUED_AT,
  fileId: RECORD_HASH,
  ...overrides,
});

// --- reading the PDF back -------------------------------------------------------------------

let fileCount = 0;
const tool = (command: string, args: string[], pdf: Uint8Array): string => {
  const file = join(workDir, `letter-${(fileCount += 1)}.pdf`);
  writeFileSync(file, pdf);
  const result = spawnSync(command, [...args, file, ...(command === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
};

/** pdftotext -layout, one string per page. */
const pdfPages = (pdf: Uint8Array): string[] => tool('pdftotext', ['-layout'], pdf).split('\f').slice(0, -1);

const compact = (text: string): string => text.replace(/\s+/g, '');

/** The running text: pages joined without their footer line and the sample header of later pages. */
const bodyText = (pages: readonly string[]): string =>
  compact(
    pages
      .map((page) =>
        page
          .split('\n')
          .filter((line) => !/第\s*\d+\s*页\s*\/\s*共\s*\d+\s*页/.test(line) && compact(line) !== '示例（非正式文书）')
          .join('\n'),
      )
      .join('\n'),
  );

const latin1 = (pdf: Uint8Array): string => Buffer.from(pdf).toString('latin1');

/** The decompressed content stream of every page, in page order. */
const pageStreams = (pdf: Uint8Array): string[] => {
  const text = latin1(pdf);
  const kids = /\/Type \/Pages\n\/Kids \[([^\]]*)\]/.exec(text)?.[1] ?? '';
  return [...kids.matchAll(/(\d+) 0 R/g)].map(([, pageObject]) => {
    const page = new RegExp(`\\n${pageObject} 0 obj\\n<</Type /Page\\n[\\s\\S]*?/Contents (\\d+) 0 R`).exec(text);
    const contents = new RegExp(`\\n${page?.[1]} 0 obj\\n[\\s\\S]*?stream\\r?\\n`).exec(text);
    if (!page || !contents) throw new Error(`page ${pageObject} not found`);
    const start = contents.index + contents[0].length;
    return inflateSync(Buffer.from(pdf.subarray(start, text.indexOf('endstream', start)))).toString('latin1');
  });
};

const MM = 72 / 25.4;

/** The QR modules drawn on a page (filled rectangles right of x = 150 mm, below y = 230 mm). */
const qrMatrixOn = (stream: string): boolean[][] => {
  const rects = [...stream.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\n/g)]
    .map(([, x, y, w, h]) => ({ x: Number(x), y: Number(y), w: Number(w), h: Number(h) }))
    .filter((rect) => rect.x > 150 * MM && rect.y < (297 - 230) * MM);
  expect(rects.length).toBeGreaterThan(20);
  const module = Math.abs(rects[0]!.h);
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.max(...rects.map((rect) => rect.y));
  const size = Math.round((Math.max(...rects.map((rect) => rect.x + rect.w)) - left) / module);
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const rect of rects) {
    const row = Math.round((top - rect.y) / module);
    const first = Math.round((rect.x - left) / module);
    for (let column = first; column < first + Math.round(rect.w / module); column += 1) matrix[row]![column] = true;
  }
  return matrix;
};

const qrMatrixFor = (payload: string): boolean[][] => {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1));
};

// --- tests ----------------------------------------------------------------------------------

describe('commitment letter PDF', () => {
  it.each(realMatters.map((matter) => [matter.id, matter] as const))('%s: carries every word of the letter', (_id, matter) => {
    const document = sampleLetter(matter, 'commitment');
    const pdf = renderer.render(inputFor(document));
    const pages = pdfPages(pdf);
    const text = bodyText(pages);

    expect(text).toContain(compact(matter.name));
    expect(text).toContain(SAMPLE_APPLICANT.name);
    expect(text).toContain(SAMPLE_APPLICANT.idNumber);
    expect(text).toContain(SAMPLE_CASE_NUMBER);
    for (const heading of ['事项名称', '证明事项名称', '设定依据', '证明内容及材料要求', '办理条件', '承诺方式', '不实承诺的法律责任', '核查', '公开']) {
      expect(text).toContain(heading);
    }
    const template = templates.active('commitment-letter');
    for (const page of template.pages) {
      expect(text).toContain(compact(page.title));
      for (const section of page.sections) expect(text).toContain(compact(section.heading));
    }
    // Every paragraph of the notification, and the whole commitment, word for word.
    for (const page of document.pages) for (const section of page.sections) for (const paragraph of section.paragraphs) expect(text).toContain(compact(paragraph));
    expect(text).toContain(compact(template.closing!.heading));
    for (const paragraph of document.commitment!.paragraphs) expect(text).toContain(compact(paragraph));
    for (const statement of template.closing!.paragraphs.slice(1, 7)) expect(text).toContain(compact(statement));
    expect(text).toContain('本告知承诺书一式两份，申请人和办理机构各执一份。');
    expect(text).toContain(compact(template.signatureLabel!));
    for (const field of document.execution) expect(text).toContain(compact(field.value));

    expect(text).not.toContain('示例（非正式文书）');
    expect(latin1(pdf).startsWith('%PDF-')).toBe(true);
    expect(latin1(pdf)).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/); // A4 portrait
  });

  it('puts the case number and "第 x 页 / 共 y 页" on every page, or 未归档预览 before archiving', () => {
    const pages = pdfPages(renderer.render(inputFor(sampleLetter(firstMatter, 'commitment'))));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain(SAMPLE_CASE_NUMBER);
      expect(compact(page)).toContain(`第${index + 1}页/共${pages.length}页`);
    });
    const preview = pdfPages(renderer.render(inputFor(sampleLetter(firstMatter, 'commitment', null))));
    for (const page of preview) expect(page).toContain('未归档预览');
    expect(compact(preview.join(''))).not.toContain(SAMPLE_CASE_NUMBER);
  });

  it('marks every page of a sample matter with 示例 and a watermark, and nothing else', () => {
    const samplePdf = renderer.render(inputFor(sampleLetter(sampleMatter, 'commitment')));
    const pages = pdfPages(samplePdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(compact(page)).toContain('示例（非正式文书）');
    expect(bodyText(pages)).toContain('示例');
    expect(bodyText(pages)).toContain(compact(sampleMatter.name));
    // The diagonal watermark is drawn as light-grey shapes (a path with curves), so it never mixes
    // into the text.
    for (const stream of pageStreams(samplePdf)) {
      expect(stream).toMatch(/^0\.87 g\n[\d.]+ [\d.]+ m\n/m);
      expect(stream.match(/ c\n/g)?.length ?? 0).toBeGreaterThan(10);
    }
    expect(bodyText(pages)).toContain(compact(`日期：2026年1月15日`));

    const realPdf = renderer.render(inputFor(sampleLetter(firstMatter, 'commitment')));
    for (const stream of pageStreams(realPdf)) expect(stream).not.toMatch(/ c\n/);
  });

  it('draws the signature strokes next to their label and the execution fields, never split by a page break', () => {
    const base = sampleLetter(firstMatter, 'commitment');
    const filler = '本段为测试填充文字，用来把签名推到页面的不同位置。';
    for (let extra = 0; extra <= 36; extra += 1) {
      const document: LetterDocument = {
        ...base,
        commitment: { ...base.commitment!, paragraphs: [...base.commitment!.paragraphs, ...Array.from({ length: extra }, () => filler)] },
      };
      const pdf = renderer.render(inputFor(document));
      const strokePages = pageStreams(pdf).flatMap((stream, index) => (stream.includes('1 J') ? [index] : []));
      const pages = pdfPages(pdf);
      const labelPages = pages.flatMap((page, index) => (compact(page).includes('承诺人（签名）') ? [index] : []));
      expect(strokePages, `extra ${extra}`).toHaveLength(1);
      expect(labelPages, `extra ${extra}`).toEqual(strokePages);
      // …and it shares its page with the execution fields it signs.
      expect(compact(pages[labelPages[0]!]!), `extra ${extra}`).toContain('案件编号：');
      // The QR code stays on the last page, below all full-width content.
      const streams = pageStreams(pdf);
      expect(streams[streams.length - 1]!.match(/ re\n/g)?.length ?? 0, `extra ${extra}`).toBeGreaterThan(20);
    }
    const unsigned = renderer.render(inputFor(base, { signature: null }));
    expect(pageStreams(unsigned).some((stream) => stream.includes('1 J'))).toBe(false);
    expect(compact(pdfPages(unsigned).join(''))).toContain('承诺人（签名）');
  });

  it('embeds its fonts (pdffonts)', () => {
    const pdf = renderer.render(inputFor(sampleLetter(firstMatter, 'commitment')));
    const rows = tool('pdffonts', [], pdf).split('\n').slice(2).filter((row) => row.trim() !== '');
    expect(rows.length).toBe(2);
    for (const row of rows) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes/);
    expect(rows.join('\n')).toContain('DroidSansFallback');

    // Without a Latin font: the CJK font is still embedded; digits come from the standard Helvetica.
    const fallback = helveticaRenderer.render(inputFor(sampleLetter(firstMatter, 'commitment')));
    const fallbackFonts = tool('pdffonts', [], fallback);
    expect(fallbackFonts).toMatch(/DroidSansFallback\s+CID TrueType\s+Identity-H\s+yes/);
    const text = bodyText(pdfPages(fallback));
    expect(text).toContain(SAMPLE_APPLICANT.idNumber);
    expect(text).toContain(SAMPLE_CASE_NUMBER);
    expect(text).toContain('2026年1月15日');
  });

  it('embeds the same font tables as jsPDF’s own subset encoder', () => {
    const glyphs = [3, 17, 1000, 7459, 18130, 28644, 30000];
    const ours = createTrueTypeSubsetter(cjkFont)(glyphs);
    const parsed = (jsPDF.API as unknown as { TTFFont: { open(bytes: Uint8Array): { subset: { encode(ids: number[], format: number): number[] } } } }).TTFFont.open(cjkFont);
    const theirs = new Uint8Array(parsed.subset.encode([0, ...glyphs], 1));
    const tables = (font: Uint8Array): Map<string, Uint8Array> => {
      const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
      const entries = new Map<string, Uint8Array>();
      for (let i = 0; i < view.getUint16(4); i += 1) {
        const record = 12 + i * 16;
        const tag = String.fromCharCode(...font.subarray(record, record + 4));
        const offset = view.getUint32(record + 8);
        entries.set(tag, font.subarray(offset, offset + view.getUint32(record + 12)));
      }
      return entries;
    };
    const mine = tables(ours);
    const reference = tables(theirs);
    expect([...mine.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [tag, table] of reference) {
      const own = mine.get(tag)!;
      if (tag === 'head') {
        // Same except checkSumAdjustment (bytes 8–11), which each computes over its own file.
        expect([...own.subarray(0, 8), ...own.subarray(12)]).toEqual([...table.subarray(0, 8), ...table.subarray(12)]);
      } else {
        expect(Buffer.from(own).equals(Buffer.from(table)), tag).toBe(true);
      }
    }
    // The whole-font checksum comes out right: the sum over the file is 0xB1B0AFBA.
    const view = new DataView(ours.buffer, ours.byteOffset, ours.byteLength);
    let sum = 0;
    for (let offset = 0; offset < ours.length; offset += 4) sum = (sum + view.getUint32(offset)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

describe('proof-list letter PDF', () => {
  it('lists every proof of the matter, says where and by when, and is signed and dated by the applicant', () => {
    for (const matter of catalog.matters) {
      const document = sampleLetter(matter, 'proof-list');
      const text = bodyText(pdfPages(renderer.render(inputFor(document))));
      for (const proof of matter.proofs) {
        expect(text).toContain(compact(proof.name));
        expect(text).toContain(compact(proof.content));
      }
      const template = templates.active('proof-list');
      expect(text).toContain(compact(template.title));
      for (const section of document.pages.flatMap((page) => page.sections)) for (const paragraph of section.paragraphs) expect(text).toContain(compact(paragraph));
      // No place or time limit in the catalog: the letter says so instead of inventing one.
      expect(text).toContain('提交地点：本地事项目录未作规定，以办理机构公布的规定为准。');
      expect(text).toContain('提交期限：本地事项目录未作规定，以办理机构公布的规定为准。');
      expect(text).toContain(SAMPLE_APPLICANT.name);
      expect(text).toContain('申请人（签名）：');
      expect(text).toContain('日期：2026年1月15日');
      expect(text).toContain('办理机构（盖章）');
      expect(text).not.toContain('承诺人（签名）');
    }
  });
});

/** Every text the document model gives the screen, in reading order. */
const documentTexts = (document: LetterDocument): string[] => [
  document.title,
  ...document.pages.flatMap((page) => [page.title, ...page.sections.flatMap((section) => [section.heading, ...section.paragraphs])]),
  ...(document.commitment ? [document.commitment.heading, ...document.commitment.paragraphs] : []),
  ...document.execution.flatMap((field) => [field.label, field.value]),
  ...(document.signatureLabel ? [document.signatureLabel] : []),
];

describe('every letter kind', () => {
  it.each(Object.keys(letterKindTemplates) as LetterKindOption[])('%s: the PDF holds every text of the document model, in order', (kind) => {
    const document = sampleLetter(firstMatter, kind);
    const text = bodyText(pdfPages(renderer.render(inputFor(document))));
    let position = 0;
    for (const piece of documentTexts(document).map(compact).filter((piece) => piece !== '')) {
      const found = text.indexOf(piece, position);
      expect(found, `“${piece}” after position ${position}`).toBeGreaterThanOrEqual(0);
      position = found + piece.length;
    }
    expect(text.includes('承诺人（签名）') || text.includes('申请人（签名）')).toBe(document.signatureLabel !== null);
  });
});

describe('reprint (补打)', () => {
  it('marks every page 补打 with the reprint time, and changes nothing else of the text', () => {
    const document = sampleLetter(firstMatter, 'commitment');
    const original = pdfPages(renderer.render(inputFor(document)));
    const reprintedAt = new Date('2026-03-02T06:45:00Z'); // 14:45 in Asia/Shanghai
    const reprint = pdfPages(renderer.render(inputFor(document, { reprintedAt, issuedAt: reprintedAt })));
    expect(reprint.length).toBe(original.length);
    for (const page of reprint) expect(compact(page)).toContain('补打2026-03-0214:45');
    for (const page of original) expect(page).not.toContain('补打');
    expect(bodyText(reprint).replaceAll('补打2026-03-0214:45', '')).toBe(bodyText(original));
  });
});

describe('deterministic output', () => {
  it('gives byte-identical PDFs for identical input, whatever was rendered before', () => {
    const input = inputFor(sampleLetter(firstMatter, 'commitment'));
    const first = renderer.render(input);
    renderer.render(inputFor(sampleLetter(sampleMatter, 'commitment')));
    renderer.render(inputFor(sampleLetter(realMatters[1]!, 'proof-list')));
    const again = renderer.render(input);
    const fresh = createLetterPdfRenderer(cjkFont, latinFont).render(input);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(fresh).equals(Buffer.from(first))).toBe(true);

    const raw = latin1(first);
    expect(raw).toContain("/CreationDate (D:20260115103000+08'00')"); // 02:30 UTC in Asia/Shanghai
    expect(raw).toContain(`/ID [ <${RECORD_HASH.slice(0, 32).toUpperCase()}> <${RECORD_HASH.slice(0, 32).toUpperCase()}> ]`);

    const later = renderer.render({ ...input, issuedAt: new Date('2026-01-16T02:30:00Z') });
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
    expect(latin1(later)).toContain("/CreationDate (D:20260116103000+08'00')");
  });

  it('refuses a file id that is not hex', () => {
    expect(() => renderer.render(inputFor(sampleLetter(firstMatter, 'commitment'), { fileId: 'not-hex' }))).toThrow(RangeError);
  });
});

describe('QR code', () => {
  it('round-trips its payload', () => {
    const payload = qrPayloadFor(SAMPLE_CASE_NUMBER, RECORD_HASH.toUpperCase());
    expect(payload).toBe(`CCL1|${SAMPLE_CASE_NUMBER}|${RECORD_HASH}`);
    expect(parseQrPayload(payload)).toEqual({ version: 1, caseNumber: SAMPLE_CASE_NUMBER, recordHash: RECORD_HASH });
    expect(parseQrPayload('CCL2|C01|abcdef0123456789')).toBeNull();
    expect(parseQrPayload('CCL1|C01')).toBeNull();
    expect(parseQrPayload('CCL1|C01|not-a-hash')).toBeNull();
    expect(parseQrPayload('https://example.com')).toBeNull();
    expect(() => qrPayloadFor('C01|x', RECORD_HASH)).toThrow(RangeError);
    expect(() => qrPayloadFor(SAMPLE_CASE_NUMBER, 'xyz')).toThrow(RangeError);
  });

  it('draws the payload’s QR code at the bottom right of the last page', () => {
    const payload = qrPayloadFor(SAMPLE_CASE_NUMBER, RECORD_HASH);
    const streams = pageStreams(renderer.render(inputFor(sampleLetter(firstMatter, 'commitment'), { qrPayload: payload })));
    expect(qrMatrixOn(streams[streams.length - 1]!)).toEqual(qrMatrixFor(payload));
    const without = pageStreams(renderer.render(inputFor(sampleLetter(firstMatter, 'commitment'), { qrPayload: null })));
    expect(without[without.length - 1]!.match(/ re\n/g)?.length ?? 0).toBeLessThan(10);
  });
});

describe('characters the PDF cannot show', () => {
  it('finds characters outside the BMP', () => {
    expect(findNonBmpCharacters('𠮷野家', '张三', '𠀡𠮷')).toEqual(['𠮷', '𠀡']);
    expect(findNonBmpCharacters('堃喆昇 11010519491231002X')).toEqual([]);
  });

  it('throws UnsupportedCharacterError for a non-BMP name when the renderer has no extension font', () => {
    const document = sampleLetter(firstMatter, 'commitment');
    const withName = (name: string): LetterDocument => ({
      ...document,
      execution: document.execution.map((field) => (field.label === '申请人' ? { ...field, value: name } : field)),
    });
    let error: unknown;
    try {
      renderer.render(inputFor(withName('𠮷田明')));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedCharacterError);
    expect((error as UnsupportedCharacterError).characters).toEqual(['𠮷']);
    expect((error as UnsupportedCharacterError).reason).toBe('outside-bmp');

    // A BMP character neither font has is refused too, not dropped.
    expect(() => renderer.render(inputFor(withName('ꀀ明')))).toThrow(UnsupportedCharacterError);
    // Rare BMP name characters are fine.
    expect(bodyText(pdfPages(renderer.render(inputFor(withName('王堃喆')))))).toContain('王堃喆');
  });
});
