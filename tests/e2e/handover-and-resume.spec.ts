import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { AUDIT_LOG_FILE, parseAuditLog } from '../../electron/services/audit-log';
import { test, expect } from '../harness/fixtures';
import { addAccount, CLERK, drawSignature, enterApplicant, prepareCounter, readNotificationAndChoose, startCase, storedDrafts } from './counter-steps';

test.describe('one display: hand-over mode', () => {
  test.use({ displayMode: 'handover' });

  test('the window faces the applicant until the clerk PIN takes it back, even across a reload', async ({ page, counter }) => {
    await prepareCounter(page, counter);
    await startCase(page, '经济');
    await enterApplicant(page);

    // The same window now shows only the applicant's screen.
    await expect(page.getByTestId('applicant-page-number')).toContainText('第 1 页');
    await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);

    // A reload does not drop the applicant onto the clerk's screens.
    await page.reload();
    await expect(page.getByTestId('applicant-page-number')).toContainText('第 1 页');
    await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);

    await readNotificationAndChoose(page, 'commit');
    await drawSignature(page);
    await page.getByRole('button', { name: '确认签名' }).click();
    await expect(page.getByText('请将屏幕交还工作人员。')).toBeVisible();

    // Esc closes the panel.
    await page.getByRole('button', { name: '工作人员' }).click();
    await expect(page.getByLabel('工作人员密码')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('工作人员密码')).toHaveCount(0);

    // An empty PIN is asked for in words; a wrong PIN keeps the lock, with a message about the PIN.
    await page.getByRole('button', { name: '工作人员' }).click();
    await page.getByLabel('工作人员密码').press('Enter');
    await expect(page.locator('.unlock [role=alert]')).toHaveText('请输入6位数字密码。');
    const wrongPin = async () => {
      await page.getByLabel('工作人员密码').fill('000000');
      await page.getByLabel('工作人员密码').press('Enter');
      // The field is emptied when the answer arrives.
      await expect(page.getByLabel('工作人员密码')).toHaveValue('');
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await wrongPin();
      await expect(page.locator('.unlock [role=alert]')).toHaveText('密码不正确，请重新输入。');
    }
    // More wrong PINs make the panel wait — and never lock the clerk's own account.
    await wrongPin();
    await expect(page.locator('.unlock [role=alert]')).toContainText('秒后再试');
    await expect(page.getByTestId('signed-in-clerk')).toHaveCount(0);
    expect((await counter.handlers.signIn({ clerkId: CLERK.clerkId, pin: CLERK.pin })).ok).toBe(true);
    // A supervisor ends the wait with their own 工号 and PIN; the clerk's own are refused for that.
    const supervisor = { clerkId: 'B002', name: '李负责', pin: '731946' };
    // The administrator creates the 负责人's account; the clerk's session in main is then opened again.
    await addAccount(counter, supervisor, 'supervisor');
    expect((await counter.handlers.signIn({ clerkId: CLERK.clerkId, pin: CLERK.pin })).ok).toBe(true);
    await page.getByRole('button', { name: '请负责人解除等待' }).click();
    await page.getByLabel('负责人工号').fill(CLERK.clerkId);
    await page.getByLabel('负责人密码').fill(CLERK.pin);
    await page.getByLabel('负责人密码').press('Enter');
    await expect(page.locator('.unlock--release [role=alert]')).toHaveText('解除等待需要另一名工作人员（负责人）的工号和密码，不能由本人解除。');
    await page.getByLabel('负责人工号').fill(supervisor.clerkId);
    await page.getByLabel('负责人密码').fill(supervisor.pin);
    await page.screenshot({ path: 'test-results/screens/handover-release.png' });
    await page.getByLabel('负责人密码').press('Enter');
    await expect(page.locator('.unlock [role=alert]')).toHaveText('等待已解除，请工作人员输入自己的密码。');
    // Main logs the release under the supervisor whose PIN it checked, the waiting clerk as subject.
    const audit = parseAuditLog(await readFile(path.join(counter.archiveDir, AUDIT_LOG_FILE), 'utf8')).entries;
    expect(audit.filter((entry) => entry.action === 'handover.release').map((entry) => [entry.actor?.accountId, entry.subject])).toEqual([['B002', CLERK.clerkId]]);

    await page.getByLabel('工作人员密码').fill(CLERK.pin);
    await page.getByLabel('工作人员密码').press('Enter');
    await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('case-number')).toHaveText(/^C01-\d{8}-0001$/);
  });
});

interface SavedDraft {
  applicantForm: { idNumber?: string } | null;
  signatureInProgress: unknown[] | null;
}

/**
 * The case in progress as IndexedDB holds it. Each save is a transaction of a few ms: a test reloads
 * once it has committed, as no hand at a counter can be faster than that.
 */
const savedDraft = async (page: Page): Promise<SavedDraft | null> => (await storedDrafts<SavedDraft>(page))[0] ?? null;

test.describe('crash and reload', () => {
  test.use({ displayMode: 'second-display' });

  test('a reload in the middle of a case resumes it with what was typed and where the applicant was', async ({ page, context, counter }) => {
    await prepareCounter(page, counter);
    const applicantPage = await counter.openApplicantWindow(context);
    await startCase(page, '测绘');

    // Typed but not yet submitted: survives a reload.
    await page.locator('#applicantName').fill('李四');
    await page.locator('#idNumber').fill('1101051949123');
    await expect.poll(async () => (await savedDraft(page))?.applicantForm?.idNumber).toBe('1101051949123');
    await page.reload();
    await expect(page.locator('#applicantName')).toHaveValue('李四');
    await expect(page.locator('#idNumber')).toHaveValue('1101051949123');

    await page.locator('#idNumber').fill('11010519491231002X');
    await page.locator('#idNumber').press('Enter');
    await applicantPage.getByRole('button', { name: '下一页' }).click();
    await expect(applicantPage.getByTestId('applicant-page-number')).toContainText('第 2 页');

    // Both windows reload (a power cut would restart both): the case is where it was.
    await applicantPage.reload();
    await page.reload();
    await expect(applicantPage.getByTestId('applicant-page-number')).toContainText('第 2 页');
    await expect(page.getByTestId('applicant-progress')).toContainText('第 2 / 4 页');

    // A signature drawn but not confirmed is redrawn after a reload, and can be confirmed.
    await readNotificationAndChoose(applicantPage, 'commit');
    await drawSignature(applicantPage);
    await expect.poll(async () => (await savedDraft(applicantPage))?.signatureInProgress?.length).toBe(2);
    await applicantPage.reload();
    await applicantPage.getByRole('button', { name: '确认签名' }).click();
    await expect(applicantPage.getByText('签名已完成')).toBeVisible();
  });

  test('a signed-out clerk finds the case in progress on the home screen', async ({ page, counter }) => {
    await prepareCounter(page, counter);
    await startCase(page, '测绘');
    await page.getByLabel('申请人姓名').fill('赵六');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('工号').fill(CLERK.clerkId);
    await page.getByLabel('6位数字密码').fill(CLERK.pin);
    await page.getByLabel('6位数字密码').press('Enter');
    await expect(page.getByRole('heading', { name: '办理中的案件' })).toBeVisible();
    await page.getByRole('button', { name: '继续办理' }).click();
    await expect(page.getByLabel('申请人姓名')).toHaveValue('赵六');
  });
});
