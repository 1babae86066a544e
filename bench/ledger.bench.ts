import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import '../src/server/db/types-ledger.js';
import type { NewActivity } from '../src/server/db/types-ledger.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { insertJsonRows } from '../src/server/db/bulk-insert.js';
import { buildApp } from '../src/server/app.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import { recomputeTotals } from '../src/server/modules/activities/index.js';
import { waitForImports } from '../src/server/modules/imports/index.js';
import { testConfig } from '../test/app.js';
import { createTestUser, PLACES, TEST_PASSWORD } from '../test/factories.js';
import { benchServerUrl, fmt, freshDatabase, keptDatabase, onPgliteAndPostgres } from './pg.js';
import { rawRead } from './imports.bench.js';
import { multipart } from '../test/sheets.js';
import { districtOrgs, districtReports, measureRates } from './annual-rates.bench.js';

const DISTRICT = '360802'; // 吉州区: 12 streets and towns, ~170 communities and villages
const TYPES = ['文体活动', '志愿服务', '议事协商', '培训讲座', '慈善募捐', '会员大会', '换届选举', '其他'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function orgsIn(db: Kysely<DB>, codes: string[], n: number, tag: string) {
  const batch: BulkOrg[] = [];
  for (let i = 0; i < n; i++) {
    batch.push({
      regionCode: codes[i % codes.length],
      recordedAt: new Date(Date.UTC(2015, i % 12, 1 + (i % 28))),
      row: { name: `${tag}${i}号`, legal_form: 'filed', category: '文体活动', status: 'active', credit_code: null, hub_org_id: null, created_by: null },
    });
  }
  return insertOrgsBulk(db, batch, 'bench');
}

/**
 * GET /api/v1/ledger's query (the ledger helper's activities.repository.ts totalsByChild, branch `ledger`): the kept
 * month totals under a node, per child node, month and type, joined to the nodes of the subtree.
 */
async function fromCounters(db: Kysely<DB>, node: { column: string; id: number }, childLevel: number, fromMonth: string, toMonth: string) {
  const { rows } = await sql<{ child_id: string | null; month: string; activity_type: string; activities: number; participants: string; volunteer_minutes: string }>`
    select ${sql.ref(`r.level${childLevel}_id`)} as child_id, to_char(t.month, 'YYYY-MM') as month, t.activity_type,
           sum(t.activities)::int as activities, sum(t.participants)::bigint as participants, sum(t.beneficiaries)::bigint as beneficiaries,
           sum(t.volunteers)::bigint as volunteers, sum(t.volunteer_minutes)::bigint as volunteer_minutes
      from ledger_month_totals t join regions r on r.id = t.region_id
     where ${sql.ref(`r.${node.column}`)} = ${node.id} and t.month between ${fromMonth}::date and ${toMonth}::date and t.activities <> 0
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** The same figures the plain way: GROUP BY over the activities themselves (placement columns, the month of held_on). */
async function fromActivities(db: Kysely<DB>, node: { column: string; id: number }, childLevel: number, fromMonth: string, toMonth: string) {
  const { rows } = await sql<{ child_id: string | null; month: string; activity_type: string; activities: number; participants: string; volunteer_minutes: string }>`
    select ${sql.ref(`a.level${childLevel}_id`)} as child_id, to_char(date_trunc('month', a.held_on), 'YYYY-MM') as month, a.activity_type,
           count(*)::int as activities, sum(a.participants)::bigint as participants, sum(a.beneficiaries)::bigint as beneficiaries,
           sum(a.volunteers)::bigint as volunteers, sum(a.volunteer_minutes)::bigint as volunteer_minutes
      from activities a
     where ${sql.ref(`a.${node.column}`)} = ${node.id} and a.held_on >= ${fromMonth}::date and a.held_on < (${toMonth}::date + interval '1 month') and a.deleted_at is null
     group by 1, 2, 3`.execute(db);
  return rows;
}

const shown = (rows: Awaited<ReturnType<typeof fromCounters>>) =>
  JSON.stringify(rows.map((r) => [r.child_id === null ? null : String(r.child_id), r.month, r.activity_type, Number(r.activities), Number(r.participants), Number(r.volunteer_minutes)]).sort());

/**
 * (a) Ledger totals of a district with a million activities on PostgreSQL: counters beside a GROUP BY recount; and
 * the annual-report rates per node of the same district (annual-rates.bench.ts) beside a plain recount.
 */
export async function ledgerTotalsBench() {
  const server = benchServerUrl();
  if (!server) {
    console.log('PostgreSQL: left out (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  const count = Number(process.env.BENCH_LEDGER_ACTIVITIES ?? 1_000_000);
  // BENCH_KEEP_DB=1 keeps the generated district between runs (generating a million takes about a minute).
  const keep = process.env.BENCH_KEEP_DB === '1';
  const target = keep ? await keptDatabase(server, `shezu_bench_ledger_rates_${count}`) : await freshDatabase(server, `shezu_bench_ledger_${process.pid}`);
  const database = await openDatabase({ databaseUrl: target.url });
  try {
    const db = database.db;
    await migrate(db);
    if (!keep || !(await db.selectFrom('activities').select('id').limit(1).executeTakeFirst())) await generateDistrict(db, count);
    await measureTotals(db);
    await measureRates(db, database, DISTRICT);
  } finally {
    await database.close();
    await target.drop();
  }
}

/** A district with `count` activities over 20,000 organizations and three years, generated in the database. */
async function generateDistrict(db: Kysely<DB>, count: number) {
  await importRegions(db, DISTRICT);
  const orgCount = Number(process.env.BENCH_LEDGER_ORGS ?? 20_000);
  const t = performance.now();
  await districtOrgs(db, DISTRICT, orgCount);
  console.log(`PostgreSQL: ${fmt(orgCount)} organizations over the district inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await districtReports(db);
  const user = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou });
  const t0 = performance.now();
  // Three years of activities spread over the organizations, generated in the database.
  await sql`
    insert into activities (org_id, region_id, level1_id, level2_id, level3_id, level4_id, level5_id, level6_id, starts_at, ends_at, held_on,
                            title, activity_type, place, participants, beneficiaries, volunteers, volunteer_minutes, entered_by, entered_as)
    select o.id, o.region_id, o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id,
           (x.d + time '09:00') at time zone 'Asia/Shanghai', (x.d + time '11:00') at time zone 'Asia/Shanghai', x.d,
           '基准活动' || g, (${sql.val(TYPES)}::text[])[1 + (g / 3000 + g / 7) % 8], '社区活动室', 10 + g % 70, g % 50, g % 10, (g % 10) * 120, ${user.id}, 'community'
      from generate_series(0, ${count - 1}) g
      join (select id, region_id, level1_id, level2_id, level3_id, level4_id, level5_id, level6_id, row_number() over (order by id) - 1 as k from orgs) o
        on o.k = g % (select count(*) from orgs)
      cross join lateral (select (date '2023-01-01' + ((g::bigint * 7919) % 1095)::int) as d) x`.execute(db);
  const insertSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await db.transaction().execute((trx) => recomputeTotals(trx));
  const recomputeSeconds = (performance.now() - t1) / 1000;
  await sql`ANALYZE`.execute(db);
  const kept = await sql<{ n: string }>`select count(*) as n from ledger_month_totals`.execute(db);
  console.log(`PostgreSQL: ${fmt(count)} activities generated in ${insertSeconds.toFixed(1)} s; recomputeTotals ${recomputeSeconds.toFixed(1)} s → ${fmt(Number(kept.rows[0].n))} month-total rows`);
}

/** Counters beside the GROUP BY over activities, for the district, each street and 40 communities. */
async function measureTotals(db: Kysely<DB>) {
  const communities = (await db.selectFrom('regions').select('code').where('code', 'like', `${DISTRICT}%`).where('level', '=', 5).orderBy('code').execute()).map((r) => r.code);
  const district = await db.selectFrom('regions').selectAll().where('code', '=', DISTRICT).executeTakeFirstOrThrow();
  const streets = await db.selectFrom('regions').selectAll().where('parent_id', '=', district.id).orderBy('code').execute();
  const communityRows = await db.selectFrom('regions').selectAll().where('code', 'in', communities.slice(0, 40)).execute();
  // The view's default is twelve months (GET /api/v1/ledger); the longest it allows is sixty, three years are shown apart.
  const year = [['2025-01-01', '2025-12-01'], ['2024-01-01', '2024-12-01'], ['2023-07-01', '2024-06-01'], ['2024-04-01', '2025-03-01']] as const;
  const threeYears = [['2023-01-01', '2025-12-01']] as const;
  const cases = [
    { label: 'district → streets, 12 months', nodes: [district], periods: year },
    { label: 'street → communities, 12 months', nodes: streets, periods: year },
    { label: 'community, 12 months', nodes: communityRows, periods: year },
    { label: 'district → streets, 36 months', nodes: [district], periods: threeYears },
  ];
  for (const c of cases) {
    const counters: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 60; i++) {
      const node = c.nodes[i % c.nodes.length];
      const [from, to] = c.periods[i % c.periods.length];
      const scope = { column: `level${node.level}_id`, id: Number(node.id) };
      const childLevel = Math.min(6, node.level + 1);
      let t = performance.now();
      const a = await fromCounters(db, scope, childLevel, from, to);
      counters.push(performance.now() - t);
      if (i < 15) {
        t = performance.now();
        const b = await fromActivities(db, scope, childLevel, from, to);
        plain.push(performance.now() - t);
        // Same figures either way, or the comparison means nothing.
        if (shown(a) !== shown(b)) throw new Error(`${c.label}: kept totals and the recount disagree for ${node.code} ${from}–${to}`);
      }
    }
    console.log(`  ${c.label.padEnd(44)} counters p50 ${pct(counters, 50).toFixed(1)} ms  p95 ${pct(counters, 95).toFixed(1)} ms (${counters.length} runs)` +
      ` | GROUP BY activities p50 ${pct(plain, 50).toFixed(1)} ms  p95 ${pct(plain, 95).toFixed(1)} ms (${plain.length} runs) | ratio p95 ${(pct(plain, 95) / pct(counters, 95)).toFixed(1)}×`);
  }
  console.log('  goal: p95 ≤ 50 ms from ledger_month_totals on PostgreSQL (the query of GET /api/v1/ledger)');
}

/** An activity file as a community fills the template: rows over the community's organizations, by name. */
async function activityFile(names: string[], n: number, tag: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('活动台账');
  sheet.addRow(['组织名称', '开始时间', '结束时间', '活动名称', '活动类型', '活动地点', '参与人数', '受益人数', '志愿者人数', '志愿服务时长（小时）', '涉及金额（元）', '是否涉外']).commit();
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    sheet.addRow([names[i % names.length], `${day} ${9 + (i % 10)}:00`, `${day} ${11 + (i % 10)}:30`, `${tag}活动${i}`, TYPES[i % 8], '社区活动室', 10 + (i % 70), i % 40, i % 8, (i % 8) * 2, i % 8 === 4 ? '1200.50' : '', '否']).commit();
  }
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function importOn(database: Database, label: string) {
  const db = database.db;
  await migrate(db);
  await importRegions(db, DISTRICT);
  const orgIds = await orgsIn(db, [PLACES.cangkou], 300, '仓口基准组织');
  const orgs = await db.selectFrom('orgs').selectAll().where('id', 'in', orgIds).orderBy('id').execute();
  const app = await buildApp({ database, config: testConfig(), web: false, logger: false });
  await app.ready();
  const user = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou });
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
  const cookie = login.cookies.find((c) => c.name === 'shezu_sid')!.value;
  const csrf = login.json().csrfToken;
  const n = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);

  const file = await activityFile(orgs.map((o) => o.name), n, '导');
  const raw = await rawRead(file);
  const t0 = performance.now();
  const body = multipart('台账.xlsx', file);
  const res = await app.inject({ method: 'POST', url: '/api/v1/activities/import', cookies: { shezu_sid: cookie }, headers: { 'x-csrf-token': csrf, ...body.headers }, payload: body.payload });
  if (res.statusCode !== 202) throw new Error(res.body);
  await waitForImports();
  const seconds = (performance.now() - t0) / 1000;
  const job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, cookies: { shezu_sid: cookie } })).json();
  if (job.inserted !== n) throw new Error(`expected ${n} inserted, got ${JSON.stringify(job)}`);

  // The plain baseline: the same rows, already parsed and placed, written by a bare insertJsonRows in batches of 2,000.
  const rows: NewActivity[] = Array.from({ length: n }, (_, i) => {
    const o = orgs[i % orgs.length];
    const day = new Date(Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000).toISOString().slice(0, 10);
    return {
      org_id: Number(o.id), region_id: Number(o.region_id), level1_id: o.level1_id, level2_id: o.level2_id, level3_id: o.level3_id, level4_id: o.level4_id, level5_id: o.level5_id, level6_id: o.level6_id,
      starts_at: `${day}T09:00:00+08:00`, ends_at: `${day}T11:30:00+08:00`, held_on: day, title: `基线活动${i}`, activity_type: TYPES[i % 8], place: '社区活动室',
      participants: 10 + (i % 70), beneficiaries: i % 40, volunteers: i % 8, volunteer_minutes: (i % 8) * 120, amount_fen: 0, foreign_related: false, description: null, entered_by: user.id, entered_as: 'import', import_job_id: null,
    };
  });
  const t1 = performance.now();
  for (let i = 0; i < n; i += 2_000) await db.transaction().execute((trx) => insertJsonRows(trx, 'activities', rows.slice(i, i + 2_000) as unknown as Record<string, unknown>[]));
  const bare = (performance.now() - t1) / 1000;
  console.log(
    `${label} activity import of ${fmt(n)} rows over ${orgs.length} organizations: ${seconds.toFixed(1)} s = ${fmt(n / seconds)} rows/s (file read, per-row checks, totals, last activity, audit, report)` +
      `; bare insertJsonRows of the same rows: ${bare.toFixed(1)} s = ${fmt(n / bare)} rows/s (import ${(seconds / bare).toFixed(1)}× the bare insert)` +
      `; ExcelJS reading the file: ${raw.toFixed(1)} s = ${fmt(n / raw)} rows/s (import ${(seconds / raw).toFixed(1)}× the raw read)`,
  );
  await app.close();
}

/** (b) Activity import rows/s through the shared machinery, beside a bare insert of the same rows, on PGlite and PostgreSQL. */
export async function activityImportBench() {
  await onPgliteAndPostgres('bench-ledger-import', importOn);
  console.log('  goal: activity import ≥ 5,000 rows/s');
}
