import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { seedTestActivity } from './ledger-fixture.js';
import { createTestOrg, createTestUser, PLACES } from '../factories.js';
import { seedDemoPopulation } from '../../src/server/demo/demo-population.js';
import { startBrowserHarness, type BrowserHarness } from './browser.js';
import { tourPages, type TourStop } from './page-tour.js';

/**
 * Issue 22 item 8: an automated accessibility check (axe-core, WCAG 2.1 A and AA rules) over the main staff
 * pages, at desktop and phone width. A serious or critical violation fails the test, with the rule, the
 * elements and axe's help text in the message.
 */
const LONG = 300_000;
let h: BrowserHarness;
let orgId: number;
beforeAll(async () => {
  h = await startBrowserHarness();
  const db = h.database.db;
  await createTestUser(db, { role: 'district_admin', regionCode: PLACES.jizhou, username: 'a11y-admin' });
  await createTestUser(db, { role: 'sysadmin', username: 'a11y-sys' });
  await createTestUser(db, { role: 'auditor', username: 'a11y-audit' });
  await seedDemoPopulation(db);
  orgId = (await createTestOrg(db, { name: '仓口社区舞蹈队', regionCode: PLACES.cangkou, foundedOn: '2019-05-01', isDemoSite: true })).id;
  await createTestOrg(db, { name: '新村社区合唱团', regionCode: PLACES.xincun, foundedOn: '2020-03-01' });
  // The ledger pages (issue 13): community staff enter; one activity shows on the record's 活动台账 tab.
  const staff = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou, username: 'a11y-staff' });
  await seedTestActivity(db, staff.id, orgId);
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
  { name: 'settings', user: 'a11y-admin', path: () => '/settings', ready: '.ant-card' },
  { name: 'ledger entry', user: 'a11y-staff', path: () => '/ledger/new', ready: '.ledger-entry' },
  { name: 'community ledger', user: 'a11y-staff', path: () => '/ledger', ready: '.ledger-page .ant-table' },
  { name: 'org ledger tab', user: 'a11y-staff', path: () => `/orgs/${orgId}?tab=ledger`, ready: '.ledger-timeline' },
  { name: 'street ledger', user: 'a11y-admin', path: () => `/ledger?region=${PLACES.wenshan}`, ready: '.ledger-page .ant-table' },
  { name: 'dormant per node', user: 'a11y-admin', path: () => '/ledger?view=dormant', ready: '.ledger-page .ant-table' },
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
