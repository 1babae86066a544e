import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { seedTestActivity } from './ledger-fixture.js';
import { createTestOrg, createTestUser, PLACES, TEST_PASSWORD } from '../factories.js';
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

/**
 * Issue 22 item 8: an automated accessibility check (axe-core, WCAG 2.1 A and AA rules) over the main staff
 * pages, at desktop and phone width. A serious or critical violation fails the test, with the rule, the
 * elements and axe's help text in the message.
 */
const LONG = 300_000;
let h: BrowserHarness;
let orgId: number;
let declarationId: number;
let penaltyId: number;
let riskId: number;
let creditId: number;
let reportId: number;
let inspection: { planId: number; itemId: number };
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  const admin = await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'a11y-admin' });
  // The inbox with one unread reminder and one read decision (issue 13 item 6).
  await notify(db, { userIds: [admin.id], kind: 'reminder', title: '仓口社区舞蹈队 2026 年度报告还有 7 天到期', body: '截止日期 2027-05-31', link: '/orgs' });
  await notify(db, { userIds: [admin.id], kind: 'review.return', title: '备案登记申请「仓口夕阳红舞蹈队」被退回补正（社区预审）', body: '退回意见：请补充会员名单' });
  await db.updateTable('notifications').set({ read_at: new Date() }).where('kind', '=', 'review.return').execute();
  await createTestUser(db, { role: 'sysadmin', username: 'a11y-sys' });
  await createTestUser(db, { role: 'auditor', username: 'a11y-audit' });
  await seedDemoPopulation(db);
  orgId = (await createTestOrg(db, { name: '仓口社区舞蹈队', regionCode: PLACES.cangkou, foundedOn: '2019-05-01', isDemoSite: true })).id;
  await createTestOrg(db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2020-03-01' });
  // The ledger pages (issue 13): community staff enter; one activity shows on the record's 活动台账 tab.
  const staff = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'a11y-staff' });
  // An annual report of last year's (issue 13): the queue, the form with its checks, the review page and the rates.
  reportId = await draftTestReport(h.app, 'a11y-staff', orgId, new Date().getFullYear() - 1);
  await seedTestActivity(db, staff.id, orgId);
  declarationId = await seedDeclarationPages(h.app, db, 'a11y-staff', TEST_PASSWORD, orgId);
  // Penalties (issue 14): a fine on the list, its page, the record's tab and the public register's section.
  penaltyId = await insertTestPenalty(db, orgId, { recordedBy: admin.id });
  inspection = await seedInspectionPages(db, admin.id, 'a11y-admin');
  riskId = await insertRiskItem(db, orgId, 'rectifying');
  // Credit lists (issue 14): a ¥60,000 fine told to the listeners puts the organization on the serious list (告知中).
  creditId = await seedCreditPages(db, orgId);
}, LONG);
afterAll(async () => h?.close());

/** axe's serious and critical violations on the page, each with its rule, elements and help text. */
async function check(page: Page): Promise<string[]> {
  // The app's CSP forbids inline scripts (page.addScriptTag): axe's source is evaluated through the DevTools protocol.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.help} [${v.id}, ${v.impact}]\n    ${v.nodes.join('\n    ')}`);
}

const PAGES: TourStop[] = [
  { name: 'login', user: null, path: () => '/login', ready: '#username' },
  { name: 'registry', user: 'a11y-admin', path: () => '/orgs', ready: '.ant-table' },
  { name: 'org record', user: 'a11y-admin', path: () => `/orgs/${orgId}`, ready: '.org-record' },
  { name: 'board', user: 'a11y-admin', path: () => `/stats/${PLACES.wenshan}`, ready: '.stats-title' },
  { name: 'reviews', user: 'a11y-admin', path: () => '/reviews', ready: '.ant-card' },
  { name: 'applications', user: 'a11y-admin', path: () => '/applications', ready: '.ant-card' },
  { name: 'annual reports', user: 'a11y-admin', path: () => '/annual-reports?tab=all', ready: '.ar-page .ant-table' },
  { name: 'annual report', user: 'a11y-admin', path: () => `/annual-reports/${reportId}`, ready: '.ar-read' },
  { name: 'annual report form', user: 'a11y-staff', path: () => `/annual-reports/${reportId}/edit`, ready: '#section-finances' },
  { name: 'annual rates', user: 'a11y-admin', path: () => `/annual-reports/rates/${PLACES.wenshan}`, ready: '[data-testid="rates-table"]' },
  { name: 'org annual reports', user: 'a11y-admin', path: () => `/orgs/${orgId}?tab=annual`, ready: '[data-testid="org-annual-reports"] .ant-table' },
  { name: 'settings', user: 'a11y-admin', path: () => '/settings', ready: '.ant-card' },
  { name: 'inbox', user: 'a11y-admin', path: () => '/notifications', ready: '.inbox-item' },
  { name: 'ledger entry', user: 'a11y-staff', path: () => '/ledger/new', ready: '.ledger-entry' },
  { name: 'community ledger', user: 'a11y-staff', path: () => '/ledger', ready: '.ledger-page .ant-table' },
  { name: 'org ledger tab', user: 'a11y-staff', path: () => `/orgs/${orgId}?tab=ledger`, ready: '.ledger-timeline' },
  { name: 'street ledger', user: 'a11y-admin', path: () => `/ledger?region=${PLACES.wenshan}`, ready: '.ledger-page .ant-table' },
  { name: 'dormant per node', user: 'a11y-admin', path: () => '/ledger?view=dormant', ready: '.ledger-page .ant-table' },
  { name: 'inspection plans', user: 'a11y-admin', path: () => '/inspections', ready: '.ant-table-row' },
  { name: 'inspection plan', user: 'a11y-admin', path: () => `/inspections/${inspection.planId}`, ready: '.insp-seed' },
  { name: 'my checks', user: 'a11y-admin', path: () => '/inspections/mine', ready: '.ant-list-item' },
  { name: 'inspection checklist', user: 'a11y-admin', path: () => `/inspections/items/${inspection.itemId}`, ready: '.insp-area' },
  { name: 'public inspection plans', user: null, path: () => '/public/inspections', ready: '.ant-list-item' },
  { name: 'public inspection plan', user: null, path: () => `/public/inspections/${inspection.planId}`, ready: '.insp-seed' },
  { name: 'declarations', user: 'a11y-admin', path: () => '/declarations', ready: '.ant-table-row' },
  { name: 'declaration', user: 'a11y-staff', path: () => `/declarations/${declarationId}`, ready: '.review-panel' },
  { name: 'declaration form', user: 'a11y-staff', path: () => `/declarations/new?org=${orgId}`, ready: '.lead-hint, .decl-rule' },
  { name: 'declaration flags', user: 'a11y-admin', path: () => `/declarations/flags?region=${PLACES.wenshan}`, ready: '.decl-flag-reasons' },
  { name: 'org declarations tab', user: 'a11y-admin', path: () => `/orgs/${orgId}?tab=declarations`, ready: '.ant-table-row' },
  { name: 'penalties', user: 'a11y-admin', path: () => '/penalties', ready: '.ant-table-row' },
  { name: 'penalty', user: 'a11y-admin', path: () => `/penalties/${penaltyId}`, ready: '.ant-descriptions' },
  { name: 'penalty form', user: 'a11y-admin', path: () => `/penalties/new?org=${orgId}`, ready: '#penalty_decisionNo' },
  { name: 'org penalties tab', user: 'a11y-admin', path: () => `/orgs/${orgId}?tab=penalties`, ready: '.ant-table-row' },
  { name: 'credit lists', user: 'a11y-admin', path: () => '/credit?tab=dishonest', ready: '.credit-page .ant-table-row' },
  { name: 'credit proposals', user: 'a11y-admin', path: () => '/credit?tab=proposals', ready: '.credit-page .ant-table' },
  { name: 'credit entry', user: 'a11y-admin', path: () => `/credit/${creditId}`, ready: '[data-testid="credit-entry"] .credit-timeline' },
  { name: 'credit manual entry', user: 'a11y-admin', path: () => '/credit/new', ready: '#creditEntry_facts' },
  { name: 'org credit tab', user: 'a11y-admin', path: () => `/orgs/${orgId}?tab=credit`, ready: '[data-testid="org-credit"] .ant-table-row' },
  { name: 'rules', user: 'a11y-admin', path: () => '/rules', ready: '.rule-card' },
  { name: 'public org with penalties', user: null, path: () => `/public/orgs/${orgId}`, ready: '[data-testid="public-penalties"] .ant-descriptions' },
  { name: 'risk board', user: 'a11y-admin', path: () => `/risks/board?region=${PLACES.wenshan}`, ready: '.ant-table-row' },
  { name: 'risks', user: 'a11y-admin', path: () => '/risks', ready: '.ant-table-row' },
  { name: 'risk item', user: 'a11y-staff', path: () => `/risks/${riskId}`, ready: '.ant-timeline' },
  { name: 'org risks tab', user: 'a11y-admin', path: () => `/orgs/${orgId}?tab=risks`, ready: '.ant-table-row' },
  { name: 'users', user: 'a11y-sys', path: () => '/users', ready: '.ant-table' },
  { name: 'audit', user: 'a11y-audit', path: () => '/audit', ready: '.ant-table' },
];

describe('accessibility (axe-core) of the main staff pages', () => {
  for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
    it(`has no serious or critical violations at ${viewport.width} px`, async () => {
      expect((await tourPages(h, viewport, PAGES, check)).join('\n')).toBe('');
    }, LONG);
  }
});
