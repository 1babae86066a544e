import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB, NewOrg, OrgRow } from '../../db/types.js';
import type { LevelColumn, RegionScope } from '../../lib/access.js';
import type { LegalForm, OrgStatus } from '../../../shared/enums.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findOrgById(db: Db, id: number) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrgsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as OrgRow[]);
  return db.selectFrom('orgs').selectAll().where('id', 'in', ids).execute();
}

export function findOrgByCreditCode(db: Db, code: string) {
  return db.selectFrom('orgs').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

export function findOrgByNameInRegion(db: Db, name: string, regionId: number) {
  return db.selectFrom('orgs').selectAll().where('name', '=', name).where('region_id', '=', regionId).executeTakeFirst();
}

/** Organizations of one category in one community (level-5 node), for the same-kind warning. */
export function findOrgsOfCategoryIn(db: Db, level5Id: number, category: string, exceptId?: number) {
  let q = db
    .selectFrom('orgs')
    .select(['id', 'name', 'purpose'])
    .where('level5_id', '=', level5Id)
    .where('category', '=', category)
    .where('status', 'not in', ['deregistered', 'dissolved', 'revoked']);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.limit(200).execute();
}

export async function insertOrg(db: Db, row: NewOrg): Promise<number> {
  const { id } = await db.insertInto('orgs').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates when the version still matches; returns false when someone else saved first. */
export async function updateOrg(db: Db, id: number, version: number, patch: Partial<NewOrg>): Promise<boolean> {
  const res = await db
    .updateTable('orgs')
    .set({ ...patch, version: version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertHistory(
  db: Db,
  h: { orgId: number; version: number; actorId: number | null; actorName: string | null; action: string; reason: string | null; changes: unknown },
) {
  await db
    .insertInto('org_history')
    .values({
      org_id: h.orgId,
      version: h.version,
      at: new Date(),
      actor_id: h.actorId,
      actor_name: h.actorName,
      action: h.action,
      reason: h.reason,
      changes: JSON.stringify(h.changes),
    })
    .execute();
}

export function findHistory(db: Db, orgId: number) {
  return db.selectFrom('org_history').selectAll().where('org_id', '=', orgId).orderBy('version', 'desc').orderBy('id', 'desc').execute();
}

export async function findCategorySetting(db: Db, districtId: number) {
  const row = await db
    .selectFrom('district_settings')
    .select('value')
    .where('region_id', '=', districtId)
    .where('key', '=', 'org.categories')
    .executeTakeFirst();
  return row ? (row.value as string[]) : null;
}

export type OrgSearch =
  | { kind: 'text'; text: string; grams: string[] }
  | { kind: 'latin'; text: string; grams: string[] }
  | { kind: 'credit'; text: string };

export interface OrgListFilter {
  scope: RegionScope | null;
  within?: RegionScope;
  search?: OrgSearch;
  form?: LegalForm;
  category?: string;
  status?: OrgStatus;
  flag?: 'isDemoSite' | 'isBrand' | 'isIncubating';
  hubOrgId?: number;
  /** A hub manager's view: the hub and its members only (-1 when the account has no hub yet). */
  hubScope?: number;
}

const FLAG_COLUMNS = { isDemoSite: 'is_demo_site', isBrand: 'is_brand', isIncubating: 'is_incubating' } as const;

/** Every filter of the registry list; `omit` leaves one dimension out (facet counts). */
export function filteredOrgs(db: Db, f: OrgListFilter, omit?: 'form' | 'category' | 'status') {
  let q = db.selectFrom('orgs');
  if (f.scope) q = q.where(f.scope.column, '=', f.scope.id);
  if (f.within) q = q.where(f.within.column, '=', f.within.id);
  if (f.form && omit !== 'form') q = q.where('legal_form', '=', f.form);
  if (f.category && omit !== 'category') q = q.where('category', '=', f.category);
  if (f.status && omit !== 'status') q = q.where('status', '=', f.status);
  if (f.flag) q = q.where(FLAG_COLUMNS[f.flag], '=', true);
  if (f.hubOrgId) q = q.where('hub_org_id', '=', f.hubOrgId);
  if (f.hubScope !== undefined) {
    const hub = f.hubScope;
    q = q.where((eb) => eb.or([eb('hub_org_id', '=', hub), eb('id', '=', hub)]));
  }
  if (f.search) q = applySearch(q, f.search);
  return q;
}

function applySearch<O>(q: SelectQueryBuilder<DB, 'orgs', O>, s: OrgSearch) {
  const like = `%${s.text}%`;
  if (s.kind === 'credit') return q.where('credit_code', 'like', `${s.text.toUpperCase()}%`);
  if (s.grams.length > 0) q = q.where(sql<boolean>`search_grams @> ${sql.val(s.grams)}::text[]`);
  if (s.kind === 'latin') {
    // Two letters are too short for a trigram: match them at the start of the pinyin or the initials.
    if (s.text.length < 3) return q.where((eb) => eb.or([eb('pinyin', 'like', `${s.text}%`), eb('initials', 'like', `${s.text}%`)]));
    return q.where((eb) => eb.or([eb('pinyin', 'like', like), eb('initials', 'like', like)]));
  }
  return q.where((eb) => eb.or([eb('name', 'like', like), eb(sql`array_to_string(former_names, ' ')`, 'like', like)]));
}

export const ORG_SORT_COLUMNS = {
  name: 'pinyin',
  foundedOn: 'founded_on',
  updatedAt: 'updated_at',
  members: 'individual_members',
} as const;

/** Totals above this are reported as "10,000+": counting every match of a common word costs more than it tells. */
export const COUNT_CAP = 10_000;

export async function listOrgs(
  db: Kysely<DB>,
  f: OrgListFilter,
  sort: { column: (typeof ORG_SORT_COLUMNS)[keyof typeof ORG_SORT_COLUMNS]; direction: 'asc' | 'desc' },
  offset: number,
  limit: number,
) {
  const counted = await db
    .selectFrom(filteredOrgs(db, f).select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  const page = (q: Db) =>
    filteredOrgs(q, f)
      .selectAll()
      .orderBy(sql`${sql.ref(sort.column)} ${sql.raw(sort.direction)}${sql.raw(sort.column === 'pinyin' ? '' : ' nulls last')}`)
      .orderBy('id', sort.direction)
      .offset(offset)
      .limit(limit)
      .execute();
  // A word so common that more than COUNT_CAP organizations match (1% of a million): PostgreSQL cannot estimate
  // n-gram containment (it guesses a few hundred rows), so it would fetch every match to sort them. Matches are
  // dense here, so walking the pinyin index in order reaches a page after a few thousand entries.
  const items =
    f.search && n > COUNT_CAP && sort.column === 'pinyin'
      ? await db.transaction().execute(async (trx) => {
          await sql`set local enable_bitmapscan = off`.execute(trx);
          await sql`set local enable_seqscan = off`.execute(trx);
          return page(trx);
        })
      : await page(db);
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export async function countBy(db: Db, f: OrgListFilter, dimension: 'form' | 'category' | 'status') {
  const column = dimension === 'form' ? 'legal_form' : dimension;
  const rows = await filteredOrgs(db, f, dimension)
    .select([sql<string>`${sql.ref(column)}`.as('value'), (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(column)
    .orderBy('count', 'desc')
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
}

/** Walks a filtered list in id order, a page at a time: an export never holds it all in memory. */
export async function* iterateOrgs(db: Db, f: OrgListFilter, pageSize = 2000) {
  let afterId = 0;
  for (;;) {
    const rows = await filteredOrgs(db, f).selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows;
    afterId = Number(rows[rows.length - 1].id);
    if (rows.length < pageSize) return;
  }
}

/** Region names for a set of ids (to show where organizations lie). */
export async function findRegionNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { code: string; name: string; level: number }>();
  const rows = await db.selectFrom('regions').select(['id', 'code', 'name', 'level']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, name: r.name, level: r.level }]));
}

export const levelColumn = (level: number) => `level${level}_id` as LevelColumn;
