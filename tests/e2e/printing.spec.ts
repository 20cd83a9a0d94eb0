import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { verifyArchive, archiveIsSound } from '../../electron/services/archive-verify';
import { AUDIT_LOG_FILE, parseAuditLog } from '../../electron/services/audit-log';
import { expectSealedOnDisk, openArchivedLetter, openedLetterFile } from '../harness/archived-letter';
import { test, expect } from '../harness/fixtures';
import { pageDifference, pageImages } from '../harness/page-images';
import { pdfText } from '../harness/pdf-text';
import { ADMIN, APPLICANT, prepareCounter, sealProofCase } from './counter-steps';

// A real spooler: the worker's private CUPS with a cups-pdf printer (tests/harness/cups.ts).
test.use({ displayMode: 'second-display', spooler: true });

// The administrator works the counter here: only they choose the printer (a clerk's refusal is
// accounts-and-roles.spec.ts).
const prepareAsAdministrator = (page: Page, counter: Parameters<typeof prepareCounter>[1]) => prepareCounter(page, counter, undefined, ADMIN);

const choosePrinter = async (page: Page, name: string) => {
  await page.getByRole('button', { name: '打印设置' }).click();
  await page.getByTestId(`printer-${name}`).getByRole('button', { name: '使用此打印机' }).click();
  await expect(page.getByRole('status')).toContainText(`今后文书在“${name}”上打印`);
  await page.keyboard.press('Escape');
};

const letterFile = (archiveDir: string, caseNumber: string, suffix = '') =>
  join(archiveDir, `${caseNumber.slice(4, 8)}-${caseNumber.slice(8, 10)}-${caseNumber.slice(10, 12)}`, 'C01', `${caseNumber}${suffix}.pdf`);

test('a letter prints on the chosen printer and is followed to 已打印; the printout looks like the archive; a second copy is a 补打 with a reason', async ({ page, context, counter }) => {
  const cups = counter.cups!;
  await prepareAsAdministrator(page, counter);
  await choosePrinter(page, cups.queues.pdf);
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealProofCase(page, applicantPage);

  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-status')).toContainText('已打印');
  await expect(page.getByTestId('print-status')).toContainText(cups.queues.pdf);
  // What came out of the printer looks like the archived letter, page for page.
  const archived = letterFile(counter.archiveDir, caseNumber);
  const jobId = (await page.getByTestId('print-status').getAttribute('data-job')) ?? '';
  const printout = await pageImages(await cups.pdfOutput(jobId));
  // The archive holds it sealed; the printer got the PDF main opened in memory.
  await expectSealedOnDisk(archived, [APPLICANT.name, APPLICANT.idNumber]);
  const original = await pageImages(await openedLetterFile(counter, archived));
  expect(printout.length).toBe(original.length);
  original.forEach((image, index) => expect(pageDifference(image, printout[index]!)).toBeLessThan(0.005));

  // Printing again is only a reprint, with a reason.
  await expect(page.getByRole('button', { name: '打印 Ctrl+P' })).toHaveCount(0);
  await page.getByRole('button', { name: '补打' }).click();
  await page.getByLabel('其他').check();
  await page.getByRole('button', { name: '生成补打件' }).click();
  await expect(page.getByRole('alert')).toContainText('请填写补打说明');
  await page.getByLabel('申请人遗失').check();
  await page.getByRole('button', { name: '生成补打件' }).click();
  await expect(page.getByRole('status')).toContainText(`${caseNumber}.reprint-1.pdf`);
  await page.getByRole('button', { name: '打印补打件' }).click();
  await expect(page.getByTestId('reprint-status')).toContainText('已打印');

  // The reprint carries the mark; the original is untouched; the archive verifies; the log says why.
  const reprintFile = letterFile(counter.archiveDir, caseNumber, '.reprint-1');
  await expectSealedOnDisk(reprintFile, [APPLICANT.name, APPLICANT.idNumber]);
  const reprintText = await pdfText(await openedLetterFile(counter, reprintFile));
  expect(reprintText).toMatch(/补打\d{4}-\d{2}-\d{2}\d{2}:\d{2}/);
  expect(await pdfText(await openedLetterFile(counter, archived))).not.toContain('补打');
  // The letter row's hash is the plain PDF's (the ledger's is of the sealed bytes on disk).
  const sha = createHash('sha256').update(await openArchivedLetter(counter, archived)).digest('hex');
  await expect(page.getByText(`SHA-256 ${sha.slice(0, 16)}`)).toBeVisible();
  expect(archiveIsSound(await verifyArchive(counter.archiveDir, '2026-11-29'))).toBe(true);
  // Main's audit log: its own print calls and archive writes by file, the renderer's steps by case.
  const audit = parseAuditLog(await readFile(join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8'))
    .entries.filter((entry) => entry.subject.includes(caseNumber))
    .map((entry) => `${entry.action}:${entry.subject.slice(entry.subject.lastIndexOf('/') + 1)}${entry.detail && !entry.detail.startsWith('copies-') ? `:${entry.detail}` : ''}`);
  expect(audit).toEqual(
    expect.arrayContaining([
      `letter.print:${caseNumber}.pdf`,
      `letter.print_done:${caseNumber}`,
      `letter.reprint:${caseNumber}.reprint-1.pdf`,
      `letter.reprint_reason:${caseNumber}:lost`,
      `letter.print:${caseNumber}.reprint-1.pdf`,
      `letter.print_done:${caseNumber}:reprint`,
    ]),
  );
});

test('a printer that rejects jobs: the reason and 重新打印, the record kept, the letter listed as unprinted until a retry prints it', async ({ page, context, counter }) => {
  const cups = counter.cups!;
  await prepareAsAdministrator(page, counter);
  await choosePrinter(page, cups.queues.rejecting);
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealProofCase(page, applicantPage);

  await page.keyboard.press('Control+p');
  await expect(page.getByRole('alert')).toContainText('打印未成功');
  await expect(page.getByTestId('print-status')).toContainText('打印失败：打印机暂停接收打印任务');
  // The reason stands once on the screen, and no sentence ends twice.
  const screenText = await page.locator('main').innerText();
  expect(screenText.split('打印机暂停接收打印任务').length - 1).toBe(1);
  expect(screenText).not.toContain('。。');
  await expect(page.getByRole('button', { name: /重新打印/ })).toBeVisible();

  // The home screen lists it, whatever the day, until it is printed.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '未打印或打印失败的文书：1 件' })).toBeVisible();
  await expect(page.getByTestId(`unprinted-${caseNumber}`)).toContainText('暂停接收打印任务');

  await choosePrinter(page, cups.queues.raw);
  await page.getByRole('button', { name: '处理' }).click();
  await page.getByRole('button', { name: /重新打印/ }).click();
  await expect(page.getByTestId('print-status')).toContainText('已打印');
  // The raw printer received exactly the archived letter as main opens it, once per copy (2 for this matter).
  const jobs = await cups.rawJobs(1);
  const letter = await openArchivedLetter(counter, letterFile(counter.archiveDir, caseNumber));
  expect(Buffer.compare(jobs.at(-1)!, Buffer.concat([letter, letter]))).toBe(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: /未打印或打印失败的文书/ })).toHaveCount(0);
});

test('a paused printer: the printer page says so, the job waits as 已送打印 and the letter stays listed until the printer is resumed', async ({ page, context, counter }) => {
  const cups = counter.cups!;
  await prepareAsAdministrator(page, counter);
  await page.getByRole('button', { name: '打印设置' }).click();
  await expect(page.getByTestId(`printer-${cups.queues.paused}`)).toContainText('已暂停');
  await expect(page.getByTestId(`printer-${cups.queues.rejecting}`)).toContainText('拒绝新任务');
  // The settings page says whether the browser keeps this device's database under disk pressure
  // (the app asked at start; headless Chromium over http refuses, Electron grants).
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByTestId('storage-persistence')).toHaveText(persisted ? /已获准持久保存/ : /未获准持久保存/);
  await page.keyboard.press('Escape');
  await choosePrinter(page, cups.queues.paused);
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealProofCase(page, applicantPage);

  const before = (await cups.rawJobs(0)).length;
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-status')).toContainText('已送打印，等待打印机');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`unprinted-${caseNumber}`)).toContainText('已送打印，等待打印机');

  // Resumed: the waiting job prints, and the home screen learns it when it asks the spooler again.
  await cups.admin('cupsenable', [cups.queues.paused]);
  await cups.rawJobs(before + 1);
  await page.reload();
  await expect(page.getByRole('heading', { name: /未打印或打印失败的文书/ })).toHaveCount(0, { timeout: 15_000 });
  await cups.admin('cupsdisable', [cups.queues.paused]);
});
