/**
 * The letter's QR carries main's signed code: read off the archived PDF as a scanner would (pdftoppm,
 * jsQR), it verifies with the device's public key through `npm run verify`, without the archive; the
 * preview still matches the archived file byte for byte (main answers the code it signed first), and
 * the reprint carries the very same code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readLetterQr } from '../../scripts/letter-qr';
import { decodeLetterCode } from '../../shared/domain/letter-code';
import { expectSealedOnDisk, openedLetterFile } from '../harness/archived-letter';
import { test, expect } from '../harness/fixtures';
import { APPLICANT, enterApplicant, readNotificationAndChoose, signOnApplicantScreen, startCase, prepareWithPrinter, printThenMakeReprint } from './counter-steps';

test.use({ displayMode: 'second-display', spooler: true });

const letterFile = (archiveDir: string, caseNumber: string, suffix = '') =>
  join(archiveDir, `${caseNumber.slice(4, 8)}-${caseNumber.slice(8, 10)}-${caseNumber.slice(10, 12)}`, 'C01', `${caseNumber}${suffix}.pdf`);

const verifyCli = (...args: string[]) => {
  const run = spawnSync('npx', ['tsx', 'scripts/verify.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

const qrOf = async (file: string): Promise<string> => {
  const read = await readLetterQr(file);
  if (read.status !== 'found') throw new Error(`no QR read off ${file}: ${read.status}`);
  return read.text;
};

const sealCommitment = async (page: Page, applicantPage: Page): Promise<string> => {
  await startCase(page, '测绘');
  await enterApplicant(page);
  await readNotificationAndChoose(applicantPage, 'commit');
  await signOnApplicantScreen(applicantPage);
  await page.getByRole('button', { name: '确认归档' }).click();
  await expect(page.getByTestId('case-number')).toHaveText(/^C01-\d{8}-\d{4}$/);
  return (await page.getByTestId('case-number').textContent())!;
};

test('the archived letter’s QR is the signed code: it verifies with the device key, the preview matches byte for byte, the reprint carries the same code', async ({ page, context, counter }) => {
  const cups = counter.cups!;
  await prepareWithPrinter(page, counter, cups.queues.pdf);
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealCommitment(page, applicantPage);

  const preview = page.getByTestId('letter-preview');
  await expect(preview).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(preview.getByTestId('letter-preview-summary')).toContainText('与存档文件逐字节一致');

  const archived = letterFile(counter.archiveDir, caseNumber);
  // Sealed at rest: the QR is read off the letter main opens, as the printout carries it.
  await expectSealedOnDisk(archived, [APPLICANT.name, APPLICANT.idNumber]);
  const text = await qrOf(await openedLetterFile(counter, archived));
  const code = decodeLetterCode(text);
  expect(code).toMatchObject({ version: 2, caseNumber });
  const publicKey = join(counter.archiveDir, 'device-keys', `${code!.version === 2 ? code!.keyId : ''}.json`);

  // The paper's code alone, with the device's registered key: no archive needed.
  const paper = verifyCli(text, '--public-key', publicKey);
  expect(paper.out).toContain('签名成立');
  expect(paper.status).toBe(0);
  // One character of the signature changed: refused.
  const at = text.length - 3;
  const forged = verifyCli(`${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`, '--public-key', publicKey);
  expect(forged.status).toBe(1);
  // The archived letter file without the data key: checked against the signed ledger, its QR not
  // readable (it is ciphertext) — said, not failed.
  const letter = verifyCli(archived, '--public-key', publicKey);
  expect(letter.out).toContain('信函二维码：信函已加密（本机数据密钥），无密钥不能读取其二维码');
  expect(letter.status).toBe(0);

  // Printed, then a 补打: the reprint's QR is the same code (main answered the kept one).
  await printThenMakeReprint(page, caseNumber);
  await expect(preview).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(preview.getByTestId('letter-preview-summary')).toContainText('与存档文件逐字节一致');
  const reprint = letterFile(counter.archiveDir, caseNumber, '.reprint-1');
  await expectSealedOnDisk(reprint, [APPLICANT.name, APPLICANT.idNumber]);
  expect(await qrOf(await openedLetterFile(counter, reprint))).toBe(text);
});
