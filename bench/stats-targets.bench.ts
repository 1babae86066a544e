import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import { computeTargets } from '../src/server/modules/stats/stats.service.js';
import { recomputeStats } from '../src/server/modules/stats/index.js';
import { benchServerUrl, fmt, freshDatabase } from './pg.js';

const PROVINCE = '36'; // 江西省: 11 cities, 100 counties, ~1,600 township-level units, ~21,000 communities and villages
const CATEGORIES = ['文体活动', '公益慈善', '生活服务', '权益维护', '社区事务'];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** n organizations over every community of the province, entered over 2006–2025, a few left since. */
async function generate(db: Kysely<DB>, n: number) {
  const communities = await db.selectFrom('regions').select('code').where('code', 'like', `${PROVINCE}%`).where('level', '=', 5).execute();
  const rand = lcg(17);
  const batch: BulkOrg[] = [];
  for (let i = 0; i < n; i++) {
    const year = 2006 + Math.floor(rand() * 20);
    const closed = rand() < 0.05;
    batch.push({
      regionCode: communities[Math.floor(rand() * communities.length)].code,
      recordedAt: new Date(Date.UTC(year, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28))),
      row: {
        name: `基准组织${i}`, legal_form: rand() < 0.15 ? 'grassroots' : 'filed', category: CATEGORIES[i % CATEGORIES.length],
        status: closed ? 'deregistered' : 'active', closed_on: closed ? `${Math.min(2025, year + 1 + Math.floor(rand() * 5))}-06-30` : null,
        credit_code: null, hub_org_id: null, created_by: null,
      },
    });
    if (batch.length === 5000) await insertOrgsBulk(db, batch.splice(0), 'bench');
  }
  if (batch.length) await insertOrgsBulk(db, batch.splice(0), 'bench');
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * The province board (its cities, each with the seven figures) from the counters and the places figures the
 * triggers keep, and by a full recount: GROUP BY over the registry, populations summed up the whole subtree.
 */
async function measure(db: Kysely<DB>, label: string, samples: number) {
  const province = await db.selectFrom('regions').selectAll().where('code', '=', PROVINCE).executeTakeFirstOrThrow();
  const asOfs = ['2025-12-31', '2024-12-31', '2023-12-31', '2020-12-31'];
  const run = async (source: 'counters' | 'registry', i: number) => {
    const asOf = asOfs[i % asOfs.length];
    const t0 = performance.now();
    const r = await computeTargets(db, { region: province, asOf, year: Number(asOf.slice(0, 4)), source, places: source === 'counters' ? 'stored' : 'recount' });
    return { ms: performance.now() - t0, r };
  };
  // Everything the board shows of the node and of each city: figures, populations (partial, demo), counts.
  const shown = (r: Awaited<ReturnType<typeof computeTargets>>) =>
    JSON.stringify([r, ...r.children].map((c) => [c.region, c.population, c.populationPartial, c.populationIsDemo, c.orgs, c.items]));
  const fromCounters: number[] = [];
  const byGroupBy: number[] = [];
  await run('counters', 0);
  await run('registry', 0);
  for (let i = 0; i < samples; i++) {
    const a = await run('counters', i);
    fromCounters.push(a.ms);
    if (i < Math.max(4, samples / 4)) {
      const b = await run('registry', i);
      byGroupBy.push(b.ms);
      // Same figures either way, or the comparison means nothing.
      if (shown(a.r) !== shown(b.r)) throw new Error(`${label}: counters and recount disagree`);
    }
  }
  console.log(`${label}: province board (${fmt(1)} node + cities, 7 figures each)`);
  console.log(`  from counters      p50 ${pct(fromCounters, 50).toFixed(1)} ms   p95 ${pct(fromCounters, 95).toFixed(1)} ms   (${fromCounters.length} runs)`);
  console.log(`  GROUP BY recount   p50 ${pct(byGroupBy, 50).toFixed(1)} ms   p95 ${pct(byGroupBy, 95).toFixed(1)} ms   (${byGroupBy.length} runs; populations summed over the subtree)`);
  console.log(`  ratio (p95 recount / counters): ${(pct(byGroupBy, 95) / pct(fromCounters, 95)).toFixed(1)}×`);
}

export async function statsTargetsBench() {
  const count = Number(process.env.BENCH_STATS_ORGS ?? 200_000);
  const server = benchServerUrl();
  if (!server) {
    console.log('PostgreSQL: left out (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
    return;
  }
  const target = await freshDatabase(server, `shezu_bench_stats_${process.pid}`);
  const database = await openDatabase({ databaseUrl: target.url });
  try {
    await migrate(database.db);
    await importRegions(database.db, PROVINCE, { batchSize: 20000 });
    const tp = performance.now();
    await sql`UPDATE regions SET population = 1000 + (id % 9000) WHERE level = 5`.execute(database.db);
    const populationSeconds = (performance.now() - tp) / 1000;
    const t0 = performance.now();
    await generate(database.db, count);
    const insertSeconds = (performance.now() - t0) / 1000;
    const recount = await recomputeStats(database.db);
    console.log(`PostgreSQL: populations of every community entered in one statement in ${populationSeconds.toFixed(1)} s (sums upward kept by the trigger)`);
    console.log(`PostgreSQL: ${fmt(count)} organizations inserted with the counter triggers in ${insertSeconds.toFixed(1)} s; recompute ${recount.seconds.toFixed(1)} s, ${recount.differences} differences`);
    await sql`ANALYZE`.execute(database.db);
    await measure(database.db, `PostgreSQL ${fmt(count)}`, 60);
    console.log('  goal: p95 ≤ 50 ms from counters on PostgreSQL');
  } finally {
    await database.close();
    await target.drop();
  }
}
