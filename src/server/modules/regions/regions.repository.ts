import { sql } from 'kysely';
import type { RegionRow, Db } from '../../db/types.js';
import type { LevelColumn, RegionScope } from '../../lib/access.js';
import { escapeLike } from '../../lib/search-text.js';


export const levelColumn = (level: number) => `level${level}_id` as LevelColumn;

export function findRegionByCode(db: Db, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findRegionById(db: Db, id: number) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The code of a node (where an organization or an application lies). */
export async function regionCodeOf(db: Db, regionId: number | string): Promise<string> {
  return (await db.selectFrom('regions').select('code').where('id', '=', Number(regionId)).executeTakeFirstOrThrow()).code;
}

/** Codes, names and levels of a set of nodes, by id (to show where records lie). */
export async function findRegionNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { code: string; name: string; level: number }>();
  const rows = await db.selectFrom('regions').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, name: r.name, level: r.level }]));
}

export function findRegionsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as RegionRow[]);
  return db.selectFrom('regions').selectAll().where('id', 'in', ids).execute();
}

export function findChildren(db: Db, parentId: number) {
  return db.selectFrom('regions').selectAll().where('parent_id', '=', parentId).orderBy('code').execute();
}

/** The top nodes of a view: the scope's own node, or every root when unrestricted. */
export function findRoots(db: Db, scope: RegionScope | null) {
  let q = db.selectFrom('regions').selectAll();
  q = scope ? q.where('id', '=', scope.id) : q.where('parent_id', 'is', null);
  return q.orderBy('code').execute();
}

/** Per node: how many children it has, and the sum of the populations entered anywhere below it. */
export async function findChildStats(db: Db, nodes: Pick<RegionRow, 'id' | 'level'>[]) {
  const stats = new Map<number, { childCount: number; populationBelow: number }>();
  for (const n of nodes) stats.set(n.id, { childCount: 0, populationBelow: 0 });
  if (nodes.length === 0) return stats;
  const ids = nodes.map((n) => n.id);
  const counts = await db
    .selectFrom('regions')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', ids)
    .groupBy('parent_id')
    .execute();
  for (const c of counts) stats.get(c.parent_id!)!.childCount = Number(c.n);
  // Sums grouped by the level column of each node's level: one indexed query per distinct level.
  for (const level of new Set(nodes.map((n) => n.level))) {
    const col = levelColumn(level);
    const levelIds = nodes.filter((n) => n.level === level).map((n) => n.id);
    const sums = await db
      .selectFrom('regions')
      .select([sql<number>`${sql.ref(col)}`.as('node_id'), sql<number>`coalesce(sum(population), 0)`.as('total')])
      .where(col, 'in', levelIds)
      .where('level', '>', level)
      .where('population', 'is not', null)
      .groupBy(col)
      .execute();
    for (const s of sums) stats.get(Number(s.node_id))!.populationBelow = Number(s.total);
  }
  return stats;
}

export interface RegionSearch {
  kind: 'code' | 'latin' | 'text';
  /**
   * The query as the box holds it, not yet escaped for LIKE: first its simplified form, then (when it differs) the
   * form as typed. A name matches when it holds either, so 倉口 finds 仓口社区 and a grid someone named in traditional
   * characters is still found by what they typed (names are stored as written, lib/search-text.ts).
   */
  forms: { text: string; bigrams: string[] }[];
  limit: number;
}

export function searchRegions(db: Db, scope: RegionScope | null, s: RegionSearch, level?: number) {
  let q = db.selectFrom('regions').selectAll();
  if (scope) q = q.where(scope.column, '=', scope.id);
  if (level) q = q.where('level', '=', level);
  // Codes and latin letters have one form (simplifying leaves them as they are).
  const like = `${escapeLike(s.forms[0].text)}%`;
  if (s.kind === 'code') {
    q = q.where('code', 'like', like);
  } else if (s.kind === 'latin') {
    q = q.where((eb) => eb.or([eb('pinyin', 'like', like), eb('initials', 'like', like)]));
  } else {
    q = q.where((eb) =>
      eb.or(
        s.forms.map((f) => {
          const nameLike = eb('name', 'like', `%${escapeLike(f.text)}%`);
          // The bigram index narrows first; one character has no pair to look up.
          return f.bigrams.length > 1 || Array.from(f.text).length > 1
            ? eb.and([sql<boolean>`name_bigrams @> ${sql.val(f.bigrams)}::text[]`, nameLike])
            : nameLike;
        }),
      ),
    );
  }
  return q
    .orderBy(sql`(name in (${sql.join(s.forms.map((f) => f.text))}))`, 'desc')
    .orderBy('level')
    .orderBy('code')
    .limit(s.limit)
    .execute();
}

export async function updatePopulation(db: Db, id: number, population: number | null, now: Date) {
  await db
    .updateTable('regions')
    .set({ population, population_updated_at: population === null ? null : now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function maxChildCode(db: Db, parentId: number) {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.max('code').as('code'))
    .where('parent_id', '=', parentId)
    .executeTakeFirst();
  return row?.code ?? null;
}

export async function insertRegion(db: Db, row: Omit<RegionRow, 'id' | 'created_at' | 'updated_at' | 'kind_manual'>) {
  const { id } = await db
    .insertInto('regions')
    .values({ ...row, created_at: new Date(), updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setOwnLevelId(db: Db, id: number, level: number) {
  await db
    .updateTable('regions')
    .set({ [levelColumn(level)]: id })
    .where('id', '=', id)
    .execute();
}

/**
 * Nodes at or below the district inside the scope whose name starts with one of `prefixes`: the candidates a
 * written name may mean (regions.names.ts decides which). Bounded: a name that starts hundreds of nodes is no name.
 */
export function findRegionsByNamePrefixes(db: Db, scope: RegionScope | null, prefixes: string[], limit = 500) {
  if (prefixes.length === 0) return Promise.resolve([] as RegionRow[]);
  let q = db.selectFrom('regions').selectAll().where('level', '>=', 3);
  if (scope) q = q.where(scope.column, '=', scope.id);
  const escaped = prefixes.map((p) => `${escapeLike(p)}%`);
  return q
    .where((eb) => eb.or(escaped.map((p) => eb('name', 'like', p))))
    .orderBy('code')
    .limit(limit)
    .execute();
}
