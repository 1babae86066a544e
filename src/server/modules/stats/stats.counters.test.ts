import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../../test/db.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import type { Database } from '../../db/database.js';
import type { RegionRow } from '../../db/types.js';
import { LEGAL_FORMS, ORG_STATUSES } from '../../../shared/enums.js';
import { insertOrgsBulk } from '../orgs/index.js';
import { counterFigures, diffCounters, diffPlaces, diffYears, levelColumn, registryFigures } from './stats.repository.js';
import { recomputeStats } from './stats.recompute.js';

let database: Database;
let places: RegionRow[];
beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  // A grid below 仓口社区, so organizations sit at every level from the district down.
  const cangkou = (await db.selectFrom('regions').selectAll().where('code', '=', PLACES.cangkou).executeTakeFirstOrThrow());
  const grid = await db
    .insertInto('regions')
    .values({ ...cangkou, id: undefined, code: `${PLACES.cangkou}001`, name: '第一网格', parent_id: cangkou.id, level: 6, kind: 'grid', name_bigrams: [], created_at: new Date(), updated_at: new Date() } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('regions').set({ level6_id: grid.id }).where('id', '=', grid.id).execute();
  const codes = ['360802', PLACES.wenshan, PLACES.cangkou, PLACES.xincun, PLACES.gunan, PLACES.gunanCommunity, `${PLACES.cangkou}001`];
  const villages = await db.selectFrom('regions').select('code').where('code', 'like', '360802100%').where('level', '=', 5).limit(2).execute();
  places = await db.selectFrom('regions').selectAll().where('code', 'in', [...codes, ...villages.map((v) => v.code)]).orderBy('code').execute();
});
afterAll(async () => database?.close());

const CATEGORIES = ['文体活动', '公益慈善', '生活服务'];

type Command =
  | { op: 'create'; place: number; form: number; status: number; category: number; year: number }
  | { op: 'bulk'; place: number; n: number; year: number }
  | { op: 'move'; org: number; place: number }
  | { op: 'status'; org: number; status: number }
  | { op: 'form'; org: number; form: number }
  | { op: 'recorded'; org: number; year: number }
  | { op: 'delete'; org: number }
  | { op: 'kind'; place: number }
  | { op: 'population'; place: number; population: number | null; demo: boolean }
  | { op: 'grid'; place: number; population: number | null }
  | { op: 'ungrid' };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('create' as const), place: fc.nat(), form: fc.nat(), status: fc.nat(), category: fc.nat(), year: fc.integer({ min: 2015, max: 2026 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('bulk' as const), place: fc.nat(), n: fc.integer({ min: 1, max: 4 }), year: fc.integer({ min: 2015, max: 2026 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), org: fc.nat(), place: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('status' as const), org: fc.nat(), status: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('form' as const), org: fc.nat(), form: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('recorded' as const), org: fc.nat(), year: fc.integer({ min: 2015, max: 2026 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), org: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('kind' as const), place: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('population' as const), place: fc.nat(), population: fc.option(fc.integer({ min: 0, max: 20000 })), demo: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('grid' as const), place: fc.nat(), population: fc.option(fc.integer({ min: 0, max: 3000 })) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('ungrid' as const) }), weight: 1 },
);

let serial = 0;
async function run(cmd: Command) {
  const db = database.db;
  const orgIds = (await db.selectFrom('orgs').select('id').orderBy('id').execute()).map((o) => Number(o.id));
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  const place = (i: number) => pick(places, i);
  switch (cmd.op) {
    case 'create': {
      const p = place(cmd.place);
      const form = pick([...LEGAL_FORMS], cmd.form);
      // Filed and grassroots organizations sit at a street or below; registered ones anywhere in the district.
      const registered = p.level <= 3 || ['social_group', 'social_service', 'foundation'].includes(form);
      await createTestOrg(db, {
        name: `性质测试组织${++serial}`,
        legalForm: registered ? 'social_group' : form,
        creditCode: registered ? makeCreditCode('1') : undefined,
        category: pick(CATEGORIES, cmd.category),
        regionCode: p.code,
        status: pick([...ORG_STATUSES], cmd.status),
        foundedOn: `${cmd.year}-06-15`,
      });
      return;
    }
    case 'bulk':
      await insertOrgsBulk(
        db,
        Array.from({ length: cmd.n }, (_, i) => ({
          regionCode: place(cmd.place + i).code,
          recordedAt: new Date(Date.UTC(cmd.year, 2, 1)),
          row: { name: `批量测试组织${++serial}`, legal_form: 'filed' as const, category: pick(CATEGORIES, i), status: 'active' as const, credit_code: null, hub_org_id: null, created_by: null },
        })),
        'test',
      );
      return;
  }
  if (cmd.op === 'kind') {
    const p = place(cmd.place);
    if (p.level !== 5) return;
    const now = (await db.selectFrom('regions').select('kind').where('id', '=', p.id).executeTakeFirstOrThrow()).kind;
    await db.updateTable('regions').set({ kind: now === 'community' ? 'village' : 'community', kind_manual: true }).where('id', '=', p.id).execute();
    return;
  }
  if (cmd.op === 'population') {
    // Any node of the places, entered, cleared or marked as a demo figure: the sums upward follow.
    const p = place(cmd.place);
    if (cmd.demo) await sql`UPDATE regions SET population = ${cmd.population}, population_is_demo = true WHERE id = ${p.id}`.execute(db);
    else await db.updateTable('regions').set({ population: cmd.population }).where('id', '=', p.id).execute();
    return;
  }
  if (cmd.op === 'grid') {
    // A new grid below one of the communities (with or without a population), inserted as createGrid does.
    const communities = places.filter((x) => x.level === 5);
    const c = pick(communities, cmd.place);
    const { id } = await db
      .insertInto('regions')
      .values({ ...c, id: undefined, code: `${c.code}${String(500 + ++serial).padStart(3, '0')}`, name: `测试网格${serial}`, parent_id: c.id, level: 6, kind: 'grid', level6_id: null, name_bigrams: [], population: cmd.population, created_at: new Date(), updated_at: new Date() } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('regions').set({ level6_id: id }).where('id', '=', id).execute();
    return;
  }
  if (cmd.op === 'ungrid') {
    // The newest test grid goes again when nothing is placed in it.
    await sql`DELETE FROM regions WHERE id = (SELECT max(id) FROM regions r WHERE r.name LIKE '测试网格%' AND NOT EXISTS (SELECT 1 FROM orgs o WHERE o.region_id = r.id))`.execute(db);
    return;
  }
  if (orgIds.length === 0) return;
  const id = pick(orgIds, cmd.org);
  switch (cmd.op) {
    case 'move': {
      const p = place(cmd.place);
      await db.updateTable('orgs').set({ region_id: p.id, level1_id: p.level1_id, level2_id: p.level2_id, level3_id: p.level3_id, level4_id: p.level4_id, level5_id: p.level5_id, level6_id: p.level6_id }).where('id', '=', id).execute();
      return;
    }
    case 'status':
      await db.updateTable('orgs').set({ status: pick([...ORG_STATUSES], cmd.status) }).where('id', '=', id).execute();
      return;
    case 'form':
      await db.updateTable('orgs').set({ legal_form: pick([...LEGAL_FORMS], cmd.form) }).where('id', '=', id).execute();
      return;
    case 'recorded':
      await db.updateTable('orgs').set({ recorded_on: `${cmd.year}-01-20` }).where('id', '=', id).execute();
      return;
    case 'delete':
      await db.deleteFrom('org_history').where('org_id', '=', id).execute();
      await db.deleteFrom('orgs').where('id', '=', id).execute();
      return;
  }
}

describe('statistics counters', () => {
  it('agree with a recount after any sequence of creates, moves, status and form changes, deletions, kind corrections, populations and grids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (cmds) => {
        for (const cmd of cmds) await run(cmd);
        expect(await diffCounters(database.db)).toEqual([]);
        expect(await diffYears(database.db)).toEqual([]);
        // Populations summed upward and communities by kind, per node: as placesOf computes them over the tree.
        expect(await diffPlaces(database.db)).toEqual([]);
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
    expect(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM orgs`.execute(database.db)).rows[0].n)).toBeGreaterThan(20);
  });

  it('give the same figures as counting the registry, at every year end', async () => {
    const district = places.find((p) => p.level === 3)!;
    const children = await database.db.selectFrom('regions').select('id').where('parent_id', '=', district.id).execute();
    const ids = [Number(district.id), ...children.map((c) => Number(c.id))];
    for (let year = 2015; year <= 2026; year++) {
      const date = year === 2026 ? new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : `${year}-12-31`;
      const key = (r: { node: number | null; tk: string; vk: string }) => `${r.node}|${r.tk}|${r.vk}`;
      const fromCounters = (await counterFigures(database.db, ids, year)).filter((r) => r.in_register || r.added || r.base);
      const byRegistry = await registryFigures(database.db, { level: 3, id: Number(district.id) }, 4, date);
      // The registry grouping has the district's own organizations under null; the counters hold the district total.
      const total = (rows: typeof fromCounters) => rows.reduce((s, r) => [s[0] + r.in_register, s[1] + r.added, s[2] + r.base], [0, 0, 0]);
      expect(total(fromCounters.filter((r) => r.node === Number(district.id))), `${year}`).toEqual(total(byRegistry));
      const childRows = (rows: typeof fromCounters) =>
        rows.filter((r) => r.node !== null && r.node !== Number(district.id) && (r.in_register || r.added || r.base)).map((r) => [key(r), r.in_register, r.added, r.base]).sort();
      expect(childRows(fromCounters), `${year}`).toEqual(childRows(byRegistry));
    }
    expect(levelColumn(3)).toBe('level3_id');
  });

  it('are rebuilt from scratch by the recompute, which reports what it fixed', async () => {
    await sql`UPDATE stats_counters SET n = n + 7 WHERE region_id = (SELECT id FROM regions WHERE code = ${PLACES.wenshan}) AND n > 0`.execute(database.db);
    await sql`UPDATE stats_years SET entered = entered + 3 WHERE region_id = (SELECT id FROM regions WHERE code = ${PLACES.wenshan})`.execute(database.db);
    await sql`UPDATE stats_places SET population = coalesce(population, 0) + 5, urban_communities = urban_communities + 1 WHERE region_id = (SELECT id FROM regions WHERE code = ${PLACES.wenshan})`.execute(database.db);
    await sql`DELETE FROM stats_places WHERE region_id = (SELECT id FROM regions WHERE code = ${PLACES.cangkou})`.execute(database.db);
    expect((await diffCounters(database.db)).length).toBeGreaterThan(0);
    expect((await diffYears(database.db)).length).toBeGreaterThan(0);
    expect((await diffPlaces(database.db)).length).toBe(2);
    const summary = await recomputeStats(database.db);
    expect(summary.differences).toBeGreaterThan(0);
    expect(await diffCounters(database.db)).toEqual([]);
    expect(await diffYears(database.db)).toEqual([]);
    expect(await diffPlaces(database.db)).toEqual([]);
    expect((await recomputeStats(database.db)).differences).toBe(0);
  });
});
