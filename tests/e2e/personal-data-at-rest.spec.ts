import type { Page } from '@playwright/test';
import { test, expect } from '../harness/fixtures';
import { APPLICANT, drawSignature, prepareCounter, readNotificationAndChoose, sealedDrafts, startCase, storedDrafts } from './counter-steps';

/**
 * Personal data of a case in progress is sealed by main before it reaches IndexedDB
 * (renderer/db/draft-repository.ts): the rows the browser keeps on disk hold neither the applicant's
 * name nor the ID number nor the strokes, and the case still resumes after a reload.
 */
test.use({ displayMode: 'second-display' });

/** Everything IndexedDB holds of the drafts, as one text to search. */
const rawDrafts = async (page: Page): Promise<string> => JSON.stringify(await sealedDrafts(page));

const expectNothingInClear = async (page: Page): Promise<void> => {
  const raw = await rawDrafts(page);
  expect(raw).toContain('"sealed":"pd1.');
  for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.idNumber.toLowerCase(), '13800138000']) expect(raw).not.toContain(secret);
  // Neither the form, the draft, nor the strokes as fields.
  expect(raw).not.toMatch(/"(applicantForm|draft|signatureInProgress|points)"/);
};

test('the drafts in IndexedDB hold no name, ID number, phone or strokes in clear; the case resumes after a reload', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  const applicantPage = await counter.openApplicantWindow(context);
  await startCase(page, '测绘');

  await page.locator('#applicantName').fill(APPLICANT.name);
  await page.locator('#idNumber').fill(APPLICANT.idNumber);
  await page.locator('#phone').fill('13800138000');
  // Saved (main opens what was typed) ...
  await expect.poll(async () => (await storedDrafts<{ applicantForm: { phone?: string } | null }>(page))[0]?.applicantForm?.phone).toBe('13800138000');
  // ... and only sealed.
  await expectNothingInClear(page);
  await page.reload();
  await expect(page.locator('#applicantName')).toHaveValue(APPLICANT.name);
  await expect(page.locator('#idNumber')).toHaveValue(APPLICANT.idNumber);

  await page.locator('#idNumber').press('Enter');
  await readNotificationAndChoose(applicantPage, 'commit');
  await drawSignature(applicantPage);
  await expect.poll(async () => (await storedDrafts<{ signatureInProgress: unknown[] | null }>(applicantPage))[0]?.signatureInProgress?.length).toBe(2);
  await expectNothingInClear(applicantPage);

  // Both windows reload: the strokes come back on the applicant's screen and can be confirmed.
  await applicantPage.reload();
  await page.reload();
  await applicantPage.getByRole('button', { name: '确认签名' }).click();
  await expect(applicantPage.getByText('签名已完成')).toBeVisible();
  await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
  await expectNothingInClear(page);
});

test('a draft left in clear by an older version is sealed once its clerk is signed in, and still resumes', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  await startCase(page, '测绘');
  await page.locator('#applicantName').fill(APPLICANT.name);
  await expect.poll(async () => (await storedDrafts<{ applicantForm: { name?: string } | null }>(page))[0]?.applicantForm?.name).toBe(APPLICANT.name);

  // The row as the database held it before drafts were sealed (what version 4's upgrade leaves).
  const [opened] = await storedDrafts<Record<string, unknown> & { draft: { step: string } }>(page);
  const { sealed: _sealed, ...clear } = opened!;
  const legacy = { ...clear, step: opened!.draft.step, version: 0 };
  await page.evaluate(async (row) => {
    const request = indexedDB.open('commitment-counter');
    const db = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, legacy);
  expect(await rawDrafts(page)).toContain(APPLICANT.name);

  // Home, after a reload (the session is main's): the pass seals it, and the list still names the applicant.
  await page.evaluate(() => sessionStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { name: '办理中的案件' })).toBeVisible();
  await expect.poll(async () => (await rawDrafts(page)).includes(APPLICANT.name)).toBe(false);
  await expectNothingInClear(page);
  await expect(page.locator('.draft-list')).toContainText(APPLICANT.name);
  await page.getByRole('button', { name: '继续办理' }).click();
  await expect(page.locator('#applicantName')).toHaveValue(APPLICANT.name);
});
