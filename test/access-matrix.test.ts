import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImports } from '../src/server/modules/imports/index.js';
import { createTestApp, type TestApp } from './app.js';
import { createTestOrg, createTestUser, PLACES } from './factories.js';
import { ROLES, type Role } from '../src/shared/enums.js';
import { ROLE_PERMISSIONS } from '../src/server/lib/access.js';
import { createMatrixKit, type AccessCases, type MatrixKit, type Place, type RouteCase, type Target } from './access-matrix/kit.js';

/**
 * The authorization matrix: every role × every route × a resource inside and outside the actor's subtree.
 * Expected: 401 without a session; 403 when the role lacks the permission; 404 outside the jurisdiction
 * (never data from outside); 2xx otherwise. Every route the app has must appear in the cases file of its module,
 * `src/server/modules/<name>/<name>.access-cases.ts`; this file collects them.
 */

const MODULES_DIR = path.resolve(import.meta.dirname, '../src/server/modules');
const CASE_FILES = fs
  .readdirSync(MODULES_DIR)
  .map((name) => path.join(MODULES_DIR, name, `${name}.access-cases.ts`))
  .filter((file) => fs.existsSync(file));
const MODULE_CASES: { module: string; cases: AccessCases }[] = await Promise.all(
  CASE_FILES.map(async (file) => ({ module: path.basename(path.dirname(file)), cases: ((await import(file)) as { default: AccessCases }).default })),
);
const ROUTES: RouteCase[] = MODULE_CASES.flatMap((m) => m.cases.routes);
/** Routes anyone may call. */
const PUBLIC_ROUTES: string[] = MODULE_CASES.flatMap((m) => m.cases.publicRoutes ?? []);

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
let kit: MatrixKit;
const targets = {} as Record<Place, Target>;
beforeAll(async () => {
  t = await createTestApp();
  kit = createMatrixKit(t);
  // inside: 仓口社区, inside every placed actor's subtree; outside: a community of 古南街道, beside 文山街道.
  for (const place of ['inside', 'outside'] as Place[]) {
    const region = TARGET_REGIONS[place];
    const target: Target = {
      region,
      userId: (await createTestUser(t.database.db, { role: 'community_staff', regionCode: region })).id,
      orgId: (await createTestOrg(t.database.db, { name: `${place === 'inside' ? '仓口' : '古南'}矩阵舞蹈队`, regionCode: region, leaderPhone: '13800001111' })).id,
      attachmentId: 0,
      applicationId: 0,
      applicationAttachmentId: 0,
      certificateNo: '',
      reviewCaseId: 0,
    };
    target.attachmentId = await kit.newAttachment(target.orgId);
    target.applicationId = await kit.newApplication(region);
    target.applicationAttachmentId = await kit.newApplicationAttachment(target.applicationId);
    target.certificateNo = await kit.newCertificate(target.orgId, place);
    target.reviewCaseId = await kit.newReviewCase(target);
    targets[place] = target;
  }
});
afterAll(async () => {
  await waitForImports();
  await t?.close();
});

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

  it('collects a cases file from every module that registers routes, and each route once', () => {
    expect(MODULE_CASES.map((m) => m.module)).toEqual(expect.arrayContaining(['auth', 'regions', 'users', 'orgs', 'applications', 'reviews', 'certificates', 'settings', 'audit', 'stats']));
    const keys = [...ROUTES.map((r) => `${r.method} ${r.url}`), ...PUBLIC_ROUTES];
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
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
    const res = await route.request(t.anonymous(), targets.inside, 0, kit);
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
          const res = await route.request(client, targets[place], ++n, kit);
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
