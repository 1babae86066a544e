import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import '../../db/types-risks.js';
import type { NewRiskItem, RiskItemRow, RiskStatus, RiskStepKind } from '../../db/types-risks.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { orgCondition, regionCondition } from '../../db/scope.js';
import type { RiskKind, RiskLevel } from '../signals/index.js';

/** The risk items and their steps (migration 0024), and the few organization facts the risk rules read. */

export async function districtIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('regions').select('id').where('level', '=', 3).orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

/** Organizations in operation with a last election kept (换届). */
export function termFacts(db: Db) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'last_election_on', 'term_years'])
    .where('last_election_on', 'is not', null)
    .where('status', 'in', ['active', 'changing'])
    .orderBy('id')
    .execute();
}

export function orgPlacements(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'legal_form', 'status', 'region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export interface OccurrenceKey {
  org_id: number;
  kind: RiskKind;
  subject_kind: string;
  subject_id: number;
}

/** The item of this occurrence (same detection day), and the open item of the same organization, kind and subject. */
export async function findByKey(db: Db, key: OccurrenceKey, detectedOn: string) {
  const rows = await db
    .selectFrom('risk_items')
    .select(['id', 'status', 'detected_on', 'opened_on', 'signal_ended_on'])
    .where('org_id', '=', key.org_id)
    .where('kind', '=', key.kind)
    .where('subject_kind', '=', key.subject_kind)
    .where('subject_id', '=', key.subject_id)
    .where((eb) => eb.or([eb('detected_on', '=', detectedOn), eb('status', '<>', 'closed')]))
    .execute();
  return { occurrence: rows.find((r) => r.detected_on === detectedOn) ?? null, open: rows.find((r) => r.status !== 'closed') ?? null };
}

export async function insertItem(db: Db, item: NewRiskItem): Promise<number | null> {
  const row = await db.insertInto('risk_items').values(item).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function setOpenedOn(db: Db, id: number, openedOn: string) {
  await db.updateTable('risk_items').set({ opened_on: openedOn }).where('id', '=', id).where('opened_on', '>', openedOn).execute();
}

export async function setSignalEnded(db: Db, id: number, on: string) {
  const r = await db.updateTable('risk_items').set({ signal_ended_on: on }).where('id', '=', id).where('signal_ended_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Open items of one source opened by a day whose signal has not ended (the job checks which its source still reports). */
export function openItemsOfSource(db: Db, source: string, on: string) {
  return db
    .selectFrom('risk_items')
    .select(['id', 'org_id', 'kind', 'subject_kind', 'subject_id', 'detected_on'])
    .where('source', '=', source)
    .where('status', '<>', 'closed')
    .where('signal_ended_on', 'is', null)
    .where('opened_on', '<=', on)
    .execute();
}

export async function insertStep(db: Db, step: { item_id: number; step: RiskStepKind; on_day: string; data?: Record<string, unknown>; by_user?: number | null; by_name?: string | null }) {
  await db
    .insertInto('risk_steps')
    .values({ item_id: step.item_id, step: step.step, on_day: step.on_day, data: JSON.stringify(step.data ?? {}), by_user: step.by_user ?? null, by_name: step.by_name ?? null, at: new Date() })
    .execute();
}

export interface RiskFilter {
  scope: ListScope;
  within?: RegionScope;
  ownerId?: number;
  status?: RiskStatus | 'active';
  kind?: RiskKind;
  level?: RiskLevel;
  orgId?: number;
  overdueOn?: string;
}

function conditions(f: RiskFilter) {
  return (eb: ExpressionBuilder<DB, 'risk_items'>) => {
    const parts: Expression<SqlBool>[] = [];
    const region = regionCondition(f.scope.region, 'risk_items.');
    if (region) parts.push(region);
    const orgs = orgCondition(f.scope.org, { orgColumn: 'org_id', prefix: 'risk_items.' });
    if (orgs) parts.push(orgs);
    if (f.within) parts.push(sql<SqlBool>`${sql.ref(`risk_items.${f.within.column}`)} = ${f.within.id}`);
    if (f.ownerId) parts.push(sql<SqlBool>`risk_items.owner_region_id = ${f.ownerId}`);
    if (f.status === 'active') parts.push(sql<SqlBool>`risk_items.status <> 'closed'`);
    else if (f.status) parts.push(sql<SqlBool>`risk_items.status = ${f.status}`);
    if (f.kind) parts.push(sql<SqlBool>`risk_items.kind = ${f.kind}`);
    if (f.level) parts.push(sql<SqlBool>`risk_items.level = ${f.level}`);
    if (f.orgId) parts.push(sql<SqlBool>`risk_items.org_id = ${f.orgId}`);
    if (f.overdueOn) parts.push(sql<SqlBool>`(risk_items.status <> 'closed' and risk_items.due_on < ${f.overdueOn})`);
    return parts.length === 0 ? sql<SqlBool>`true` : eb.and(parts);
  };
}

const SORTS = {
  due: [sql`risk_items.due_on asc`],
  '-due': [sql`risk_items.due_on desc`],
  detected: [sql`risk_items.detected_on asc`],
  '-detected': [sql`risk_items.detected_on desc`],
  level: [sql`case risk_items.level when 'high' then 3 when 'medium' then 2 else 1 end asc`],
  '-level': [sql`case risk_items.level when 'high' then 3 when 'medium' then 2 else 1 end desc`],
} as const;

function withNames(db: Db) {
  return db
    .selectFrom('risk_items')
    .innerJoin('orgs', 'orgs.id', 'risk_items.org_id')
    .innerJoin('regions as owner', 'owner.id', 'risk_items.owner_region_id')
    .innerJoin('regions as place', 'place.id', 'risk_items.region_id')
    .selectAll('risk_items')
    .select([
      'orgs.name as org_name', 'orgs.legal_form as org_legal_form', 'orgs.hub_org_id as org_hub_id',
      'owner.code as owner_code', 'owner.name as owner_name', 'owner.level as owner_level',
      'owner.level1_id as owner_l1', 'owner.level2_id as owner_l2', 'owner.level3_id as owner_l3', 'owner.level4_id as owner_l4', 'owner.level5_id as owner_l5', 'owner.level6_id as owner_l6',
      'place.code as place_code', 'place.name as place_name', 'place.level as place_level',
    ]);
}
export type RiskItemWithNames = RiskItemRow & {
  org_name: string; org_legal_form: string; org_hub_id: number | null;
  owner_code: string; owner_name: string; owner_level: number;
  owner_l1: number | null; owner_l2: number | null; owner_l3: number | null; owner_l4: number | null; owner_l5: number | null; owner_l6: number | null;
  place_code: string; place_name: string; place_level: number;
};

export async function listItems(db: Db, f: RiskFilter, sort: keyof typeof SORTS, offset: number, limit: number) {
  const [items, count] = await Promise.all([
    withNames(db).where(conditions(f)).orderBy(SORTS[sort][0]).orderBy('risk_items.id', 'desc').offset(offset).limit(limit).execute(),
    db.selectFrom('risk_items').where(conditions(f)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as RiskItemWithNames[], total: Number(count.n) };
}

export async function findItem(db: Db, id: number): Promise<RiskItemWithNames | undefined> {
  return (await withNames(db).where('risk_items.id', '=', id).executeTakeFirst()) as RiskItemWithNames | undefined;
}

export function findSteps(db: Db, itemId: number) {
  return db.selectFrom('risk_steps').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

/** A change of a version the editor saw; false when someone changed the item meanwhile. */
export async function updateItem(db: Db, id: number, version: number, patch: Partial<Pick<RiskItemRow, 'status' | 'interviewed_on' | 'rectify_due_on' | 'remedied_on' | 'outcome' | 'closed_on' | 'closed_by' | 'close_note'>>) {
  const r = await db.updateTable('risk_items').set({ ...patch, version: sql`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Open items under a node by child node (or the node's own, child null), kind, level and overdue. */
export function boardCounts(db: Db, f: RiskFilter, nodeId: number, childLevel: number | null, today: string) {
  const child = childLevel === null ? sql<number | null>`null` : sql<number | null>`${sql.ref(`risk_items.level${childLevel}_id`)}`;
  return db
    .selectFrom('risk_items')
    .where(conditions({ ...f, status: 'active' }))
    .select([
      child.as('child_id'),
      sql<boolean>`risk_items.owner_region_id = ${nodeId}`.as('own'),
      'risk_items.kind',
      'risk_items.level',
      sql<number>`count(*)`.as('n'),
      sql<number>`count(*) filter (where risk_items.due_on < ${today})`.as('overdue'),
    ])
    .groupBy([sql`1`, sql`2`, 'risk_items.kind', 'risk_items.level'])
    .execute();
}

/** Items with a rectification notice whose deadline passed by a day (the credit source's candidates). */
export function rectificationCandidates(db: Db, on: string) {
  return db
    .selectFrom('risk_items')
    .innerJoin('orgs', 'orgs.id', 'risk_items.org_id')
    .select(['risk_items.id', 'risk_items.org_id', 'risk_items.kind', 'risk_items.interviewed_on', 'risk_items.rectify_due_on', 'risk_items.remedied_on', 'orgs.name'])
    .where('risk_items.interviewed_on', '<=', on)
    .where('risk_items.rectify_due_on', '<', on)
    .orderBy('risk_items.id')
    .execute();
}

export async function leaderIds(db: Db, orgId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('role', '=', 'org_leader').where('disabled', '=', false).where('org_id', '=', orgId).execute();
  return rows.map((r) => Number(r.id));
}
