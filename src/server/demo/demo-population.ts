import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DEMO_REGIONS } from './demo-accounts.js';

/** Bengbu's four urban districts (龙子湖、蚌山、禹会、淮上) and their population in seed 000: about 1.06 million. */
const BENGBU_URBAN = ['340302', '340303', '340304', '340311'];
const BENGBU_URBAN_TOTAL = 1_060_000;
const RANGES = { community: [3000, 12000], village: [1000, 4000] } as const;

/** A deterministic value in [0, 1) from a code, so a node gets the same figure on every machine. */
function unit(code: string): number {
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  return (h ^ (h >>> 13)) / 4294967296;
}

const clamp = (x: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, x));

/**
 * Plausible resident populations (常住人口) for the demo's communities and villages, marked as demo figures:
 * 3,000–12,000 per urban community, 1,000–4,000 per village, Bengbu's urban districts scaled to sum near 1.06 million.
 * Nodes that already have a population keep it.
 */
export async function seedDemoPopulation(db: Kysely<DB>): Promise<{ nodes: number; bengbuUrban: number }> {
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'code', 'kind', 'population'])
    .where('level', '=', 5)
    .where((eb) => eb.or(DEMO_REGIONS.map((code) => eb('code', 'like', `${code}%`))))
    .orderBy('code')
    .execute();
  const value = new Map<string, number>();
  for (const r of rows) {
    const range = r.kind === 'village' ? RANGES.village : RANGES.community;
    // Skewed toward the lower half, as most communities are: u² spreads a few large ones.
    value.set(r.code, range[0] + (range[1] - range[0]) * unit(r.code) ** 2);
  }
  const urban = rows.filter((r) => BENGBU_URBAN.some((d) => r.code.startsWith(d)));
  for (let round = 0; round < 8; round++) {
    const total = urban.reduce((s, r) => s + value.get(r.code)!, 0);
    const factor = BENGBU_URBAN_TOTAL / total;
    if (Math.abs(factor - 1) < 0.001) break;
    for (const r of urban) value.set(r.code, clamp(value.get(r.code)! * factor, r.kind === 'village' ? RANGES.village : RANGES.community));
  }
  const todo = rows.filter((r) => r.population === null);
  if (todo.length > 0) {
    const ids = todo.map((r) => Number(r.id));
    const pops = todo.map((r) => Math.round(value.get(r.code)! / 10) * 10);
    await sql`
      UPDATE regions SET population = v.population, population_is_demo = true, population_updated_at = now(), updated_at = now()
      FROM unnest(${sql.val(ids)}::bigint[], ${sql.val(pops)}::int[]) AS v(id, population)
      WHERE regions.id = v.id`.execute(db);
  }
  const sum = await db
    .selectFrom('regions')
    .select(sql<number>`coalesce(sum(population), 0)`.as('n'))
    .where('level', '=', 5)
    .where((eb) => eb.or(BENGBU_URBAN.map((code) => eb('code', 'like', `${code}%`))))
    .executeTakeFirstOrThrow();
  return { nodes: todo.length, bengbuUrban: Number(sum.n) };
}
