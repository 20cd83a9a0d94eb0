import { test, expect } from '../harness/fixtures';

/**
 * The cryptographic suite at first start: offered once beside the counter and the agency, 国密 by
 * default with the reason and the warning that it is final; what is chosen is main's device setting
 * (that main then signs with it is tests/unit/device-suite.test.ts).
 */
test.describe('cryptographic suite at first start', () => {
  test('offers 国密 by default with its reason, and the device keeps it', async ({ page, counter }) => {
    await page.goto(counter.url);
    const suite = page.getByRole('group', { name: '密码算法' });
    await expect(suite.getByLabel('国密（SM2/SM3/SM4，默认）')).toBeChecked();
    await expect(suite.getByLabel('国际（ECDSA P-256/SHA-256/AES-256-GCM）')).not.toBeChecked();
    await expect(suite.getByText('默认国密，以满足商用密码应用安全性评估（GB/T 39786-2021）的要求，设置后不能更改。')).toBeVisible();
    await page.getByLabel('窗口编号').fill('C01');
    await page.getByLabel('办理机构名称').fill('某市人力资源和社会保障局政务服务大厅');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect(page.getByRole('heading', { name: '创建设备管理员账号' })).toBeVisible();
    expect(await counter.handlers.getSetup({})).toMatchObject({ ok: true, value: { device: { cryptoSuite: 'gm' } } });
  });

  test('the international suite chosen there is the device’s, and cannot be chosen again', async ({ page, counter }) => {
    await page.goto(counter.url);
    await page.getByLabel('窗口编号').fill('C01');
    await page.getByLabel('办理机构名称').fill('某市人力资源和社会保障局政务服务大厅');
    await page.getByLabel('国际（ECDSA P-256/SHA-256/AES-256-GCM）').check();
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect(page.getByRole('heading', { name: '创建设备管理员账号' })).toBeVisible();
    expect(await counter.handlers.getSetup({})).toMatchObject({ ok: true, value: { device: { cryptoSuite: 'intl' } } });
    // configureDevice is once only: a second first start (a replayed call) changes nothing.
    expect(await counter.handlers.configureDevice({ counterId: 'C01', agencyName: '另一个局', cryptoSuite: 'gm' })).toMatchObject({ ok: false, error: { code: 'DEVICE_ALREADY_CONFIGURED' } });
    expect(await counter.handlers.getSetup({})).toMatchObject({ ok: true, value: { device: { cryptoSuite: 'intl' } } });
  });
});
