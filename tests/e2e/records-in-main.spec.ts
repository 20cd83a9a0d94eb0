import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AUDIT_LOG_FILE, parseAuditLog } from '../../electron/services/audit-log';
import { test, expect } from '../harness/fixtures';
import { addAccount, prepareCounter, sealProofCase, signIn } from './counter-steps';

test.use({ displayMode: 'second-display' });

const SUPERVISOR = { clerkId: 'S003', name: '周负责', pin: '864200' };

test('the records are main’s: with the renderer’s database gone, the list, the search and the case numbers go on', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  const applicantPage = await counter.openApplicantWindow(context);
  const first = await sealProofCase(page, applicantPage);
  expect(first).toMatch(/-0001$/);

  // The renderer's IndexedDB deleted (a new profile, a wiped cache): nothing of the chain was in it.
  await applicantPage.close();
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        indexedDB.databases().then((all) => {
          let left = all.length;
          if (left === 0) resolve();
          for (const { name } of all) {
            const request = indexedDB.deleteDatabase(name!);
            request.onsuccess = () => (left -= 1) === 0 && resolve();
            request.onerror = () => reject(request.error);
          }
        }, reject);
      }),
  );
  await page.reload();
  // The session is main's too: the reload finds the clerk still signed in.
  await expect(page.getByTestId('signed-in-clerk')).toContainText('王窗口');
  // Back on the sealed case: its letter row rebuilt from main's ledger, not "not archived".
  await expect(page.getByTestId('print-status')).toContainText('未打印');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('table')).toContainText(first);
  await page.getByLabel('按证件号码查找').fill('11010519491231002x');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await expect(page.getByRole('heading', { name: '查找结果：1 件' })).toBeVisible();

  const second = await sealProofCase(page, await counter.openApplicantWindow(context));
  expect(second).toBe(first.replace(/0001$/, '0002'));
});

test('a supervisor voids a sealed case with a reason: the case stays, marked 已作废, and its letter is no longer printed', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  await addAccount(counter, SUPERVISOR, 'supervisor');
  await page.reload();
  await signIn(page);
  const applicantPage = await counter.openApplicantWindow(context);
  const caseNumber = await sealProofCase(page, applicantPage);
  // A clerk is offered no void.
  await expect(page.getByRole('button', { name: '作废本案件' })).toHaveCount(0);

  await page.getByRole('button', { name: '退出登录' }).first().click();
  await signIn(page, SUPERVISOR);
  await page.getByRole('row', { name: new RegExp(caseNumber) }).getByRole('button', { name: '查看' }).click();
  // On the smallest counter display, the void form and its buttons in view (screenshot to look at).
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: '作废本案件' }).click();
  await expect(page.getByRole('button', { name: '确认作废' })).toBeInViewport();
  await page.screenshot({ path: 'test-results/screens/void-1024x768-form.png' });
  await page.getByRole('radio', { name: '其他' }).check();
  await page.getByRole('button', { name: '确认作废' }).click();
  // “其他” without a note: refused, the choice kept.
  await expect(page.getByRole('alert')).toContainText('请在说明中写明原因');
  await expect(page.getByRole('radio', { name: '其他' })).toBeChecked();
  await page.getByRole('radio', { name: '信息录入错误' }).check();
  await page.getByRole('button', { name: '确认作废' }).click();
  await expect(page.getByTestId('voided')).toContainText(`作废记录 ${caseNumber.replace(/0001$/, '0002')}`);
  await expect(page.getByTestId('voided')).toContainText('信息录入错误');
  await page.screenshot({ path: 'test-results/screens/void-1024x768-voided.png' });
  await expect(page.getByRole('main').getByRole('button', { name: /打印|补打/ })).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('row', { name: new RegExp(caseNumber) })).toContainText('已作废');
  const { entries: audit } = parseAuditLog(await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8'));
  const entries = audit.map((entry) => [entry.action, entry.actor?.accountId, entry.subject]);
  expect(entries).toContainEqual(['case.void', SUPERVISOR.clerkId, caseNumber]);
});

test('records the renderer kept before main sealed them are dropped from IndexedDB once main holds them; one main lacks is kept', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  const caseNumber = await sealProofCase(page, await counter.openApplicantWindow(context));
  const held = await counter.handlers.sealedRecord({ caseNumber });
  if (!held.ok) throw new Error(held.error.code);
  const row = (record: typeof held.value, number: string, sequence: number, hash = record.hash) => ({
    caseNumber: number, sequence, hash, counterId: 'C01', day: '2026-12-02', idNumber: record.applicant.idNumber, sealedAt: record.timestamps.sealedAt, record: { ...record, caseNumber: number },
  });
  // As an older version left them: the record main holds, and one it never got (its only copy).
  const legacy = [row(held.value, caseNumber, 1), row(held.value, 'C01-20261101-0001', 99, 'f'.repeat(64))];
  const rowsInDatabase = () =>
    page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('commitment-counter');
          open.onsuccess = () => {
            const request = open.result.transaction('records').objectStore('records').getAllKeys();
            request.onsuccess = () => {
              resolve(request.result.map(String));
              open.result.close();
            };
          };
        }),
    );
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('commitment-counter');
        open.onsuccess = () => {
          const transaction = open.result.transaction('records', 'readwrite');
          for (const item of rows) transaction.objectStore('records').put(item);
          transaction.oncomplete = () => {
            open.result.close();
            resolve();
          };
          transaction.onabort = () => reject(transaction.error);
        };
      }),
    legacy,
  );
  expect((await rowsInDatabase()).sort()).toEqual(['C01-20261101-0001', caseNumber].sort());
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('signed-in-clerk')).toContainText('王窗口');
  await expect.poll(rowsInDatabase).toEqual(['C01-20261101-0001']);
});
