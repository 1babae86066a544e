import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB, NewOrg, OrgRow, Db } from '../../db/types.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { listScopeCondition } from '../../db/scope.js';
import type { LegalForm, OrgStatus } from '../../../shared/enums.js';
import { gramStats, matchBound } from './orgs.search-stats.js';
import { insertJsonRows } from '../../db/bulk-insert.js';
import { sealJson } from '../../lib/personal-data.js';


export function findOrgById(db: Db, id: number) {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Organizations by id, in the order of the ids given (a page cut elsewhere keeps its order). */
export async function findOrgsByIds(db: Db, ids: number[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('orgs').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((o) => [Number(o.id), o]));
  return ids.map((id) => byId.get(id)!);
}

/** Names of organizations, by id (to show which organization a record is about). */
export async function findOrgNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((o) => [Number(o.id), o.name]));
}

export function findOrgByCreditCode(db: Db, code: string) {
  return db.selectFrom('orgs').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

/** Organizations holding any of these credit codes (one query for an import batch). */
export function findOrgsByCreditCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([] as OrgRow[]);
  return db.selectFrom('orgs').selectAll().where(sql<boolean>`credit_code = any(${sql.val(codes)}::text[])`).execute();
}

/**
 * Organizations by (name, node) pairs, the re-import key of a record without a credit code. Looked up by name
 * (index orgs_name_region_idx leads with it), the pairs kept here: matched as pairs in SQL, PostgreSQL preferred
 * the node's index when most rows of a file lie in one community, reading every organization there for each batch.
 */
export async function findOrgsByNamesInRegions(db: Db, pairs: { name: string; regionId: number }[]): Promise<OrgRow[]> {
  if (pairs.length === 0) return [];
  const wanted = new Set(pairs.map((p) => `${p.name}|${p.regionId}`));
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where(sql<boolean>`name = any(${sql.val([...new Set(pairs.map((p) => p.name))])}::text[])`)
    .execute();
  return rows.filter((o) => wanted.has(`${o.name}|${o.region_id}`));
}

/** Organizations of one category in one community (level-5 node), for the same-kind warning. */
/** The organizations in a community that may be of the same kind: same legal form (when known), not closed. */
export function findSameFormOrgsIn(db: Db, level5Id: number, legalForm: string | null, exceptId?: number) {
  let q = db
    .selectFrom('orgs')
    .select(['id', 'name', 'purpose', 'activities', 'legal_form'])
    .where('level5_id', '=', level5Id)
    .where('status', 'not in', ['deregistered', 'dissolved', 'revoked']);
  if (legalForm) q = q.where('legal_form', '=', legalForm as never);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.orderBy('id').limit(500).execute();
}

/** The names of regions (a community and its street), which organization names start with. */
export async function findPlaceNames(db: Db, ids: number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('regions').select('name').where('id', 'in', ids).execute()).map((r) => r.name);
}

/** How many organizations of a district state exactly this purpose (a stock phrase when many do). */
export async function countOrgsWithPurpose(db: Db, level3Id: number, purpose: string): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level3_id', '=', level3Id)
    .where('purpose', '=', purpose)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts organizations in one statement; ids in the order of the rows (RETURNING keeps VALUES order for a plain INSERT). */
export async function insertOrgs(db: Db, rows: NewOrg[]): Promise<number[]> {
  return insertJsonRows(db, 'orgs', rows as unknown as Record<string, unknown>[], true);
}

/** Updates when the version still matches; returns false when someone else saved first. */
export async function updateOrg(db: Db, id: number, version: number, patch: Partial<NewOrg>): Promise<boolean> {
  const res = await db
    .updateTable('orgs')
    // Incremented from the stored row (the WHERE holds it equal): a stale version at int4's end is a conflict.
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface HistoryEntry {
  orgId: number;
  version: number;
  actorId: number | null;
  actorName: string | null;
  action: string;
  reason: string | null;
  changes: unknown;
}

export async function insertHistory(db: Db, h: HistoryEntry) {
  await insertHistories(db, [h]);
}

export async function insertHistories(db: Db, hs: HistoryEntry[]) {
  const at = new Date();
  await insertJsonRows(
    db,
    'org_history',
    // Personal values are recorded masked + sealed (orgs.fields.ts recordedValue); sealJson guarantees no clear one slips in.
    hs.map((h) => ({ org_id: h.orgId, version: h.version, at, actor_id: h.actorId, actor_name: h.actorName, action: h.action, reason: h.reason, changes: sealJson(h.changes) })),
  );
}

/**
 * An organization's history, newest first, with the display name of whoever made each change (the row keeps the
 * login name it was written with; an import or a removed account has none, and shows that).
 */
export function findHistory(db: Db, orgId: number) {
  return db
    .selectFrom('org_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .selectAll('h')
    .select('u.display_name as actor_display_name')
    .where('h.org_id', '=', orgId)
    .orderBy('h.version', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
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
  /** The actor's reach (lib/access.ts listScope): region subtree and, for a hub manager, the hub and its members. */
  scope: ListScope;
  within?: RegionScope;
  search?: OrgSearch;
  form?: LegalForm;
  category?: string;
  status?: OrgStatus;
  flag?: 'isDemoSite' | 'isBrand' | 'isIncubating';
  hubOrgId?: number;
}

const FLAG_COLUMNS = { isDemoSite: 'is_demo_site', isBrand: 'is_brand', isIncubating: 'is_incubating' } as const;

/** Every filter of the registry list; `omit` leaves one dimension out (facet counts). */
export function filteredOrgs(db: Db, f: OrgListFilter, omit?: 'form' | 'category' | 'status') {
  let q = db.selectFrom('orgs');
  if (f.scope.region || f.scope.org) q = q.where(listScopeCondition(f.scope, { orgColumn: 'id' }));
  if (f.within) q = q.where(f.within.column, '=', f.within.id);
  if (f.form && omit !== 'form') q = q.where('legal_form', '=', f.form);
  if (f.category && omit !== 'category') q = q.where('category', '=', f.category);
  if (f.status && omit !== 'status') q = q.where('status', '=', f.status);
  if (f.flag) q = q.where(FLAG_COLUMNS[f.flag], '=', true);
  if (f.hubOrgId) q = q.where('hub_org_id', '=', f.hubOrgId);
  if (f.search) q = applySearch(q, f.search);
  return q;
}

function applySearch<O>(q: SelectQueryBuilder<DB, 'orgs', O>, s: OrgSearch) {
  return q.where(searchCondition(s));
}

/** The search as one condition on an `orgs` row: the n-grams narrow through their index, LIKE decides. */
function searchCondition(s: OrgSearch) {
  if (s.kind === 'credit' || s.grams.length === 0) return textCondition(s);
  return sql<boolean>`search_grams @> ${sql.val(s.grams)}::text[] and ${textCondition(s)}`;
}

/**
 * The LIKE part alone, which decides by itself (a text that contains the words contains their n-grams): for walks
 * that read rows in order, where it needs only columns of the pinyin index.
 */
function textCondition(s: OrgSearch) {
  if (s.kind === 'credit') return sql<boolean>`credit_code like ${`${s.text.toUpperCase()}%`}`;
  const like = `%${s.text}%`;
  if (s.kind === 'latin') {
    // Two letters are too short for a trigram: match them at the start of the pinyin or the initials.
    if (s.text.length < 3) return sql<boolean>`(pinyin like ${`${s.text}%`} or initials like ${`${s.text}%`})`;
    return sql<boolean>`(pinyin like ${like} or initials like ${like})`;
  }
  // The written names decide for nearly every row; search_name (the normalized form, where it differs) for the
  // rest: traditional characters, full-width or capital letters (migration 0014).
  return sql<boolean>`(name like ${like} or array_to_string(former_names, ' ') like ${like} or search_name like ${like})`;
}

export const ORG_SORT_COLUMNS = {
  name: 'pinyin',
  foundedOn: 'founded_on',
  updatedAt: 'updated_at',
  members: 'individual_members',
} as const;

type OrgSort = { column: (typeof ORG_SORT_COLUMNS)[keyof typeof ORG_SORT_COLUMNS]; direction: 'asc' | 'desc' };

/** Lists without a search count exactly up to here ("10,000+" above). */
export const COUNT_CAP = 10_000;
/**
 * Searches count exactly up to here ("1,000+" above): past a thousand a clerk narrows the words rather than reads on,
 * and counting every match of a common word among a million organizations costs far more than the page itself.
 */
export const SEARCH_COUNT_CAP = 1_000;

/**
 * A search with few matches is fetched whole (up to this many), sorted and counted exactly: cheaper than walking the
 * pinyin index for a page when matches are this sparse (and may cluster in a few places).
 */
const SORT_ALL_MAX = 5_000;

/** Whether the statistics say a search matches few: an n-gram rare enough to be missing from the common ones will do. */
async function fewMatches(db: Kysely<DB>, s: OrgSearch) {
  if (s.kind === 'credit' || s.grams.length === 0) return false;
  const stats = await gramStats(db);
  return !!stats && matchBound(stats, s.grams) <= Math.max(SORT_ALL_MAX, stats.floor * stats.rows);
}

const orderBySort = (sort: OrgSort, column: string) =>
  sql`${sql.ref(column)} ${sql.raw(sort.direction)}${sql.raw(sort.column === 'pinyin' ? '' : ' nulls last')}, id ${sql.raw(sort.direction)}`;

export async function listOrgs(db: Kysely<DB>, f: OrgListFilter, sort: OrgSort, offset: number, limit: number) {
  const cap = f.search ? SEARCH_COUNT_CAP : COUNT_CAP;
  if ((await countByWalk(db, f, cap)) === null) {
    // One pass over the indexes: up to `take` + 1 matches with their sort key, counted, and the page's ids cut from them.
    const take = f.search && (await fewMatches(db, f.search)) ? SORT_ALL_MAX : cap;
    const matches = filteredOrgs(db, f).select((eb) => ['id', eb.ref(sort.column).as('k')]).limit(take + 1);
    const { rows } = await sql<{ n: number; ids: number[] | null }>`
      with m as materialized (${matches})
      select (select count(*) from m)::int as n,
             (select array_agg(id) from (select id from m order by ${orderBySort(sort, 'k')} offset ${offset} limit ${limit}) p) as ids`.execute(db);
    const { n, ids } = rows[0];
    if (n <= take) {
      return { items: await findOrgsByIds(db, (ids ?? []).map(Number)), total: n, totalCapped: false };
    }
  }
  // More than the cap match a search: walk the names in pinyin order (the index carries the fields the words are
  // matched against) until the page is full. At least cap in a million match, so that is at most some twenty thousand
  // index entries; PostgreSQL, which cannot estimate n-gram containment, would instead fetch every match to sort them.
  if (f.search && sort.column === 'pinyin') {
    const ids = await db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_seqscan = off`.execute(trx);
      return filteredOrgs(trx, { ...f, search: undefined })
        .where(textCondition(f.search!))
        .select('id')
        .orderBy(orderBySort(sort, 'pinyin'))
        .offset(offset)
        .limit(limit)
        .execute();
    });
    return { items: await findOrgsByIds(db, ids.map((r) => Number(r.id))), total: cap, totalCapped: true };
  }
  const items = await filteredOrgs(db, f).selectAll().orderBy(orderBySort(sort, sort.column)).offset(offset).limit(limit).execute();
  return { items, total: cap, totalCapped: true };
}

/**
 * Whether more than `cap` organizations match a search of common words, found by reading the table itself: cap + 1
 * if so, null when that is not worth it or ends without reaching the cap. A word in 5% of a million names reaches
 * the cap within some 25,000 rows, where its n-gram index would first list all 50,000 matches.
 *
 * For a search over a whole province or city, when the rows the n-grams' frequency bound says the cap needs (with a
 * margin) cost less to read than the index entries the bound allows. The first quarter of those rows tells whether
 * the bound holds: words common one by one but rare together stop there, and the index counts them.
 */
export async function countByWalk(db: Kysely<DB>, f: OrgListFilter, cap: number): Promise<number | null> {
  const s = f.search;
  if (!s || s.kind === 'credit' || s.grams.length === 0 || !isBroad(f)) return null;
  const stats = await gramStats(db);
  if (!stats) return null;
  const bound = matchBound(stats, s.grams);
  const rowsPerPage = stats.rows / stats.pages;
  const pagesNeeded = Math.ceil(((cap + 1) * WALK_MARGIN * stats.pages) / bound);
  if (pagesNeeded * rowsPerPage * WALK_ROW_COST > bound) return null;
  const within = [f.scope.region, f.within].filter((x): x is RegionScope => !!x).map((x) => sql` and ${sql.ref(x.column)} = ${x.id}`);
  // Disjoint page ranges (a TID range scan reads only those pages): hits in them add up.
  const hitsIn = async (fromPage: number, toPage: number, enough: number) => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select 1 from orgs where ctid >= ${`(${fromPage},0)`}::tid and ctid < ${`(${toPage},0)`}::tid
          and ${textCondition(s)}${sql.join(within, sql``)} limit ${enough}
      ) hits`.execute(db);
    return rows[0].n;
  };
  const quarter = Math.ceil(pagesNeeded / 4);
  const first = await hitsIn(0, quarter, cap + 1);
  if (first > cap) return cap + 1;
  if (first < ((cap + 1) * WALK_MARGIN) / 4 / 2) return null;
  const rest = await hitsIn(quarter, Math.ceil(quarter + ((cap + 1 - first) * WALK_MARGIN * quarter) / first), cap + 1 - first);
  return first + rest > cap ? cap + 1 : null;
}

/** Rows read beyond what the bound says the cap needs: matches are not spread evenly. */
const WALK_MARGIN = 1.3;
/** What reading a table row for its LIKE costs, in n-gram index entries listed (measured on PostgreSQL 15). */
const WALK_ROW_COST = 1.5;

/** A search over a province or city and nothing else: the matches lie spread over the whole table. */
function isBroad(f: OrgListFilter) {
  const broad = (x: RegionScope | null | undefined) => !x || x.column === 'level1_id' || x.column === 'level2_id';
  return broad(f.scope.region) && !f.scope.org && broad(f.within) && !f.form && !f.category && !f.status && !f.flag && !f.hubOrgId;
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

/**
 * An organization as an export row: the sheet's columns in ORG_SHEET_COLUMNS order (raw values: the service applies
 * labels; personal data masked or sealed, as asked), then its id.
 */
export type ExportOrgRow = [
  name: string, creditCode: string | null, legalForm: LegalForm, category: string, regionCode: string, regionName: string,
  address: string | null, leaderName: string | null, leaderIdNumber: string | null, leaderPhone: string | null,
  individualMembers: number | null, unitMembers: number | null, foundedOn: string | null, purpose: string | null,
  activities: string | null, venue: string | null, status: OrgStatus, certificateNo: string | null, id: number,
];

/**
 * Walks a filtered list in id order for an export, a page at a time. Each page comes as one JSON array of row arrays
 * built by the database (JSON.parse is native): decoding 2,000 rows × 19 fields through the driver one field at a
 * time cost twice as much. Only the columns the sheet shows are read (never the search n-grams).
 */
export async function* iterateOrgsForExport(db: Db, f: OrgListFilter, personal: 'masked' | 'sealed', pageSize = 2000): AsyncGenerator<ExportOrgRow[]> {
  let afterId = 0;
  // The masked forms, or (an unmasked export, which the service audits) the sealed values it opens.
  const [idNumber, phone] = personal === 'masked' ? ['leader_id_number_masked', 'leader_phone_masked'] : ['leader_id_number_enc', 'leader_phone_enc'];
  for (;;) {
    const page = filteredOrgs(db, f).selectAll().where('id', '>', afterId).orderBy('id').limit(pageSize);
    const { rows } = await sql<{ page: string | null }>`
      select json_agg(json_build_array(o.name, o.credit_code, o.legal_form, o.category, r.code, r.name, o.address, o.leader_name,
        ${sql.ref(`o.${idNumber}`)}, ${sql.ref(`o.${phone}`)}, o.individual_members, o.unit_members, o.founded_on, o.purpose, o.activities, o.venue,
        o.status, o.certificate_no, o.id) order by o.id)::text as page
      from (${page}) o join regions r on r.id = o.region_id`.execute(db);
    if (!rows[0]?.page) return;
    const out = JSON.parse(rows[0].page) as ExportOrgRow[];
    // Read before yielding: the consumer may reuse the page's arrays.
    afterId = out[out.length - 1][18];
    yield out;
    if (out.length < pageSize) return;
  }
}

// Where records lie is the regions module's to say.
export { findRegionNames, levelColumn, regionCodeOf } from '../regions/index.js';

/** The public register's order key: the home region's own organizations (0), the rest of its province (1), others (2). */
export function nearHomeFirst(home: { id: number; level: number; level1_id: number | null }) {
  const own = sql.ref(`orgs.level${home.level}_id`);
  return sql<number>`case when ${own} = ${home.id} then 0 when orgs.level1_id = ${home.level1_id ?? home.id} then 1 else 2 end`;
}

/** Public organizations per district (level 3), for the public register's region filter. */
export function countPublicByDistrict(db: Db, statuses: OrgStatus[]) {
  return db
    .selectFrom('orgs')
    .innerJoin('regions as d', 'd.id', 'orgs.level3_id')
    .select((eb) => ['d.code', 'd.name', 'd.level1_id', 'd.level2_id', eb.fn.countAll<number>().as('n')])
    .where('orgs.legal_form', '<>', 'grassroots')
    .where('orgs.status', 'in', statuses)
    .groupBy(['d.code', 'd.name', 'd.level1_id', 'd.level2_id'])
    .execute();
}
