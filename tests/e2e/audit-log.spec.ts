import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_LOG_FILE, parseAuditLog } from '../../electron/services/audit-log';
import { test, expect } from '../harness/fixtures';
import { ADMIN, APPLICANT, enterApplicant, readNotificationAndChoose, signOnApplicantScreen, startCase, prepareWithPrinter } from './counter-steps';

/**
 * Main's audit log through a real session: signing in, a case sealed, its letter printed through the
 * private CUPS, signing out. The log file in the archive holds those entries in order, each under
 * the account and role main's session had — the renderer named neither — and the chain is whole.
 */
test.use({ displayMode: 'second-display', spooler: true });

test('sign-in, a case, a print and sign-out are in main’s audit log, in order, under the session’s account', async ({ page, context, counter }) => {
  const cups = counter.cups!;
  await prepareWithPrinter(page, counter, cups.queues.pdf);
  const applicantPage = await counter.openApplicantWindow(context);
  await startCase(page, '测绘');
  await enterApplicant(page, APPLICANT);
  await readNotificationAndChoose(applicantPage, 'commit');
  await signOnApplicantScreen(applicantPage);
  await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
  await page.keyboard.press('Control+Enter');
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-status')).toContainText('已打印');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '窗口人员登录' })).toBeVisible();

  const parsed = parseAuditLog(await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8'));
  expect(parsed.problems).toEqual([]);
  // From the administrator's last sign-in (the fixture's account setup signs in before it).
  const from = parsed.entries.map((entry) => entry.action).lastIndexOf('clerk.sign_in');
  const session = parsed.entries.slice(from);
  const steps = ['clerk.sign_in', 'printer.choose', 'case.start', 'case.seal', 'letter.archive', 'letter.print', 'clerk.sign_out'];
  expect(session.filter((entry) => steps.includes(entry.action)).map((entry) => entry.action)).toEqual(steps);
  expect(session.map((entry) => entry.action)).toContain('letter.print_done');
  for (const entry of session) expect(entry.actor, entry.action).toEqual({ accountId: ADMIN.clerkId, role: 'administrator' });
  const subjectOf = (action: string) => session.find((entry) => entry.action === action)?.subject;
  expect(subjectOf('case.seal')).toBe(caseNumber);
  expect(subjectOf('letter.print')).toContain(caseNumber);
});
