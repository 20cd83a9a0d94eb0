import { join } from 'node:path';
import { defaultCatalog as activeCatalog } from '../../shared/catalog/default-catalog';
import { test, expect } from '../harness/fixtures';
import { expectSealedOnDisk, openedLetterFile } from '../harness/archived-letter';
import { pdfText, squeeze } from '../harness/pdf-text';
import { APPLICANT, enterApplicant, prepareCounter, readNotificationAndChoose, signIn, signOnApplicantScreen, startCase } from './counter-steps';

test.use({ displayMode: 'second-display' });

test('a bad ID number is refused with the specific message and the form keeps what was typed', async ({ page, counter }) => {
  await prepareCounter(page, counter);
  await startCase(page, '测绘');
  const idError = page.locator('#idNumber-error');

  await enterApplicant(page, { name: APPLICANT.name, idNumber: '110105194912310' + '02' });
  await expect(idError).toContainText('现在是17位');

  await enterApplicant(page, { name: APPLICANT.name, idNumber: '110105194912310021' });
  await expect(idError).toContainText('校验');

  await enterApplicant(page, { name: APPLICANT.name, idNumber: '110105194902300023' });
  await expect(idError).toContainText('出生日期');

  // A character no letter font has would make the letter unprintable after sealing: refused now.
  await enterApplicant(page, { name: '张😀', idNumber: APPLICANT.idNumber });
  await expect(page.locator('#applicantName-error')).toContainText('“😀”无法在承诺书上打印');
  // Enter was pressed in the ID field: the cursor moves to the field in error, ready for the correction.
  await expect(page.locator('#applicantName')).toBeFocused();

  await enterApplicant(page, { name: APPLICANT.name, idNumber: '110105194902300023' });
  await expect(page.locator('#applicantName')).toHaveValue(APPLICANT.name);
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible();
  expect(counter.applicantScreenOpens).toBe(0);

  // The guardian route needs the guardian's details, checked the same way.
  await page.getByLabel('申请人无民事行为能力或无法书写，由法定监护人代为承诺').check();
  await enterApplicant(page);
  await expect(page.locator('#guardianName-error')).toHaveText('请填写姓名。');
  await expect(page.locator('#guardianName')).toBeFocused();
  await expect(page.locator('#guardianRelation-error')).toContainText('关系');
});

test('the proof route is sealed as a record with a printable list of the proofs to bring, a name outside the BMP included', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  const applicantPage = await counter.openApplicantWindow(context);
  await startCase(page, '测绘');
  // 𠮷 (U+20BB7) is beyond jsPDF's own fonts: the letter fetches the extension font for it.
  await enterApplicant(page, { ...APPLICANT, name: '𠮷田晓明' });
  await readNotificationAndChoose(applicantPage, 'proof');
  // The applicant signs the proof list that records the choice: it is shown to them in full first.
  await expect(applicantPage.getByRole('heading', { name: '证明材料提交清单' })).toBeVisible();
  await expect(applicantPage.getByText('自愿选择不作承诺，按原方式提交以下证明材料')).toBeVisible();
  await expect(applicantPage.getByText('提交地点：本地事项目录未作规定')).toBeVisible();
  await signOnApplicantScreen(applicantPage);
  await expect(applicantPage.getByText('已记录您的选择')).toBeVisible();

  await expect(page.getByTestId('review-outcome')).toHaveText('申请人选择按原方式提交证明材料');
  await page.getByRole('button', { name: '确认归档' }).click();
  await expect(page.getByRole('heading', { name: /已记录：申请人按原方式提交证明材料/ })).toBeVisible();
  const number = (await page.getByTestId('case-number').textContent())!;

  const day = `${number.slice(4, 8)}-${number.slice(8, 10)}-${number.slice(10, 12)}`;
  const archived = join(counter.archiveDir, day, 'C01', `${number}.pdf`);
  // Sealed at rest (the name with its supplementary-plane character included); read through main.
  await expectSealedOnDisk(archived, ['𠮷田晓明']);
  const text = await pdfText(await openedLetterFile(counter, archived));
  const matter = activeCatalog.matters.find((candidate) => candidate.name.includes('测绘'))!;
  for (const proof of matter.proofs) expect(text).toContain(squeeze(proof.name));
  expect(text).toContain(number);
  expect(text).toContain('𠮷田晓明');
  expect(text).toContain('申请人（签名）：');
  expect(text).toContain('办理机构（盖章）');

  // Today's list shows it; the ID search finds it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('cell', { name: number })).toBeVisible();
  // Typed with a Chinese input method's full-width digits and a space: the same number, found the same.
  const fullWidth = APPLICANT.idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  await page.getByLabel('按证件号码查找').fill(`${fullWidth.slice(0, 6)} ${fullWidth.slice(6)}`);
  await page.getByLabel('按证件号码查找').press('Enter');
  await expect(page.getByRole('heading', { name: '查找结果：1 件' })).toBeVisible();
  await expect(page.getByRole('region', { name: '查找结果：1 件' }).getByRole('cell', { name: number })).toBeVisible();
  await page.getByLabel('按证件号码查找').fill(APPLICANT.idNumber.toLowerCase());
  await page.getByLabel('按证件号码查找').press('Enter');
  await expect(page.getByRole('heading', { name: '查找结果：1 件' })).toBeVisible();
});

test('a letter that cannot be archived (disk full) leaves the sealed record intact and is archived on retry', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
  const applicantPage = await counter.openApplicantWindow(context);
  await startCase(page, '测绘');
  await enterApplicant(page);
  await readNotificationAndChoose(applicantPage, 'proof');
  await signOnApplicantScreen(applicantPage);
  // Twice: at sealing, and at the retry the home screen makes when it opens; the disk is freed after.
  counter.failNext('archiveLetter', { code: 'DISK_FULL', key: 'host.error.disk_full' }, 2);
  await page.getByRole('button', { name: '确认归档' }).click();

  await expect(page.getByText('案件已确认归档，但文书文件尚未写入存档目录')).toBeVisible();
  const number = (await page.getByTestId('case-number').textContent())!;
  await page.keyboard.press('Escape');
  const row = page.getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('未归档');

  // Signing in again retries every letter not yet archived.
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page);
  await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('已归档，未打印');
});
