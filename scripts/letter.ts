/**
 * Renders a specimen letter from fixture data, for people who write letter templates and catalogs.
 * Every page says 样张（非正式文书）, the case number is 样张-非正式编号 and the QR code verifies
 * nothing, so a printout can never be taken for a real letter, even for a real (non-sample) matter.
 *
 *   npm run letter -- [--matter <id>] [--kind commitment|proof-list|not-applicable|withdrawal] [--name <姓名>] [--out <file.pdf>]
 *                     [--no-latin-font] [--bench [runs]]
 *
 * Without --matter the catalog's first matter is used; without --out the file is written to
 * ./letter-<matter>[-<kind>].pdf. --name replaces the sample applicant's name (林晓明), e.g.
 * `--name 𠮷田明` to try a character outside the BMP: the extension font (HanaMinB) is then loaded,
 * as the app does, only because the letter needs it. --no-latin-font draws digits and Latin letters
 * with the standard font Helvetica instead of the embedded DejaVu Sans. --bench also times the
 * renderer: font setup + first render, the extension font's load when needed, and the median of
 * further renders (default 30).
 * Exit codes: 0 written, 1 render failed, 2 bad arguments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import defaultCatalog from '../shared/catalog/default-catalog.json';
import { catalogSchema } from '../shared/catalog/catalog-schema';
import type { Matter } from '../shared/catalog/matter-schema';
import type { Applicant } from '../shared/domain/case-draft';
import { formatCaseNumber } from '../shared/domain/case-number';
import type { SignatureCapture, SignatureStroke } from '../shared/domain/signature';
import { composeLetter, type LetterFacts } from '../shared/letter/compose-letter';
import type { LetterTemplateId } from '../shared/letter/letter-template';
import { letterTemplateHash, templates } from '../shared/letter/template-registry';
import type { LetterDocument } from '../shared/letter/letter-document';
import { createLetterPdfRenderer, needsExtensionFont, type LetterPdfInput, type LetterPdfRenderer } from '../renderer/pdf/letter-pdf';
import { UnsupportedCharacterError } from '../renderer/pdf/non-bmp';
import { runWhenMain } from './cli-entry';

export const LETTER_FONT_PATH = fileURLToPath(new URL('../renderer/public/fonts/DroidSansFallbackFull.ttf', import.meta.url));
export const LATIN_FONT_PATH = fileURLToPath(new URL('../renderer/public/fonts/DejaVuSans.ttf', import.meta.url));
export const EXTENSION_FONT_PATH = fileURLToPath(new URL('../renderer/public/fonts/HanaMinB.ttf', import.meta.url));

/**
 * The renderer with the app's fonts: Droid Sans Fallback for CJK, DejaVu Sans for digits and Latin,
 * and (when asked for) HanaMinB for characters outside the BMP.
 */
export const createSampleRenderer = (latinFont = true, extensionFont = false): LetterPdfRenderer =>
  createLetterPdfRenderer(
    new Uint8Array(readFileSync(LETTER_FONT_PATH)),
    latinFont ? new Uint8Array(readFileSync(LATIN_FONT_PATH)) : undefined,
    extensionFont ? new Uint8Array(readFileSync(EXTENSION_FONT_PATH)) : undefined,
  );

/** The extension font's bytes, as letter-font.ts fetches them in the app. */
export const readExtensionFont = (): Uint8Array => new Uint8Array(readFileSync(EXTENSION_FONT_PATH));

/** The command's names for the letter kinds, and the template each one is drawn from. */
export const letterKindTemplates = {
  commitment: 'commitment-letter',
  'proof-list': 'proof-list',
  'not-applicable': 'not-applicable-notice',
  withdrawal: 'withdrawal-record',
} as const satisfies Record<string, LetterTemplateId>;
export type LetterKindOption = keyof typeof letterKindTemplates;
const letterKindOptions = Object.keys(letterKindTemplates) as LetterKindOption[];

/** Made-up values for the fields only some kinds use (see LetterFacts.extra). */
export const SAMPLE_EXTRA_FIELDS = {
  reason: '被列入严重失信主体名单，尚未完成信用修复',
  examYear: '2026',
  withdrawnOn: '2026年1月15日',
  proofDeadline: '2026年2月28日',
} as const;

/** Fixed, made-up facts: the same command always writes the same bytes. */
export const SAMPLE_DATE = '2026-01-15';
export const SAMPLE_ISSUED_AT = new Date('2026-01-15T02:30:00Z'); // 10:30 in Asia/Shanghai
export const SAMPLE_APPLICANT: Applicant = {
  name: '林晓明',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  signer: { capacity: 'self' },
};
export const SAMPLE_CASE_NUMBER = formatCaseNumber('C01', SAMPLE_DATE, 7);

/**
 * Fixture facts. `specimen` (the default) marks the letter 样张（非正式文书） on every page, with a case
 * number and QR code no real case has: whatever leaves this command can never pass for a real letter.
 * Tests of what a real case's letter shows (its case number, its QR payload) pass `specimen = false`.
 */
export const sampleFacts = (
  matter: Matter,
  caseNumber: string | null = SAMPLE_CASE_NUMBER,
  applicantName = SAMPLE_APPLICANT.name,
  specimen = true,
): LetterFacts => ({
  matter,
  applicant: { ...SAMPLE_APPLICANT, name: applicantName },
  counter: { deviceId: 'sample-device', counterId: 'C01', agencyName: '示例市人力资源和社会保障局' },
  clerk: { clerkId: 'K0001', name: '周敏' },
  date: SAMPLE_DATE,
  caseNumber,
  extra: SAMPLE_EXTRA_FIELDS,
  specimen,
});

/** A synthetic handwritten-looking name: a few strokes on a 600 × 200 px capture surface. */
export const sampleSignature = (): SignatureCapture => {
  let time = Date.parse('2026-01-15T02:29:30Z');
  const stroke = (points: Array<[number, number]>): SignatureStroke => ({
    points: points.map(([x, y], index) => ({ x, y, time: (time += 16), pressure: 0.4 + 0.2 * Math.sin(index) })),
  });
  const wave = (x0: number, x1: number, y: number, amplitude: number, steps: number): Array<[number, number]> =>
    Array.from({ length: steps + 1 }, (_, i) => {
      const x = x0 + ((x1 - x0) * i) / steps;
      return [x, y + amplitude * Math.sin((i / steps) * Math.PI * 2)];
    });
  return {
    strokes: [
      stroke([[80, 60], [84, 90], [88, 125], [90, 160]]),
      stroke(wave(60, 130, 95, 6, 10)),
      stroke([[150, 70], [170, 80], [185, 100], [180, 130], [160, 150], [150, 150], [175, 145], [210, 150]]),
      stroke(wave(230, 420, 110, 28, 24)),
      stroke([[440, 80], [450, 120], [470, 150], [500, 120], [520, 90], [545, 140]]),
    ],
    surface: { width: 600, height: 200 },
    pressureSupported: true,
    pointerType: 'pen',
    capturedAt: '2026-01-15T02:29:30.000Z',
  };
};

export const loadCatalog = () => catalogSchema.parse(defaultCatalog);

export const sampleLetter = (
  matter: Matter,
  kind: LetterKindOption,
  caseNumber: string | null = SAMPLE_CASE_NUMBER,
  applicantName = SAMPLE_APPLICANT.name,
  specimen = true,
): LetterDocument => composeLetter(templates.active(letterKindTemplates[kind]), sampleFacts(matter, caseNumber, applicantName, specimen));

/**
 * The whole render input for a specimen letter. Its QR code says 样张 and verifies nothing (the
 * renderer draws that for every specimen); the template hash only makes the PDF's file id stable.
 */
export const sampleLetterInput = async (matter: Matter, kind: LetterKindOption, applicantName = SAMPLE_APPLICANT.name): Promise<LetterPdfInput> => {
  const document = sampleLetter(matter, kind, SAMPLE_CASE_NUMBER, applicantName);
  const hash = await letterTemplateHash(templates.active(letterKindTemplates[kind]), matter);
  return {
    document,
    signature: document.signatureLabel === null ? null : sampleSignature(),
    qrPayload: null,
    issuedAt: SAMPLE_ISSUED_AT,
    fileId: hash.slice(0, 32),
  };
};

const USAGE =
  '用法：npm run letter -- [--matter <事项编号>] [--kind commitment|proof-list|not-applicable|withdrawal] [--name <姓名>] [--out <文件.pdf>] [--no-latin-font] [--bench [次数]]';

interface CliOptions {
  matter: string | null;
  kind: LetterKindOption;
  out: string | null;
  /** The applicant's name, instead of the sample one. */
  name: string | null;
  latinFont: boolean;
  /** Number of timed renders after the first, or null for no benchmark. */
  bench: number | null;
}

class UsageError extends Error {}

const parseArgs = (args: readonly string[]): CliOptions | 'help' => {
  const options: CliOptions = { matter: null, kind: 'commitment', out: null, name: null, latinFont: true, bench: null };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--help' || arg === '-h') return 'help';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[(i += 1)];
      if (next === undefined || next === '') throw new UsageError(`参数 ${name} 缺少取值。`);
      return next;
    };
    if (name === '--no-latin-font') options.latinFont = false;
    else if (name === '--bench') {
      const next = inline ?? args[i + 1];
      if (next !== undefined && /^\d+$/.test(next)) {
        if (inline === undefined) i += 1;
        options.bench = Math.max(1, Number(next));
      } else if (inline !== undefined) throw new UsageError(`参数 --bench 的取值应为次数：${inline}`);
      else options.bench = 30;
    } else if (name === '--matter') options.matter = value();
    else if (name === '--out') options.out = value();
    else if (name === '--name') {
      const applicantName = value().trim();
      if (applicantName === '') throw new UsageError('参数 --name 的取值不能为空。');
      options.name = applicantName;
    }
    else if (name === '--kind') {
      const kind = value();
      if (!letterKindOptions.includes(kind as LetterKindOption)) throw new UsageError(`未知的文书类型：${kind}（可选 ${letterKindOptions.join('、')}）。`);
      options.kind = kind as LetterKindOption;
    } else throw new UsageError(`未知参数：${arg}`);
  }
  return options;
};

export const main = async (args: readonly string[]): Promise<number> => {
  let options: CliOptions | 'help';
  try {
    options = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const catalog = loadCatalog();
  const matter = options.matter === null ? catalog.matters[0] : catalog.matters.find((m) => m.id === options.matter);
  if (!matter) {
    console.error(`未找到事项编号“${options.matter}”。可用的事项编号：\n${catalog.matters.map((m) => `  ${m.id}  ${m.name}`).join('\n')}`);
    return 2;
  }
  // npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
  const out = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    options.out ?? `letter-${matter.id}${options.kind === 'commitment' ? '' : `-${options.kind}`}.pdf`,
  );
  try {
    const input = await sampleLetterInput(matter, options.kind, options.name ?? SAMPLE_APPLICANT.name);
    const started = performance.now();
    let renderer = createSampleRenderer(options.latinFont);
    const ready = performance.now();
    // As in the app: the extension font is loaded only for a letter that needs it.
    let extensionMs: number | null = null;
    if (needsExtensionFont(input.document)) {
      renderer = renderer.withExtensionFont(readExtensionFont());
      extensionMs = performance.now() - ready;
    }
    const extensionReady = performance.now();
    const pdf = renderer.render(input);
    const firstDone = performance.now();
    writeFileSync(out, pdf);
    console.log(`${out}（${(pdf.length / 1024).toFixed(1)} KB）`);
    if (options.bench !== null) {
      const times: number[] = [];
      for (let run = 0; run < options.bench; run += 1) {
        const start = performance.now();
        renderer.render(input);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const median = times.length % 2 ? (times[(times.length - 1) / 2] as number) : ((times[times.length / 2 - 1] as number) + (times[times.length / 2] as number)) / 2;
      const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
      console.log(
        `字体准备 ${(ready - started).toFixed(0)} ms，` +
          (extensionMs === null ? '' : `扩展字体（HanaMinB）读取与准备 ${extensionMs.toFixed(0)} ms，`) +
          `首次渲染（含字体准备，不含扩展字体）${(firstDone - extensionReady + ready - started).toFixed(0)} ms，` +
          `其后 ${times.length} 次中位数 ${median.toFixed(1)} ms（最快 ${(times[0] as number).toFixed(1)}，最慢 ${(times[times.length - 1] as number).toFixed(1)}），` +
          `${pages} 页，${(pdf.length / 1024).toFixed(1)} KB`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UnsupportedCharacterError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
};

runWhenMain(import.meta.url, main, 1);
