import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text layer of a PDF as poppler reads it, with all white space removed (pdftotext breaks lines). */
export const pdfText = async (file: string): Promise<string> => {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, '');
};

export const squeeze = (text: string): string => text.replace(/\s+/g, '');
