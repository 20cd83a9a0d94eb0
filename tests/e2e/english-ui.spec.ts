import { test, expect } from '../harness/fixtures';
import { CLERK, prepareAccounts } from './counter-steps';

/**
 * The clerk's screens with English chosen on the device (localStorage `locale`): headings, buttons and
 * messages come from the English catalog; only data (the agency, matter names, the letter) stays as
 * written. Screenshots at 1280×800 go to test-results/screens/en-*.png to be looked at.
 */
const CJK = /[\u4e00-\u9fff]/;

test.use({ displayMode: 'second-display', viewport: { width: 1280, height: 800 } });

test('English UI: sign-in, home, matter search, the applicant form and its messages', async ({ page, counter }) => {
  await prepareAccounts(counter);
  await page.addInitScript(() => localStorage.setItem('locale', 'en'));
  await page.goto(counter.url);

  await expect(page.getByRole('heading', { name: 'Clerk sign-in' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/en-01-sign-in.png' });
  await page.locator('#clerkId').fill(CLERK.clerkId);
  await page.locator('#pin').fill(CLERK.pin);
  await page.locator('#pin').press('Enter');
  await expect(page.getByTestId('signed-in-clerk')).toContainText(CLERK.name);
  // The header's own words are English; the agency's name is data.
  const headerButtons = await page.locator('.clerk-header button').allInnerTexts();
  expect(headerButtons.length).toBeGreaterThan(2);
  for (const label of headerButtons) expect(label).not.toMatch(CJK);
  await expect(page.getByRole('button', { name: /New case/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/en-02-home.png' });

  await page.keyboard.press('F2');
  await expect(page.getByRole('combobox')).toBeFocused();
  await page.getByRole('combobox').fill('cehui');
  await page.screenshot({ path: 'test-results/screens/en-03-matter-search.png' });
  await page.getByRole('combobox').press('Enter');

  // Checked all at once: each problem in English, the cursor in the first field in error.
  await page.locator('#idNumber').fill('110105194912310021');
  await page.locator('#idNumber').press('Enter');
  const problems = page.getByRole('alert');
  await expect(problems.first()).toBeVisible();
  for (const text of await problems.allInnerTexts()) expect(text).not.toMatch(CJK);
  await expect(page.locator('#applicantName')).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/en-04-applicant-form-errors.png' });
});
