import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { seedDemoPopulation } from '../../src/server/demo/demo-population.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

const LONG = 180_000;
let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
  await createTestUser(h.database.db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'jizhou-admin' });
  await seedDemoPopulation(h.database.db);
  for (const [i, name] of ['仓口社区舞蹈队', '仓口社区书画社', '仓口社区志愿服务队'].entries()) {
    await createTestOrg(h.database.db, { name, regionCode: PLACES.cangkou, foundedOn: `${2015 + i}-05-01`, category: i === 2 ? '公益慈善' : '文体活动' });
  }
  await createTestOrg(h.database.db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2018-03-01' });
  await createTestOrg(h.database.db, { name: '古南社区腰鼓队', regionCode: PLACES.gunanCommunity, foundedOn: '2019-03-01' });
}, LONG);
afterAll(async () => h?.close());

describe('statistics dashboard in the browser', () => {
  it('jizhou-admin opens the board, clicks the per-10,000 figure, drills into 文山街道 and a community, and sees the organizations behind the number', async () => {
    const page = await h.newPage();
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.getByRole('menuitem', { name: '统计看板' }).click();
    await page.waitForURL((url) => url.pathname === '/stats');
    await page.locator('.stats-title', { hasText: '吉州区' }).waitFor();
    await page.getByText('人口为演示数据').first().waitFor();

    await page.getByTestId('figure-orgsPer10k').click();
    await page.waitForURL((url) => url.searchParams.get('metric') === 'orgsPer10k');
    await page.locator('.stats-card .ant-card-head-title', { hasText: '下级排名：每万人组织数（个/万人）' }).waitFor();
    await h.screenshot(page, 'stats-district');

    await page.getByTestId(`drill-${PLACES.wenshan}`).click();
    await page.waitForURL((url) => url.pathname === `/stats/${PLACES.wenshan}`);
    await page.locator('.stats-title', { hasText: '文山街道' }).waitFor();
    // The breadcrumb walks back up to the district.
    await page.locator('.stats-path', { hasText: '吉州区' }).waitFor();
    await page.getByTestId(`drill-${PLACES.cangkou}`).filter({ hasText: '仓口社区' }).waitFor();

    await page.getByTestId(`drill-${PLACES.cangkou}`).click();
    await page.waitForURL((url) => url.pathname === `/stats/${PLACES.cangkou}`);
    const behind = page.getByTestId('orgs-behind');
    await behind.getByText('仓口社区舞蹈队').waitFor();
    await behind.getByText('共 3 个').waitFor();
    const text = (await behind.textContent()) ?? '';
    expect(text).toContain('仓口社区书画社');
    expect(text).toContain('仓口社区志愿服务队');
    expect(text).not.toContain('新村社区合唱团');
    expect(text).toContain('共 3 个');
    // The figure on the board is the same three organizations over the community's population.
    const value = await page.getByTestId('figure-orgsPer10k').locator('.stats-figure-value').textContent();
    expect(Number(value)).toBeGreaterThan(0);
    await h.screenshot(page, 'stats-community');

    await page.locator('.stats-path a', { hasText: '吉州区' }).click();
    await page.waitForURL((url) => url.pathname === `/stats/${PLACES.jizhou}`);
    await page.locator('.stats-title', { hasText: '吉州区' }).waitFor();
  }, LONG);

  it('fits a phone', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/stats/${PLACES.wenshan}`);
    await page.locator('.stats-title', { hasText: '文山街道' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await h.screenshot(page, 'stats-phone');
  }, LONG);
});
