import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

const LONG = 180_000;
let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestOrg(h.database.db, { name: '仓口浏览器台账合唱团' });
  await createTestUser(h.database.db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'ledgerio-staff' });
}, LONG);
afterAll(async () => h?.close());

describe('the ledger page: import, export, print', () => {
  it('community staff imports a ledger file with the shared drawer, then exports and prints the community ledger', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await loginInBrowser(h, page, 'ledgerio-staff', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/ledger`);
    await page.getByRole('button', { name: '导入台账' }).click();
    await page.getByText('导入活动台账').waitFor();
    expect(await page.getByRole('link', { name: '下载导入模板' }).getAttribute('href')).toBe('/api/v1/activities/import-template.xlsx');
    const csv = ['组织名称,开始时间,结束时间,活动名称,活动类型,活动地点,参与人数', '仓口浏览器台账合唱团,2026-03-05 09:00,2026-03-05 11:00,迎春合唱,文体活动,社区活动室,30', '仓口浏览器台账合唱团,2026-03-12 09:00,,周末排练,文体活动,社区活动室,25', '仓口浏览器台账合唱团,2026-03-19 09:00,,广场舞展示,广场舞,社区广场,40'].join('\n');
    await page.locator('.ant-drawer input[type=file]').setInputFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('导入完成：台账.csv').waitFor();
    const counts = await page.locator('.import-counts').innerText();
    expect(counts).toMatch(/新增\s*2/);
    expect(counts).toMatch(/未导入\s*1/);
    await page.getByText('不是本区的活动类型').waitFor();
    await h.screenshot(page, 'ledger-import-done');
    await page.keyboard.press('Escape');

    const exportHref = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
    expect(exportHref).toContain('/api/v1/activities/export.xlsx');
    const sheet = await page.request.get(`${h.baseUrl}${exportHref}`);
    expect(sheet.status()).toBe(200);
    expect(sheet.headers()['content-type']).toContain('spreadsheetml');
    const printHref = await page.getByRole('link', { name: /打印台账/ }).getAttribute('href');
    const pdf = await page.request.get(`${h.baseUrl}${printHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await h.screenshot(page, 'ledger-io-desktop');
    await page.context().close();

    const phone = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, phone, 'ledgerio-staff', TEST_PASSWORD);
    await phone.goto(`${h.baseUrl}/ledger`);
    await phone.getByRole('button', { name: '导入台账' }).waitFor();
    await phone.getByRole('link', { name: /打印台账/ }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(phone, 'ledger-io-phone');
    await phone.getByRole('button', { name: '导入台账' }).click();
    await phone.getByText('导入活动台账').waitFor();
    // The drawer slides in over the whole width at phone size: its template link is on screen once it has settled.
    await phone.getByRole('link', { name: '下载导入模板' }).waitFor();
    await phone.waitForFunction(() => { const d = document.querySelector('.ant-drawer-content-wrapper'); return !!d && d.getBoundingClientRect().left <= 1; });
    await h.screenshot(phone, 'ledger-import-phone');
    await phone.context().close();
  }, LONG);
});
