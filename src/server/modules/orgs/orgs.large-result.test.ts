import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { insertOrgsBulk, type BulkOrg } from './orgs.bulk.js';
import { searchColumns } from './orgs.mapping.js';
import { countByWalk, SEARCH_COUNT_CAP } from './orgs.repository.js';
import { parseOrgSearch } from './orgs.service.js';
import { forgetGramStats } from './orgs.search-stats.js';
import { UNLIMITED_SCOPE } from '../../lib/access.js';

/**
 * Common words match more than a search counts: totals are capped, and the pages still come in order. Which way the
 * count is found (reading the table, or the n-gram index) depends on PostgreSQL's statistics: both are run here.
 */
let t: TestApp;
let district: Client;
let city: Client;
const N = 2 * SEARCH_COUNT_CAP + 50;
const FOUNDED = (i: number) => (i % 4 === 0 ? null : `20${String(10 + (i % 13)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`);
beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  city = await t.loginAs({ role: 'district_admin', regionCode: PLACES.city });
  const communities = [PLACES.cangkou, PLACES.xincun, PLACES.gunanCommunity];
  const orgs: BulkOrg[] = Array.from({ length: N }, (_, i) => ({
    regionCode: communities[i % 3],
    recordedAt: new Date('2020-01-01'),
    row: {
      // Names whose pinyin order differs from insertion order.
      name: `${['张', '安', '李', '白', '周'][i % 5]}家合唱团${i}`,
      former_names: [], credit_code: null, legal_form: 'filed', category: '文体活动',
      address: null, leader_name: null, leader_id_number_enc: null, leader_phone_enc: null, individual_members: i % 100, unit_members: null,
      founded_on: FOUNDED(i), purpose: null, activities: null, venue: null, hub_org_id: null, status: 'active',
      is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
    },
  }));
  // The tests choose when statistics exist: autovacuum must not gather them meanwhile.
  await sql`alter table orgs set (autovacuum_enabled = false)`.execute(t.database.db);
  await insertOrgsBulk(t.database.db, orgs, 'test');
}, 180_000);
afterAll(async () => t?.close());

const db = () => t.database.db;
const idsOf = (body: { items: { id: number }[] }) => body.items.map((o) => o.id);
const expectedIds = async (like: string, order: 'asc' | 'desc', offset: number, limit: number) =>
  (await db().selectFrom('orgs').select('id').where('name', 'like', like).orderBy('pinyin', order).orderBy('id', order).offset(offset).limit(limit).execute()).map((r) => Number(r.id));

async function withoutStatistics() {
  await sql`delete from pg_statistic where starelid = 'orgs'::regclass`.execute(db());
  forgetGramStats(db());
}
async function withStatistics() {
  await sql`analyze orgs`.execute(db());
  forgetGramStats(db());
}

describe('large results without statistics (the n-gram index counts)', () => {
  beforeAll(withoutStatistics);

  it('caps the total and returns the first pages in pinyin order, either way', async () => {
    const body = (await district.get(`/api/v1/orgs?q=${encodeURIComponent('合唱团')}&pageSize=50&facets=true`)).json();
    expect(body.total).toBe(SEARCH_COUNT_CAP);
    expect(body.totalCapped).toBe(true);
    expect(idsOf(body)).toEqual(await expectedIds('%合唱团%', 'asc', 0, 50));
    // Counting every match per filter value would cost what the cap saved.
    expect(body.facets).toBeUndefined();
    const desc = (await district.get(`/api/v1/orgs?q=hechangtuan&sort=-name&pageSize=5&page=3`)).json();
    expect(desc.totalCapped).toBe(true);
    expect(idsOf(desc)).toEqual(await expectedIds('%合唱团%', 'desc', 10, 5));
  });

  it('sorts a capped search by another column over every match', async () => {
    const body = (await district.get(`/api/v1/orgs?q=${encodeURIComponent('合唱团')}&sort=-foundedOn&pageSize=7&page=2`)).json();
    const expected = await db().selectFrom('orgs').select('id').where('name', 'like', '%合唱团%')
      .orderBy(sql`founded_on desc nulls last`).orderBy('id', 'desc').offset(7).limit(7).execute();
    expect(idsOf(body)).toEqual(expected.map((r) => Number(r.id)));
  });

  it('counts exactly below the cap, inside the jurisdiction', async () => {
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    const res = (await street.get(`/api/v1/orgs?q=${encodeURIComponent('周家合唱')}&facets=true`)).json();
    // 周 is every 5th name, and two of the three communities lie in 文山街道.
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 === 4 && i % 3 !== 2).length;
    expect(res.total).toBe(expected);
    expect(res.totalCapped).toBe(false);
    expect(res.facets.form).toEqual([{ value: 'filed', count: expected }]);
  });

  it('does not read the table for a count without statistics to tell the words are common', async () => {
    const f = { scope: UNLIMITED_SCOPE, search: parseOrgSearch('合唱团') };
    expect(await countByWalk(db(), f, SEARCH_COUNT_CAP)).toBeNull();
  });
});

describe('large results with statistics', () => {
  beforeAll(withStatistics);

  it('reads the table for a common word over a city, and pages in pinyin order', async () => {
    expect(await countByWalk(db(), { scope: { region: { column: 'level2_id', id: await regionId(PLACES.city) }, org: null }, search: parseOrgSearch('合唱团') }, SEARCH_COUNT_CAP)).toBe(SEARCH_COUNT_CAP + 1);
    const body = (await city.get(`/api/v1/orgs?q=${encodeURIComponent('合唱团')}&pageSize=20&page=4`)).json();
    expect(body).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(idsOf(body)).toEqual(await expectedIds('%合唱团%', 'asc', 60, 20));
    const initials = (await city.get(`/api/v1/orgs?q=jhct&pageSize=20`)).json();
    expect(initials.totalCapped).toBe(true);
    expect(idsOf(initials)).toEqual(await expectedIds('%合唱团%', 'asc', 0, 20));
  });

  it('leaves words the statistics bound below the cap to the index', async () => {
    // 周家合唱 is in a fifth of the names: the statistics bound it below the cap, and the index counts it exactly.
    const f = { scope: UNLIMITED_SCOPE, search: parseOrgSearch('周家合唱') };
    expect(await countByWalk(db(), f, SEARCH_COUNT_CAP)).toBeNull();
    const body = (await city.get(`/api/v1/orgs?q=${encodeURIComponent('周家合唱')}&pageSize=10`)).json();
    expect(body).toMatchObject({ total: Math.floor(N / 5), totalCapped: false });
    expect(idsOf(body)).toEqual(await expectedIds('%周家合唱%', 'asc', 0, 10));
  });

  it('counts a search exactly past the cap when the statistics bound its matches to a few thousand', async () => {
    // A district is not a whole city: the table is not read; the n-grams bound 合唱团 to this table's size.
    const body = (await district.get(`/api/v1/orgs?q=${encodeURIComponent('合唱团')}&pageSize=50`)).json();
    expect(body).toMatchObject({ total: N, totalCapped: false });
    expect(idsOf(body)).toEqual(await expectedIds('%合唱团%', 'asc', 0, 50));
  });
});

async function regionId(code: string) {
  return Number((await db().selectFrom('regions').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
}

describe('four-letter n-grams', () => {
  it('migration 0010 adds the same pieces to stored rows as searchColumns gives new ones', async () => {
    const names = ['平安夕阳红老年人协会', 'ABC·社区（二）合唱团', '吉州区映山红党员义工管理服务中心'];
    const former = [['夕阳红老年协会', '平安老年人协会'], [], ['映山红义工队']];
    const ids: number[] = [];
    for (const [i, name] of names.entries()) {
      const cols = searchColumns(name, former[i]);
      // As stored before migration 0010: without the four-letter pieces.
      const before = cols.search_grams.filter((g) => !/^[a-z0-9]{4}$/.test(g));
      const row = await db().selectFrom('orgs').select('id').where('name', 'like', '%合唱团%').offset(i).limit(1).executeTakeFirstOrThrow();
      await db().updateTable('orgs').set({ name, former_names: former[i], pinyin: cols.pinyin, initials: cols.initials, search_grams: before }).where('id', '=', row.id).execute();
      ids.push(Number(row.id));
    }
    const migration = fs.readFileSync(path.join(import.meta.dirname, '../../../../migrations/0010_orgs_search_quadgrams.sql'), 'utf8');
    await sql.raw(migration).execute(db());
    for (const [i, id] of ids.entries()) {
      const stored = await db().selectFrom('orgs').select('search_grams').where('id', '=', id).executeTakeFirstOrThrow();
      expect(new Set(stored.search_grams)).toEqual(new Set(searchColumns(names[i], former[i]).search_grams));
      expect(stored.search_grams.some((g) => g.length === 4)).toBe(true);
    }
  });
});
