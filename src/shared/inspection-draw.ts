/**
 * The verifiable draw of a random inspection (双随机一公开, 《社会组织抽查暂行办法》民发〔2017〕45号 art. 5): one
 * algorithm for the server that draws and for the browser page that recomputes it ("复核抽取结果"), on Web Crypto's
 * SHA-256 (Node 20 and every browser have `crypto.subtle`). Nothing here depends on the database: seed and list in,
 * sample out, so a test or a citizen gets the same sample from what the public route publishes.
 *
 * 1. seed = SHA-256 of canonicalPlanText (the plan, its publication day, the population sorted by key), published
 *    with the plan before the draw: nobody can choose the seed once the list is frozen.
 * 2. quota overall = ceil(ratio × N) (never below the ratio); per stratum (street × legal form) by largest remainder
 *    (Hamilton), integers only; ties go to the stratum that sorts first.
 * 3. within a stratum, organizations ranked by SHA-256(seed | key) ascending; the first `quota` are drawn.
 * 4. inspectors for an item ranked by SHA-256(seed | inspector | org key | user id) ascending.
 */
export interface DrawPlan {
  id: number;
  districtCode: string;
  year: number;
  kind: string;
  /** Hundredths of a percent: 300 = 3%. */
  ratioBp: number;
  includeFiled: boolean;
  publishedOn: string;
}

export interface DrawMember {
  /** The credit code, or `id:<org id>` without one. */
  key: string;
  /** `<street code>|<legal form>`. */
  stratum: string;
}

export const DRAW_VERSION = 'shezu-inspection-draw v1';

export const drawKeyOf = (org: { id: number; creditCode: string | null }) => org.creditCode ?? `id:${org.id}`;

/** The text the seed hashes: one field a line, then the population sorted by key, `key|stratum` a line. */
export function canonicalPlanText(plan: DrawPlan, population: readonly DrawMember[]): string {
  const members = [...population].sort((a, b) => compareText(a.key, b.key)).map((m) => `${m.key}|${m.stratum}`);
  return [
    DRAW_VERSION,
    `plan:${plan.id}`,
    `district:${plan.districtCode}`,
    `year:${plan.year}`,
    `kind:${plan.kind}`,
    `ratioBp:${plan.ratioBp}`,
    `includeFiled:${plan.includeFiled}`,
    `publishedOn:${plan.publishedOn}`,
    `population:${members.length}`,
    ...members,
  ].join('\n');
}

/** Code-unit order (not the locale's): the same in every runtime. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const planSeed = (plan: DrawPlan, population: readonly DrawMember[]) => sha256Hex(canonicalPlanText(plan, population));

/** How many to draw overall: ceil(ratio × N), so the sample is never below the ratio (0 of an empty population). */
export function totalQuota(ratioBp: number, n: number): number {
  return Math.ceil((ratioBp * n) / 10_000);
}

/** The quota of each stratum by largest remainder of total × n_i / N, in integers. */
export function apportion(total: number, sizes: ReadonlyMap<string, number>): Map<string, number> {
  const strata = [...sizes.keys()].sort(compareText);
  const n = strata.reduce((s, k) => s + sizes.get(k)!, 0);
  const out = new Map<string, number>();
  if (n === 0) return out;
  const rows = strata.map((k) => ({ k, floor: Math.floor((total * sizes.get(k)!) / n), rest: (total * sizes.get(k)!) % n }));
  let left = total - rows.reduce((s, r) => s + r.floor, 0);
  for (const r of rows) out.set(r.k, r.floor);
  // Stable: the larger remainder first, then the stratum that sorts first.
  for (const r of [...rows].sort((a, b) => b.rest - a.rest || compareText(a.k, b.k))) {
    if (left === 0) break;
    if (r.rest > 0) {
      out.set(r.k, r.floor + 1);
      left--;
    }
  }
  return out;
}

export interface DrawnMember extends DrawMember {
  rankHash: string;
}

export interface DrawResult {
  total: number;
  quotas: { stratum: string; size: number; quota: number }[];
  sample: DrawnMember[];
}

/** The sample from seed and list: deterministic, whatever order the list comes in. */
export async function drawSample(seed: string, ratioBp: number, population: readonly DrawMember[]): Promise<DrawResult> {
  const sizes = new Map<string, number>();
  for (const m of population) sizes.set(m.stratum, (sizes.get(m.stratum) ?? 0) + 1);
  const total = totalQuota(ratioBp, population.length);
  const quotas = apportion(total, sizes);
  const ranked = await Promise.all(population.map(async (m) => ({ ...m, rankHash: await sha256Hex(`${seed}|${m.key}`) })));
  const sample: DrawnMember[] = [];
  const strata = [...sizes.keys()].sort(compareText);
  for (const stratum of strata) {
    const members = ranked.filter((m) => m.stratum === stratum).sort((a, b) => compareText(a.rankHash, b.rankHash) || compareText(a.key, b.key));
    sample.push(...members.slice(0, quotas.get(stratum) ?? 0));
  }
  return { total, quotas: strata.map((stratum) => ({ stratum, size: sizes.get(stratum)!, quota: quotas.get(stratum) ?? 0 })), sample };
}

/** The pool in the order an item takes its inspectors from. */
export async function rankInspectors(seed: string, orgKey: string, userIds: readonly number[]): Promise<number[]> {
  const ranked = await Promise.all(userIds.map(async (id) => ({ id, h: await sha256Hex(`${seed}|inspector|${orgKey}|${id}`) })));
  return ranked.sort((a, b) => compareText(a.h, b.h) || a.id - b.id).map((r) => r.id);
}
