import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestOrg, createTestUser, makeResidentId, PLACES, TEST_PASSWORD } from '../factories.js';
import { workbook } from '../sheets.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

// Issue 22 items 1–3, as a newcomer met them: a failed save that shows nothing where the user looks, an import
// result printed below a full-height drop zone, typed input lost by a click on the menu or one wrong check digit.
const LONG = 180_000;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let h: BrowserHarness;
let orgId: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestUser(h.database.db, { role: 'street_reviewer', regionCode: PLACES.wenshan, username: 'wenshan-reviewer' });
  await createTestUser(h.database.db, { role: 'org_leader', regionCode: PLACES.cangkou, username: 'zhou.min' });
  orgId = (await createTestOrg(h.database.db, { name: '仓口社区夕阳红合唱团', regionCode: PLACES.cangkou, individualMembers: 30, purpose: '丰富老年人文化生活' })).id;
});
afterAll(async () => h?.close());

/** Whether the element is inside the viewport now (not merely somewhere on the long page). */
async function inViewport(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
/** The shared form behaviour's message: antd's toast, below the header. */
const toast = (page: Page) => page.locator('.ant-message-notice');
const sideMenu = (page: Page, name: string) => page.locator('.ant-layout-sider').getByRole('menuitem', { name });

describe('a failed save shows why, where the user is looking (item 1)', () => {
  for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    it(`on the organization form without 修改原因, at ${label} width, the reason is in view, focused and named`, async () => {
      const page = await h.newPage(viewport);
      await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
      await page.goto(`${h.baseUrl}/orgs/${orgId}/edit`);
      const members = page.locator('#orgForm_individualMembers');
      await members.waitFor();
      await members.fill('36');
      await page.locator('.org-form-actions').getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-form-item-explain-error', { hasText: '请填写修改原因' }).waitFor();
      await expect.poll(() => activeId(page)).toBe('orgForm_reason');
      expect(await inViewport(page, '#orgForm_reason')).toBe(true);
      await toast(page).filter({ hasText: '请修改「修改原因」：请填写修改原因' }).waitFor();
      // The message does not cover the header and its bell, once it has slid into place (antd's move-up animation).
      const header = await page.locator('.app-header').boundingBox();
      await expect.poll(async () => (await toast(page).first().boundingBox())!.y, { timeout: 3000 }).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
      await h.screenshot(page, `form-first-error-${label}`);
      await page.context().close();
    }, LONG);
  }

  it('scrolls back up to the first problem in the page order and focuses it', async () => {
    const page = await h.newPage(DESKTOP);
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs/${orgId}/edit`);
    await page.locator('#orgForm_name').fill('');
    await page.locator('#orgForm_venue').scrollIntoViewIfNeeded();
    expect(await inViewport(page, '#orgForm_name')).toBe(false);
    await page.locator('.org-form-actions').getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => activeId(page)).toBe('orgForm_name');
    expect(await inViewport(page, '#orgForm_name')).toBe(true);
    // Two problems (the name, the reason): the message names the first and says there are more.
    await toast(page).filter({ hasText: /请修改「名称」.*共 2 处/ }).waitFor();
    await page.context().close();
  }, LONG);

  it('puts a server\'s 4xx field message on its field the same way: scrolled to, focused, named', async () => {
    const page = await h.newPage(DESKTOP);
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    // The server's answer to a rule only it can judge, in its error format (plugins/error-handler.ts).
    await page.route(`**/api/v1/orgs/${orgId}`, (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation', message: '请求参数有误', fields: { address: '地址与所在社区不符，请核对' } } }) })
        : route.fallback(),
    );
    await page.goto(`${h.baseUrl}/orgs/${orgId}/edit`);
    await page.locator('#orgForm_address').fill('别处的地址');
    await page.locator('#orgForm_reason').fill('核对地址');
    await page.locator('#orgForm_venue').scrollIntoViewIfNeeded();
    await page.locator('.org-form-actions').getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-form-item-explain-error', { hasText: '地址与所在社区不符，请核对' }).waitFor();
    await expect.poll(() => activeId(page)).toBe('orgForm_address');
    expect(await inViewport(page, '#orgForm_address')).toBe(true);
    await toast(page).filter({ hasText: '请修改「地址」：地址与所在社区不符，请核对' }).waitFor();
    await page.context().close();
  }, LONG);
});

describe('the import drawer shows its result at the top (item 2)', () => {
  it('folds the drop zone and shows a non-spreadsheet\'s error at the top, at desktop and phone width', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await h.newPage(viewport);
      await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
      await page.goto(`${h.baseUrl}/orgs`);
      await page.getByRole('button', { name: /导\s*入/ }).first().click();
      const drawer = page.locator('.ant-drawer-open .ant-drawer-section');
      await drawer.locator('.ant-upload-drag').waitFor();
      await drawer.locator('input[type=file]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n') });
      const alert = drawer.locator('[role=alert]', { hasText: '请选择 .xlsx 或 .csv 文件' });
      await alert.waitFor();
      expect(await inViewport(page, '.ant-drawer-open .ant-drawer-section [role=alert]')).toBe(true);
      expect(await drawer.locator('.ant-upload-drag').count()).toBe(0);
      await drawer.getByText('照片.png').waitFor();
      await drawer.getByRole('button', { name: '选择其他文件' }).waitFor();
      await h.screenshot(page, `import-wrong-file-${viewport.width}`);
      await page.context().close();
    }
  }, LONG);

  it('shows the counts and the first rejected rows with their plain messages at the top, and keeps the report', async () => {
    const page = await h.newPage(DESKTOP);
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs`);
    await page.getByRole('button', { name: /导\s*入/ }).first().click();
    const drawer = page.locator('.ant-drawer-open .ant-drawer-section');
    const file = await workbook([
      ['名称', '组织形式', '类别', '所在社区', '手机'],
      ['仓口社区导入好队', '备案', '文体活动', '仓口社区', null],
      [null, '备案', '文体活动', '仓口社区', null],
      ['仓口社区电话错队', '备案', '文体活动', '仓口社区', '123'],
    ]);
    await drawer.locator('input[type=file]').setInputFiles({ name: '名单.xlsx', mimeType: 'application/octet-stream', buffer: file });
    // Seen once under load in CI: the drawer never said 导入完成 within a minute. Say what it showed instead.
    await drawer.getByText('导入完成：名单.xlsx').waitFor().catch(async (err: Error) => {
      throw new Error(`${err.message}\nthe drawer showed: ${await drawer.innerText().catch(() => '(gone)')}`);
    });
    expect(await drawer.locator('.import-counts').innerText()).toMatch(/新增\s*1/);
    const problems = drawer.locator('.import-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text).toMatch(/3\s+名称\s+[^\n]*名称/);
    expect(text).toContain('联系电话');
    expect(text).not.toMatch(/Invalid|expected|期望|无效输入/);
    expect(await inViewport(page, '.ant-drawer-open .ant-drawer-section .import-counts')).toBe(true);
    await drawer.getByRole('link', { name: /下载逐行错误报告/ }).waitFor();
    expect(await drawer.locator('.ant-upload-drag').count()).toBe(0);
    await h.screenshot(page, 'import-rejected-rows');
    await page.context().close();
  }, LONG);
});

describe('unsaved work is never lost silently (item 3)', () => {
  it('asks before the menu or the browser\'s back button leaves the organization form with typed input', async () => {
    const page = await h.newPage(DESKTOP);
    await loginInBrowser(h, page, 'wenshan-reviewer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/orgs/${orgId}`);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(`${h.baseUrl}/orgs/${orgId}/edit`);
    await page.locator('#orgForm_address').fill('仓口社区党群服务中心三楼');

    await sideMenu(page, '社会组织名录').click();
    const ask = page.locator('.ant-modal-confirm', { hasText: '离开此页？' });
    await ask.waitFor();
    await h.screenshot(page, 'form-leave-guard');
    await ask.getByRole('button', { name: '留在此页' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/edit`);
    expect(await page.locator('#orgForm_address').inputValue()).toBe('仓口社区党群服务中心三楼');

    await page.goBack();
    await ask.waitFor();
    await ask.getByRole('button', { name: '留在此页' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe(`/orgs/${orgId}/edit`);

    await sideMenu(page, '社会组织名录').click();
    await ask.getByRole('button', { name: '离开，不保存' }).click();
    await page.waitForURL((u) => u.pathname === '/orgs');
    await page.context().close();
  }, LONG);

  it('the wizard keeps a pasted 22-person list when one ID check digit and one phone are wrong, autosaves and guards', async () => {
    const page = await h.newPage(DESKTOP);
    page.on('dialog', (d) => void d.accept());
    await loginInBrowser(h, page, 'zhou.min', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/applications/new`);
    await page.locator('#newApplication_name').fill('仓口社区银发合唱团');
    await page.getByRole('button', { name: '创建草稿并填写' }).click();
    await page.waitForURL(/\/applications\/\d+\/edit$/);
    const appId = Number(/\/applications\/(\d+)\/edit/.exec(page.url())![1]);
    await page.locator('#appForm_org_category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="文体活动"]').click();
    await page.getByRole('button', { name: '下一步' }).click();

    // The ID number's check digit is wrong; the 5th pasted member's phone is too short.
    await page.locator('#appForm_org_leaderIdNumber').fill('360802196205040001');
    await page.getByText('身份证号校验码（第 18 位）不正确').waitFor();
    await page.getByRole('button', { name: '批量粘贴' }).click();
    const rows = Array.from({ length: 22 }, (_, i) => (i === 4 ? `合唱队员${i + 1}，1380013` : `合唱队员${i + 1}`));
    await page.getByRole('textbox', { name: '批量粘贴成员' }).fill(rows.join('\n'));
    await page.getByRole('button', { name: '加入名单' }).click();
    await page.getByText('名单中个人 22 人、单位 0 个').waitFor();
    // The bad row is marked at once.
    await page.locator('.member-row').nth(4).locator('.ant-form-item-explain-error').waitFor();

    // The draft saves itself a moment later: everything but the two wrong values.
    await page.getByText(/已自动保存 \d\d:\d\d/).waitFor();
    const saved = await (await page.request.get(`${h.baseUrl}/api/v1/applications/${appId}`)).json();
    expect(saved.data.members).toHaveLength(22);
    expect(saved.data.members[4]).toMatchObject({ name: '合唱队员5', phone: null });
    expect(saved.data.org.leaderIdNumber ?? null).not.toBe('360802196205040001');
    expect(saved.data.org.individualMembers).toBe(22);
    await h.screenshot(page, 'wizard-autosaved-partly');

    // What was left out is still on the page, marked, and leaving asks first.
    expect(await page.locator('#appForm_org_leaderIdNumber').inputValue()).toBe('360802196205040001');
    await sideMenu(page, '我的申请').click();
    const ask = page.locator('.ant-modal-confirm', { hasText: '离开此页？' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '留在此页' }).click();
    await ask.waitFor({ state: 'detached' });

    // 保存草稿 says what was not saved and takes the user to it.
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await toast(page).filter({ hasText: '标红的内容有误' }).waitFor();
    await expect.poll(() => activeId(page)).toBe('appForm_org_leaderIdNumber');

    // Corrected, the next save is whole and leaving no longer asks.
    await page.locator('#appForm_org_leaderIdNumber').fill(makeResidentId('360802', '19620504', 7));
    await page.locator('#appForm_members_4_phone').fill('13800138000');
    await page.getByRole('button', { name: /保存草稿/ }).click();
    await toast(page).filter({ hasText: '草稿已保存' }).first().waitFor();
    await sideMenu(page, '我的申请').click();
    await page.waitForURL((u) => u.pathname === '/applications');
    const whole = await (await page.request.get(`${h.baseUrl}/api/v1/applications/${appId}`)).json();
    // Saved (and shown masked: the phone is sealed at rest, issue 12 item 5).
    expect(whole.data.members[4]).toMatchObject({ phone: '138****8000' });

    // Back in the wizard, the list is all there.
    await page.goto(`${h.baseUrl}/applications/${appId}/edit`);
    await page.getByRole('button', { name: '下一步' }).click();
    expect(await page.locator('.member-row').count()).toBe(22);
    await page.context().close();
  }, LONG);
});
