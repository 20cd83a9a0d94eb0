import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConsoleMessage, Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { enterApplicant, readNotificationAndChoose, signOnApplicantScreen, startCase, prepareWithPrinter } from './counter-steps';

/**
 * Logs never hold personal data. A case runs from the applicant's entry to a printed letter and a 补打,
 * with a bad ID typed first (an error path), through the real spooler; then everything that logs kept
 * is searched for the applicant's name, ID number and phone: both pages' console and errors, and the
 * scheduler's error, access and page logs and job titles, and main's audit log in the archive. The
 * records and the letters hold them by design (they are the record) and are not logs.
 */
test.use({ displayMode: 'second-display', spooler: true });

const PERSON = { name: '欧阳静怡', idNumber: '440304198511207522', phone: '13912345678' };
const ID_FRAGMENTS = [PERSON.idNumber, PERSON.idNumber.slice(0, 14), PERSON.idNumber.slice(6, 14)];

const filesBelow = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesBelow(full) : Promise.resolve([full]);
  }));
  return nested.flat();
};

const leaksIn = (where: string, text: string): string[] =>
  [PERSON.name, PERSON.phone, ...ID_FRAGMENTS].filter((value) => text.includes(value)).map((value) => `${where}: ${value}`);

test('a whole case, an error and a 补打 leave no name, ID number or phone in any log', async ({ page, context, counter }) => {
  const consoleLines: string[] = [];
  const watch = (target: Page, label: string) => {
    target.on('console', (message: ConsoleMessage) => consoleLines.push(`${label} console: ${message.text()}`));
    target.on('pageerror', (error) => consoleLines.push(`${label} error: ${error.message}\n${error.stack ?? ''}`));
  };
  watch(page, 'clerk');
  const cups = counter.cups!;
  await prepareWithPrinter(page, counter, cups.queues.pdf);
  const applicantPage = await counter.openApplicantWindow(context);
  watch(applicantPage, 'applicant');

  await startCase(page, '测绘');
  // An error path first: a mistyped ID number, refused with its message.
  await enterApplicant(page, { name: PERSON.name, idNumber: `${PERSON.idNumber.slice(0, 17)}3` });
  await expect(page.getByRole('alert').first()).toBeVisible();
  await page.locator('#phone').fill(PERSON.phone);
  await enterApplicant(page, { name: PERSON.name, idNumber: PERSON.idNumber });
  await readNotificationAndChoose(applicantPage, 'commit');
  await signOnApplicantScreen(applicantPage);
  await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('case-number')).toBeVisible();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-status')).toContainText('已打印');
  await page.getByRole('button', { name: '补打' }).click();
  await page.getByLabel('申请人遗失').check();
  await page.getByRole('button', { name: '生成补打件' }).click();
  await page.getByRole('button', { name: '打印补打件' }).click();
  await expect(page.getByTestId('reprint-status')).toContainText('已打印');

  const leaks = consoleLines.flatMap((line) => leaksIn('page', line));
  const logFiles = await filesBelow(cups.logDir);
  expect(logFiles.length, 'the scheduler kept no logs to search').toBeGreaterThan(0);
  let logged = 0;
  for (const file of logFiles) {
    const text = await readFile(file, 'utf8');
    logged += text.length;
    leaks.push(...leaksIn(path.basename(file), text));
  }
  // The scheduler logged the jobs (so the search looked at something), under case numbers only.
  expect(logged).toBeGreaterThan(0);
  const pageLog = await readFile(path.join(cups.logDir, 'page_log'), 'utf8').catch(() => '');
  const accessLog = await readFile(path.join(cups.logDir, 'access_log'), 'utf8');
  expect(`${pageLog}\n${accessLog}`).toMatch(/Print-Job|Create-Job|Send-Document|C01-\d{8}-\d{4}/);
  // Job titles become cups-pdf's output file names: case numbers, never names.
  for (const file of await filesBelow(cups.pdfOutDir)) leaks.push(...leaksIn('cups-pdf file name', path.basename(file)));
  expect((await Promise.all((await filesBelow(cups.pdfOutDir)).map((file) => stat(file)))).length).toBeGreaterThan(0);
  // Main's audit log: it holds the case (so the search looked at something), by case number only.
  const auditLog = await readFile(path.join(counter.archiveDir, 'audit.jsonl'), 'utf8');
  expect(auditLog).toMatch(/"action":"case\.seal"/);
  expect(auditLog).toMatch(/"action":"letter\.reprint"/);
  leaks.push(...leaksIn('audit.jsonl', auditLog));
  expect(leaks).toEqual([]);
});
