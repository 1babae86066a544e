import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificate, createTestOrg, createTestUser, makeCreditCode, PLACES, TEST_PASSWORD } from '../factories.js';
import { seedDemoPopulation } from '../../src/server/demo/demo-population.js';
import { loginInBrowser, startBrowserHarness, type BrowserHarness } from './browser.js';

/**
 * Issue 22 items 4, 6, 7 and 8 as a user meets them: the street's rows add up with a 街道本级 row; a resident
 * reaches certificate verification from the public register and types the number as an input method gives it;
 * the printed board keeps its charts on A4 with the target line inside; Tab reaches a drill-down link.
 */
const LONG = 180_000;
const CERT = 'BA-360802-2026-00007-7K3M';
let h: BrowserHarness;
let certOrg: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'jizhou-admin' });
  await seedDemoPopulation(db);
  for (const [i, name] of ['仓口社区舞蹈队', '仓口社区书画社', '仓口社区志愿服务队'].entries()) {
    await createTestOrg(db, { name, regionCode: PLACES.cangkou, foundedOn: `${2015 + i}-05-01` });
  }
  await createTestOrg(db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2018-03-01' });
  // Two registered at the street itself: in no community, counted in 文山街道本级.
  for (const name of ['文山街道志愿者协会', '文山街道老年协会']) {
    await createTestOrg(db, { name, regionCode: PLACES.wenshan, legalForm: 'social_group', creditCode: makeCreditCode('1'), foundedOn: '2016-03-01' });
  }
  certOrg = (await createTestOrg(db, { name: '仓口社区银发书画社', regionCode: PLACES.cangkou, foundedOn: '2020-03-01' })).id;
  await createTestCertificate(db, certOrg, CERT);
  await db.updateTable('orgs').set({ certificate_no: CERT }).where('id', '=', certOrg).execute();
}, LONG);
afterAll(async () => h?.close());

describe('the board adds up, prints whole, and is reachable by keyboard', () => {
  it('shows 文山街道本级 and a total row, and the rows add up', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/stats/${PLACES.wenshan}`);
    await page.getByTestId('own-row').waitFor();
    expect(await page.getByTestId('own-row').textContent()).toBe('文山街道本级');
    const count = async (id: string) => Number(((await page.getByTestId(id).first().textContent()) ?? '').replace(/,/g, ''));
    const children = await page.getByTestId('orgs-child').allTextContents();
    const sum = children.reduce((s, x) => s + Number(x.replace(/,/g, '')), 0);
    expect(await count('orgs-own')).toBe(2);
    expect(sum + (await count('orgs-own'))).toBe(await count('orgs-total'));
    expect(await count('orgs-total')).toBe(7);
    expect(await page.title()).toContain('文山街道');
    await h.screenshot(page, 'board-wenshan-1440');
  }, LONG);

  it('Tab reaches a drill-down link; Enter opens the area at the top of the page', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/stats/${PLACES.jizhou}`);
    await page.getByTestId(`drill-${PLACES.wenshan}`).waitFor();
    let reached: string | null = null;
    for (let i = 0; i < 200 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const id = document.activeElement?.getAttribute('data-testid') ?? '';
        return id.startsWith('drill-') && document.activeElement?.tagName === 'A' ? id : null;
      });
    }
    expect(reached).not.toBeNull();
    const href = await page.evaluate(() => document.activeElement!.getAttribute('href'));
    expect(href).toMatch(new RegExp(`^/stats/${reached!.slice('drill-'.length)}`));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === `/stats/${reached!.slice('drill-'.length)}`);
    await page.locator('.stats-title').waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  }, LONG);

  it('prints the street ranking on A4 with the target line and its label inside the chart', async () => {
    const page = await h.newPage({ width: 1440, height: 900 });
    await loginInBrowser(h, page, 'jizhou-admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/stats/${PLACES.jizhou}?metric=orgsPer10k`);
    const card = page.locator('.stats-card', { hasText: '下级排名' });
    await card.locator('svg').first().waitFor();
    // Paper: A4 at 96 dpi, print media, and the print events a browser sends.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForTimeout(500);
    const box = await card.evaluate((el) => {
      const chart = el.querySelector('.echart') as HTMLElement;
      const svg = chart.querySelector('svg')!;
      const target = [...svg.querySelectorAll('text')].find((t) => (t.textContent ?? '').startsWith('目标'));
      const c = chart.getBoundingClientRect();
      const s = svg.getBoundingClientRect();
      const t = target?.getBoundingClientRect();
      return { chart: { left: c.left, right: c.right }, svg: { left: s.left, right: s.right }, target: t ? { left: t.left, right: t.right, text: target!.textContent } : null, page: document.documentElement.clientWidth };
    });
    expect(box.target, 'the target line has its label').not.toBeNull();
    expect(box.svg.right).toBeLessThanOrEqual(box.page + 1);
    expect(box.target!.left).toBeGreaterThanOrEqual(box.svg.left);
    expect(box.target!.right).toBeLessThanOrEqual(box.svg.right + 1);
    expect(box.target!.text).toBe('目标 25');
    await h.screenshot(page, 'board-print-a4');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  }, LONG);
});

describe('certificate verification from the public register', () => {
  it('a resident opens 证书核验 from the header, types the number with full-width dashes and spaces, and sees it is valid; the record links there too', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await page.goto(`${h.baseUrl}/public`);
    await page.getByTestId('verify-link').click();
    await page.waitForURL((url) => url.pathname === '/verify');
    await page.getByRole('textbox').fill(` ${CERT.replace(/-/g, '－').toLowerCase()} `);
    await page.getByRole('textbox').press('Enter');
    await page.waitForURL((url) => url.pathname === `/verify/${CERT}`);
    await page.getByText('证书有效').waitFor();
    await h.screenshot(page, 'verify-phone');

    await page.goto(`${h.baseUrl}/public/orgs/${certOrg}`);
    await page.getByTestId('certificate-link').click();
    await page.waitForURL((url) => url.pathname === `/verify/${CERT}`);
    await page.getByText('证书有效').waitFor();
  }, LONG);
});
