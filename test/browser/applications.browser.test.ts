import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestUser, makeResidentId, PLACES, TEST_PASSWORD } from '../factories.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

// Sign-up, a five-step wizard, two reviews, a download and a deregistration: well beyond the default 30 s.
const LONG = 300_000;

const NAME = '仓口社区银龄书画社';
const LEADER = '刘芳';
const APPLICANT = 'liu.fang';
const APPLICANT_PASSWORD = 'Shuhua#2026';
const PDF = (label: string) => ({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n%${label}\n%%EOF\n`) });
const CERT = /(BA|DJ)-\d{6}-\d{4}-\d{5}-[0-9A-Z]{4}/;

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestUser(h.database.db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'cangkou-staff' });
  await createTestUser(h.database.db, { role: 'street_reviewer', regionCode: PLACES.wenshan, username: 'wenshan-reviewer' });
  await createTestUser(h.database.db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'jizhou-admin' });
});
afterAll(async () => h?.close());

/** antd puts a space between the two characters of a two-character button label (同 意); an icon's name may come first. */
const label = (text: string) => new RegExp(`(^|\\s)${[...text].join('\\s*')}\\s*$`);

async function pick(page: Page, selectId: string, option: string, type?: string) {
  const input = page.locator(`#${selectId}`);
  await input.click();
  if (type) await input.fill(type);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** A reviewer opens the application from their to-do list and decides with an opinion. */
async function reviewFromQueue(page: Page, decision: string, opinion: string) {
  await page.goto(`${h.baseUrl}/applications`);
  await page.getByRole('link', { name: NAME }).first().click();
  await page.locator('.review-panel').waitFor();
  await page.locator('#review_opinion').fill(opinion);
  await page.locator('.review-panel').getByRole('button', { name: label(decision) }).click();
  await confirmApproval(page, decision);
}

/** 同意 is asked first (issue 22 item 10): the confirmation's button says the same as the panel's. */
async function confirmApproval(page: Page, decision: string) {
  if (!decision.startsWith('同意')) return;
  await page.locator('.ant-modal-confirm-title', { hasText: '确认同意？' }).waitFor();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: label(decision) }).click();
}

describe('filing and deregistration in the browser', () => {
  let applicant: Page;
  let number = '';
  let appId = 0;

  it('an applicant signs up, files a community organization through the wizard and submits it', async () => {
    applicant = await h.newPage();
    await applicant.goto(`${h.baseUrl}/login`);
    await applicant.getByRole('link', { name: '社会组织负责人？注册申请人账号' }).click();
    await applicant.waitForURL(`${h.baseUrl}/signup`);
    await applicant.locator('#signup_username').fill(APPLICANT);
    await applicant.locator('#signup_displayName').fill(LEADER);
    await applicant.locator('#signup_phone').fill('13907961234');
    await applicant.locator('#signup_password').fill(APPLICANT_PASSWORD);
    await applicant.locator('#signup_confirm').fill(APPLICANT_PASSWORD);
    // The community is found without an account, by name.
    await pick(applicant, 'signup_regionCode', '仓口社区居委会', '仓口');
    await h.screenshot(applicant, 'signup');
    await applicant.getByRole('button', { name: label('注册') }).click();
    // Signed in at once (issue 22 item 10), on the way to a new application; no second login.
    await applicant.waitForURL((u) => u.pathname === '/applications/new');
    const me = await applicant.request.get(`${h.baseUrl}/api/v1/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: APPLICANT, displayName: LEADER });
    // An applicant's home is their applications.
    await applicant.goto(`${h.baseUrl}/`);
    await applicant.waitForURL((u) => u.pathname === '/applications');
    await applicant.getByText('还没有申请').waitFor();
    await h.screenshot(applicant, 'applications-applicant-empty');

    await applicant.getByRole('button', { name: '新建申请' }).first().click();
    await applicant.waitForURL(`${h.baseUrl}/applications/new`);
    await applicant.locator('#newApplication_name').fill(NAME);
    await h.screenshot(applicant, 'application-new');
    await applicant.getByRole('button', { name: '创建草稿并填写' }).click();
    await applicant.waitForURL(/\/applications\/\d+\/edit$/);
    appId = Number(/\/applications\/(\d+)\/edit/.exec(applicant.url())![1]);

    // 1 基本信息
    await pick(applicant, 'appForm_org_category', '文体活动');
    await applicant.locator('#appForm_org_address').fill('仓口社区党群服务中心二楼');
    await h.screenshot(applicant, 'wizard-basic');
    await applicant.getByRole('button', { name: '下一步' }).click();

    // 2 负责人与成员: the leader is the applicant (issue 22 item 10); the shared validators check the ID while typing.
    expect(await applicant.locator('#appForm_org_leaderName').inputValue()).toBe(LEADER);
    await applicant.locator('#appForm_org_leaderIdNumber').fill('360802196205040001');
    await applicant.getByText('身份证号校验码（第 18 位）不正确').waitFor();
    await applicant.locator('#appForm_org_leaderIdNumber').fill(makeResidentId('360802', '19620504', 7));
    await applicant.locator('#appForm_org_leaderPhone').fill('13907961234');
    await applicant.getByRole('button', { name: '批量粘贴' }).click();
    const names = Array.from({ length: 22 }, (_, i) => `书画爱好者${i + 1}`);
    await applicant.getByRole('textbox', { name: '批量粘贴成员' }).fill([...names, '仓口社区卫生服务站'].join('\n'));
    await applicant.getByRole('button', { name: '加入名单' }).click();
    await applicant.getByText('名单中个人 22 人、单位 1 个').waitFor();
    // The declared counts follow the list by themselves (issue 22 item 10): no button to find.
    expect(await applicant.locator('#appForm_org_individualMembers').inputValue()).toBe('22');
    expect(await applicant.locator('#appForm_org_unitMembers').inputValue()).toBe('1');
    expect(await applicant.getByRole('button', { name: '按名单填入会员数' }).count()).toBe(0);
    await h.screenshot(applicant, 'wizard-people');
    await applicant.getByRole('button', { name: '下一步' }).click();

    // 3 章程: the template names the leader, the purpose and the activities.
    await applicant.locator('#appForm_org_purpose').fill('弘扬传统文化，丰富老年居民精神生活');
    await applicant.locator('#appForm_org_activities').fill('每周书法绘画练习，节庆作品展览');
    await applicant.locator('#appForm_org_venue').fill('仓口社区老年活动室');
    await applicant.getByRole('button', { name: '插入章程范本' }).click();
    expect(await applicant.locator('#appForm_charter').inputValue()).toContain(`负责人：${LEADER}`);
    await applicant.locator('.charter-ok', { hasText: `负责人（${LEADER}）` }).waitFor();
    await h.screenshot(applicant, 'wizard-charter');
    await applicant.getByRole('button', { name: '下一步' }).click();

    // 4 材料上传: the four required kinds, with what is still missing.
    await applicant.locator('.files-summary', { hasText: '还缺 4 项' }).waitFor();
    const uploads: [string, string][] = [
      ['charter', '章程'],
      ['leader_id', '负责人身份证'],
      ['venue_proof', '场地使用证明'],
      ['member_list', '成员名单'],
    ];
    for (const [kind, file] of uploads) {
      await applicant.locator(`[data-kind="${kind}"] input[type=file]`).setInputFiles(PDF(file));
      await applicant.locator(`[data-kind="${kind}"]`).getByText(`${file}.pdf`).waitFor();
    }
    await applicant.locator('.files-summary', { hasText: '四项必交材料已齐全' }).waitFor();
    await h.screenshot(applicant, 'wizard-files');
    await applicant.getByRole('button', { name: '下一步' }).click();

    // 5 核对提交
    await applicant.getByText('提交前检查').waitFor();
    expect(await applicant.locator('.checks-list .check-error').count()).toBe(0);
    await h.screenshot(applicant, 'wizard-check');
    await applicant.locator('.wizard-actions').getByRole('button', { name: '提交申请' }).click();
    await applicant.locator('.ant-modal-confirm').getByRole('button', { name: '提交申请' }).click();
    await applicant.waitForURL(`${h.baseUrl}/applications/${appId}`);
    await applicant.getByText('正在“社区预审”环节审核').waitFor();
    await h.screenshot(applicant, 'application-submitted');
  }, LONG);

  it('the community pre-reviews, the street approves and the certificate is issued', async () => {
    const community = await h.newPage();
    await loginInBrowser(h, community, 'cangkou-staff', TEST_PASSWORD);
    // The header bell counts the to-do.
    await community.locator('.app-header').getByRole('button', { name: /待办 1 件/ }).click();
    await community.waitForURL((u) => u.pathname === '/applications');
    await community.getByRole('link', { name: NAME }).waitFor();
    await h.screenshot(community, 'queue-community');
    await reviewFromQueue(community, '同意', '材料齐全，同意报街道审查');
    await community.getByText('已同意').first().waitFor();
    await community.locator('.app-trail').getByText('材料齐全，同意报街道审查').waitFor();
    await community.context().close();

    const street = await h.newPage();
    await loginInBrowser(h, street, 'wenshan-reviewer', TEST_PASSWORD);
    await street.goto(`${h.baseUrl}/applications/${appId}`);
    await street.locator('.review-panel').waitFor();
    // Personal data reaches the reviewer masked.
    const content = await street.locator('.app-page').innerText();
    expect(content).not.toContain('13907961234');
    await h.screenshot(street, 'review-street');
    await street.locator('#review_opinion').fill('符合条件，准予备案');
    await street.getByRole('button', { name: '同意并发证' }).click();
    await confirmApproval(street, '同意并发证');
    await street.getByText('审核通过，已发证书：').waitFor();
    number = CERT.exec(await street.locator('.app-banner').innerText())![0];
    expect(number).toMatch(/^BA-360802-/);
    await h.screenshot(street, 'application-approved');

    await street.goto(`${h.baseUrl}/applications/overdue`);
    await street.locator('.ant-table-row', { hasText: '仓口社区居委会' }).waitFor();
    await street.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    await h.screenshot(street, 'overdue-by-node');
    await street.context().close();

    // The applicant downloads the PDF from the link on their application.
    await applicant.goto(`${h.baseUrl}/applications/${appId}`);
    const pdfLink = applicant.getByRole('link', { name: /下载证书 PDF/ });
    await pdfLink.waitFor();
    const pdf = await applicant.request.get(new URL((await pdfLink.getAttribute('href'))!, h.baseUrl).toString());
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    const anyone = await h.newPage();
    await anyone.goto(`${h.baseUrl}/verify/${number}`);
    await anyone.getByText('证书有效').waitFor();
    const page = await anyone.locator('.verify-card').innerText();
    expect(page).toContain(NAME);
    expect(page).toContain('吉州区文山街道办事处');
    expect(page).not.toContain(LEADER);
    expect(page).not.toContain('1234');
    await h.screenshot(anyone, 'verify-valid');
    await anyone.context().close();
  }, LONG);

  it('after a deregistration (applicant applies, community batch-approves, street approves) the certificate is revoked', async () => {
    await applicant.goto(`${h.baseUrl}/applications/${appId}`);
    await applicant.getByRole('button', { name: '申请注销' }).click();
    await applicant.locator('.ant-modal-confirm').getByRole('button', { name: '创建草稿' }).click();
    await applicant.waitForURL(/\/applications\/\d+\/edit$/);
    await applicant.locator('#appForm_reason').fill('成员年事已高，经成员大会决议停止活动并注销');
    await applicant.getByRole('button', { name: '下一步' }).click();
    await applicant.getByText('提交前检查').waitFor();
    await applicant.locator('.wizard-actions').getByRole('button', { name: '提交申请' }).click();
    await applicant.locator('.ant-modal-confirm').getByRole('button', { name: '提交申请' }).click();
    await applicant.waitForURL(/\/applications\/\d+$/);
    await applicant.getByText('正在“社区预审”环节审核').waitFor();

    const community = await h.newPage();
    await loginInBrowser(h, community, 'cangkou-staff', TEST_PASSWORD);
    await community.goto(`${h.baseUrl}/applications`);
    const row = community.locator('tr.ant-table-row', { hasText: '注销备案' });
    await row.locator('.ant-checkbox-input').check();
    await community.getByRole('button', { name: '批量同意' }).click();
    await community.locator('#batchReview_opinion').fill('经核实已停止活动，同意注销');
    await h.screenshot(community, 'queue-batch');
    await community.locator('.ant-modal').getByRole('button', { name: '批量同意' }).click();
    await community.getByText('办理结果：成功 1 件，未办理 0 件').waitFor();
    await community.context().close();

    const street = await h.newPage();
    await loginInBrowser(h, street, 'wenshan-reviewer', TEST_PASSWORD);
    await street.goto(`${h.baseUrl}/applications?queue=mine`);
    await street.locator('tr.ant-table-row', { hasText: '注销备案' }).getByRole('link', { name: NAME }).click();
    await street.locator('#review_opinion').fill('同意注销');
    await street.locator('.review-panel').getByRole('button', { name: label('同意') }).click();
    await confirmApproval(street, '同意');
    await street.getByText('已同意').first().waitFor();
    await street.context().close();

    const anyone = await h.newPage();
    await anyone.goto(`${h.baseUrl}/verify/${number}`);
    await anyone.getByText('证书已注销作废').waitFor();
    await h.screenshot(anyone, 'verify-revoked');
    await anyone.context().close();
  }, LONG);

  it('the district admin edits settings; the queue and the wizard work at phone width', async () => {
    const admin = await h.newPage();
    await loginInBrowser(h, admin, 'jizhou-admin', TEST_PASSWORD);
    await admin.goto(`${h.baseUrl}/settings`);
    await admin.getByText('备案登记流程与时限').first().waitFor();
    await admin.getByText('社区预审 → 街道审查 → 区民政局备案').click();
    await admin.locator('.settings-card').first().getByRole('button', { name: label('保存') }).click();
    await admin.getByText('已保存：备案登记流程与时限').waitFor();
    await h.screenshot(admin, 'settings');
    await admin.goto(`${h.baseUrl}/applications/${appId}/print`);
    await admin.getByText('成立备案申请表').waitFor();
    await h.screenshot(admin, 'application-print');
    await admin.context().close();

    const phone = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, phone, 'cangkou-staff', TEST_PASSWORD);
    await phone.goto(`${h.baseUrl}/applications?queue=all`);
    await phone.getByRole('link', { name: NAME }).first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(phone, 'applications-phone');
    await phone.goto(`${h.baseUrl}/applications/${appId}`);
    await phone.getByRole('heading', { name: NAME }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await h.screenshot(phone, 'application-phone');
    await phone.context().close();
    await applicant.context().close();
  }, LONG);
});
