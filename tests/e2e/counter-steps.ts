import type { Page } from '@playwright/test';
import type { Role } from '../../shared/contract/host-contract';
import { expect, type CounterFixture } from '../harness/fixtures';

/** The device's first account, made at first start; it creates the others. */
export const ADMIN = { clerkId: 'M001', name: '赵管理', pin: '975310' };
export const CLERK = { clerkId: 'A001', name: '王窗口', pin: '246810' };
export const APPLICANT = { name: '张晓明', idNumber: '11010519491231002X' };

/**
 * First start of the counter through its own screens: device, the first administrator, who signs in
 * and creates the clerk's account (账户管理), signs out; the clerk signs in.
 */
export const setUpCounterThroughUi = async (
  page: Page,
  counter: CounterFixture,
  /** What the administrator does before signing out (say, choose the printer): the clerk may not. */
  whileAdministrator?: (page: Page) => Promise<void>,
): Promise<void> => {
  await page.goto(counter.url);
  await page.getByLabel('窗口编号').fill('C01');
  await page.getByLabel('办理机构名称').fill('某市人力资源和社会保障局政务服务大厅');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('heading', { name: '创建设备管理员账号' })).toBeVisible();
  await page.getByLabel('工号').fill(ADMIN.clerkId);
  await page.getByLabel('姓名').fill(ADMIN.name);
  await page.getByLabel('6位数字密码').fill(ADMIN.pin);
  await page.getByLabel('再次输入密码').fill(ADMIN.pin);
  await page.getByRole('button', { name: '创建账号' }).click();
  await signIn(page, ADMIN);
  await expect(page.getByTestId('signed-in-role')).toHaveText('设备管理员');
  await createAccountThroughUi(page, CLERK, '窗口人员');
  await page.keyboard.press('Escape');
  if (whileAdministrator) await whileAdministrator(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page);
};

/** The administrator, signed in, creates an account on the 账户管理 page. */
export const createAccountThroughUi = async (page: Page, account: typeof CLERK, roleLabel: string): Promise<void> => {
  await page.getByRole('button', { name: '账户管理' }).click();
  const form = page.getByRole('form', { name: '新增账号' });
  await form.getByLabel('工号').fill(account.clerkId);
  await form.getByLabel('姓名').fill(account.name);
  await form.getByLabel('角色').selectOption({ label: roleLabel });
  await form.getByLabel('6位数字密码').fill(account.pin);
  await form.getByLabel('再次输入密码').fill(account.pin);
  await form.getByRole('button', { name: '创建账号' }).click();
  await expect(page.getByText(`已创建账号：${account.clerkId}（${roleLabel}）。`)).toBeVisible();
};

/**
 * Device, administrator and clerk prepared through the host (the administrator's session in main
 * creates the clerk, then ends), without the UI.
 */
export const prepareAccounts = async (counter: CounterFixture, agencyName = '某市人社局政务服务大厅'): Promise<void> => {
  const configured = await counter.handlers.configureDevice({ counterId: 'C01', agencyName });
  expect(configured.ok).toBe(true);
  expect((await counter.handlers.createAdministrator(ADMIN)).ok).toBe(true);
  await addAccount(counter, CLERK, 'clerk');
};

/** An account the administrator creates through the host; whatever session was open ends. */
export const addAccount = async (counter: CounterFixture, account: typeof CLERK, role: Role): Promise<void> => {
  expect((await counter.handlers.signIn({ clerkId: ADMIN.clerkId, pin: ADMIN.pin })).ok).toBe(true);
  const created = await counter.handlers.createAccount({ ...account, role });
  expect(created.ok).toBe(true);
  expect((await counter.handlers.signOut({})).ok).toBe(true);
};

/**
 * Device and clerk prepared through the host (as an administrator would), then the UI sign-in of
 * `account` — the administrator where a test also changes what only they may (the printer).
 */
export const prepareCounter = async (page: Page, counter: CounterFixture, agencyName = '某市人社局政务服务大厅', account = CLERK): Promise<void> => {
  await prepareAccounts(counter, agencyName);
  await page.goto(counter.url);
  await signIn(page, account);
};

/**
 * The administrator signed in with this device's printer chosen on 打印设置 (only they may choose it):
 * the start of every test that prints to the private spooler.
 */
export const prepareWithPrinter = async (page: Page, counter: CounterFixture, printer: string): Promise<void> => {
  await prepareCounter(page, counter, undefined, ADMIN);
  await page.getByRole('button', { name: '打印设置' }).click();
  await page.getByTestId(`printer-${printer}`).getByRole('button', { name: '使用此打印机' }).click();
  await page.keyboard.press('Escape');
};

export const signIn = async (page: Page, account = CLERK): Promise<void> => {
  await expect(page.getByRole('heading', { name: '窗口人员登录' })).toBeVisible();
  await page.getByLabel('工号').fill(account.clerkId);
  await page.getByLabel('6位数字密码').fill(account.pin);
  await page.getByLabel('6位数字密码').press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toContainText(account.name);
};

/** New case from the keyboard: F2, type part of the matter's name, Enter. */
export const startCase = async (page: Page, matterQuery: string): Promise<void> => {
  await page.keyboard.press('F2');
  const search = page.getByRole('combobox');
  await expect(search).toBeFocused();
  await search.fill(matterQuery);
  await search.press('Enter');
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
};

export const enterApplicant = async (page: Page, applicant = APPLICANT): Promise<void> => {
  await page.locator('#applicantName').fill(applicant.name);
  await page.locator('#idNumber').fill(applicant.idNumber);
  await page.locator('#idNumber').press('Enter');
};

/** The headings and paragraphs of the notification page the applicant sees. */
const screenTexts = (applicantPage: Page): Promise<string[]> =>
  applicantPage.locator('.notice-section h3, .notice-section p').allInnerTexts();

/**
 * The applicant turns the remaining pages of the notification, then chooses. Returns the texts the
 * applicant was shown, so a test can find them in the printed letter.
 */
export const readNotificationAndChoose = async (applicantPage: Page, choice: 'commit' | 'proof'): Promise<string[]> => {
  const pageNumber = applicantPage.getByTestId('applicant-page-number');
  await expect(pageNumber).toContainText(/第 \d+ 页 \/ 共 \d+ 页/);
  const [, current, total] = (await pageNumber.textContent())!.match(/第 (\d+) 页 \/ 共 (\d+) 页/)!.map(Number);
  const shown = await screenTexts(applicantPage);
  for (let page = current!; page < total!; page += 1) {
    await applicantPage.getByRole('button', { name: '下一页' }).click();
    await expect(pageNumber).toContainText(`第 ${page + 1} 页`);
    shown.push(...(await screenTexts(applicantPage)));
  }
  await applicantPage
    .getByRole('button', { name: choice === 'commit' ? '我承诺，签署告知承诺书' : '我不承诺，按原方式提交证明材料' })
    .click();
  // Not committing is asked once more, in plain words.
  if (choice === 'proof') await applicantPage.getByRole('button', { name: '确定，我不承诺' }).click();
  return shown;
};

/** Writes two strokes on the signature canvas with the mouse (a device without real pressure). */
export const drawSignature = async (applicantPage: Page): Promise<void> => {
  const canvas = applicantPage.getByTestId('signature-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('signature canvas not visible');
  const stroke = async (points: [number, number][]) => {
    const [first, ...rest] = points;
    await applicantPage.mouse.move(box.x + first![0], box.y + first![1]);
    await applicantPage.mouse.down();
    for (const [x, y] of rest) await applicantPage.mouse.move(box.x + x, box.y + y, { steps: 6 });
    await applicantPage.mouse.up();
  };
  await stroke([[60, 120], [120, 60], [180, 130], [240, 70]]);
  await stroke([[300, 60], [300, 150], [360, 100]]);
};

/** The applicant signs on their screen and confirms: the commitment, or the proof list of the proof route. */
export const signOnApplicantScreen = async (applicantPage: Page): Promise<void> => {
  await drawSignature(applicantPage);
  await applicantPage.getByRole('button', { name: '确认签名' }).click();
};

/** The drafts of cases in progress exactly as IndexedDB holds them (personal part sealed), read from the page. */
export const sealedDrafts = <Row = { draftId: string; sealed?: string }>(page: Page): Promise<Row[]> =>
  page.evaluate(async () => {
    const request = indexedDB.open('commitment-counter');
    const db = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    const rows = await new Promise<unknown[]>((resolve) => {
      const all = db.transaction('drafts').objectStore('drafts').getAll();
      all.onsuccess = () => resolve(all.result);
    });
    db.close();
    return rows as never;
  });

/** The drafts of cases in progress, opened by main for the signed-in session as the app opens them. */
export const storedDrafts = async <Row = { draft: { matter: { name: string } | null } }>(page: Page): Promise<Row[]> => {
  const rows = await sealedDrafts<{ draftId: string; sealed?: string }>(page);
  return page.evaluate(
    async (stored) =>
      Promise.all(
        stored.map(async (row) => {
          if (row.sealed === undefined) return row;
          const host = (window as unknown as { host: { revealDraft(arg: object): Promise<{ ok: boolean; value?: { data: object } }> } }).host;
          const opened = await host.revealDraft({ draftId: row.draftId, sealed: row.sealed });
          if (!opened.ok || !opened.value) throw new Error('revealDraft refused');
          return { ...row, ...opened.value.data };
        }),
      ) as never,
    rows,
  );
};

/** A proof-route case from the keyboard to its sealed record (one-page letter, signed proof list); its case number. */
export const sealProofCase = async (page: Page, applicantPage: Page): Promise<string> => {
  await startCase(page, '测绘');
  await enterApplicant(page);
  await readNotificationAndChoose(applicantPage, 'proof');
  await signOnApplicantScreen(applicantPage);
  await page.getByRole('button', { name: '确认归档' }).click();
  return (await page.getByTestId('case-number').textContent())!;
};

/** On the done screen: Ctrl+P to 已打印, then a 补打 for a lost letter, made and announced. */
export const printThenMakeReprint = async (page: Page, caseNumber: string): Promise<void> => {
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-status')).toContainText('已打印');
  await page.getByRole('button', { name: '补打' }).click();
  await page.getByLabel('申请人遗失').check();
  await page.getByRole('button', { name: '生成补打件' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${caseNumber}.reprint-1.pdf` })).toBeVisible();
};
