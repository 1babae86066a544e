import { defineAccessCases, type MatrixKit, type Target } from '../../../../test/access-matrix/kit.js';
import type { Client } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { todayInChina, addDays } from '../../lib/working-days.js';
import '../../db/types-inspections.js';

/**
 * The inspection routes in the authorization matrix (test/access-matrix.test.ts). A plan is the district's and read
 * by every business role of it (not placed); an item is placed like its organization. Each call gets fresh rows
 * written directly: a plan in the state the route needs, and for item routes an item of the target's organization
 * with the caller drawn as one of its inspectors (an expert reaches it through that assignment alone).
 */
const SEED = 'a'.repeat(64);
const OK = { status: 'ok', note: '' };
const CHECKLIST = { annual_report: OK, disclosure: OK, governance: OK, finances: OK, activities: OK };

async function newPlan(kit: MatrixKit, n: number, status: 'draft' | 'published' | 'drawn') {
  const db = kit.t.database.db;
  const d = await db.selectFrom('regions').selectAll().where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
  const today = todayInChina();
  const row = await db
    .insertInto('inspection_plans')
    .values({
      region_id: d.id, level1_id: d.level1_id, level2_id: d.level2_id, level3_id: d.level3_id, level4_id: null, level5_id: null, level6_id: null,
      kind: 'adhoc', year: 2026, title: `矩阵抽查${n}`, purpose: null, ratio_bp: 500, include_filed: true, min_inspectors: 2, publish_days: 20,
      ratio_rule_key: 'inspection.ratio', decided_on: today, basis_text: '依据：矩阵', status,
      published_on: status === 'draft' ? null : today, seed: status === 'draft' ? null : SEED,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), version: row.version };
}

/** A drawn plan's item of the target's organization, the caller among its active inspectors. */
async function newItem(kit: MatrixKit, c: Client, t: Target, n: number, result: 'none' | 'no_problem' | 'problems' = 'none') {
  const db = kit.t.database.db;
  const plan = await newPlan(kit, n, 'drawn');
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', t.orgId).executeTakeFirstOrThrow();
  await db.insertInto('inspection_population').values({ plan_id: plan.id, org_id: org.id, draw_key: `id:${org.id}`, stratum: `0|${org.legal_form}`, org_name: org.name, street_name: '矩阵', legal_form: org.legal_form }).execute();
  const today = todayInChina();
  const checked = result !== 'none';
  const item = await db
    .insertInto('inspection_items')
    .values({
      plan_id: plan.id, org_id: org.id, region_id: org.region_id, level1_id: org.level1_id, level2_id: org.level2_id, level3_id: org.level3_id, level4_id: org.level4_id,
      level5_id: org.level5_id, level6_id: org.level6_id, stratum: `0|${org.legal_form}`, rank_hash: SEED, status: checked ? 'checked' : 'assigned', mode: checked ? 'written' : null,
      checklist: checked ? JSON.stringify(CHECKLIST) : null, result: checked ? result : null, findings: result === 'problems' ? '矩阵问题' : null,
      rectify_by: result === 'problems' ? addDays(today, 30) : null, checked_on: checked ? today : null, publish_by: checked ? addDays(today, 20) : null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const others = await db.selectFrom('users').select('id').where('role', '=', 'district_admin').where('id', '<>', c.userId ?? 0).limit(1).execute();
  const ids = [...(c.userId !== null ? [c.userId] : []), ...others.map((o) => Number(o.id))];
  if (ids.length) await db.insertInto('inspection_inspectors').values(ids.map((id, i) => ({ item_id: item.id, user_id: id, status: 'active' as const, reason: null, draw_order: i + 1 }))).execute();
  return { id: Number(item.id), version: item.version };
}

export default defineAccessCases({
  routes: [
    { method: 'GET', url: '/api/v1/inspections/plans', permission: 'inspection.read', placed: false, request: (c) => c.get('/api/v1/inspections/plans') },
    {
      method: 'POST', url: '/api/v1/inspections/plans', permission: 'inspection.plan', placed: false,
      request: (c, _t, n) => c.post('/api/v1/inspections/plans', { kind: 'adhoc', year: 2026, title: `矩阵不定期抽查${n}`, percent: 5, region: PLACES.jizhou }),
    },
    { method: 'GET', url: '/api/v1/inspections/plans/:id', permission: 'inspection.read', placed: false, request: async (c, _t, n, kit) => c.get(`/api/v1/inspections/plans/${(await newPlan(kit, n, 'draft')).id}`) },
    {
      method: 'POST', url: '/api/v1/inspections/plans/:id/publish', permission: 'inspection.plan', placed: false,
      request: async (c, _t, n, kit) => {
        const p = await newPlan(kit, n, 'draft');
        return c.post(`/api/v1/inspections/plans/${p.id}/publish`, { version: p.version });
      },
    },
    {
      method: 'POST', url: '/api/v1/inspections/plans/:id/draw', permission: 'inspection.plan', placed: false,
      request: async (c, t, n, kit) => {
        const p = await newPlan(kit, n, 'published');
        const org = await kit.t.database.db.selectFrom('orgs').selectAll().where('id', '=', t.orgId).executeTakeFirstOrThrow();
        await kit.t.database.db.insertInto('inspection_population').values({ plan_id: p.id, org_id: org.id, draw_key: `id:${org.id}`, stratum: `0|${org.legal_form}`, org_name: org.name, street_name: '矩阵', legal_form: org.legal_form }).execute();
        return c.post(`/api/v1/inspections/plans/${p.id}/draw`, { version: p.version });
      },
    },
    { method: 'GET', url: '/api/v1/inspections/my-items', permission: 'inspection.check', placed: false, request: (c) => c.get('/api/v1/inspections/my-items') },
    { method: 'GET', url: '/api/v1/inspections/items/:id', permission: 'inspection.check', placed: true, request: async (c, t, n, kit) => c.get(`/api/v1/inspections/items/${(await newItem(kit, c, t, n)).id}`) },
    {
      method: 'PUT', url: '/api/v1/inspections/items/:id/result', permission: 'inspection.check', placed: true,
      request: async (c, t, n, kit) => {
        const i = await newItem(kit, c, t, n);
        return c.put(`/api/v1/inspections/items/${i.id}/result`, { version: i.version, mode: 'written', checklist: CHECKLIST, result: 'no_problem' });
      },
    },
    {
      method: 'POST', url: '/api/v1/inspections/items/:id/conflict', permission: 'inspection.check', placed: true,
      request: async (c, t, n, kit) => c.post(`/api/v1/inspections/items/${(await newItem(kit, c, t, n)).id}/conflict`, { reason: '矩阵测试申报回避' }),
    },
    {
      method: 'POST', url: '/api/v1/inspections/items/:id/publish', permission: 'inspection.plan', placed: true,
      request: async (c, t, n, kit) => {
        const i = await newItem(kit, c, t, n, 'no_problem');
        return c.post(`/api/v1/inspections/items/${i.id}/publish`, { version: i.version });
      },
    },
    {
      method: 'POST', url: '/api/v1/inspections/items/:id/rectification', permission: 'inspection.plan', placed: true,
      request: async (c, t, n, kit) => {
        const i = await newItem(kit, c, t, n, 'problems');
        return c.post(`/api/v1/inspections/items/${i.id}/rectification`, { version: i.version, note: '矩阵整改核实' });
      },
    },
    { method: 'GET', url: '/api/v1/inspections/items/:id/notice.pdf', permission: 'inspection.read', placed: true, request: async (c, t, n, kit) => c.get(`/api/v1/inspections/items/${(await newItem(kit, c, t, n)).id}/notice.pdf`) },
  ],
  publicRoutes: ['GET /api/v1/public/inspections/plans', 'GET /api/v1/public/inspections/plans/:id'],
});
