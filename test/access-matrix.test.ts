import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImports } from '../src/server/modules/imports/index.js';
import { createTestApp, type TestApp } from './app.js';
import { createTestOrg, createTestUser, PLACES } from './factories.js';
import { ROLES, type Role } from '../src/shared/enums.js';
import { ROLE_PERMISSIONS } from '../src/server/lib/access.js';
import { changesState, createMatrixKit, refuseAuditWrites, restoreAuditWrites, watchWrites, type AccessCases, type MatrixKit, type ObservedWrites, type Place, type PublicWriteCase, type RouteCase, type Target } from './access-matrix/kit.js';
import { recordScore } from './scoreboard.js';

/**
 * The authorization matrix: every role × every route × a resource inside and outside the actor's subtree.
 * Expected: 401 without a session; 403 when the role lacks the permission; 404 outside the jurisdiction
 * (never data from outside); 2xx otherwise. Every route the app has must appear in the cases file of its module,
 * `src/server/modules/<name>/<name>.access-cases.ts` (or a `<name>.<part>.access-cases.ts` beside it); this file
 * collects them.
 *
 * Around every call of a state-changing route (issue 12 item 3) the database is snapshotted: a refused call (any
 * answer outside 2xx) changes no table and writes no audit record; a successful one writes exactly its audit records
 * (one unless the case declares `audits`), carrying its request id. And for each such route, with audit inserts made to
 * fail, the call answers 500 and leaves nothing changed: the change and its record are one transaction.
 */

const MODULES_DIR = path.resolve(import.meta.dirname, '../src/server/modules');
// `<name>.access-cases.ts`, and any `<name>.<part>.access-cases.ts` beside it (a part of a module built apart, such as
// the ledger's spreadsheets and printed ledger, activities.io.access-cases.ts).
const CASE_FILES = fs
  .readdirSync(MODULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    fs
      .readdirSync(path.join(MODULES_DIR, d.name))
      .filter((f) => f === `${d.name}.access-cases.ts` || (f.startsWith(`${d.name}.`) && f.endsWith('.access-cases.ts')))
      .sort()
      .map((f) => path.join(MODULES_DIR, d.name, f)),
  );
const MODULE_CASES: { module: string; cases: AccessCases }[] = await Promise.all(
  CASE_FILES.map(async (file) => ({ module: path.basename(path.dirname(file)), cases: ((await import(file)) as { default: AccessCases }).default })),
);
const ROUTES: RouteCase[] = MODULE_CASES.flatMap((m) => m.cases.routes);
/** Routes anyone may call. */
const PUBLIC_ROUTES: string[] = MODULE_CASES.flatMap((m) => m.cases.publicRoutes ?? []);
const PUBLIC_WRITES: PublicWriteCase[] = MODULE_CASES.flatMap((m) => m.cases.publicWrites ?? []);

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
/** A number per request, unique across the file (names of the organizations, accounts and grids cases create). */
let n = 0;
const writes = { refused: 0, changedData: 0, audited: 0 };
afterAll(async () => {
  await waitForImports();
  recordScore('refused requests change nothing', { 'refused requests checked': writes.refused, 'changed data': writes.changedData, 'changes audited': writes.audited });
  await t?.close();
});

/** For each route, an actor whose call changed something: the one the same-transaction check below acts as. */
const changedBy = new Map<RouteCase, { role: Role; region: string | null }>();

/**
 * What a watched call must have done: nothing when refused; when it changed anything, exactly its audit records. A
 * success that changed nothing (a batch whose every item was refused) wrote no record either, since audit_log is a table.
 */
function checkWrites(route: RouteCase, w: ObservedWrites | null, actor?: { role: Role; region: string | null }) {
  expect(w, `${route.method} ${route.url} was not called by its case`).not.toBeNull();
  if (w!.status < 200 || w!.status >= 300) {
    writes.refused++;
    if (w!.changed.length > 0 || w!.audits.length > 0) writes.changedData++;
    expect({ changed: w!.changed, audits: w!.audits }, `refused with ${w!.status}, yet wrote`).toEqual({ changed: [], audits: [] });
  } else if (w!.changed.length > 0) {
    expect(w!.audits, `${route.method} ${route.url} changed ${w!.changed.join(', ')}: its audit records`).toHaveLength(route.audits ?? 1);
    writes.audited++;
    if (actor && !changedBy.has(route)) changedBy.set(route, actor);
  }
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
      'activity.read', 'ledger.read', 'declaration.read', 'annual_report.read', 'notification.read',
      'rule.read', 'penalty.read', 'credit.read', 'inspection.read', 'risk.read', 'risk.handle',
    ];
    // The ledger is kept by the community, the organization and its hub (seed 004); the district inspects.
    const community = ['activity.write', 'activity.import', 'declaration.file', 'annual_report.file'];
    expect(ROLE_PERMISSIONS).toEqual({
      district_admin: [...business, 'settings.manage', 'annual_report.inspect', 'rule.override', 'penalty.write', 'credit.write', 'inspection.plan', 'inspection.check'],
      street_reviewer: [...business, 'inspection.check'],
      community_staff: [...business, ...community],
      hub_manager: [
        'region.read', 'org.read', 'activity.read', 'activity.write', 'activity.import', 'ledger.read', 'declaration.read', 'annual_report.read', 'notification.read',
        'rule.read', 'penalty.read', 'credit.read', 'risk.read',
      ],
      org_leader: [
        'region.read', 'application.apply', 'application.read', 'review.read', 'certificate.read',
        'activity.read', 'activity.write', 'declaration.read', 'declaration.file', 'annual_report.read', 'annual_report.file', 'notification.read',
        'rule.read', 'penalty.read', 'credit.read', 'credit.apply', 'risk.read', 'risk.report',
      ],
      expert: ['notification.read', 'rule.read', 'inspection.check'],
      sysadmin: ['region.read', 'user.read', 'user.manage', 'notification.read'],
      auditor: ['audit.read', 'notification.read'],
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
    const watch = changesState(route) ? watchWrites(t.anonymous(), route, t.database.db) : null;
    const res = await route.request(watch?.client ?? t.anonymous(), targets.inside, 0, kit);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.required');
    if (watch) checkWrites(route, watch.observed());
  });

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
          const watch = changesState(route) ? watchWrites(client, route, t.database.db) : null;
          const res = await route.request(watch?.client ?? client, targets[place], ++n, kit);
          if (watch) checkWrites(route, watch.observed(), place === 'inside' ? actor : undefined);
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

describe('public routes that change something', () => {
  it('are each given a success and a refusal to call', () => {
    const writing = PUBLIC_ROUTES.filter((k) => !k.startsWith('GET ')).sort();
    expect(PUBLIC_WRITES.map((w) => `${w.method} ${w.url}`).sort()).toEqual(writing);
  });

  for (const route of PUBLIC_WRITES) {
    it(`${route.method} ${route.url}: a success writes its audit records, a refusal nothing (or what it declares)`, async () => {
      const db = t.database.db;
      const ok = watchWrites(t.anonymous(), route, db);
      const okRes = await route.succeed(kit, ++n, ok.client);
      expect(okRes.statusCode, okRes.body).toBeLessThan(300);
      expect(ok.observed()!.audits).toHaveLength(route.audits ?? 1);
      writes.audited++;

      const refused = watchWrites(t.anonymous(), route, db);
      const refusedRes = await route.refuse(kit, ++n, refused.client);
      expect(refusedRes.statusCode, refusedRes.body).toBeGreaterThanOrEqual(400);
      const w = refused.observed()!;
      writes.refused++;
      if (route.refusedWrites) {
        expect(w.changed).toEqual(route.refusedWrites.tables);
        expect(w.audits).toHaveLength(route.refusedWrites.audits);
      } else {
        if (w.changed.length > 0) writes.changedData++;
        expect({ changed: w.changed, audits: w.audits }).toEqual({ changed: [], audits: [] });
      }

      const failing = watchWrites(t.anonymous(), route, db, { before: () => refuseAuditWrites(db), after: () => restoreAuditWrites(db) });
      const failed = await route.succeed(kit, ++n, failing.client);
      expect(failed.statusCode, failed.body).toBe(500);
      expect(failing.observed()!.changed).toEqual([]);
    });
  }
});

describe('a change and its audit record are one transaction', () => {
  // For each state-changing route, acting as an actor whose call changed something in the matrix above: with every
  // audit insert refused (a trigger, for that one request), no table has changed and the answer claims no success
  // (a 500, or a batch whose every item failed).
  for (const route of ROUTES.filter((r) => changesState(r) && !r.auditedByJob)) {
    it(`${route.method} ${route.url} leaves nothing behind when its audit record cannot be written`, async () => {
      const actor = changedBy.get(route);
      expect(actor, 'no actor of the matrix changed anything through this route').toBeDefined();
      const client = await t.loginAs({ role: actor!.role, regionCode: actor!.region });
      const db = t.database.db;
      const watch = watchWrites(client, route, db, { before: () => refuseAuditWrites(db), after: () => restoreAuditWrites(db) });
      const res = await route.request(watch.client, targets.inside, ++n, kit);
      expect(watch.observed()!.changed, res.body).toEqual([]);
      const items = (res.statusCode === 200 ? (res.json() as { items?: { ok: boolean }[] }).items : undefined) ?? null;
      if (items) expect(items.every((i) => !i.ok), res.body).toBe(true);
      else expect(res.statusCode, res.body).toBe(500);
    });
  }
});
