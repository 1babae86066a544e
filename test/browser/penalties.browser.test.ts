import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, makeCreditCode, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

/**
 * Issue 14 item 2 as the district meets it: a fine of ¥60,000 entered in yuan is stored in fen, shows as ¥60,000.00
 * on its page and the organization's public register page; annulling it (after a confirmation, with a reason)
 * keeps it there marked 已撤销. Screenshots at desktop and phone width.
 */
const LONG = 180_000;
let h: BrowserHarness;
let orgId: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'pen-admin' });
  orgId = (await createTestOrg(db, { name: '吉州区书法家协会', legalForm: 'social_group', creditCode: makeCreditCode('1'), regionCode: PLACES.jizhou, foundedOn: '2015-05-01' })).id;
}, LONG);
afterAll(async () => h?.close());

describe('recording a penalty', () => {
  it('records a ¥60,000 fine in yuan, shows it on its page and on the public register, and annuls it', async () => {
    const page = await h.newPage({ width: 1280, height: 800 });
    await loginInBrowser(h, page, 'pen-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/penalties/new?org=${orgId}`);
    await page.locator('#penalty_kind').click();
    await page.locator('.ant-select-item-option', { hasText: '罚款' }).click();
    await page.locator('#penalty_amount').fill('60000');
    await page.locator('#penalty_decisionNo').fill('吉区民罚〔2026〕5号');
    await page.locator('#penalty_facts').fill('违反章程规定擅自设立分支机构并以其名义收取会费。');
    await page.locator('#penalty_legalBasis').fill('社会团体');
    await page.locator('.ant-select-item-option', { hasText: '《社会团体登记管理条例》第三十条' }).click();
    await h.screenshot(page, 'penalty-form-1280');
    await page.getByRole('button', { name: '登 记' }).or(page.getByRole('button', { name: '登记', exact: true })).first().click();
    // The confirmation names the organization and the amount in yuan.
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('¥60,000.00');
    await confirm.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL(/\/penalties\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await page.locator('.ant-descriptions').first().waitFor();
    expect(await page.locator('.ant-descriptions').first().textContent()).toContain('¥60,000.00');
    const stored = await h.database.db.selectFrom('penalties').select(['amount_fen', 'legal_basis']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(stored.amount_fen)).toBe(6_000_000);
    expect(stored.legal_basis).toBe('《社会团体登记管理条例》第三十条');
    await h.screenshot(page, 'penalty-page-1280');

    // Annul: a reason is required; the record stays, marked.
    await page.getByRole('button', { name: /撤销决定/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '撤销这项处罚决定' });
    await modal.getByRole('button', { name: /确\s*认/ }).click();
    await modal.getByText('请填写撤销原因').waitFor();
    await modal.locator('textarea').fill('经行政复议撤销');
    await modal.getByRole('button', { name: /确\s*认/ }).click();
    await page.locator('.penalty-annulled').waitFor();

    await page.goto(`${h.baseUrl}/public/orgs/${orgId}`);
    const section = page.getByTestId('public-penalties');
    await section.locator('.ant-descriptions').waitFor();
    const text = (await section.textContent()) ?? '';
    expect(text).toContain('吉区民罚〔2026〕5号');
    expect(text).toContain('¥60,000.00');
    expect(text).toMatch(/已撤销（\d{4}-\d{2}-\d{2}）/);
    expect(text).not.toContain('经行政复议撤销');
    expect(await page.getByTestId('public-credit').textContent()).toContain('暂无信用不良记录');
    await h.screenshot(page, 'penalty-public-1280');
  }, LONG);

  it('lists penalties on a phone without sideways scrolling', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, page, 'pen-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/penalties`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await h.screenshot(page, 'penalties-390');
    await page.goto(`${h.baseUrl}/rules`);
    await page.locator('.rule-card').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await h.screenshot(page, 'rules-390');
  }, LONG);
});
