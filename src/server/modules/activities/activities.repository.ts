import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/types.js';
import type { ActivitiesTable, ActivityFilesTable } from '../../db/types-ledger.js';
import '../../db/types-ledger.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { escapeLike } from '../../lib/search-text.js';
import { IN_OPERATION } from './activities.policy.js';

// The ledger's queries (activities, activity_files, activity_history, ledger_month_totals): Kysely only here.

/** An activity with what its answer and its access checks need: the organization's name and place, the author. */
export function findActivity(db: Db, id: number) {
  return db
    .selectFrom('activities as a')
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('users as u', 'u.id', 'a.entered_by')
    .selectAll('a')
    .select(['o.name as org_name', 'o.hub_org_id', 'o.level3_id as org_district_id', 'r.code as region_code', 'r.name as region_name', 'u.display_name as entered_by_name'])
    .where('a.id', '=', id)
    .where('a.deleted_at', 'is', null)
    .executeTakeFirst();
}
export type ActivityDetailRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export interface TimelineFilter {
  from?: string;
  to?: string;
  type?: string;
}

function timeline(db: Db, orgId: number, f: TimelineFilter) {
  let q = db.selectFrom('activities as a').where('a.org_id', '=', orgId).where('a.deleted_at', 'is', null);
  if (f.from) q = q.where('a.held_on', '>=', f.from);
  if (f.to) q = q.where('a.held_on', '<=', f.to);
  if (f.type) q = q.where('a.activity_type', '=', f.type);
  return q;
}

/** One page of an organization's live activities, newest first. */
export function findOrgActivities(db: Db, orgId: number, f: TimelineFilter, limit: number, offset: number) {
  return timeline(db, orgId, f)
    .innerJoin('orgs as o', 'o.id', 'a.org_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('users as u', 'u.id', 'a.entered_by')
    .selectAll('a')
    .select(['o.name as org_name', 'o.hub_org_id', 'o.level3_id as org_district_id', 'r.code as region_code', 'r.name as region_name', 'u.display_name as entered_by_name'])
    .orderBy('a.starts_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countOrgActivities(db: Db, orgId: number, f: TimelineFilter): Promise<number> {
  const row = await timeline(db, orgId, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertActivity(db: Db, row: Insertable<ActivitiesTable>) {
  return db.insertInto('activities').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Writes an edit when the stored version is still the one the editor saw; undefined otherwise (a stale edit). */
export function updateActivity(db: Db, id: number, version: number, set: Updateable<ActivitiesTable>) {
  return db
    .updateTable('activities')
    .set({ ...set, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function softDeleteActivity(db: Db, id: number, by: number, reason: string) {
  return db
    .updateTable('activities')
    .set({ deleted_at: new Date(), deleted_by: by, delete_reason: reason, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function insertActivityHistory(db: Db, e: { activityId: number; version: number; actorId: number; actorName: string; action: string; reason: string | null; changes: unknown }) {
  await db
    .insertInto('activity_history')
    .values({ activity_id: e.activityId, version: e.version, actor_id: e.actorId, actor_name: e.actorName, action: e.action, reason: e.reason, changes: JSON.stringify(e.changes) })
    .execute();
}

export function findActivityHistory(db: Db, activityId: number) {
  return db.selectFrom('activity_history').selectAll().where('activity_id', '=', activityId).orderBy('id', 'desc').execute();
}

// ---- files ----

const FILE_META = ['f.id', 'f.activity_id', 'f.kind', 'f.position', 'f.filename', 'f.mime_type', 'f.size_bytes', 'f.width', 'f.height', 'f.uploaded_at'] as const;

/** The files of some activities, without their bytes, in their shown order. */
export function findFileMeta(db: Db, activityIds: number[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('activity_files as f').select(FILE_META).where('f.activity_id', 'in', activityIds).orderBy('f.activity_id').orderBy('f.kind').orderBy('f.position').orderBy('f.id').execute();
}

export function findFile(db: Db, activityId: number, fileId: number) {
  return db.selectFrom('activity_files').selectAll().where('id', '=', fileId).where('activity_id', '=', activityId).executeTakeFirst();
}

/** How many files of a kind the activity has, the activity row locked first so two uploads cannot both be the 10th. */
export async function lockAndCountFiles(db: Db, activityId: number, kind: 'photo' | 'signin'): Promise<{ n: number; nextPosition: number }> {
  await db.selectFrom('activities').select('id').where('id', '=', activityId).forUpdate().execute();
  const row = await db
    .selectFrom('activity_files')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('position').as('maxpos')])
    .where('activity_id', '=', activityId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), nextPosition: row.maxpos === null ? 0 : Number(row.maxpos) + 1 };
}

export function insertFile(db: Db, row: Insertable<ActivityFilesTable>) {
  return db.insertInto('activity_files').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function deleteFiles(db: Db, activityId: number, ids: number[]) {
  if (ids.length === 0) return;
  await db.deleteFrom('activity_files').where('activity_id', '=', activityId).where('id', 'in', ids).execute();
}

export function findFilesOfKind(db: Db, activityId: number, kind: 'photo' | 'signin') {
  return db.selectFrom('activity_files').select(['id', 'filename']).where('activity_id', '=', activityId).where('kind', '=', kind).execute();
}

// ---- totals per node ----

export interface TotalsRow {
  child_id: number | null;
  month: string;
  activity_type: string;
  activities: number;
  participants: number;
  beneficiaries: number;
  volunteers: number;
  volunteer_minutes: number;
}

/**
 * The kept month totals under a node, grouped by the child node (level `childLevel`; null = placed at the node
 * itself), month and type. Reads ledger_month_totals joined to the few hundred nodes of the subtree, never the
 * activities themselves.
 */
export async function totalsByChild(db: Db, scope: RegionScope, childLevel: number | null, fromMonth: string, toMonth: string): Promise<TotalsRow[]> {
  const child = childLevel === null ? sql`null::bigint` : sql.ref(`r.level${childLevel}_id`);
  const { rows } = await sql<TotalsRow>`
    select ${child} as child_id, to_char(t.month, 'YYYY-MM') as month, t.activity_type,
           sum(t.activities)::int as activities, sum(t.participants)::bigint as participants, sum(t.beneficiaries)::bigint as beneficiaries,
           sum(t.volunteers)::bigint as volunteers, sum(t.volunteer_minutes)::bigint as volunteer_minutes
      from ledger_month_totals t join regions r on r.id = t.region_id
     where ${sql.ref(`r.${scope.column}`)} = ${scope.id} and t.month between ${fromMonth}::date and ${toMonth}::date and t.activities <> 0
     group by 1, 2, 3`.execute(db);
  return rows.map((r) => ({ ...r, child_id: r.child_id === null ? null : Number(r.child_id), activities: Number(r.activities), participants: Number(r.participants), beneficiaries: Number(r.beneficiaries), volunteers: Number(r.volunteers), volunteer_minutes: Number(r.volunteer_minutes) }));
}

/** The organizations a listing reaches under a node: the region subtree and the role's organization set. */
function scopedOrgs(db: Db, node: RegionScope | null, scope: ListScope) {
  let q = db.selectFrom('orgs as o');
  if (node) q = q.where(sql.ref(`o.${node.column}`), '=', node.id);
  if (scope.region) q = q.where(sql.ref(`o.${scope.region.column}`), '=', scope.region.id);
  const org = scope.org;
  if (org?.kind === 'own') q = q.where('o.id', '=', org.orgId);
  else if (org?.kind === 'hub') q = q.where((eb) => eb.or([eb('o.id', '=', org.hubId), eb('o.hub_org_id', '=', org.hubId)]));
  else if (org?.kind === 'ids') q = org.ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('o.id', 'in', org.ids);
  return q;
}

/**
 * One page of the organizations under a node (the community ledger: every organization, active ones first by
 * name), and their activity totals per month and type in the period, grouped from the activities of those
 * organizations only (a page of a community's organizations is a few thousand activities at most).
 */
export async function orgsWithTotals(db: Db, node: RegionScope, scope: ListScope, from: string, to: string, limit: number, offset: number) {
  const base = scopedOrgs(db, node, scope).where('o.status', 'not in', ['deregistered', 'dissolved', 'revoked']);
  const [{ n }, orgs] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('regions as r', 'r.id', 'o.region_id')
      .select(['o.id', 'o.name', 'o.legal_form', 'o.status', 'o.level3_id', 'o.last_activity_on', 'r.code as region_code', 'r.name as region_name'])
      .select(sql<string>`coalesce(o.last_activity_on, o.recorded_on, o.founded_on, o.created_at::date)::text`.as('since'))
      .orderBy('o.name')
      .orderBy('o.id')
      .limit(limit)
      .offset(offset)
      .execute(),
  ]);
  const ids = orgs.map((o) => Number(o.id));
  const totals = ids.length === 0 ? [] : (await sql<{ org_id: number; month: string; activity_type: string; activities: number; participants: number; beneficiaries: number; volunteers: number; volunteer_minutes: number }>`
    select org_id, to_char(held_on, 'YYYY-MM') as month, activity_type, count(*)::int as activities, sum(participants)::bigint as participants,
           sum(beneficiaries)::bigint as beneficiaries, sum(volunteers)::bigint as volunteers, sum(volunteer_minutes)::bigint as volunteer_minutes
      from activities where org_id = any(${ids}::bigint[]) and deleted_at is null and held_on between ${from}::date and ${to}::date
     group by 1, 2, 3`.execute(db)).rows;
  return { total: Number(n), orgs, totals };
}

// ---- dormancy ----

/** The day an organization's dormancy counts from: its latest live activity, else its entry in the register. */
const SINCE = sql<string>`coalesce(o.last_activity_on, o.recorded_on, o.founded_on, o.created_at::date)`;

export function findDormancyFacts(db: Db, orgId: number) {
  return db
    .selectFrom('orgs as o')
    .select(['o.id', 'o.legal_form', 'o.status', 'o.level3_id', 'o.last_activity_on'])
    .select(sql<string | null>`o.recorded_on::text`.as('recorded_on'))
    .select(sql<string>`${SINCE}::text`.as('since'))
    .where('o.id', '=', orgId)
    .executeTakeFirst();
}

/**
 * Dormant organizations of one district's part of a node: in operation, counted from before `cutoff` (the asOf day
 * less the district's months). Per child node counts, or a page of the named organizations.
 */
export async function dormantCounts(db: Db, node: RegionScope, scope: ListScope, districtId: number, cutoff: string, childLevel: number | null) {
  const child = childLevel === null ? sql`null::bigint` : sql.ref(`o.level${childLevel}_id`);
  return scopedOrgs(db, node, scope)
    .where('o.level3_id', '=', districtId)
    .where('o.status', 'in', [...IN_OPERATION])
    .select([
      sql<number | null>`${child}`.as('child_id'),
      sql<string>`count(*) filter (where ${SINCE} < ${cutoff}::date)`.as('dormant'),
      sql<string>`count(*)`.as('in_operation'),
    ])
    .groupBy(sql`1`)
    .execute();
}

export function dormantList(db: Db, node: RegionScope, scope: ListScope, cutoffs: { districtId: number; cutoff: string }[], limit: number, offset: number) {
  const q = scopedOrgs(db, node, scope)
    .where('o.status', 'in', [...IN_OPERATION])
    .where((eb) => eb.or(cutoffs.map((c) => eb.and([eb('o.level3_id', '=', c.districtId), eb(SINCE, '<', sql<string>`${c.cutoff}::date`)]))));
  return Promise.all([
    cutoffs.length === 0 ? Promise.resolve({ n: '0' }) : q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    cutoffs.length === 0
      ? Promise.resolve([])
      : q
          .innerJoin('regions as r', 'r.id', 'o.region_id')
          .select(['o.id', 'o.name', 'o.legal_form', 'o.status', 'o.last_activity_on', 'r.code as region_code', 'r.name as region_name'])
          .select(sql<string | null>`o.recorded_on::text`.as('recorded_on'))
          .select(sql<string>`${SINCE}::text`.as('since'))
          .orderBy(SINCE)
          .orderBy('o.id')
          .limit(limit)
          .offset(offset)
          .execute(),
  ]);
}

/** The districts at or under a node (the ledger settings are per district). */
export async function districtsUnder(db: Db, node: { id: number; level: number; level3_id: number | null }): Promise<number[]> {
  if (node.level >= 3) return node.level3_id === null ? [] : [Number(node.level3_id)];
  const rows = await db.selectFrom('regions').select('id').where('level', '=', 3).where(sql.ref(`level${node.level}_id`), '=', node.id).execute();
  return rows.map((r) => Number(r.id));
}

/** The organizations an actor may enter activities for (the entry page's picker): in operation, by name. */
export function writableOrgs(db: Db, scope: ListScope, search: string | undefined, limit: number) {
  let q = scopedOrgs(db, null, scope)
    .where('o.status', 'not in', ['deregistered', 'dissolved', 'revoked'])
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.name', 'o.last_activity_on', 'o.level3_id', 'r.code as region_code', 'r.name as region_name']);
  if (search) q = q.where('o.name', 'like', `%${escapeLike(search)}%`);
  return q.orderBy('o.name').orderBy('o.id').limit(limit).execute();
}

// ---- reads for other modules (declarations flag major activities; annual reports count them) ----

export interface ActivityFilter {
  /** The subtree of a node (subtreeOf); none = every node. */
  region?: RegionScope;
  orgIds?: number[];
  /** held_on from / to, inclusive. */
  from?: string;
  to?: string;
}

function liveIn(db: Db, f: ActivityFilter) {
  let q = db.selectFrom('activities as a').where('a.deleted_at', 'is', null);
  if (f.region) q = q.where(sql.ref(`a.${f.region.column}`), '=', f.region.id);
  if (f.orgIds) q = f.orgIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.org_id', 'in', f.orgIds);
  if (f.from) q = q.where('a.held_on', '>=', f.from);
  if (f.to) q = q.where('a.held_on', '<=', f.to);
  return q;
}

/** Live activities matching the filter, oldest first (what a rule over activities reads). */
export function findLiveActivities(db: Db, f: ActivityFilter, limit = 10_000) {
  return liveIn(db, f)
    .select(['a.id', 'a.org_id', 'a.region_id', 'a.level3_id', 'a.starts_at', 'a.ends_at', 'a.held_on', 'a.title', 'a.activity_type', 'a.place', 'a.participants', 'a.amount_fen', 'a.foreign_related', 'a.entered_as'])
    .orderBy('a.held_on')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** Per organization: live activities and their sums in the filter's period. */
export async function countsByOrg(db: Db, f: ActivityFilter) {
  const rows = await liveIn(db, f)
    .select((eb) => [
      'a.org_id',
      eb.fn.countAll<string>().as('activities'),
      eb.fn.sum<string>('a.participants').as('participants'),
      eb.fn.sum<string>('a.beneficiaries').as('beneficiaries'),
      eb.fn.sum<string>('a.volunteers').as('volunteers'),
      eb.fn.sum<string>('a.volunteer_minutes').as('volunteer_minutes'),
    ])
    .groupBy('a.org_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.org_id), { activities: Number(r.activities), participants: Number(r.participants), beneficiaries: Number(r.beneficiaries), volunteers: Number(r.volunteers), volunteerMinutes: Number(r.volunteer_minutes) }]));
}
