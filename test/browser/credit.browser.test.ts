import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../factories.js';
import { seedDemo } from '../../src/server/demo/seed-demo.js';
import { todayInChina } from '../../src/server/lib/working-days.js';
import '../../src/server/db/types-credit.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

/**
 * Issue 14's acceptance of the credit lists, in the browser on the demo: jizhou-admin records a ¥60,000 fine against
 * the organization cangkou-leader speaks for (penalties page); the penalty listener puts it on the serious list
 * (告知中) at once; the admin lists it now (the organization waived its objection); it shows on the serious list, on
 * the public register and the organization becomes ineligible (不具备资格). Two clean years on (the server's clock
 * moved: it runs in this process), the leader applies for removal, the district approves it on the review chain, and
 * the public register keeps the entry as removed history.
 */
const LONG = 600_000;
const DAY = 86_400_000;

let h: BrowserHarness;
let orgId: number;
let orgName: string;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  await seedDemo(db, TEST_PASSWORD);
  const leader = await db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['o.id', 'o.name'])
    .where('u.username', '=', 'cangkou-leader')
    .executeTakeFirstOrThrow();
  orgId = Number(leader.id);
  orgName = leader.name;
}, LONG);
afterAll(async () => {
  vi.useRealTimers();
  await h?.close();
});

/** antd puts a space between the two characters of a two-character button label (登 记). */
const label = (text: string) => new RegExp(`(^|\\s)${[...text].join('\\s*')}\\s*$`);

/** The organization's serious-list entries (the demo gives it an abnormal-list notice of its own). */
async function entriesOfOrg() {
  return h.database.db.selectFrom('credit_entries').select(['id', 'list', 'status', 'listed_on', 'removed_on']).where('org_id', '=', orgId).where('list', '=', 'dishonest').orderBy('id').execute();
}

async function statementIn(page: Page, formName: string, field: string, text: string, ok: RegExp) {
  const dialog = page.locator('.ant-modal:visible');
  await dialog.locator(`#${formName}_${field}`).fill(text);
  await dialog.getByRole('button', { name: ok }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('credit lists in the browser', () => {
  it('a ¥60,000 fine lists the organization on the serious list, makes it ineligible, and a removal after two clean years goes through the chain', async () => {
    const today = todayInChina();
    const admin = await h.newPage();
    await loginInBrowser(h, admin, 'jizhou-admin', TEST_PASSWORD);

    // The fine, on the penalties page.
    await admin.goto(`${h.baseUrl}/penalties/new?org=${orgId}`);
    await admin.locator('#penalty_decisionNo').waitFor();
    await admin.locator('#penalty_kind').click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^罚款$/ }).click();
    await admin.locator('#penalty_amount').fill('60000');
    await admin.locator('#penalty_decisionNo').fill('吉区民罚〔2026〕9号');
    await admin.locator('#penalty_facts').fill('违反章程规定擅自设立分支机构并以其名义收取会费。');
    await admin.locator('#penalty_legalBasis').fill('《社会团体登记管理条例》第三十条');
    await admin.getByRole('button', { name: label('登记') }).click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: label('登记') }).click();
    await admin.waitForURL(/\/penalties\/\d+$/);

    // The listener entered it on the serious list, noticed (告知中), in the penalty's transaction.
    const entries = await entriesOfOrg();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ list: 'dishonest', status: 'noticed' });
    const entryId = Number(entry!.id);
    await admin.goto(`${h.baseUrl}/credit?tab=dishonest`);
    const row = admin.locator('.ant-table-row', { hasText: orgName });
    await row.locator('.credit-status', { hasText: '告知中' }).waitFor();
    await expect(row.textContent()).resolves.toContain('异议期至');

    // The entry page: the basis line, the notice as a printable letter; the admin lists it now (waived objection).
    await row.locator('a.org-name-link').click();
    await admin.waitForURL(new RegExp(`/credit/${entryId}$`));
    await expect(admin.locator('[data-testid="basis-line"]').textContent()).resolves.toMatch(/^依据：.*民政部令第60号.*，\d{4}年\d{1,2}月\d{1,2}日$/);
    const notice = await admin.request.get(`${h.baseUrl}/api/v1/credit/${entryId}/notice.pdf`);
    expect(notice.status()).toBe(200);
    expect(notice.headers()['content-type']).toBe('application/pdf');
    await admin.locator('[data-testid="credit-actions"]').getByRole('button', { name: /立即列入/ }).click();
    await statementIn(admin, 'credit_list', 'reason', '该组织书面放弃陈述申辩', /立即列入/);
    await admin.locator('.credit-status', { hasText: '已列入' }).first().waitFor();
    // Listed today: removable on application two full years on (credit.removal.dishonest cleanYears 2).
    const twoYearsOn = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`;
    await expect(admin.locator('[data-timer="removable"]').textContent()).resolves.toBe(`可申请移出自 ${twoYearsOn}`);
    expect((await entriesOfOrg())[0]).toMatchObject({ status: 'listed', listed_on: today });
    await h.screenshot(admin, 'credit-entry-listed');

    // The serious list, the public register and the record's badge.
    await admin.goto(`${h.baseUrl}/credit?tab=dishonest`);
    await admin.locator('.ant-table-row', { hasText: orgName }).locator('.credit-status', { hasText: '已列入' }).waitFor();
    await admin.goto(`${h.baseUrl}/orgs/${orgId}?tab=credit`);
    await admin.locator('[data-testid="ineligible-badge"]').waitFor();
    await admin.locator('[data-testid="org-credit"] .ant-alert', { hasText: '不具备资格' }).waitFor();
    const visitor = await h.newPage();
    await visitor.goto(`${h.baseUrl}/public/orgs/${orgId}`);
    const publicEntry = visitor.locator('[data-testid="public-credit-entry"]');
    await publicEntry.first().waitFor();
    await expect(visitor.locator('[data-testid="public-credit"]').textContent()).resolves.toContain('严重违法失信名单');
    await expect(publicEntry.first().textContent()).resolves.toContain(today);

    // Two clean years on: the server's clock moves (it runs in this process); sessions are signed in again.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(Date.parse(`${twoYearsOn}T02:00:00Z`)));
    expect(todayInChina()).toBe(twoYearsOn);

    const leader = await h.newPage();
    await loginInBrowser(h, leader, 'cangkou-leader', TEST_PASSWORD);
    await leader.goto(`${h.baseUrl}/credit/${entryId}`);
    await leader.locator('[data-testid="credit-actions"]').getByRole('button', { name: /申请移出/ }).click();
    await statementIn(leader, 'credit_apply', 'statement', '列入以来两年间未再受到行政处罚，罚款已缴清。', /申请移出/);
    await leader.locator('[data-testid="credit-request-removal"]').waitFor();
    await h.screenshot(leader, 'credit-removal-applied');

    const district = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, district, 'jizhou-admin', TEST_PASSWORD);
    await district.goto(`${h.baseUrl}/credit/${entryId}`);
    const request = district.locator('[data-testid="credit-request-removal"]');
    await request.locator('.app-trail').waitFor();
    await request.getByRole('button', { name: /同意移出/ }).click();
    await statementIn(district, `credit_decide_${(await h.database.db.selectFrom('credit_requests').select('id').where('entry_id', '=', entryId).executeTakeFirstOrThrow()).id}`, 'opinion', '经核查，列入期间未再出现列入情形，同意移出', /确\s*认/);
    await district.locator('.credit-status', { hasText: '已移出' }).first().waitFor();
    await district.locator('[data-testid="print-removal"]').waitFor();
    expect((await entriesOfOrg())[0]).toMatchObject({ status: 'removed', removed_on: twoYearsOn });
    await h.screenshot(district, 'credit-entry-removed-phone');

    // The public register keeps it as removed history; the organization is eligible again as far as credit goes.
    await visitor.goto(`${h.baseUrl}/public/orgs/${orgId}`);
    await visitor.locator('[data-testid="public-credit"]', { hasText: twoYearsOn }).waitFor();
    await expect(visitor.locator('[data-testid="public-credit"]').textContent()).resolves.toMatch(/历史记录|移出/);
    expect(new Date().getTime() - Date.parse(`${twoYearsOn}T02:00:00Z`)).toBeLessThan(DAY);
  }, LONG);
});
