import { sql, type Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import '../../db/types-stats.js';
import type { LevelColumn } from '../../lib/access.js';
import { placesOf, type TreeNode } from './stats.policy.js';


export const levelColumn = (level: number) => `level${level}_id` as LevelColumn;

/** Statuses of organizations not (yet) in the register, whatever their dates say. */
const PENDING = sql`('preparing', 'filing', 'registering')`;

export interface SubtreeNode {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  level: number;
  kind: string;
  population: number | null;
  population_is_demo: boolean;
  level3_id: number | null;
}

/** Every node of a subtree (the node included), for populations summed upward and communities counted by kind. */
export async function findSubtreeNodes(db: Db, node: { id: number; level: number }): Promise<SubtreeNode[]> {
  const col = sql.ref(levelColumn(node.level));
  const { rows } = await sql<SubtreeNode>`
    SELECT id, parent_id, code, name, level, kind, population, population_is_demo, level3_id
    FROM regions WHERE ${col} = ${node.id}`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id), level3_id: r.level3_id === null ? null : Number(r.level3_id) }));
}

/** Counts per node and per township-level / community-level kind: in the register, entered this year, base. */
export interface FigureRow {
  node: number | null;
  tk: string;
  vk: string;
  in_register: number;
  added: number;
  base: number;
}

const toFigures = (rows: FigureRow[]) =>
  rows.map((r) => ({ ...r, node: r.node === null ? null : Number(r.node), in_register: Number(r.in_register ?? 0), added: Number(r.added ?? 0), base: Number(r.base ?? 0) }));

/**
 * From the per-year counters: exact for the end of `year`, and for today when `year` is the current one. In the
 * register at the end of Y = the all-years total (year 0) less the net of the years after Y, so only the total
 * and the years from Y on are read (two rows per node and kinds for this year's board).
 */
export async function counterFigures(db: Db, ids: number[], year: number): Promise<FigureRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<FigureRow>`
    SELECT region_id AS node, township_kind AS tk, village_kind AS vk,
      sum(net) FILTER (WHERE year = 0 OR year > ${year}) AS in_register,
      sum(entered) FILTER (WHERE year = ${year}) AS added,
      sum(net) AS base
    FROM (
      SELECT region_id, year, township_kind, village_kind, entered, entered - exited AS net
      FROM stats_years WHERE region_id = ANY(${sql.val(ids)}::bigint[]) AND year = 0
      UNION ALL
      SELECT region_id, year, township_kind, village_kind, entered, exited - entered AS net
      FROM stats_years WHERE region_id = ANY(${sql.val(ids)}::bigint[]) AND year >= ${year}
    ) AS y
    GROUP BY 1, 2, 3`.execute(db);
  return toFigures(rows);
}

/** A node of the board with its places figures (population summed upward, communities by kind). */
export interface BoardNode extends Omit<SubtreeNode, 'population_is_demo'> {
  partial: boolean;
  isDemo: boolean;
  urbanCommunities: number;
  ruralCommunities: number;
  childCount: number;
}

/**
 * The node, its children and, for a province, its districts (grandchildren), with the places figures the
 * triggers of migration 0008 keep per node: a few hundred rows at most, whatever the size of the subtree.
 */
export async function findBoardNodes(db: Db, node: { id: number; level: number }): Promise<BoardNode[]> {
  const { rows } = await sql<{
    id: string | number; parent_id: string | number | null; code: string; name: string; level: number; kind: string; level3_id: string | number | null;
    population: string | number | null; population_partial: boolean | null; population_is_demo: boolean | null;
    urban_communities: number | null; rural_communities: number | null; child_count: number | null;
  }>`
    WITH ids AS (
      SELECT ${node.id}::bigint AS id
      UNION ALL SELECT c.id FROM regions c WHERE c.parent_id = ${node.id}
      UNION ALL SELECT g.id FROM regions c JOIN regions g ON g.parent_id = c.id WHERE c.parent_id = ${node.id} AND ${node.level === 1}
    )
    SELECT r.id, r.parent_id, r.code, r.name, r.level, r.kind, r.level3_id,
           p.population, p.population_partial, p.population_is_demo, p.urban_communities, p.rural_communities, p.child_count
    FROM ids JOIN regions r ON r.id = ids.id
    LEFT JOIN stats_places p ON p.region_id = r.id`.execute(db);
  const num = (x: string | number | null) => (x === null ? null : Number(x));
  return rows.map((r) => ({
    id: Number(r.id),
    parent_id: num(r.parent_id),
    code: r.code,
    name: r.name,
    level: r.level,
    kind: r.kind,
    level3_id: num(r.level3_id),
    population: num(r.population),
    partial: r.population_partial ?? false,
    isDemo: r.population_is_demo ?? false,
    urbanCommunities: r.urban_communities ?? 0,
    ruralCommunities: r.rural_communities ?? 0,
    childCount: r.child_count ?? 0,
  }));
}

export async function countChildren(db: Db, id: number): Promise<number> {
  const row = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The same figures counted from the registry itself (GROUP BY over the organizations of the subtree), for any date.
 * Grouped by `groupLevel`'s column: node = the ancestor at that level (null for organizations placed above it).
 */
export async function registryFigures(db: Db, scope: { level: number; id: number }, groupLevel: number, date: string): Promise<FigureRow[]> {
  const year = Number(date.slice(0, 4));
  const prevEnd = `${year - 1}-12-31`;
  const { rows } = await sql<FigureRow>`
    SELECT o.${sql.ref(levelColumn(groupLevel))} AS node, coalesce(t.kind, '') AS tk, coalesce(v.kind, '') AS vk,
      count(*) FILTER (WHERE o.recorded_on <= ${date}::date AND (o.closed_on IS NULL OR o.closed_on > ${date}::date)) AS in_register,
      count(*) FILTER (WHERE o.recorded_on BETWEEN ${`${year}-01-01`}::date AND ${date}::date) AS added,
      count(*) FILTER (WHERE o.recorded_on <= ${prevEnd}::date AND (o.closed_on IS NULL OR o.closed_on > ${prevEnd}::date)) AS base
    FROM orgs o
    LEFT JOIN regions t ON t.id = o.level4_id
    LEFT JOIN regions v ON v.id = o.level5_id
    WHERE o.${sql.ref(levelColumn(scope.level))} = ${scope.id} AND o.legal_form <> 'grassroots' AND o.status NOT IN ${PENDING}
    GROUP BY 1, 2, 3`.execute(db);
  return toFigures(rows);
}

/** Rows for the yearly series and the composition of one node: r_ok/c_ok = entered / left by the date. */
export interface BreakdownRow {
  legal_form: string;
  category: string;
  recorded_year: number;
  closed_year: number;
  r_ok: boolean;
  c_ok: boolean;
  n: number;
}

export async function counterBreakdown(db: Db, nodeId: number, year: number): Promise<BreakdownRow[]> {
  const { rows } = await sql<BreakdownRow>`
    SELECT legal_form, category, recorded_year, closed_year,
      bool_and(recorded_year BETWEEN 1 AND ${year}) AS r_ok, bool_and(closed_year BETWEEN 1 AND ${year}) AS c_ok, sum(n) AS n
    FROM stats_counters
    WHERE region_id = ${nodeId} AND legal_form <> 'grassroots' AND status NOT IN ${PENDING} AND recorded_year > 0
    GROUP BY 1, 2, 3, 4
    HAVING sum(n) <> 0`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export async function registryBreakdown(db: Db, scope: { level: number; id: number }, date: string): Promise<BreakdownRow[]> {
  const { rows } = await sql<BreakdownRow>`
    SELECT legal_form, category,
      extract(year FROM recorded_on)::int AS recorded_year, coalesce(extract(year FROM closed_on), 0)::int AS closed_year,
      recorded_on <= ${date}::date AS r_ok, coalesce(closed_on <= ${date}::date, false) AS c_ok, count(*) AS n
    FROM orgs
    WHERE ${sql.ref(levelColumn(scope.level))} = ${scope.id} AND legal_form <> 'grassroots' AND status NOT IN ${PENDING}
      AND recorded_on IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The stored 'targets' setting of each district that has one. */
export async function findDistrictSettings(db: Db, districtIds: number[], key: string): Promise<Map<number, unknown>> {
  if (districtIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('district_settings')
    .select(['region_id', 'value'])
    .where('key', '=', key)
    .where('region_id', 'in', districtIds)
    .execute();
  return new Map(rows.map((r) => [Number(r.region_id), r.value]));
}

export interface OrgsBehindFilter {
  scope: { level: number; id: number };
  date: string;
  kind: 'register' | 'urban' | 'rural' | 'added';
  category?: string;
}

function orgsBehind(db: Db, f: OrgsBehindFilter) {
  const year = f.date.slice(0, 4);
  let q = db
    .selectFrom('orgs as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .where(sql.ref(`o.${levelColumn(f.scope.level)}`), '=', f.scope.id)
    .where('o.legal_form', '<>', 'grassroots')
    .where(sql<boolean>`o.status NOT IN ${PENDING}`);
  if (f.kind === 'added') {
    q = q.where(sql<boolean>`o.recorded_on BETWEEN ${`${year}-01-01`}::date AND ${f.date}::date`);
  } else {
    q = q.where(sql<boolean>`o.recorded_on <= ${f.date}::date AND (o.closed_on IS NULL OR o.closed_on > ${f.date}::date)`);
  }
  if (f.kind === 'urban' || f.kind === 'rural') {
    q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM regions v WHERE v.id = o.level5_id AND v.kind = ${f.kind === 'urban' ? 'community' : 'village'})`);
  }
  if (f.category) q = q.where('o.category', '=', f.category);
  return q;
}

export async function listOrgsBehind(db: Db, f: OrgsBehindFilter, offset: number, limit: number) {
  const [items, total] = await Promise.all([
    orgsBehind(db, f)
      .select(['o.id', 'o.name', 'o.legal_form', 'o.category', 'o.status', 'o.recorded_on', 'o.closed_on', 'r.id as region_id', 'r.code as region_code', 'r.name as region_name', 'r.level as region_level'])
      .orderBy('r.code')
      .orderBy('o.pinyin')
      .orderBy('o.id')
      .offset(offset)
      .limit(limit)
      .execute(),
    orgsBehind(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The counters as they would be if rebuilt from the registry now: the definition the triggers must agree with. */
const RECOMPUTED = sql`
  SELECT l.region_id, o.legal_form, o.category, o.status, coalesce(t.kind, '') AS township_kind, coalesce(v.kind, '') AS village_kind,
         coalesce(extract(year FROM o.recorded_on), 0)::smallint AS recorded_year,
         coalesce(extract(year FROM o.closed_on), 0)::smallint AS closed_year, count(*)::integer AS n
  FROM orgs o
  LEFT JOIN regions t ON t.id = o.level4_id
  LEFT JOIN regions v ON v.id = o.level5_id
  CROSS JOIN LATERAL (VALUES (o.level1_id), (o.level2_id), (o.level3_id), (o.level4_id), (o.level5_id), (o.level6_id)) AS l(region_id)
  WHERE l.region_id IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`;

const KEY = sql`region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year`;

/** Rows where the stored counters and a recount differ (zero rows left behind by decrements count as absent). */
export async function diffCounters(db: Db, limit = 20) {
  const { rows } = await sql<{ region_id: number; legal_form: string; category: string; status: string; recorded_year: number; closed_year: number; stored: number | null; recounted: number | null }>`
    SELECT ${KEY}, s.n AS stored, r.n AS recounted
    FROM (SELECT * FROM stats_counters WHERE n <> 0) s
    FULL OUTER JOIN (${RECOMPUTED}) r USING (region_id, legal_form, category, status, township_kind, village_kind, recorded_year, closed_year)
    WHERE s.n IS DISTINCT FROM r.n
    ORDER BY ${KEY}
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** Rebuilds every counter from the registry; returns the number of counter rows. */
export async function rebuildCounters(trx: Transaction<DB>): Promise<number> {
  // Writers wait while the table is rebuilt, so none of their changes falls between the delete and the recount.
  await sql`LOCK TABLE orgs IN SHARE MODE`.execute(trx);
  await sql`DELETE FROM stats_counters`.execute(trx);
  const res = await sql`INSERT INTO stats_counters (${KEY}, n) ${RECOMPUTED}`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

/** The per-year counters as they would be if rebuilt from the registry now (migration 0008's definition). */
const RECOMPUTED_YEARS = sql`
  SELECT l.region_id, e.year::smallint AS year, x.tk AS township_kind, x.vk AS village_kind,
         sum(e.entered)::integer AS entered, sum(e.exited)::integer AS exited
  FROM (
    SELECT y.*, CASE WHEN y.cy IS NOT NULL THEN greatest(y.cy, y.ry) END AS ey
    FROM (
      SELECT ARRAY[o.level1_id, o.level2_id, o.level3_id, o.level4_id, o.level5_id, o.level6_id] AS level_ids,
             coalesce(t.kind, '') AS tk, coalesce(v.kind, '') AS vk,
             extract(year FROM o.recorded_on)::smallint AS ry, extract(year FROM o.closed_on)::smallint AS cy
      FROM orgs o
      LEFT JOIN regions t ON t.id = o.level4_id
      LEFT JOIN regions v ON v.id = o.level5_id
      WHERE o.legal_form <> 'grassroots' AND o.status NOT IN ${PENDING} AND o.recorded_on IS NOT NULL
    ) AS y
  ) AS x
  CROSS JOIN LATERAL (VALUES (x.ry, 1, 0), (x.ey, 0, 1), (0::smallint, 1, CASE WHEN x.ey IS NOT NULL THEN 1 ELSE 0 END)) AS e(year, entered, exited)
  CROSS JOIN LATERAL unnest(x.level_ids) AS l(region_id)
  WHERE l.region_id IS NOT NULL AND e.year IS NOT NULL
  GROUP BY 1, 2, 3, 4`;

/** Per-year counter rows where the stored figures and a recount differ (rows left at zero count as absent). */
export async function diffYears(db: Db, limit = 20) {
  const { rows } = await sql<{ region_id: number; township_kind: string; village_kind: string; year: number; stored: string | null; recounted: string | null }>`
    SELECT region_id, year, township_kind, village_kind, s.entered || '/' || s.exited AS stored, r.entered || '/' || r.exited AS recounted
    FROM (SELECT * FROM stats_years WHERE entered <> 0 OR exited <> 0) s
    FULL OUTER JOIN (${RECOMPUTED_YEARS}) r USING (region_id, year, township_kind, village_kind)
    WHERE (s.entered, s.exited) IS DISTINCT FROM (r.entered, r.exited)
    ORDER BY region_id, year, township_kind, village_kind
    LIMIT ${limit}`.execute(db);
  return rows;
}

export async function rebuildYears(trx: Transaction<DB>): Promise<number> {
  await sql`LOCK TABLE orgs IN SHARE MODE`.execute(trx);
  await sql`DELETE FROM stats_years`.execute(trx);
  const res = await sql`INSERT INTO stats_years (region_id, year, township_kind, village_kind, entered, exited) ${RECOMPUTED_YEARS}`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Nodes whose stored places figures differ from placesOf (stats.policy, the definition) over the whole tree,
 * or that have no stored row, or a stored row without a node.
 */
export async function diffPlaces(db: Db, limit = 20) {
  const { rows: nodes } = await sql<TreeNode & { id: string | number; parent_id: string | number | null }>`
    SELECT id, parent_id, level, kind, population, population_is_demo FROM regions`.execute(db);
  const tree = nodes.map((n) => ({ ...n, id: Number(n.id), parent_id: n.parent_id === null ? null : Number(n.parent_id) }));
  const expected = placesOf(tree);
  const parentOf = new Map(tree.map((n) => [n.id, n.parent_id]));
  const childCount = new Map<number, number>();
  for (const n of tree) if (n.parent_id !== null) childCount.set(n.parent_id, (childCount.get(n.parent_id) ?? 0) + 1);
  const { rows: stored } = await sql<{ region_id: string | number; parent_id: string | number | null; population: string | number | null; population_partial: boolean; population_is_demo: boolean; urban_communities: number; rural_communities: number; child_count: number }>`
    SELECT region_id, parent_id, population, population_partial, population_is_demo, urban_communities, rural_communities, child_count FROM stats_places`.execute(db);
  const out: { region_id: number; stored: string | null; recounted: string | null }[] = [];
  const show = (x: { parent: number | null; population: number | null; partial: boolean; isDemo: boolean; urban: number; rural: number; children: number }) => JSON.stringify(x);
  const seen = new Set<number>();
  for (const s of stored) {
    const id = Number(s.region_id);
    seen.add(id);
    const e = expected.get(id);
    const have = show({ parent: s.parent_id === null ? null : Number(s.parent_id), population: s.population === null ? null : Number(s.population), partial: s.population_partial, isDemo: s.population_is_demo, urban: s.urban_communities, rural: s.rural_communities, children: s.child_count });
    const want = e ? show({ parent: parentOf.get(id) ?? null, population: e.population, partial: e.partial, isDemo: e.isDemo, urban: e.urbanCommunities, rural: e.ruralCommunities, children: childCount.get(id) ?? 0 }) : null;
    if (have !== want) out.push({ region_id: id, stored: have, recounted: want });
  }
  for (const n of tree) if (!seen.has(n.id)) out.push({ region_id: n.id, stored: null, recounted: 'missing' });
  return out.sort((a, b) => a.region_id - b.region_id).slice(0, limit);
}

/** Rebuilds every node's places figures from the region tree; returns the number of nodes. */
export async function rebuildPlaces(trx: Transaction<DB>): Promise<number> {
  await sql`LOCK TABLE regions IN SHARE MODE`.execute(trx);
  await sql`DELETE FROM stats_places`.execute(trx);
  await sql`SELECT stats_places_refresh(ARRAY(SELECT id FROM regions))`.execute(trx);
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM stats_places`.execute(trx);
  return Number(rows[0].n);
}

/** Per node and legal form: in the register at the end of `year` (or today), entered and left during it. */
export async function counterFormRows(db: Db, ids: number[], year: number) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ node: number; legal_form: string; in_register: number; added: number; closed: number }>`
    SELECT region_id AS node, legal_form,
      coalesce(sum(n) FILTER (WHERE recorded_year BETWEEN 1 AND ${year} AND (closed_year = 0 OR closed_year > ${year})), 0) AS in_register,
      coalesce(sum(n) FILTER (WHERE recorded_year = ${year}), 0) AS added,
      coalesce(sum(n) FILTER (WHERE closed_year = ${year} AND recorded_year > 0), 0) AS closed
    FROM stats_counters
    WHERE region_id = ANY(${sql.val(ids)}::bigint[]) AND legal_form <> 'grassroots' AND status NOT IN ${PENDING}
    GROUP BY 1, 2`.execute(db);
  return rows.map((r) => ({ node: Number(r.node), legal_form: r.legal_form, in_register: Number(r.in_register), added: Number(r.added), closed: Number(r.closed) }));
}

export async function findRegionKind(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db.selectFrom('regions').select('kind').where('id', '=', id).executeTakeFirst();
  return row?.kind ?? null;
}
