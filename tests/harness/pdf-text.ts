import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text layer of a PDF as poppler reads it, with all white space removed (pdftotext breaks lines). */
export const pdfText = async (file: string): Promise<string> => {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, '');
};

export const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** The text of each page of a PDF file in reading layout (`pdftotext -layout`), lines kept. */
export const pdfLayoutPages = async (file: string): Promise<string[]> => {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-']);
  return stdout.split('\f').slice(0, -1);
};

export interface PdfWord {
  page: number;
  /** Points from the page's left and top edge. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every word poppler finds, with where it starts (`pdftotext -bbox`): for checking where text stands. */
export const pdfWords = async (file: string): Promise<PdfWord[]> => {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-']);
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of stdout.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (word) words.push({ page, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), text: unescapeXml(word[5]!) });
  }
  return words;
};
