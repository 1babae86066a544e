import { sealBytes } from '../../src/server/lib/personal-data.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';
import { insertOrgsBulk, type BulkOrg } from '../../src/server/modules/orgs/orgs.bulk.js';
import { SEARCH_COUNT_CAP } from '../../src/server/modules/orgs/orgs.repository.js';

// A whole clerk's round (search, record, reveal, edit, history, print) outlasts the default 30 s on a busy machine.
const LONG = 180_000;

const NAME = '平安夕阳红老年人协会';
const PINGANLI = '360802003006'; // 平安里居委会, in 文山街道

let h: BrowserHarness;
let orgId: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestUser(h.database.db, { role: 'street_reviewer', regionCode: PLACES.wenshan, username: 'wenshan-reviewer' });
  const org = await createTestOrg(h.database.db, {
    name: NAME,
    regionCode: PINGANLI,
    category: '文体活动',
    leaderName: '梁玉丽',
    leaderPhone: '13812345678',
    individualMembers: 86,
    foundedOn: '2009-03-15',
    purpose: '丰富社区老年人精神文化生活',
  });
  orgId = org.id;
});
afterAll(async () => h?.close());

describe('organization registry in the browser', () => {
  it('wenshan-reviewer finds the organization by its initials, edits it with a reason and sees the change in its history', async () => {
    const page = await h.newPage();
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs`);

    // One search box: the initials of 平安夕阳红 are enough.
    const search = page.getByPlaceholder('名称、拼音、首字母、信用代码或曾用名');
    await search.fill('xyh');
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'xyh');
    const link = page.getByRole('link', { name: NAME });
    await link.waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    // The filters count what the search found.
    await page.getByText('共 1 条').waitFor();
    await h.screenshot(page, 'orgs-search-xyh');

    await link.click();
    await page.waitForURL(`${h.baseUrl}/orgs/${orgId}`);
    await page.getByRole('heading', { name: NAME }).waitFor();
    const basic = await page.locator('.org-record-body').innerText();
    expect(basic).toContain('备案社区社会组织');
    expect(basic).toContain('平安里居委会');
    await h.screenshot(page, 'org-record');

    // Personal data stays masked until asked for, and asking is confirmed first.
    await page.getByRole('tab', { name: '负责人与成员' }).click();
    await page.getByText('138****5678').waitFor();
    expect(await page.locator('.org-record-body').innerText()).not.toContain('13812345678');
    await page.locator('.personal-value', { hasText: '138****5678' }).getByRole('button', { name: /查\s*看/ }).click();
    await page.getByText('查看将记入审计日志。').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /查\s*看/ }).click();
    await page.getByText('13812345678').waitFor();

    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(`${h.baseUrl}/orgs/${orgId}/edit`);
    const members = page.locator('#orgForm_individualMembers');
    await members.waitFor();
    expect(await members.inputValue()).toBe('86');
    await members.fill('120');

    // The reason is required on an edit (the field says so; the shared message names it too, see forms.browser.test.ts).
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写修改原因' }).waitFor();
    await page.locator('#orgForm_reason').fill('换届后会员增加');
    await h.screenshot(page, 'org-edit');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(`${h.baseUrl}/orgs/${orgId}`);
    await page.getByText('已保存').first().waitFor();

    await page.getByRole('tab', { name: '变更历史' }).click();
    const history = page.locator('.org-history');
    await history.getByText('修改原因：换届后会员增加').waitFor();
    const entry = history.locator('.history-entry').first();
    const text = await entry.innerText();
    // Who changed it, by display name as the timelines show people (issue 22 item 10), not by login name.
    expect(text).toContain('测试street_reviewer');
    expect(text).not.toContain('wenshan-reviewer');
    expect(text).toContain('个人会员数');
    expect(text).toContain('86');
    expect(text).toContain('120');
    expect(text).toContain('（北京时间）');
    // The first entry is the newest; the creation is still there below it.
    expect(await history.locator('.history-entry').count()).toBe(2);
    await h.screenshot(page, 'org-history');

    // The printable record: one A4 sheet, personal data masked.
    await page.goto(`${h.baseUrl}/orgs/${orgId}/print`);
    await page.getByText('社会组织登记信息表').waitFor();
    const sheet = await page.locator('.reg-form').innerText();
    expect(sheet).toContain(NAME);
    expect(sheet).toContain('138****5678');
    expect(sheet).not.toContain('13812345678');
    await h.screenshot(page, 'org-print');
    await page.context().close();
  }, LONG);

  it('works at phone width: the list folds its filters and the record stacks', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs?q=${encodeURIComponent('夕阳红')}`);
    await page.getByRole('link', { name: NAME }).waitFor();
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(page, 'orgs-phone');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { name: NAME }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(page, 'org-record-phone');
    await page.context().close();
  }, LONG);

  it('the public register finds the organization by 夕阳红 without logging in', async () => {
    const page = await h.newPage();
    await page.goto(`${h.baseUrl}/public`);
    await page.getByText('社会组织信息公示').first().waitFor();
    const search = page.getByPlaceholder('输入组织名称、拼音首字母或统一社会信用代码');
    await search.fill('夕阳红');
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '夕阳红');
    const link = page.getByRole('link', { name: NAME });
    await link.waitFor();
    expect(page.url()).not.toContain('/login');
    const body = await page.locator('body').innerText();
    expect(body).toContain('平安里居委会');
    // No personal data in public.
    expect(body).not.toContain('梁玉丽');
    expect(body).not.toContain('5678');
    await h.screenshot(page, 'public-search');

    await link.click();
    await page.waitForURL(`${h.baseUrl}/public/orgs/${orgId}`);
    await page.getByRole('heading', { name: NAME }).waitFor();
    const detail = await page.locator('body').innerText();
    expect(detail).toContain('丰富社区老年人精神文化生活');
    expect(detail).not.toContain('梁玉丽');
    await h.screenshot(page, 'public-detail');

    const phone = await h.newPage({ width: 390, height: 844 });
    await phone.goto(`${h.baseUrl}/public?q=${encodeURIComponent('夕阳红')}`);
    await phone.getByRole('link', { name: NAME }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(phone, 'public-phone');
    await page.context().close();
    await phone.context().close();
  }, LONG);

  it('offers an import stopped by a server restart for resume, and finishes it', async () => {
    const user = await h.database.db.selectFrom('users').select('id').where('username', '=', 'wenshan-reviewer').executeTakeFirstOrThrow();
    const file = Buffer.from(`名称,组织形式,类别,所在区划代码\n${['续导浏览器甲队', '续导浏览器乙队', '续导浏览器丙队'].map((n) => `${n},草根,文体活动,${PINGANLI}`).join('\n')}\n`);
    // What a kill leaves after the next start: interrupted, its file kept, nothing committed yet.
    await h.database.db
      .insertInto('import_jobs')
      .values({ id: randomUUID(), user_id: user.id, kind: 'orgs', filename: '街道名单.csv', status: 'interrupted', total: 3, file: sealBytes(file), created_at: new Date(), finished_at: new Date() })
      .execute();
    const page = await h.newPage();
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.getByText('导入被中断：街道名单.csv').waitFor();
    await page.getByText('服务器停止前已保存 0 / 3 行').waitFor();
    await h.screenshot(page, 'orgs-import-interrupted');
    await page.getByRole('button', { name: '从中断处继续' }).click();
    await page.getByText('导入完成：街道名单.csv').waitFor();
    expect(await page.locator('.import-counts').innerText()).toMatch(/新增\s*3/);
  }, LONG);

  it('offers an import that failed on a server error for rerun, with its message, and finishes it', async () => {
    const user = await h.database.db.selectFrom('users').select('id').where('username', '=', 'wenshan-reviewer').executeTakeFirstOrThrow();
    const file = Buffer.from(`名称,组织形式,类别,所在区划代码\n${['失败浏览器甲队', '失败浏览器乙队'].map((n) => `${n},草根,文体活动,${PINGANLI}`).join('\n')}\n`);
    // What a database error mid-way leaves (the runner's endJob): failed, its file kept, its message for the office.
    const error = '导入因服务器错误中止（原因已记入服务器日志），已导入的行已保存：请稍后从中断处继续或从头重新导入（已导入的行不会重复），仍失败请联系管理员';
    await h.database.db
      .insertInto('import_jobs')
      .values({ id: randomUUID(), user_id: user.id, kind: 'orgs', filename: '出错的名单.csv', status: 'failed', error, total: 2, file: sealBytes(file), created_at: new Date(), finished_at: new Date() })
      .execute();
    const page = await h.newPage();
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.getByText('导入失败：出错的名单.csv').waitFor();
    await page.getByText(error).waitFor();
    await page.getByText('出错前已保存 0 / 2 行').waitFor();
    await page.getByRole('button', { name: '从头重新导入' }).click();
    await page.getByText('导入完成：出错的名单.csv').waitFor();
    expect(await page.locator('.import-counts').innerText()).toMatch(/新增\s*2/);
  }, LONG);

  it('says when a search matches more than it counts, and how to narrow it', async () => {
    const orgs: BulkOrg[] = Array.from({ length: SEARCH_COUNT_CAP + 20 }, (_, i) => ({
      regionCode: PINGANLI,
      recordedAt: new Date('2020-01-01'),
      row: {
        name: `平安里合唱团${i + 1}`, former_names: [], credit_code: null, legal_form: 'filed', category: '文体活动',
        address: null, leader_name: null, leader_id_number_enc: null, leader_phone_enc: null, individual_members: 20, unit_members: null,
        founded_on: null, purpose: null, activities: null, venue: null, hub_org_id: null, status: 'active',
        is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
      },
    }));
    // With statistics a search this size would be counted whole (it is few enough): keep autovacuum from gathering them.
    await sql`alter table orgs set (autovacuum_enabled = false)`.execute(h.database.db);
    await insertOrgsBulk(h.database.db, orgs, 'test');
    const page = await h.newPage();
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs?q=${encodeURIComponent('合唱团')}`);
    await page.getByText('匹配的组织超过 1,000 个').waitFor();
    await page.getByText('共 1,000+ 条').waitFor();
    await h.screenshot(page, 'orgs-search-capped');
    await page.context().close();
  }, LONG);
});
