import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readRecordFile } from '../../electron/services/evidence/signed-record';
import { sealedRecordSchema } from '../../shared/domain/sealed-record';
import { recordHash } from '../../shared/domain/seal';
import { defaultCatalog as activeCatalog } from '../../shared/catalog/default-catalog';
import { templates } from '../../shared/letter/template-registry';
import { test, expect } from '../harness/fixtures';
import { expectSealedOnDisk, openArchivedLetter, openedLetterFile } from '../harness/archived-letter';
import { pdfText, squeeze } from '../harness/pdf-text';
import { APPLICANT, drawSignature, enterApplicant, readNotificationAndChoose, setUpCounterThroughUi, startCase } from './counter-steps';

test.use({ displayMode: 'second-display' });

test('a clerk serves an applicant from first start to an archived, signed letter', async ({ page, context, counter }) => {
  await setUpCounterThroughUi(page, counter);
  const applicantPage = await counter.openApplicantWindow(context);
  await expect(applicantPage.getByText('您好，欢迎办理')).toBeVisible();

  await startCase(page, '测绘');
  await enterApplicant(page);

  // The clerk follows the applicant's reading on their own screen.
  await expect(page.getByTestId('applicant-progress')).toContainText('第 1 / 4 页');
  await expect.poll(() => counter.applicantScreenOpens).toBe(1);
  await applicantPage.getByRole('button', { name: '下一页' }).click();
  await expect(page.getByTestId('applicant-progress')).toContainText('第 2 / 4 页');

  const notificationOnScreen = await readNotificationAndChoose(applicantPage, 'commit');
  // The ID number is masked on the applicant's screen until the applicant shows it to check it.
  await expect(applicantPage.getByText('本人张晓明（居民身份证：110***********002X）')).toBeVisible();
  await applicantPage.getByRole('button', { name: '显示完整证件号码以便核对' }).click();
  await expect(applicantPage.getByText('本人张晓明（居民身份证：11010519491231002X）')).toBeVisible();
  const commitmentOnScreen = await applicantPage.locator('.commitment-text p').allInnerTexts();
  // The opening, the six commitments, and how many copies are made and who keeps them.
  expect(commitmentOnScreen).toHaveLength(8);
  expect(commitmentOnScreen.at(-1)).toBe('本告知承诺书一式两份，申请人和办理机构各执一份。');
  await expect(page.getByTestId('applicant-progress')).toContainText('等待申请人签名');

  // An empty signature is refused with a message, and nothing moves on.
  await applicantPage.getByRole('button', { name: '确认签名' }).click();
  await expect(applicantPage.getByRole('alert')).toHaveText('还没有签名，请在框内签写您的姓名。');

  await drawSignature(applicantPage);
  await applicantPage.getByRole('button', { name: '清除重签' }).click();
  await drawSignature(applicantPage);
  await applicantPage.getByRole('button', { name: '确认签名' }).click();
  await expect(applicantPage.getByText('签名已完成')).toBeVisible();

  await expect(page.getByRole('heading', { name: '核对并确认归档' })).toBeVisible();
  await expect(page.getByTestId('review-outcome')).toHaveText('申请人选择承诺，已签名');
  await page.keyboard.press('Control+Enter');

  const caseNumber = page.getByTestId('case-number');
  await expect(caseNumber).toHaveText(/^C01-\d{8}-0001$/);
  const number = (await caseNumber.textContent())!;
  // The archived letter is drawn page by page (canvases, no PDF viewer), once it is known to be the archive's.
  await expect(page.getByTestId('letter-preview')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('letter-page').first()).toBeVisible();
  await expect(applicantPage.getByText('您好，欢迎办理')).toBeVisible();

  // The archive holds the letter and the record; the record verifies and the letter reads back.
  const day = `${number.slice(4, 8)}-${number.slice(8, 10)}-${number.slice(10, 12)}`;
  const folder = join(counter.archiveDir, day, 'C01');
  // Signed and encrypted by main: the chain view in clear beside the envelope, no personal data.
  const recordBytes = await readFile(join(folder, `${number}.record.json`));
  const file = readRecordFile(recordBytes);
  expect(file.kind).toBe('sealed');
  for (const secret of [APPLICANT.name, APPLICANT.idNumber, '"strokes"']) expect(recordBytes.toString('utf8')).not.toContain(secret);
  // The record itself, as main opens it with the data key for the signed-in clerk.
  const opened = await counter.handlers.sealedRecord({ caseNumber: number });
  const record = sealedRecordSchema.parse(opened.ok ? opened.value : null);
  expect(file.kind === 'sealed' && file.chain.hash).toBe(record.hash);
  const { hash, ...body } = record;
  expect(await recordHash(body)).toBe(hash);
  expect(record.outcome).toBe('committed');
  expect(record.signatureClears).toBe(1);
  expect(record.signature?.pressureSupported).toBe(false);
  expect(record.signature?.strokes.length).toBe(2);
  // Every page was read for some time, and the page times add up to no more than the reading took.
  const pageTimes = record.notification.map((page) => page.ms);
  expect(pageTimes.every((ms) => ms > 0), `page times ${pageTimes.join(', ')}`).toBe(true);
  const readingMs = Date.parse(record.timestamps.choiceAt) - Date.parse(record.timestamps.notificationStartedAt);
  expect(pageTimes.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(readingMs + pageTimes.length);
  expect(record.applicant.name).toBe(APPLICANT.name);

  const pdfPath = join(folder, `${number}.pdf`);
  // At rest the letter is sealed: no name, no ID number, not a PDF; main opens it for the session.
  await expectSealedOnDisk(pdfPath, [APPLICANT.name, APPLICANT.idNumber]);
  const text = await pdfText(await openedLetterFile(counter, pdfPath));
  const matter = activeCatalog.matters.find((candidate) => candidate.id === record.matter.id)!;
  // What the applicant read and signed on screen is what the letter says, paragraph by paragraph.
  for (const shown of [...notificationOnScreen, ...commitmentOnScreen]) {
    expect(text, `PDF should contain the screen text ${shown}`).toContain(squeeze(shown));
  }
  for (const expected of [
    matter.name,
    APPLICANT.name,
    number,
    ...templates.active('commitment-letter').pages.flatMap((page) => page.sections.map((section) => section.heading)),
    // The six commitments, word for word as the template has them (the copies line has fields).
    ...templates.active('commitment-letter').closing!.paragraphs.slice(1, 7),
    '本告知承诺书一式两份，申请人和办理机构各执一份。',
    '承诺人（签名）：',
    '经办人（签名）：',
    '办理机构（盖章）',
  ]) {
    expect(text, `PDF should contain ${expected}`).toContain(squeeze(expected));
  }

  // The preview shows the archived letter: the letter row's hash is the opened PDF's hash.
  const bytes = await openArchivedLetter(counter, pdfPath);
  const sha = createHash('sha256').update(bytes).digest('hex');
  await expect(page.getByText(`SHA-256 ${sha.slice(0, 16)}`)).toBeVisible();
});
