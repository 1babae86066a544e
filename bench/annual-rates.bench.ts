import { sql, type Kysely } from 'kysely';
import type { DB, RegionRow } from '../src/server/db/types.js';
import '../src/server/db/types-annual-reports.js';
import type { Database } from '../src/server/db/database.js';
import { buildApp } from '../src/server/app.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import { annualReportSettingsFor } from '../src/server/modules/settings/index.js';
// GET /api/v1/annual-reports/rates answers from countsByChild (index.ts exports only the board's inspectionCounts).
import { countsByChild, figuresOf } from '../src/server/modules/annual-reports/annual-reports.rates.js';
import { exemptionOf } from '../src/server/modules/annual-reports/annual-reports.policy.js';
import type { FigureRow } from '../src/server/modules/annual-reports/annual-reports.rates.repository.js';
import { testConfig } from '../test/app.js';
import { createTestUser, TEST_PASSWORD } from '../test/factories.js';
import { fmt } from './pg.js';

/**
 * Rates per node (issue 13 item 5: report rate, inspection rate, pass rate) of the ledger bench's district: its
 * organizations (legal forms, founding days and closings mixed, so some are exempt) and their reports of last year
 * and the year before in every state, measured beside a plain recount in JavaScript in the same run.
 */

const YEAR = 2025; // the reporting year inspected in 2026
const CATEGORIES = ['文体活动', '公益慈善', '生活服务', '权益维护', '社区事务'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** `n` organizations over the district's communities (2% placed at a street itself), founded 2008–2026, 5% closed. */
export async function districtOrgs(db: Kysely<DB>, district: string, n: number): Promise<void> {
  const places = await db.selectFrom('regions').select(['code', 'level']).where('code', 'like', `${district}%`).where('level', 'in', [4, 5]).orderBy('code').execute();
  const communities = places.filter((p) => p.level === 5).map((p) => p.code);
  const streets = places.filter((p) => p.level === 4).map((p) => p.code);
  const rand = lcg(13);
  const forms = ['filed', 'filed', 'filed', 'filed', 'filed', 'filed', 'social_group', 'social_group', 'social_service', 'grassroots'] as const;
  const batch: BulkOrg[] = [];
  for (let i = 0; i < n; i++) {
    const legalForm = i % 50 === 7 ? 'foundation' : forms[Math.floor(rand() * forms.length)]!;
    // One in eight founded during the reporting year or after it: the new social groups and services are exempt.
    const founded = rand() < 0.125 ? new Date(Date.UTC(YEAR, 0, 1) + Math.floor(rand() * 540) * 86_400_000) : new Date(Date.UTC(2008 + Math.floor(rand() * 17), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
    const closed = rand() < 0.05;
    batch.push({
      regionCode: i % 50 === 3 ? streets[i % streets.length]! : communities[Math.floor(rand() * communities.length)]!,
      recordedAt: founded,
      row: {
        name: `年报基准组织${i}`, legal_form: legalForm, category: CATEGORIES[i % CATEGORIES.length]!, founded_on: day(founded),
        status: closed ? 'deregistered' : 'active', closed_on: closed ? `${2024 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15` : null,
        credit_code: null, hub_org_id: null, created_by: null,
      },
    });
    if (batch.length === 5000) await insertOrgsBulk(db, batch.splice(0), 'bench');
  }
  if (batch.length) await insertOrgsBulk(db, batch.splice(0), 'bench');
}

/**
 * Reports of the reporting forms, generated in SQL: the year before all concluded; the reporting year one in eight
 * missing, then drafts, returned, submitted (on time or late, some after the days asked about) and concluded
 * (pass, basic pass, fail).
 */
export async function districtReports(db: Kysely<DB>): Promise<number> {
  const t0 = performance.now();
  await sql`
    insert into annual_reports (org_id, region_id, level1_id, level2_id, level3_id, level4_id, level5_id, level6_id, year, legal_form, status, sections,
                                due_on, submitted_at, submitted_on, on_time, returned_on, conclusion, concluded_at, concluded_on)
    select o.id, o.region_id, o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id, y.year, o.legal_form,
           s.status, '{}'::jsonb, x.due_on, (x.sub + time '10:00') at time zone 'Asia/Shanghai', x.sub, x.sub <= x.due_on,
           case when s.status = 'returned' then x.sub + 12 end,
           s.conclusion, (x.sub + 20 + (o.id % 40)::int + time '15:00') at time zone 'Asia/Shanghai', x.sub + 20 + (o.id % 40)::int
      from orgs o
      cross join (values (${YEAR - 1}::int), (${YEAR}::int)) y(year)
      cross join lateral (select (o.id * 7919 + y.year) % 100 as k) h
      cross join lateral (select case when y.year < ${YEAR} or h.k >= 55 then 'concluded' when h.k >= 40 then 'submitted' when h.k >= 30 then 'returned' else 'draft' end as status,
                                 case when y.year < ${YEAR} or h.k >= 55 then (case when h.k % 10 < 7 then 'pass' when h.k % 10 < 9 then 'basic_pass' else 'fail' end) end as conclusion) s
      cross join lateral (select make_date(y.year + 1, case when o.legal_form = 'filed' then 3 else 5 end, 31) as due_on,
                                 case when s.status <> 'draft' then make_date(y.year + 1, 1, 5) + ((o.id * 31) % 200)::int end as sub) x
     where o.legal_form <> 'grassroots' and o.founded_on <= make_date(y.year, 12, 31) and (y.year < ${YEAR} or h.k >= 12)`.execute(db);
  // Concluded fields only on concluded reports (the table's check).
  await sql`update annual_reports set concluded_at = null, concluded_on = null where status <> 'concluded'`.execute(db);
  const n = await sql<{ n: string }>`select count(*) as n from annual_reports`.execute(db);
  console.log(`PostgreSQL: ${fmt(Number(n.rows[0]!.n))} annual reports of ${YEAR - 1}–${YEAR} generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return Number(n.rows[0]!.n);
}

type Counts = Omit<FigureRow, 'child'>;
const zero = (): Counts => ({ due: 0, submitted: 0, onTime: 0, concluded: 0, passed: 0, basicPassed: 0, failed: 0 });

/**
 * The plain way: every organization of the node and every report of the year loaded, the obligation of each decided
 * by the policy's exemptionOf in JavaScript, the figures counted per child node.
 */
async function plainRates(db: Kysely<DB>, node: RegionRow, year: number, asOf: string) {
  const col = `level${node.level}_id` as 'level3_id' | 'level4_id';
  const childCol = `level${node.level + 1}_id` as 'level4_id' | 'level5_id';
  const orgs = await db.selectFrom('orgs').select(['id', 'legal_form', 'status', 'recorded_on', 'founded_on', 'closed_on', 'level3_id', childCol]).where(col, '=', node.id).execute();
  const reports = await db
    .selectFrom('annual_reports as r')
    .innerJoin('orgs as o', 'o.id', 'r.org_id')
    .select(['r.org_id', 'r.submitted_on', 'r.on_time', 'r.concluded_on', 'r.conclusion'])
    .where(`o.${col}` as 'o.level3_id' | 'o.level4_id', '=', node.id)
    .where('r.year', '=', year)
    .execute();
  const byOrg = new Map(reports.map((r) => [Number(r.org_id), r]));
  const settings = new Map<number, Awaited<ReturnType<typeof annualReportSettingsFor>>>();
  const total = zero();
  const byChild = new Map<number | null, Counts>();
  for (const o of orgs) {
    const district = Number(o.level3_id);
    if (!settings.has(district)) settings.set(district, await annualReportSettingsFor(db, district));
    if (exemptionOf(o, year, settings.get(district)!, asOf)) continue;
    const child = (o as Record<string, unknown>)[childCol] === null ? null : Number((o as Record<string, unknown>)[childCol]);
    const c = byChild.get(child) ?? zero();
    byChild.set(child, c);
    const r = byOrg.get(Number(o.id));
    const submitted = !!r?.submitted_on && r.submitted_on <= asOf;
    const concluded = !!r?.concluded_on && r.concluded_on <= asOf;
    for (const x of [c, total]) {
      x.due++;
      if (submitted) x.submitted++;
      if (submitted && r!.on_time) x.onTime++;
      if (concluded) x.concluded++;
      if (concluded && r!.conclusion === 'pass') x.passed++;
      if (concluded && r!.conclusion === 'basic_pass') x.basicPassed++;
      if (concluded && r!.conclusion === 'fail') x.failed++;
    }
  }
  return { total, byChild };
}

/** The figures the page shows (the node's and each child's rates), for comparing the two ways. */
const shown = (r: { total: Counts; byChild: Map<number | null, Counts> }) =>
  JSON.stringify([figuresOf(r.total), ...[...r.byChild.entries()].filter(([, c]) => c.due > 0).sort(([a], [b]) => (a ?? 0) - (b ?? 0)).map(([k, c]) => [k, figuresOf(c)])]);

/** countsByChild (the query of GET /api/v1/annual-reports/rates) beside the plain recount, and the route itself. */
export async function measureRates(db: Kysely<DB>, database: Database, districtCode: string) {
  const district = await db.selectFrom('regions').selectAll().where('code', '=', districtCode).executeTakeFirstOrThrow();
  const streets = await db.selectFrom('regions').selectAll().where('parent_id', '=', district.id).orderBy('code').execute();
  const orgs = await sql<{ n: string }>`select count(*) as n from orgs where level3_id = ${district.id}`.execute(db);
  const asOfs = ['2026-12-01', '2026-06-30', '2026-04-15', '2026-03-31'];
  const first = await countsByChild(db, district, YEAR, asOfs[0]!);
  const f = figuresOf(first.total);
  console.log(`  rates of ${YEAR} in the district (${fmt(Number(orgs.rows[0]!.n))} organizations, as of ${asOfs[0]}): due ${fmt(f.due)}, submitted ${fmt(f.submitted)}, concluded ${fmt(f.concluded)}, passed ${fmt(f.passed)}` +
    ` → report rate ${f.reportRate}%, inspection rate ${f.inspectionRate}%, pass rate ${f.passRate}%`);
  const cases = [
    { label: 'rates district → streets', nodes: [district] },
    { label: 'rates street → communities', nodes: streets },
  ];
  for (const c of cases) {
    const query: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 60; i++) {
      const node = c.nodes[i % c.nodes.length]!;
      const asOf = asOfs[i % asOfs.length]!;
      let t = performance.now();
      const a = await countsByChild(db, node, YEAR, asOf);
      const rates = [figuresOf(a.total), ...[...a.byChild.values()].map(figuresOf)];
      query.push(performance.now() - t);
      if (i < 15) {
        t = performance.now();
        const b = await plainRates(db, node, YEAR, asOf);
        const plainRatesShown = [figuresOf(b.total), ...[...b.byChild.values()].map(figuresOf)];
        plain.push(performance.now() - t);
        // Same figures either way, or the comparison means nothing.
        if (shown(a) !== shown(b) || rates.length !== plainRatesShown.length) throw new Error(`${c.label}: countsByChild and the plain recount disagree for ${node.code} as of ${asOf}`);
      }
    }
    console.log(`  ${c.label.padEnd(44)} countsByChild p50 ${pct(query, 50).toFixed(1)} ms  p95 ${pct(query, 95).toFixed(1)} ms (${query.length} runs)` +
      ` | plain (load all, exemptionOf in JS) p50 ${pct(plain, 50).toFixed(1)} ms  p95 ${pct(plain, 95).toFixed(1)} ms (${plain.length} runs) | ratio p95 ${(pct(plain, 95) / pct(query, 95)).toFixed(1)}×`);
  }
  // The route itself (access, names of the child nodes, JSON) for a district administrator.
  const app = await buildApp({ database, config: testConfig(), web: false, logger: false });
  try {
    await app.ready();
    const user = await createTestUser(db, { role: 'district_admin', regionCode: districtCode });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    const cookie = login.cookies.find((k) => k.name === 'shezu_sid')!.value;
    for (const [label, nodes] of [['GET …/rates district → streets', [district]], ['GET …/rates street → communities', streets]] as const) {
      const route: number[] = [];
      for (let i = 0; i < 40; i++) {
        const node = nodes[i % nodes.length]!;
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url: `/api/v1/annual-reports/rates?region=${node.code}&year=${YEAR}&asOf=${asOfs[i % asOfs.length]}`, cookies: { shezu_sid: cookie } });
        route.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
      }
      console.log(`  ${label.padEnd(44)} route p50 ${pct(route, 50).toFixed(1)} ms  p95 ${pct(route, 95).toFixed(1)} ms (${route.length} runs, app.inject with a session)`);
    }
  } finally {
    await app.close();
  }
  console.log('  goal: p95 ≤ 50 ms for the rates of a node on PostgreSQL (the query of GET /api/v1/annual-reports/rates)');
}
