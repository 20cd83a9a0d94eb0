import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { expectSealedOnDisk } from '../harness/archived-letter';
import { test, expect } from '../harness/fixtures';
import { addAccount, APPLICANT, enterApplicant, prepareAccounts, readNotificationAndChoose, signIn, startCase, signOnApplicantScreen } from './counter-steps';

test.use({ displayMode: 'second-display' });

const SUPERVISOR = { clerkId: 'S003', name: '周负责', pin: '864200' };

test('a supervisor checks the archive from the app: sound after a case, then an altered letter and an extra file are named', async ({ page, context, counter }) => {
  await prepareAccounts(counter);
  await addAccount(counter, SUPERVISOR, 'supervisor');
  await page.goto(counter.url);
  // A clerk is not offered the check (main refuses it to them).
  await signIn(page);
  await expect(page.getByRole('button', { name: '档案核验' })).toHaveCount(0);
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, SUPERVISOR);
  await page.getByRole('button', { name: '档案核验' }).click();
  await page.getByRole('button', { name: '开始核验' }).click();
  await expect(page.getByTestId('archive-check')).toContainText('台账 0 条');
  await page.keyboard.press('Escape');

  const applicantPage = await counter.openApplicantWindow(context);
  await startCase(page, '测绘');
  await enterApplicant(page);
  await readNotificationAndChoose(applicantPage, 'proof');
  await signOnApplicantScreen(applicantPage);
  await page.getByRole('button', { name: '确认归档' }).click();
  const caseNumber = (await page.getByTestId('case-number').textContent())!;
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: '档案核验' }).click();
  await page.getByRole('button', { name: '开始核验' }).click();
  await expect(page.getByTestId('archive-check')).toContainText('档案完好');
  await expect(page.getByTestId('archive-check')).toContainText('台账 2 条，目录中文件 2 个，完好 2 个');
  // Signatures against the device's own key, and the audit log, in the same check.
  await expect(page.getByTestId('archive-check')).toContainText('签名：记录 1 份已签名、0 份未签名');
  await expect(page.getByTestId('archive-check')).toContainText('台账 2 行已签名');
  await expect(page.getByTestId('archive-check')).toContainText(/审计日志：\d+ 条/);
  await page.screenshot({ path: 'test-results/screens/archive-check-sound.png', fullPage: true });

  const folder = join(counter.archiveDir, `${caseNumber.slice(4, 8)}-${caseNumber.slice(8, 10)}-${caseNumber.slice(10, 12)}`, 'C01');
  // The letter rests sealed: a forger changes its sealed text (one letter's case flipped), and the
  // check, which needs no key, names it by the ledger's SHA-256 and the signed digest all the same.
  await expectSealedOnDisk(join(folder, `${caseNumber}.pdf`), [APPLICANT.name, APPLICANT.idNumber]);
  const letter = await readFile(join(folder, `${caseNumber}.pdf`));
  letter[letter.length - 10]! ^= 0x20;
  await writeFile(join(folder, `${caseNumber}.pdf`), letter);
  await writeFile(join(folder, 'C01-20990101-0001.pdf'), '%PDF-1.7\n%%EOF\n');

  await page.getByRole('button', { name: '开始核验' }).click();
  const alert = page.getByRole('alert');
  // The letter fails the ledger's SHA-256 and the signed digest of its line.
  await expect(alert).toContainText('发现 3 个问题');
  await expect(alert).toContainText(`（${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.pdf）：文件的摘要与台账行所签不符`);
  await expect(alert).toContainText(`被改动 ${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.pdf（文书）`);
  await expect(alert).toContainText('多余（台账中没有记录） ');
  await expect(alert).toContainText('C01-20990101-0001.pdf');

  // The record itself altered: the ledger names the file, and the chain the record and why.
  const recordFile = join(folder, `${caseNumber}.record.json`);
  // The file is encrypted: a forger without the data key can only change the sealed text, which then
  // no longer opens for main's check.
  const file = JSON.parse(await readFile(recordFile, 'utf8')) as { sealed: string };
  const flipped = `${file.sealed.slice(0, -6)}${file.sealed.at(-6) === 'A' ? 'B' : 'A'}${file.sealed.slice(-5)}`;
  await writeFile(recordFile, `${canonicalJson({ ...file, sealed: flipped })}\n`);
  await page.getByRole('button', { name: '开始核验' }).click();
  // Named by the ledger, by the chain, and by the signatures of its ledger line and of the file itself.
  await expect(alert).toContainText('发现 7 个问题');
  await expect(alert).toContainText(`记录 ${caseNumber}（链第 1 号，${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.record.json）：签名不成立`);
  await expect(alert).toContainText(`${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.record.json`);
  await expect(alert).toContainText(`记录文件 ${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.record.json 无法读取为案件记录`);
  await expect(page.getByTestId('archive-check')).toContainText('记录链：0 份案件记录');
});
