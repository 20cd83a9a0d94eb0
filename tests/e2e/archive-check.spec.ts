import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/crypto/canonical-json';
import { test, expect } from '../harness/fixtures';
import { enterApplicant, prepareCounter, readNotificationAndChoose, startCase, signOnApplicantScreen } from './counter-steps';

test.use({ displayMode: 'second-display' });

test('a supervisor checks the archive from the app: sound after a case, then an altered letter and an extra file are named', async ({ page, context, counter }) => {
  await prepareCounter(page, counter);
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

  const folder = join(counter.archiveDir, `${caseNumber.slice(4, 8)}-${caseNumber.slice(8, 10)}-${caseNumber.slice(10, 12)}`, 'C01');
  const letter = await readFile(join(folder, `${caseNumber}.pdf`));
  letter[letter.length - 10]! ^= 0x20;
  await writeFile(join(folder, `${caseNumber}.pdf`), letter);
  await writeFile(join(folder, 'C01-20990101-0001.pdf'), '%PDF-1.7\n%%EOF\n');

  await page.getByRole('button', { name: '开始核验' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('发现 2 个问题');
  await expect(alert).toContainText(`被改动 ${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.pdf（文书）`);
  await expect(alert).toContainText('多余（台账中没有记录） ');
  await expect(alert).toContainText('C01-20990101-0001.pdf');

  // The record itself altered: the ledger names the file, and the chain the record and why.
  const recordFile = join(folder, `${caseNumber}.record.json`);
  // The signed file holds the record beside its envelope; the forger keeps the envelope as it was.
  const file = JSON.parse(await readFile(recordFile, 'utf8')) as { envelope: unknown; record: { signatureClears: number } };
  await writeFile(recordFile, `${canonicalJson({ ...file, record: { ...file.record, signatureClears: file.record.signatureClears + 1 } })}\n`);
  await page.getByRole('button', { name: '开始核验' }).click();
  await expect(alert).toContainText('发现 4 个问题');
  await expect(alert).toContainText(`窗口 C01 记录链第 1 号（${folder.slice(counter.archiveDir.length + 1)}/${caseNumber}.record.json）：内容与其哈希不符`);
  await expect(page.getByTestId('archive-check')).toContainText('记录链：1 份案件记录，分属 1 台终端。');
});
