import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestUser(h.database.db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'jizhou-admin' });
});
afterAll(async () => h?.close());

describe('region tree in the browser', () => {
  it('jizhou-admin logs in, opens the region tree, drills into 文山街道 and sees its communities', async () => {
    const page = await h.newPage();
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/regions`);
    // The user's own node heads the tree; its streets are listed below it.
    await page.getByText('吉州区').first().click();
    await page.getByText('文山街道').first().waitFor();
    await page.getByText('文山街道').first().click();
    await page.getByText('仓口社区居委会').first().waitFor();
    const body = await page.locator('body').innerText();
    for (const community of ['仓口社区居委会', '思源社区居委会', '平安里居委会']) expect(body).toContain(community);
    // Nothing outside the jurisdiction is offered.
    expect(body).not.toContain('蚌埠');
    await h.screenshot(page, 'regions-wenshan');
  }, 120_000);

  it('shows the login page in Chinese and refuses a wrong password', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/login`);
    await page.locator('#username').fill('jizhou-admin');
    await page.locator('#password').fill('Wrong-Pass-1');
    await page.locator('button[type=submit]').click();
    await page.getByText('用户名或密码错误').first().waitFor();
    expect(page.url()).toContain('/login');
    await h.screenshot(page, 'login-phone');
  }, 120_000);
});
