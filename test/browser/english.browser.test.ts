import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedTestActivity } from './ledger-fixture.js';
import { createTestCertificate, createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
import { seedDemoPopulation } from '../../src/server/demo/demo-population.js';
import { notify } from '../../src/server/modules/notifications/index.js';
import { startBrowserHarness, type BrowserHarness } from './browser.js';
import { tourPages, type TourStop } from './page-tour.js';
import { seedDeclarationPages } from '../declarations.js';
import { insertTestPenalty } from '../penalties.js';
import { seedInspectionPages } from '../inspections.js';
import { insertRiskItem } from '../risks.js';
import { seedCreditPages } from './credit-fixture.js';
import { draftTestReport } from './annual-fixture.js';
import { establishmentData } from '../applications.js';

/**
 * Issue 22 item 9: English is complete or absent. Every main page in English mode is searched for Chinese
 * characters and Chinese punctuation in visible text and in placeholders, labels and titles; it may appear only
 * in data values (names, places, a district's own category, server text the web has no words for), which the
 * web marks with a data-value attribute (components/Data.tsx), or in text marked lang="zh-CN" (the 中文 of the
 * language switch, the brand mark, a quoted rule).
 */
const LONG = 300_000;
const CERT = 'BA-360802-2026-00009-7K3M';
let h: BrowserHarness;
let orgId: number;
let declarationId: number;
let penaltyId: number;
let riskId: number;
let creditId: number;
let reportId: number;
let inspection: { planId: number; itemId: number };
let appId: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  const admin = await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'en-admin' });
  // The inbox with one unread reminder and one read decision (issue 13 item 6).
  await notify(db, { userIds: [admin.id], kind: 'reminder', title: '仓口社区舞蹈队 2026 年度报告还有 7 天到期', body: '截止日期 2027-05-31', link: '/orgs' });
  await notify(db, { userIds: [admin.id], kind: 'review.return', title: '备案登记申请「仓口夕阳红舞蹈队」被退回补正（社区预审）', body: '退回意见：请补充会员名单' });
  await db.updateTable('notifications').set({ read_at: new Date() }).where('kind', '=', 'review.return').execute();
  await createTestUser(db, { role: 'sysadmin', username: 'en-sys' });
  await createTestUser(db, { role: 'auditor', username: 'en-audit' });
  await seedDemoPopulation(db);
  orgId = (await createTestOrg(db, { name: '仓口社区舞蹈队', regionCode: PLACES.cangkou, foundedOn: '2019-05-01', purpose: '丰富居民文化生活', isDemoSite: true })).id;
  await createTestOrg(db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2020-03-01' });
  // The ledger pages (issue 13): community staff enter; one activity shows on the record's 活动台账 tab.
  const staff = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'en-staff' });
  // An annual report of last year's (issue 13): the queue, the form with its checks, the review page and the rates.
  reportId = await draftTestReport(h.app, 'en-staff', orgId, new Date().getFullYear() - 1);
  await seedTestActivity(db, staff.id, orgId);
  await createTestCertificate(db, orgId, CERT);
  await db.updateTable('orgs').set({ certificate_no: CERT }).where('id', '=', orgId).execute();
  // An applicant's draft that trips the checks: too few members, a charter without its leader, no files, and a
  // second 舞蹈队 in the community (the similarity warning).
  await createTestUser(db, { role: 'org_leader', regionCode: PLACES.cangkou, username: 'en-leader' });
  const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'en-leader', password: TEST_PASSWORD } });
  const sid = login.cookies.find((c) => c.name === 'shezu_sid')!.value;
  const data = establishmentData(PLACES.cangkou, '仓口夕阳红舞蹈队');
  data.org.individualMembers = 8;
  data.members = data.members.slice(0, 8);
  data.charter = '本队宗旨：强身健体。活动：跳舞。';
  const created = await h.app.inject({ method: 'POST', url: '/api/v1/applications', cookies: { shezu_sid: sid }, headers: { 'x-csrf-token': login.json().csrfToken }, payload: { kind: 'filing', data } });
  if (created.statusCode !== 201) throw new Error(created.body);
  appId = created.json().id;
  declarationId = await seedDeclarationPages(h.app, db, 'en-staff', TEST_PASSWORD, orgId);
  // Penalties (issue 14): a fine on the list, its page, the record's tab and the public register's section.
  penaltyId = await insertTestPenalty(db, orgId, { recordedBy: admin.id });
  inspection = await seedInspectionPages(db, admin.id, 'en-admin');
  riskId = await insertRiskItem(db, orgId, 'rectifying');
  // Credit lists (issue 14): a ¥60,000 fine told to the listeners puts the organization on the serious list (告知中).
  creditId = await seedCreditPages(db, orgId);
}, LONG);
afterAll(async () => h?.close());

/** Visible Chinese outside data values: the text and where it stands. */
async function chineseOutsideData(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/;
    const exempt = (el: Element | null) => !!el?.closest('[data-value], [lang^="zh"], script, style, noscript, svg title');
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && el.getClientRects().length > 0;
    };
    const where = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').filter(Boolean).slice(0, 2).join('.')}` : ''}`;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      const el = n.parentElement;
      if (!el || !CJK.test(text) || exempt(el) || !visible(el)) continue;
      out.push(`"${text.trim().slice(0, 60)}" in ${where(el)}`);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (exempt(el) || !visible(el)) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v && CJK.test(v)) out.push(`${a}="${v.slice(0, 60)}" on ${where(el)}`);
      }
    }
    return [...new Set(out)];
  });
}

const PAGES: TourStop[] = [
  { name: 'login', user: null, path: () => '/login', ready: '#username' },
  { name: 'public register', user: null, path: () => '/public', ready: '.public-main .ant-card' },
  { name: 'public record', user: null, path: () => `/public/orgs/${orgId}`, ready: '.public-card' },
  { name: 'verification', user: null, path: () => `/verify/${CERT}`, ready: '.verify-state' },
  { name: 'registry', user: 'en-admin', path: () => '/orgs', ready: '.ant-table-row' },
  { name: 'org record', user: 'en-admin', path: () => `/orgs/${orgId}`, ready: '.org-record' },
  { name: 'board', user: 'en-admin', path: () => `/stats/${PLACES.wenshan}`, ready: '[data-testid="own-row"]' },
  { name: 'reviews', user: 'en-admin', path: () => '/reviews', ready: '.ant-card' },
  { name: 'applications', user: 'en-admin', path: () => '/applications', ready: '.ant-card' },
  { name: 'annual reports', user: 'en-admin', path: () => '/annual-reports?tab=all', ready: '.ar-page .ant-table' },
  { name: 'annual report', user: 'en-admin', path: () => `/annual-reports/${reportId}`, ready: '.ar-read' },
  { name: 'annual report form', user: 'en-staff', path: () => `/annual-reports/${reportId}/edit`, ready: '#section-finances' },
  { name: 'annual rates', user: 'en-admin', path: () => `/annual-reports/rates/${PLACES.wenshan}`, ready: '[data-testid="rates-table"]' },
  { name: 'org annual reports', user: 'en-admin', path: () => `/orgs/${orgId}?tab=annual`, ready: '[data-testid="org-annual-reports"] .ant-table' },
  { name: 'settings', user: 'en-admin', path: () => '/settings', ready: '.ant-card' },
  { name: 'inbox', user: 'en-admin', path: () => '/notifications', ready: '.inbox-item' },
  { name: 'ledger entry', user: 'en-staff', path: () => '/ledger/new', ready: '.ledger-entry' },
  { name: 'community ledger', user: 'en-staff', path: () => '/ledger', ready: '.ledger-page .ant-table' },
  { name: 'org ledger tab', user: 'en-staff', path: () => `/orgs/${orgId}?tab=ledger`, ready: '.ledger-timeline' },
  { name: 'street ledger', user: 'en-admin', path: () => `/ledger?region=${PLACES.wenshan}`, ready: '.ledger-page .ant-table' },
  { name: 'dormant per node', user: 'en-admin', path: () => '/ledger?view=dormant', ready: '.ledger-page .ant-table' },
  { name: 'inspection plans', user: 'en-admin', path: () => '/inspections', ready: '.ant-table-row' },
  { name: 'inspection plan', user: 'en-admin', path: () => `/inspections/${inspection.planId}`, ready: '.insp-seed' },
  { name: 'my checks', user: 'en-admin', path: () => '/inspections/mine', ready: '.ant-list-item' },
  { name: 'inspection checklist', user: 'en-admin', path: () => `/inspections/items/${inspection.itemId}`, ready: '.insp-area' },
  { name: 'public inspection plans', user: null, path: () => '/public/inspections', ready: '.ant-list-item' },
  { name: 'public inspection plan', user: null, path: () => `/public/inspections/${inspection.planId}`, ready: '.insp-seed' },
  { name: 'declarations', user: 'en-admin', path: () => '/declarations', ready: '.ant-table-row' },
  { name: 'declaration', user: 'en-staff', path: () => `/declarations/${declarationId}`, ready: '.review-panel' },
  { name: 'declaration form', user: 'en-staff', path: () => `/declarations/new?org=${orgId}`, ready: '.lead-hint, .decl-rule' },
  { name: 'declaration flags', user: 'en-admin', path: () => `/declarations/flags?region=${PLACES.wenshan}`, ready: '.decl-flag-reasons' },
  { name: 'org declarations tab', user: 'en-admin', path: () => `/orgs/${orgId}?tab=declarations`, ready: '.ant-table-row' },
  { name: 'penalties', user: 'en-admin', path: () => '/penalties', ready: '.ant-table-row' },
  { name: 'penalty', user: 'en-admin', path: () => `/penalties/${penaltyId}`, ready: '.ant-descriptions' },
  { name: 'penalty form', user: 'en-admin', path: () => `/penalties/new?org=${orgId}`, ready: '#penalty_decisionNo' },
  { name: 'org penalties tab', user: 'en-admin', path: () => `/orgs/${orgId}?tab=penalties`, ready: '.ant-table-row' },
  { name: 'credit lists', user: 'en-admin', path: () => '/credit?tab=dishonest', ready: '.credit-page .ant-table-row' },
  { name: 'credit proposals', user: 'en-admin', path: () => '/credit?tab=proposals', ready: '.credit-page .ant-table' },
  { name: 'credit entry', user: 'en-admin', path: () => `/credit/${creditId}`, ready: '[data-testid="credit-entry"] .credit-timeline' },
  { name: 'credit manual entry', user: 'en-admin', path: () => '/credit/new', ready: '#creditEntry_facts' },
  { name: 'org credit tab', user: 'en-admin', path: () => `/orgs/${orgId}?tab=credit`, ready: '[data-testid="org-credit"] .ant-table-row' },
  { name: 'rules', user: 'en-admin', path: () => '/rules', ready: '.rule-card' },
  { name: 'public org with penalties', user: null, path: () => `/public/orgs/${orgId}`, ready: '[data-testid="public-penalties"] .ant-descriptions' },
  { name: 'risk board', user: 'en-admin', path: () => `/risks/board?region=${PLACES.wenshan}`, ready: '.ant-table-row' },
  { name: 'risks', user: 'en-admin', path: () => '/risks', ready: '.ant-table-row' },
  { name: 'risk item', user: 'en-staff', path: () => `/risks/${riskId}`, ready: '.ant-timeline' },
  { name: 'org risks tab', user: 'en-admin', path: () => `/orgs/${orgId}?tab=risks`, ready: '.ant-table-row' },
  { name: 'regions', user: 'en-admin', path: () => '/regions', ready: '.ant-card' },
  { name: 'application with checks', user: 'en-leader', path: () => `/applications/${appId}`, ready: '.checks-list' },
  { name: 'users', user: 'en-sys', path: () => '/users', ready: '.ant-table-row' },
  { name: 'audit', user: 'en-audit', path: () => '/audit', ready: '.ant-table' },
];

describe('English pages show no Chinese outside data values', () => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`at ${viewport.width} px`, async () => {
      const english = async (page: Page) => {
        await page.context().addInitScript(() => localStorage.setItem('shezu.lang', 'en'));
      };
      expect((await tourPages(h, viewport, PAGES, chineseOutsideData, english)).join('\n')).toBe('');
    }, LONG);
  }
});
