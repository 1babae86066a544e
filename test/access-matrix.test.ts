import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImports } from '../src/server/modules/orgs/index.js';
import { createTestApp, type Client, type TestApp } from './app.js';
import { createTestCertificate, createTestOrg, createTestOrgAttachment, createTestUser, PLACES } from './factories.js';
import { ROLES, type Role } from '../src/shared/enums.js';
import { ROLE_PERMISSIONS, type Permission } from '../src/server/lib/access.js';
import { establishmentData, multipart, PDF_BYTES, submitFiling, upload, uploadRequired } from './applications.js';
import { submitTestItem } from './review-subject.js';

/**
 * The authorization matrix: every role × every route × a resource inside and outside the actor's subtree.
 * Expected: 401 without a session; 403 when the role lacks the permission; 404 outside the jurisdiction
 * (never data from outside); 2xx otherwise. Every route the app has must appear here.
 */

type Place = 'inside' | 'outside';
interface Target {
  region: string; // a community code
  userId: number; // an account at that community
  orgId: number; // an organization at that community
  attachmentId: number; // a file of that organization
  applicationId: number; // an application under review there, filed by community staff of that community
  applicationAttachmentId: number;
  certificateNo: string; // a certificate of that organization
  reviewCaseId: number; // a review case (of the test-only subject kind) at the community step there, submitted by that account
}
interface RouteCase {
  method: string;
  url: string; // as Fastify registers it
  permission: Permission | 'session'; // 'session' = any signed-in user
  /** Whether the route acts on a resource placed in the hierarchy. */
  placed: boolean;
  /** Roles that see only their own such resources (a hub manager: their hub's members): inside their subtree others are still 404. */
  ownOnly?: Role[];
  /** Business refusals that still prove access was granted (e.g. 409 "not your step": turn order is tested in the flow tests). */
  alsoOk?: number[];
  request(c: Client, target: Target, n: number): ReturnType<Client['get']>;
}

const ROUTES: RouteCase[] = [
  { method: 'GET', url: '/api/v1/auth/me', permission: 'session', placed: false, request: (c) => c.get('/api/v1/auth/me') },
  { method: 'POST', url: '/api/v1/auth/logout', permission: 'session', placed: false, request: (c) => c.post('/api/v1/auth/logout') },
  {
    method: 'POST', url: '/api/v1/auth/password', permission: 'session', placed: false,
    request: (c) => c.post('/api/v1/auth/password', { currentPassword: 'Test-Pass-2026', newPassword: 'Test-Pass-2026' }),
  },
  { method: 'GET', url: '/api/v1/regions', permission: 'region.read', placed: false, request: (c) => c.get('/api/v1/regions?q=jzq') },
  { method: 'GET', url: '/api/v1/regions/:code', permission: 'region.read', placed: true, request: (c, t) => c.get(`/api/v1/regions/${t.region}`) },
  { method: 'GET', url: '/api/v1/regions/:code/children', permission: 'region.read', placed: true, request: (c, t) => c.get(`/api/v1/regions/${t.region}/children`) },
  {
    method: 'PUT', url: '/api/v1/regions/:code/population', permission: 'region.population.update', placed: true,
    request: (c, t, n) => c.put(`/api/v1/regions/${t.region}/population`, { population: 1000 + n }),
  },
  {
    method: 'POST', url: '/api/v1/regions/:code/grids', permission: 'region.grid.create', placed: true,
    request: (c, t, n) => c.post(`/api/v1/regions/${t.region}/grids`, { name: `矩阵网格${n}` }),
  },
  { method: 'GET', url: '/api/v1/users', permission: 'user.read', placed: false, request: (c) => c.get('/api/v1/users') },
  {
    method: 'POST', url: '/api/v1/users', permission: 'user.manage', placed: true,
    request: (c, t, n) => c.post('/api/v1/users', { username: `matrix-${n}`, displayName: '矩阵用户', role: 'community_staff', regionCode: t.region, password: 'Matrix-Pass-1' }),
  },
  { method: 'GET', url: '/api/v1/users/:id', permission: 'user.read', placed: true, request: (c, t) => c.get(`/api/v1/users/${t.userId}`) },
  { method: 'PATCH', url: '/api/v1/users/:id', permission: 'user.manage', placed: true, request: (c, t) => c.patch(`/api/v1/users/${t.userId}`, { displayName: '改名用户' }) },
  { method: 'POST', url: '/api/v1/users/:id/password', permission: 'user.manage', placed: true, request: (c, t) => c.post(`/api/v1/users/${t.userId}/password`, { password: 'Other-Pass-2' }) },
  { method: 'POST', url: '/api/v1/users/:id/unlock', permission: 'user.manage', placed: true, request: (c, t) => c.post(`/api/v1/users/${t.userId}/unlock`) },
  { method: 'GET', url: '/api/v1/orgs', permission: 'org.read', placed: false, request: (c) => c.get('/api/v1/orgs?q=xyh') },
  {
    method: 'POST', url: '/api/v1/orgs', permission: 'org.create', placed: true,
    request: (c, t, n) => c.post('/api/v1/orgs', { name: `矩阵测试组织${n}`, legalForm: 'filed', category: '文体活动', regionCode: t.region }),
  },
  { method: 'GET', url: '/api/v1/orgs/:id', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}`) },
  {
    method: 'PATCH', url: '/api/v1/orgs/:id', permission: 'org.update', placed: true,
    request: async (c, t, n) => c.patch(`/api/v1/orgs/${t.orgId}`, { version: await orgVersion(t.orgId), individualMembers: n }),
  },
  { method: 'GET', url: '/api/v1/orgs/:id/history', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/history`) },
  {
    method: 'POST', url: '/api/v1/orgs/:id/reveal', permission: 'org.personal.reveal', placed: true,
    request: (c, t) => c.post(`/api/v1/orgs/${t.orgId}/reveal`, { field: 'leaderPhone' }),
  },
  { method: 'GET', url: '/api/v1/orgs/:id/attachments', permission: 'org.read', placed: true, ownOnly: ['hub_manager'], request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/attachments`) },
  {
    method: 'GET', url: '/api/v1/orgs/:id/attachments/:attachmentId', permission: 'org.read', placed: true, ownOnly: ['hub_manager'],
    request: (c, t) => c.get(`/api/v1/orgs/${t.orgId}/attachments/${t.attachmentId}`),
  },
  {
    method: 'POST', url: '/api/v1/orgs/:id/attachments', permission: 'org.update', placed: true,
    request: (c, t) => {
      const b = 'matrixattach';
      const payload = `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncharter\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="c.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n--${b}--\r\n`;
      return c.request({ method: 'POST', url: `/api/v1/orgs/${t.orgId}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    },
  },
  {
    method: 'DELETE', url: '/api/v1/orgs/:id/attachments/:attachmentId', permission: 'org.update', placed: true,
    request: async (c, t) => c.delete(`/api/v1/orgs/${t.orgId}/attachments/${await newAttachment(t.orgId)}`),
  },
  { method: 'GET', url: '/api/v1/orgs/export.xlsx', permission: 'org.export', placed: false, request: (c) => c.get('/api/v1/orgs/export.xlsx') },
  { method: 'GET', url: '/api/v1/orgs/import-template.xlsx', permission: 'org.import', placed: false, request: (c) => c.get('/api/v1/orgs/import-template.xlsx') },
  {
    method: 'POST', url: '/api/v1/orgs/import', permission: 'org.import', placed: false,
    request: (c, t, n) => {
      const boundary = 'matrixboundary';
      const csv = `名称,组织形式,类别,所在区划代码\n矩阵导入组织${n},草根,文体活动,${t.region}\n`;
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
      return c.request({ method: 'POST', url: '/api/v1/orgs/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    },
  },
  {
    method: 'GET', url: '/api/v1/imports/:id', permission: 'org.import', placed: false,
    request: async (c) => c.get(`/api/v1/imports/${await ownImportJob(c)}`),
  },
  {
    method: 'GET', url: '/api/v1/imports/:id/report.xlsx', permission: 'org.import', placed: false,
    request: async (c) => c.get(`/api/v1/imports/${await ownImportJob(c)}/report.xlsx`),
  },
  { method: 'GET', url: '/api/v1/applications', permission: 'application.read', placed: false, request: (c) => c.get('/api/v1/applications?queue=mine') },
  { method: 'GET', url: '/api/v1/applications/counts', permission: 'application.read', placed: false, request: (c) => c.get('/api/v1/applications/counts') },
  { method: 'GET', url: '/api/v1/applications/overdue', permission: 'application.review', placed: true, request: (c, t) => c.get(`/api/v1/applications/overdue?region=${t.region}`) },
  {
    method: 'POST', url: '/api/v1/applications', permission: 'application.apply', placed: true,
    request: (c, t, n) => c.post('/api/v1/applications', { kind: 'filing', data: { org: { name: `矩阵申请${n}`, regionCode: t.region }, members: [] } }),
  },
  { method: 'GET', url: '/api/v1/applications/:id', permission: 'application.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/applications/${t.applicationId}`) },
  {
    method: 'PATCH', url: '/api/v1/applications/:id', permission: 'application.apply', placed: true,
    request: async (c, t, n) => {
      const own = await ownApplication(c, t, n);
      return c.patch(`/api/v1/applications/${own?.id ?? t.applicationId}`, { version: own?.version ?? 1, data: { org: { name: `矩阵申请改${n}`, regionCode: t.region }, members: [] } });
    },
  },
  {
    method: 'POST', url: '/api/v1/applications/:id/submit', permission: 'application.apply', placed: true,
    request: async (c, t, n) => {
      const own = await ownApplication(c, t, n, true);
      return c.post(`/api/v1/applications/${own?.id ?? t.applicationId}/submit`);
    },
  },
  {
    method: 'POST', url: '/api/v1/applications/:id/withdraw', permission: 'application.apply', placed: true,
    request: async (c, t, n) => c.post(`/api/v1/applications/${(await ownApplication(c, t, n))?.id ?? t.applicationId}/withdraw`, {}),
  },
  {
    method: 'POST', url: '/api/v1/applications/:id/review', permission: 'application.review', placed: true, alsoOk: [409],
    request: async (c, t) => c.post(`/api/v1/applications/${await newApplication(t.region)}/review`, { decision: 'return', opinion: '矩阵测试退回' }),
  },
  {
    method: 'POST', url: '/api/v1/applications/review-batch', permission: 'application.review', placed: false,
    request: async (c, t) => c.post('/api/v1/applications/review-batch', { ids: [await newApplication(t.region)], decision: 'return', opinion: '矩阵测试退回' }),
  },
  {
    method: 'POST', url: '/api/v1/applications/:id/attachments', permission: 'application.apply', placed: true,
    request: async (c, t, n) => {
      const m = multipart('charter', 'c.pdf', PDF_BYTES);
      const id = (await ownApplication(c, t, n))?.id ?? t.applicationId;
      return c.request({ method: 'POST', url: `/api/v1/applications/${id}/attachments`, payload: m.payload, headers: { 'content-type': m.contentType } });
    },
  },
  {
    method: 'GET', url: '/api/v1/applications/:id/attachments/:attachmentId', permission: 'application.read', placed: true, ownOnly: ['org_leader'],
    request: (c, t) => c.get(`/api/v1/applications/${t.applicationId}/attachments/${t.applicationAttachmentId}`),
  },
  {
    method: 'DELETE', url: '/api/v1/applications/:id/attachments/:attachmentId', permission: 'application.apply', placed: true,
    request: async (c, t, n) => {
      const own = await ownApplication(c, t, n);
      if (!own) return c.delete(`/api/v1/applications/${t.applicationId}/attachments/${t.applicationAttachmentId}`);
      const up = (await upload(c, own.id, 'other')).json();
      return c.delete(`/api/v1/applications/${own.id}/attachments/${up.id}`);
    },
  },
  { method: 'GET', url: '/api/v1/reviews', permission: 'review.read', placed: false, request: (c) => c.get('/api/v1/reviews?queue=mine') },
  { method: 'GET', url: '/api/v1/reviews/counts', permission: 'review.read', placed: false, request: (c) => c.get('/api/v1/reviews/counts') },
  { method: 'GET', url: '/api/v1/reviews/overdue', permission: 'review.decide', placed: true, request: (c, t) => c.get(`/api/v1/reviews/overdue?region=${t.region}`) },
  { method: 'GET', url: '/api/v1/reviews/:id', permission: 'review.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/reviews/${t.reviewCaseId}`) },
  {
    method: 'POST', url: '/api/v1/reviews/:id/decide', permission: 'review.decide', placed: true, alsoOk: [409],
    request: async (c, t) => c.post(`/api/v1/reviews/${await newReviewCase(t)}/decide`, { decision: 'return', opinion: '矩阵测试退回' }),
  },
  {
    method: 'POST', url: '/api/v1/reviews/decide-batch', permission: 'review.decide', placed: false,
    request: async (c, t) => c.post('/api/v1/reviews/decide-batch', { ids: [await newReviewCase(t)], decision: 'return', opinion: '矩阵测试退回' }),
  },
  { method: 'GET', url: '/api/v1/certificates/:file', permission: 'certificate.read', placed: true, ownOnly: ['org_leader'], request: (c, t) => c.get(`/api/v1/certificates/${t.certificateNo}.pdf`) },
  { method: 'GET', url: '/api/v1/settings', permission: 'settings.manage', placed: false, request: (c) => c.get(`/api/v1/settings?region=${PLACES.jizhou}`) },
  {
    method: 'PUT', url: '/api/v1/settings/:key', permission: 'settings.manage', placed: false,
    request: (c) => c.put(`/api/v1/settings/workdays.overrides?region=${PLACES.jizhou}`, { value: { '2027': { holidays: ['2027-01-01'], workdays: [] } } }),
  },
  { method: 'GET', url: '/api/v1/audit', permission: 'audit.read', placed: false, request: (c) => c.get('/api/v1/audit') },
  { method: 'GET', url: '/api/v1/audit/export.xlsx', permission: 'audit.read', placed: false, request: (c) => c.get('/api/v1/audit/export.xlsx') },
  { method: 'GET', url: '/api/v1/stats/targets', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/targets?region=${t.region}`) },
  { method: 'GET', url: '/api/v1/stats/breakdown', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/breakdown?region=${t.region}`) },
  { method: 'GET', url: '/api/v1/stats/orgs', permission: 'stats.read', placed: true, request: (c, t) => c.get(`/api/v1/stats/orgs?region=${t.region}`) },
  { method: 'GET', url: '/api/v1/stats/targets.xlsx', permission: 'stats.export', placed: true, request: (c, t) => c.get(`/api/v1/stats/targets.xlsx?region=${t.region}`) },
  { method: 'GET', url: '/api/v1/stats/report.xlsx', permission: 'stats.export', placed: true, request: (c, t) => c.get(`/api/v1/stats/report.xlsx?region=${t.region}&year=2025`) },
];

/** Routes anyone may call. */
const PUBLIC_ROUTES = [
  'GET /api/v1/health',
  'POST /api/v1/auth/login',
  'GET /api/v1/public/orgs',
  'GET /api/v1/public/orgs/:id',
  'POST /api/v1/public/signup',
  'GET /api/v1/public/communities',
  'GET /api/v1/public/certificates/:number',
];

/** Each role at its usual node (DESIGN §1), plus a system administrator limited to one street. */
const ACTORS: { name: string; role: Role; region: string | null }[] = [
  ...ROLES.map((role) => ({
    name: role,
    role,
    region: ({ district_admin: PLACES.jizhou, street_reviewer: PLACES.wenshan, community_staff: PLACES.cangkou, hub_manager: PLACES.cangkou, org_leader: PLACES.cangkou } as Partial<Record<Role, string>>)[role] ?? null,
  })),
  { name: 'sysadmin of 文山街道', role: 'sysadmin', region: PLACES.wenshan },
];

const TARGET_REGIONS: Record<Place, string> = { inside: PLACES.cangkou, outside: PLACES.gunanCommunity };

let t: TestApp;
const targets = {} as Record<Place, Target>;
beforeAll(async () => {
  t = await createTestApp();
  // inside: 仓口社区, inside every placed actor's subtree; outside: a community of 古南街道, beside 文山街道.
  for (const place of ['inside', 'outside'] as Place[]) {
    const region = TARGET_REGIONS[place];
    targets[place] = {
      region,
      userId: (await createTestUser(t.database.db, { role: 'community_staff', regionCode: region })).id,
      orgId: (await createTestOrg(t.database.db, { name: `${place === 'inside' ? '仓口' : '古南'}矩阵舞蹈队`, regionCode: region, leaderPhone: '13800001111' })).id,
      attachmentId: 0,
      applicationId: 0,
      applicationAttachmentId: 0,
      certificateNo: '',
      reviewCaseId: 0,
    };
    targets[place].attachmentId = await newAttachment(targets[place].orgId);
    targets[place].applicationId = await newApplication(region);
    targets[place].applicationAttachmentId = await newApplicationAttachment(targets[place].applicationId);
    targets[place].certificateNo = await newCertificate(targets[place].orgId, place);
    targets[place].reviewCaseId = await newReviewCase(targets[place]);
  }
});
afterAll(async () => {
  await waitForImports();
  await t?.close();
});

/** A finished import job of this client's own (created directly: jobs are their importer's alone). */
async function ownImportJob(c: Client): Promise<string> {
  const id = randomUUID();
  if (c.userId === null) return id;
  await t.database.db
    .insertInto('import_jobs')
    .values({ id, user_id: c.userId, kind: 'orgs', filename: 'm.csv', status: 'done', total: 0, report: Buffer.from('x'), created_at: new Date(), finished_at: new Date() })
    .execute();
  return id;
}

const applicants = new Map<string, Client>();
/** An application under review at the community step, filed there by that community's staff. */
async function newApplication(region: string): Promise<number> {
  if (!applicants.has(region)) applicants.set(region, await t.loginAs({ role: 'community_staff', regionCode: region }));
  return submitFiling(applicants.get(region)!, region);
}

/** A case of the test-only subject kind waiting at the community step, submitted by the target's account. */
async function newReviewCase(target: Pick<Target, 'region' | 'userId'>): Promise<number> {
  return Number((await submitTestItem(t.database.db, target.userId, target.region)).case.id);
}

async function newApplicationAttachment(applicationId: number): Promise<number> {
  const row = await t.database.db
    .insertInto('application_attachments')
    .values({ application_id: applicationId, kind: 'other', filename: 'o.pdf', mime_type: 'application/pdf', size_bytes: 9, content: Buffer.from('%PDF-1.4 '), uploaded_at: new Date(), uploaded_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function newCertificate(orgId: number, place: Place): Promise<string> {
  return createTestCertificate(t.database.db, orgId, `BA-360802-2026-${place === 'inside' ? '90001' : '90002'}-MTRX`);
}

/**
 * For routes that act on one's own application: where the client may file, it files its own (complete when it
 * is to be submitted); outside its subtree, or without the permission, the request goes to the prepared one.
 */
async function ownApplication(c: Client, t0: Target, n: number, complete = false): Promise<{ id: number; version: number } | null> {
  const res = await c.post('/api/v1/applications', { kind: 'filing', data: complete ? establishmentData(t0.region) : { org: { name: `矩阵自有申请${n}`, regionCode: t0.region }, members: [] } });
  if (res.statusCode !== 201) return null;
  const app = res.json();
  if (complete) await uploadRequired(c, app.id);
  return { id: app.id, version: app.version };
}

async function newAttachment(orgId: number): Promise<number> {
  return createTestOrgAttachment(t.database.db, orgId);
}

async function orgVersion(id: number) {
  return (await t.database.db.selectFrom('orgs').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

function isInside(actorRegion: string | null, place: Place) {
  return actorRegion === null || TARGET_REGIONS[place].startsWith(actorRegion);
}

describe('authorization matrix', () => {
  it('grants each role exactly the agreed permissions (三员分立: no business data for the two administrators)', () => {
    const business = [
      'region.read', 'region.population.update', 'region.grid.create',
      'org.read', 'org.create', 'org.update', 'org.personal.reveal', 'org.import', 'org.export',
      'application.apply', 'application.read', 'application.review', 'review.read', 'review.decide', 'certificate.read', 'stats.read', 'stats.export',
    ];
    expect(ROLE_PERMISSIONS).toEqual({
      district_admin: [...business, 'settings.manage'],
      street_reviewer: business,
      community_staff: business,
      hub_manager: ['region.read', 'org.read'],
      org_leader: ['region.read', 'application.apply', 'application.read', 'review.read', 'certificate.read'],
      expert: [],
      sysadmin: ['region.read', 'user.read', 'user.manage'],
      auditor: ['audit.read'],
    });
  });

  it('covers every route the app has', () => {
    const covered = new Set([...ROUTES.map((r) => `${r.method} ${r.url}`), ...PUBLIC_ROUTES]);
    const api = t.app.routeList.filter((r) => r.url.startsWith('/api/v1'));
    const missing = api.map((r) => `${r.method} ${r.url}`).filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
    const publicOnes = api.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort();
    expect(publicOnes).toEqual([...PUBLIC_ROUTES].sort());
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.url}`, r] as const))('%s needs a session', async (_name, route) => {
    const res = await route.request(t.anonymous(), targets.inside, 0);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
  });

  let n = 0;
  for (const actor of ACTORS) {
    for (const route of ROUTES) {
      for (const place of route.placed ? (['inside', 'outside'] as Place[]) : (['inside'] as Place[])) {
        const allowed = route.permission === 'session' || ROLE_PERMISSIONS[actor.role].includes(route.permission);
        const expected =
          !allowed ? 403
          : route.placed && !isInside(actor.region, place) ? 404
          : route.ownOnly?.includes(actor.role) ? 404
          : 'ok';
        it(`${actor.name} · ${route.method} ${route.url} · ${place} → ${expected}`, async () => {
          const client = await t.loginAs({ role: actor.role, regionCode: actor.region });
          const res = await route.request(client, targets[place], ++n);
          if (expected === 'ok') {
            if (route.alsoOk?.includes(res.statusCode)) return;
            expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
            expect(res.statusCode, res.body).toBeLessThan(300);
          } else {
            expect(res.statusCode, res.body).toBe(expected);
            expect(res.json().error.code).toEqual(expect.any(String));
            // A refusal carries no data of the resource.
            expect(res.body).not.toContain('古南');
          }
        });
      }
    }
  }
});
