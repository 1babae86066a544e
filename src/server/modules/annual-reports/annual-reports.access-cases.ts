import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { createTestOrg } from '../../../../test/factories.js';
import { todayInChina } from '../../lib/working-days.js';

/**
 * The annual-report routes in the authorization matrix (test/access-matrix.test.ts). Each state-changing call gets a
 * fresh report of a fresh organization at the target's community, made by that community's staff (or by the caller
 * itself where the route is the filer's own: withdraw).
 */
const YEAR = Number(todayInChina().slice(0, 4)) - 1;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const B = 'matrix-scan';
const scan = () => ({
  payload: Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="s.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${B}--\r\n`)]),
  headers: { 'content-type': `multipart/form-data; boundary=${B}` },
});
const SECTIONS = {
  basic: { name: '矩阵年报组织', leaderName: '王芳', address: '社区 1 号' },
  activities: { claimedCount: 0, summary: '活动' },
  finances: { income: { membershipFees: 0, donations: 0, governmentGrants: 0, otherIncome: 0 }, incomeTotal: 0, expenses: { programs: 0, admin: 0, otherExpense: 0 }, expenseTotal: 0, assets: 0, liabilities: 0, netAssets: 0 },
  members: { individual: 10, unit: 0, joined: 0, left: 0 },
  governance: { electionHeldThisYear: false },
  declaration: { signerName: '王芳', signedOn: `${YEAR + 1}-03-01` },
};

const staff = new Map<string, Client>();
async function staffOf(kit: MatrixKit, region: string) {
  if (!staff.has(region)) staff.set(region, await kit.t.loginAs({ role: 'community_staff', regionCode: region }));
  return staff.get(region)!;
}

/** A draft (complete with its scan when it is to be submitted) filed by `c`; null when `c` may not file it there. */
async function draftBy(kit: MatrixKit, c: Client, region: string, complete: boolean): Promise<{ id: number; version: number } | null> {
  const org = await createTestOrg(kit.t.database.db, { regionCode: region, foundedOn: '2018-01-01' });
  const res = await c.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR });
  if (res.statusCode !== 201) return null;
  let r = res.json();
  if (complete) {
    r = (await c.patch(`/api/v1/annual-reports/${r.id}`, { version: r.version, sections: SECTIONS })).json();
    r = (await c.request({ method: 'PUT', url: `/api/v1/annual-reports/${r.id}/declaration-scan`, ...scan() })).json();
  }
  return { id: r.id, version: r.version };
}

async function staffDraft(kit: MatrixKit, t: Target, complete = false) {
  return (await draftBy(kit, await staffOf(kit, t.region), t.region, complete))!;
}

/** A report waiting at the community step there. */
async function submitted(kit: MatrixKit, t: Target, by?: Client) {
  const c = by ?? (await staffOf(kit, t.region));
  const d = await draftBy(kit, c, t.region, true);
  if (!d) return null;
  const res = await c.post(`/api/v1/annual-reports/${d.id}/submit`, { version: d.version });
  return res.json() as { id: number; version: number };
}

/** One complete report per target for the read routes (with its scan). */
const shared = new Map<string, Promise<{ id: number; version: number }>>();
const sharedReport = (kit: MatrixKit, t: Target) => {
  if (!shared.has(t.region)) shared.set(t.region, staffDraft(kit, t, true));
  return shared.get(t.region)!;
};

const READERS_ONLY_OWN = ['org_leader', 'hub_manager'] as const;

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/annual-reports', permission: 'annual_report.read', placed: false, request: (c) => c.get(`/api/v1/annual-reports?year=${YEAR}`) },
    {
      method: 'POST', url: '/api/v1/annual-reports', permission: 'annual_report.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => c.post('/api/v1/annual-reports', { orgId: (await createTestOrg(kit.t.database.db, { regionCode: t.region, foundedOn: '2018-01-01' })).id, year: YEAR }),
    },
    { method: 'GET', url: '/api/v1/annual-reports/obligation', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: (c, t) => c.get(`/api/v1/annual-reports/obligation?org=${t.orgId}&year=${YEAR}`) },
    { method: 'GET', url: '/api/v1/annual-reports/rates', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: (c, t) => c.get(`/api/v1/annual-reports/rates?region=${t.region}&year=${YEAR}`) },
    { method: 'GET', url: '/api/v1/annual-reports/rates/orgs', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: (c, t) => c.get(`/api/v1/annual-reports/rates/orgs?region=${t.region}&year=${YEAR}&figure=missing`) },
    { method: 'GET', url: '/api/v1/annual-reports/:id', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: async (c, t, _n, kit) => c.get(`/api/v1/annual-reports/${(await sharedReport(kit, t)).id}`) },
    { method: 'GET', url: '/api/v1/annual-reports/:id/checks', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: async (c, t, _n, kit) => c.get(`/api/v1/annual-reports/${(await sharedReport(kit, t)).id}/checks`) },
    { method: 'GET', url: '/api/v1/annual-reports/:id/diff', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: async (c, t, _n, kit) => c.get(`/api/v1/annual-reports/${(await sharedReport(kit, t)).id}/diff`) },
    { method: 'GET', url: '/api/v1/annual-reports/:id/declaration-scan', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: async (c, t, _n, kit) => c.get(`/api/v1/annual-reports/${(await sharedReport(kit, t)).id}/declaration-scan`) },
    { method: 'GET', url: '/api/v1/annual-reports/:id/print.pdf', permission: 'annual_report.read', placed: true, ownOnly: [...READERS_ONLY_OWN], request: async (c, t, _n, kit) => c.get(`/api/v1/annual-reports/${(await sharedReport(kit, t)).id}/print.pdf`) },
    {
      method: 'PATCH', url: '/api/v1/annual-reports/:id', permission: 'annual_report.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => {
        const d = await staffDraft(kit, t);
        return c.patch(`/api/v1/annual-reports/${d.id}`, { version: d.version, sections: { activities: { claimedCount: 2, summary: '矩阵' } } });
      },
    },
    {
      method: 'PUT', url: '/api/v1/annual-reports/:id/declaration-scan', permission: 'annual_report.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => c.request({ method: 'PUT', url: `/api/v1/annual-reports/${(await staffDraft(kit, t)).id}/declaration-scan`, ...scan() }),
    },
    {
      method: 'POST', url: '/api/v1/annual-reports/:id/submit', permission: 'annual_report.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => {
        const d = await staffDraft(kit, t, true);
        return c.post(`/api/v1/annual-reports/${d.id}/submit`, { version: d.version });
      },
    },
    {
      // The submitter alone takes a report back: where the caller may file, it submits its own first.
      method: 'POST', url: '/api/v1/annual-reports/:id/withdraw', permission: 'annual_report.file', placed: true, ownOnly: ['org_leader'],
      request: async (c, t, _n, kit) => {
        const own = await submitted(kit, t, c);
        return c.post(`/api/v1/annual-reports/${(own ?? (await submitted(kit, t))!).id}/withdraw`, { reason: '矩阵撤回' });
      },
    },
    {
      // At the community step: the community decides; a street or district reviewer is told it is not their turn.
      method: 'POST', url: '/api/v1/annual-reports/:id/review', permission: 'review.decide', placed: true, alsoOk: [409],
      request: async (c, t, _n, kit) => c.post(`/api/v1/annual-reports/${(await submitted(kit, t))!.id}/review`, { decision: 'return', opinion: '矩阵退回' }),
    },
  ],
  publicRoutes: ['GET /api/v1/public/orgs/:id/annual-reports'],
});
