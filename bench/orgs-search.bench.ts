import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/types.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { insertOrgsBulk, type BulkOrg } from '../src/server/modules/orgs/index.js';
import * as repo from '../src/server/modules/orgs/orgs.repository.js';
import { parseOrgSearch } from '../src/server/modules/orgs/orgs.service.js';
import { toInitials, toPinyin } from '../src/server/lib/search-text.js';
import { creditCodeCheckChar, orgCodeCheckChar } from '../src/shared/validators.js';
import { benchServerUrl, fmt, freshDatabase, keptDatabase } from './pg.js';
import { UNLIMITED_SCOPE } from '../src/server/lib/access.js';

const THEMES = ['合唱团', '舞蹈队', '太极拳队', '书画社', '腰鼓队', '京剧票友社', '象棋社', '乒乓球协会', '志愿服务队', '爱心互助会', '便民服务队', '调解会', '老年人协会', '读书会', '平安巡逻队', '居家养老服务中心', '夕阳红艺术团', '义工之家'];

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** n organizations over the communities of a region (deterministic). */
async function generate(db: Kysely<DB>, regionPrefix: string, n: number): Promise<void> {
  const communities = await db.selectFrom('regions').select(['code', 'name']).where('code', 'like', `${regionPrefix}%`).where('level', '=', 5).execute();
  const rand = lcg(7);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const batch: BulkOrg[] = [];
  const flush = async () => {
    await insertOrgsBulk(db, batch.splice(0), 'bench');
  };
  for (let i = 0; i < n; i++) {
    const c = pick(communities);
    const registered = rand() < 0.2;
    const body = `B${String(i).padStart(7, '0')}`;
    const first17 = `51${c.code.slice(0, 6)}${body}${orgCodeCheckChar(body)}`;
    batch.push({
      regionCode: c.code,
      recordedAt: new Date(Date.UTC(2005 + (i % 20), i % 12, 1 + (i % 28))),
      row: {
        name: `${c.name.replace(/(社区)?(居民委员会|居委会|村民委员会|村委会)$/, '')}${pick(THEMES)}${i % 7 === 0 ? '' : String(i % 97)}`,
        former_names: [],
        credit_code: registered ? first17 + creditCodeCheckChar(first17) : null,
        legal_form: registered ? 'social_group' : 'filed',
        category: '文体活动',
        address: null, leader_name: null, leader_id_number_enc: null, leader_phone_enc: null,
        individual_members: 20 + (i % 200), unit_members: null, founded_on: null, purpose: null, activities: null, venue: null,
        hub_org_id: null, status: 'active', is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
      },
    });
    if (batch.length === 5000) await flush();
  }
  if (batch.length) await flush();
}

/** Search terms of each kind, cut from stored names so they hit. */
async function queries(db: Kysely<DB>, per: number, every = 997) {
  const sample = await db.selectFrom('orgs').select(['name', 'credit_code']).where(sql<boolean>`id % ${every} = 0`).orderBy('id').limit(per * 4).execute();
  const rand = lcg(11);
  const cut = (s: string, len: number) => {
    const chars = Array.from(s);
    const start = Math.floor(rand() * Math.max(1, chars.length - len));
    return chars.slice(start, start + len).join('');
  };
  const coded = sample.filter((s) => s.credit_code);
  return {
    Chinese: sample.slice(0, per).map((s) => cut(s.name, 3)),
    pinyin: sample.slice(0, per).map((s) => cut(toPinyin(s.name).replace(/\s/g, ''), 8)),
    initials: sample.slice(0, per).map((s) => cut(toInitials(s.name).replace(/\s/g, ''), 3)),
    code: coded.slice(0, per).map((s) => s.credit_code!.slice(0, 12)),
  };
}

const SCAN_SAMPLES = 6;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function time(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * The registry's search (page of 20 + total, as the list page asks) over each kind of query; with `scan`, after
 * warming the connections, and beside a plain ILIKE scan over the same columns.
 */
async function measure(database: Database, label: string, scan: boolean) {
  const db = database.db;
  const kinds = await queries(db, 30);
  if (scan) {
    // A server in use: its pooled connections have searched before. Other terms than those measured warm them (a
    // connection's first touch of each shared buffer page costs a page fault, expensive in a virtual machine).
    for (const terms of Object.values(await queries(db, 30, 991))) {
      for (const q of terms) await repo.listOrgs(db, { scope: UNLIMITED_SCOPE, search: parseOrgSearch(q) }, { column: 'pinyin', direction: 'asc' }, 0, 20);
    }
  }
  console.log(`${label}: kind      index p50/p95 ms${scan ? '      ILIKE scan p50/p95 ms   ratio (p95 scan/index)' : ''}`);
  for (const [kind, terms] of Object.entries(kinds)) {
    const indexed: number[] = [];
    const scanned: number[] = [];
    for (const [i, q] of terms.entries()) {
      const search = parseOrgSearch(q);
      indexed.push(await time(() => repo.listOrgs(db, { scope: UNLIMITED_SCOPE, search }, { column: 'pinyin', direction: 'asc' }, 0, 20)));
      // The scan takes seconds at 1M rows: a few samples of it suffice for the ratio.
      if (!scan || i >= SCAN_SAMPLES) continue;
      const like = `%${q}%`;
      scanned.push(
        await time(async () => {
          const where = sql`name ilike ${like} or pinyin ilike ${like} or initials ilike ${like} or credit_code ilike ${like}`;
          await sql`select count(*) from orgs where ${where}`.execute(db);
          await sql`select * from orgs where ${where} order by pinyin limit 20`.execute(db);
        }),
      );
    }
    const ms = (xs: number[]) => `${pct(xs, 50).toFixed(1).padStart(7)} / ${pct(xs, 95).toFixed(1).padStart(7)}`;
    console.log(`  ${kind.padEnd(9)} ${ms(indexed)}${scan ? `     ${ms(scanned)}     ${(pct(scanned, 95) / pct(indexed, 95)).toFixed(1)}×` : ''}`);
  }
}

/**
 * Loads the table and its indexes into PostgreSQL's buffers (pg_prewarm), as on a server in use, and says how big the
 * buffers are against the data: a server whose shared_buffers cannot hold the registry reads it from the OS instead.
 */
async function prewarm(db: Kysely<DB>) {
  const { rows } = await sql<{ buffers: string; data: string; fits: boolean }>`
    select current_setting('shared_buffers') as buffers, pg_size_pretty(pg_total_relation_size('orgs')) as data,
           pg_total_relation_size('orgs') < pg_size_bytes(current_setting('shared_buffers')) as fits`.execute(db);
  try {
    await sql`create extension if not exists pg_prewarm`.execute(db);
    await sql`select pg_prewarm('orgs'), sum(pg_prewarm(indexrelid::regclass)) from pg_index where indrelid = 'orgs'::regclass`.execute(db);
    console.log(`  prewarmed: orgs and its indexes, ${rows[0].data}, in shared_buffers of ${rows[0].buffers}${rows[0].fits ? '' : ' (too small to hold them: set shared_buffers above the data, as for any server in use)'}`);
  } catch (err) {
    console.log(`  not prewarmed (${(err as Error).message})`);
  }
}

export async function orgsSearchBench() {
  const pgCount = Number(process.env.BENCH_ORGS_PG ?? 1_000_000);
  const pgliteCount = Number(process.env.BENCH_ORGS_PGLITE ?? 200_000);
  const server = benchServerUrl();
  if (!server) console.log('PostgreSQL: left out (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  else {
    // BENCH_KEEP_DB=1 keeps the generated database for the next run (generating 1M takes minutes); migrations still apply.
    const keep = process.env.BENCH_KEEP_DB === '1';
    const target = keep ? await keptDatabase(server, `shezu_bench_orgs_${pgCount}`) : await freshDatabase(server, `shezu_bench_orgs_${process.pid}`);
    const database = await openDatabase({ databaseUrl: target.url });
    try {
      await migrate(database.db);
      const have = await database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      if (Number(have.n) !== pgCount) {
        await sql`truncate orgs, regions restart identity cascade`.execute(database.db);
        await importRegions(database.db, '36', { batchSize: 20000 });
        const t0 = performance.now();
        await generate(database.db, '36', pgCount);
        console.log(`PostgreSQL: ${fmt(pgCount)} organizations generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      } else console.log(`PostgreSQL: ${fmt(pgCount)} organizations kept from an earlier run`);
      // What autovacuum does after a large load: the n-gram index's pending list merged, statistics gathered.
      await sql`vacuum analyze orgs`.execute(database.db);
      await measure(database, `PostgreSQL ${fmt(pgCount)}, as left by loading`, false);
      await prewarm(database.db);
      await measure(database, `PostgreSQL ${fmt(pgCount)}, prewarmed`, true);
      console.log('  goal: p95 ≤ 50 ms on PostgreSQL at 1M');
    } finally {
      await database.close();
      await target.drop();
    }
  }
  if (process.env.BENCH_SKIP_PGLITE === '1') return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-bench-orgs-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    await importRegions(database.db, '3608');
    await generate(database.db, '3608', pgliteCount);
    await sql`vacuum analyze orgs`.execute(database.db);
    await measure(database, `PGlite ${fmt(pgliteCount)}`, true);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
