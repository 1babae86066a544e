import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../../test/db.js';
import { PLACES } from '../../../../test/factories.js';
import type { Database } from '../../db/database.js';
import type { RegionRow } from '../../db/types.js';
import { insertOrgsBulk } from '../orgs/index.js';
import { computeTargets, type StatsNode } from './stats.service.js';
import { yearReportTable } from './stats.export.js';
import { ownLabelOf, ownRowName } from './stats.policy.js';

/**
 * Issue 22 item 4: every breakdown adds up. For random placements of organizations over a real tree (district,
 * streets, a town, communities, villages, with organizations also placed at the street, town and district
 * themselves), the children plus the 本级 row equal the node's total, figure by figure, in the board (from the
 * counters and from the registry) and in the yearly report; and the 本级 row is exactly the organizations whose
 * place is the node itself (counted here straight from the registry, not by subtraction).
 */
let database: Database;
let places: RegionRow[];
beforeAll(async () => {
  database = await openTestDatabase();
  const db = database.db;
  const town = await db.selectFrom('regions').selectAll().where('code', 'like', '360802100%').where('level', '=', 4).executeTakeFirstOrThrow();
  const villages = await db.selectFrom('regions').selectAll().where('parent_id', '=', town.id).orderBy('code').limit(3).execute();
  const fixed = await db.selectFrom('regions').selectAll().where('code', 'in', [PLACES.jizhou, PLACES.wenshan, PLACES.cangkou, PLACES.xincun, PLACES.gunan, PLACES.gunanCommunity]).execute();
  places = [...fixed, town, ...villages];
});
afterAll(async () => database?.close());

const FORMS = ['filed', 'social_group', 'grassroots'] as const;
const STATUSES = ['active', 'active', 'active', 'filing', 'deregistered'] as const;
const CATEGORIES = ['文体活动', '公益慈善', '生活服务'];

const placement = fc.record({
  place: fc.nat(),
  form: fc.nat({ max: FORMS.length - 1 }),
  status: fc.nat({ max: STATUSES.length - 1 }),
  year: fc.integer({ min: 2019, max: 2025 }),
});

async function inRegisterAt(regionId: number, date: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM orgs
    WHERE region_id = ${regionId} AND legal_form <> 'grassroots' AND status NOT IN ('preparing', 'filing', 'registering')
      AND recorded_on <= ${date}::date AND (closed_on IS NULL OR closed_on > ${date}::date)`.execute(database.db);
  return Number(rows[0].n);
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const numerator = (n: { items: { key: string; numerator: number | null }[] }, key: string) => n.items.find((i) => i.key === key)!.numerator ?? 0;
const denominator = (n: { items: { key: string; denominator: number | null }[] }, key: string) => n.items.find((i) => i.key === key)!.denominator ?? 0;

let serial = 0;
describe('本级 rows: children + own = total', () => {
  it('holds for every node, every source, the board and the yearly report', async () => {
    const db = database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(placement, { minLength: 1, maxLength: 30 }), async (list) => {
        const ids = await insertOrgsBulk(
          db,
          list.map((p, i) => ({
            regionCode: places[p.place % places.length].code,
            recordedAt: new Date(Date.UTC(p.year, 4, 1)),
            row: { name: `本级测试组织${++serial}`, legal_form: FORMS[p.form], category: CATEGORIES[i % 3], status: STATUSES[p.status], credit_code: null, hub_org_id: null, created_by: null },
          })),
          'test',
        );
        // Some of the deregistered ones leave in a later year than they entered.
        await sql`UPDATE orgs SET closed_on = recorded_on + 400 WHERE id = ANY(${sql.val(ids)}::bigint[]) AND status = 'deregistered'`.execute(db);
        try {
          for (const region of places) {
            if (region.level > 4) continue;
            for (const asOf of ['2024-12-31', '2024-06-30']) {
              const n: StatsNode = { region, asOf, year: 2024, source: asOf.endsWith('12-31') ? 'counters' : 'registry' };
              const r = await computeTargets(db, n);
              expect(r.own.label).toBe(ownLabelOf(region));
              expect(r.own.orgs, `${region.name} ${asOf}`).toBe(await inRegisterAt(Number(region.id), asOf));
              expect(r.own.orgs + sum(r.children.map((c) => c.orgs)), `${region.name} ${asOf}`).toBe(r.orgs);
              for (const key of ['growthRate', 'orgsPerUrbanCommunity', 'orgsPerRuralCommunity']) {
                expect(numerator(r.own, key) + sum(r.children.map((c) => numerator(c, key))), `${region.name} ${asOf} ${key}`).toBe(numerator(r, key));
              }
              expect(denominator(r.own, 'growthRate') + sum(r.children.map((c) => denominator(c, 'growthRate'))), `${region.name} ${asOf} base`).toBe(denominator(r, 'growthRate'));
            }
            const report = await yearReportTable(db, { region, asOf: '2024-12-31', year: 2024, source: 'counters' }, 1);
            const total = report.rows.at(-1)!;
            const above = report.rows.slice(0, -1);
            expect(above.at(-1)![1]).toBe(ownRowName(region));
            // 城市社区数, 村数, 年末在册, each legal form, 本年新增, 本年注销.
            for (let col = 3; col <= 11; col++) {
              expect(sum(above.map((row) => Number(row[col]))), `${region.name} ${report.header[col]}`).toBe(total[col]);
            }
          }
        } finally {
          await db.deleteFrom('org_history').where('org_id', 'in', ids).execute();
          await db.deleteFrom('orgs').where('id', 'in', ids).execute();
        }
      }),
      { numRuns: 10, seed: Number(process.env.FC_SEED ?? 20261201) },
    );
  });
});
