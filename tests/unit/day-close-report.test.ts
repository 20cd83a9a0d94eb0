import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDayReportRenderer, type DayReportRenderer } from '../../renderer/day-close/day-report-pdf';
import type { DayCloseResult } from '../../shared/contract/domains/day-close';
import { pdfLayoutPages, pdfText, squeeze } from '../harness/pdf-text';

/**
 * The day report as the renderer lays it out, read back from the PDF's text layer with poppler: the
 * counts of both sides, the chain head, the verdict, every difference and every case, over as many
 * pages as it takes, in Chinese with the font embedded (no system font needed to print or read it).
 */
const font = (name: string) => new Uint8Array(readFileSync(path.join('renderer/public/fonts', name)));
const run = promisify(execFile);

let renderer: DayReportRenderer;
let folder: string;
beforeAll(async () => {
  renderer = createDayReportRenderer(font('DroidSansFallbackFull.ttf'), font('DejaVuSans.ttf'));
  folder = await mkdtemp(path.join(tmpdir(), 'day-report-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const caseNumber = (n: number) => `C01-20261128-${String(n).padStart(4, '0')}`;
const HEAD = { sequence: 81, hash: 'ab'.repeat(32), caseNumber: caseNumber(81) };

const notReconciled: DayCloseResult = {
  date: '2026-11-28',
  attempt: 2,
  at: '2026-11-28T09:30:00.000Z',
  counterId: 'C01',
  agencyName: '天河区人力资源和社会保障局',
  reconciled: false,
  alreadyClosed: false,
  dayClosed: null,
  acknowledgement: null,
  differences: [
    { caseNumber: caseNumber(3), field: 'record', kind: 'not_pushed', counter: '第 3 号 0123456789abcdef', server: null, reason: '这份记录尚未上传到中心系统（本机台账第 5 行，中心系统只收到第 4 行）' },
    { caseNumber: caseNumber(7), field: 'printed', kind: 'differs', counter: '2', server: '1', reason: '当日文书打印次数不一致：本机记为 2 次，中心系统所存的当日审计日志记为 1 次' },
    { caseNumber: null, field: 'counts.sealed', kind: 'differs', counter: '80', server: '79', reason: '当日合计不一致：本机 80，中心系统 79' },
  ],
  counterCounts: { sealed: 80, committed: 71, proofRoute: 9, notApplicable: 0, voided: 1, printed: 77, reprinted: 2 },
  serverCounts: { sealed: 79, committed: null, proofRoute: null, notApplicable: null, voided: 1, printed: 76, reprinted: 2 },
  chainHead: { counter: HEAD, server: { ...HEAD, sequence: 80, caseNumber: caseNumber(80), hash: 'cd'.repeat(32) } },
  cases: [
    ...Array.from({ length: 80 }, (_, i) => ({ caseNumber: caseNumber(i + 1), outcome: i % 9 === 0 ? ('proof-route' as const) : ('commitment' as const), voids: null, letter: true, reprints: 0, printed: 1, reprinted: 0 })),
    { caseNumber: caseNumber(81), outcome: 'void' as const, voids: caseNumber(2), letter: false, reprints: 0, printed: 0, reprinted: 0 },
  ],
  sync: { ok: true, error: null },
  report: null,
};

const reconciled: DayCloseResult = {
  ...notReconciled,
  attempt: 1,
  reconciled: true,
  differences: [],
  dayClosed: { attempt: 1, revision: 1, closedAt: '2026-11-28T09:30:01.000Z' },
  acknowledgement: { revision: 1, closedAt: '2026-11-28T09:30:01.000Z', keyId: '0f'.repeat(16), statementHash: 'ee'.repeat(32) },
  serverCounts: { ...notReconciled.serverCounts, sealed: 80, printed: 77 },
  chainHead: { counter: HEAD, server: HEAD },
  cases: notReconciled.cases.slice(0, 3),
};

const written = async (result: DayCloseResult, name: string) => {
  const { pdf, drawing } = await renderer.draw(result);
  const file = path.join(folder, name);
  await writeFile(file, pdf);
  return { file, pdf, drawing };
};

describe('the day report (日结报告)', () => {
  it('names the verdict, both sides\u2019 counts, the chain heads, every difference and every case, page after page', async () => {
    const { file, drawing } = await written(notReconciled, 'not-reconciled.pdf');
    const text = await pdfText(file);
    expect(text).toContain('日结报告');
    expect(text).toContain(squeeze('天河区人力资源和社会保障局　窗口 C01　2026-11-28'));
    expect(text).toContain(squeeze('核对结果：与中心系统核对不一致，共 3 处不同，当日未日结'));
    // Each difference in its row: case number and item whole, the reason wrapped in its column (the
    // text layer reads a table row by row, so the reason is checked in the order the layout drew it).
    const drawn = squeeze(drawing.ops.flatMap((op) => (op.op === 'text' ? [op.text] : [])).join(''));
    for (const difference of notReconciled.differences) expect(drawn).toContain(squeeze(difference.reason));
    expect(text).toContain(`${caseNumber(3)}记录`);
    expect(text).toContain(`${caseNumber(7)}打印次数`);
    expect(text).toContain('全日封存案件合');
    // Every category with both numbers; the split of the cases the server cannot read, said so.
    const first = (await pdfLayoutPages(file))[0]!;
    expect(first).toMatch(/封存案件\s+80\s+79/);
    expect(first).toMatch(/承诺办理\s+71\s+加密，不可核对/);
    expect(first).toMatch(/选择提交证明\s+9\s+加密，不可核对/);
    expect(first).toMatch(/不适用告知承诺\s+0\s+加密，不可核对/);
    expect(first).toMatch(/作废\s+1\s+1/);
    expect(first).toMatch(/补打\s+2\s+2/);
    expect(text).toContain(squeeze(`本机：第 81 号 ${caseNumber(81)} ${'ab'.repeat(8)}`));
    expect(text).toContain(squeeze(`中心系统：第 80 号 ${caseNumber(80)} ${'cd'.repeat(8)}`));
    for (const entry of notReconciled.cases) expect(text).toContain(entry.caseNumber);
    expect(text).toContain(squeeze(`作废（作废 ${caseNumber(2)}）`));
    expect(drawing.pageCount).toBeGreaterThan(2);
    expect(text).toContain(squeeze(`第 ${drawing.pageCount} 页 / 共 ${drawing.pageCount} 页`));
    expect(text).toContain('负责人（签名）');
  });

  it('says a reconciled day is closed, with the acknowledgement', async () => {
    const text = await pdfText((await written(reconciled, 'reconciled.pdf')).file);
    expect(text).toContain(squeeze('核对结果：与中心系统核对一致，已日结（回执第 1 次，2026-11-28 17:30）'));
    expect(text).toContain('三、差异无。');
    expect(text).toContain(squeeze(`中心系统回执：密钥 ${'0f'.repeat(16)}`));
  });

  it('embeds its fonts and comes out byte for byte the same for the same close', async () => {
    const { file, pdf } = await written(reconciled, 'fonts.pdf');
    const { stdout } = await run('pdffonts', [file]);
    const fonts = stdout.split('\n').slice(2).filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    // Every font embedded (jsPDF subsets them): printable where no Chinese font is installed.
    for (const line of fonts) expect(line).toMatch(/\syes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
    expect(stdout).toMatch(/DroidSansFallback/);
    expect(Buffer.from((await renderer.draw(reconciled)).pdf).equals(Buffer.from(pdf))).toBe(true);
  });
});
