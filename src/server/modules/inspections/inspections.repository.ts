import { sql } from 'kysely';
import '../../db/types-inspections.js';
import type { Db } from '../../db/types.js';
import type { InspectionInspectorRow, InspectionItemRow, InspectionPlanRow, InspectionPlansTable, InspectionItemsTable, InspectionPopulationRow } from '../../db/types-inspections.js';
import type { Insertable, Updateable } from 'kysely';
import type { ListScope } from '../../lib/access.js';
import { listScopeCondition } from '../../db/scope.js';
import type { Role } from '../../../shared/enums.js';

/** The inspection tables (migration 0023), Kysely only; the first parameter is the database or the transaction. */

export async function insertPlan(db: Db, row: Insertable<InspectionPlansTable>): Promise<number | null> {
  const r = await db.insertInto('inspection_plans').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r ? Number(r.id) : null;
}

export const findPlan = (db: Db, id: number): Promise<InspectionPlanRow | undefined> => db.selectFrom('inspection_plans').selectAll().where('id', '=', id).executeTakeFirst();

/** A version-checked update: false when someone changed the plan since it was read. */
export async function updatePlan(db: Db, id: number, version: number, patch: Updateable<InspectionPlansTable>): Promise<boolean> {
  const r = await db.updateTable('inspection_plans').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface PlanFilter {
  /** Plans of districts in this subtree column (an actor at or above the district). */
  region?: { column: string; id: number } | null;
  /** Or exactly this district (an actor below it). */
  districtId?: number;
  year?: number;
  published?: boolean;
}

function planQuery(db: Db, f: PlanFilter) {
  let q = db.selectFrom('inspection_plans as p').innerJoin('regions as d', 'd.id', 'p.region_id');
  if (f.region) q = q.where(sql.ref(`p.${f.region.column}`), '=', f.region.id);
  if (f.districtId !== undefined) q = q.where('p.region_id', '=', f.districtId);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.published) q = q.where('p.status', '<>', 'draft');
  return q;
}

export async function listPlans(db: Db, f: PlanFilter, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    planQuery(db, f)
      .selectAll('p')
      .select(['d.name as district_name', 'd.code as district_code'])
      .select((eb) => [
        eb.selectFrom('inspection_population as pp').select(eb.fn.countAll<string>().as('n')).whereRef('pp.plan_id', '=', 'p.id').as('population_size'),
        eb.selectFrom('inspection_items as i').select(eb.fn.countAll<string>().as('n')).whereRef('i.plan_id', '=', 'p.id').as('sample_size'),
        eb.selectFrom('inspection_items as i').select(eb.fn.countAll<string>().as('n')).whereRef('i.plan_id', '=', 'p.id').where('i.status', '=', 'checked').as('checked'),
      ])
      .orderBy('p.year', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    planQuery(db, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export interface Candidate {
  org_id: number;
  name: string;
  credit_code: string | null;
  legal_form: string;
  status: string;
  street_code: string | null;
  street_name: string | null;
}

/** The organizations placed in a district with the given forms, with their street (level 4 node). */
export function districtOrgs(db: Db, districtId: number, forms: readonly string[]): Promise<Candidate[]> {
  return db
    .selectFrom('orgs as o')
    .leftJoin('regions as s', 's.id', 'o.level4_id')
    .select(['o.id as org_id', 'o.name', 'o.credit_code', 'o.legal_form', 'o.status', 's.code as street_code', 's.name as street_name'])
    .where('o.level3_id', '=', districtId)
    .where('o.legal_form', 'in', [...forms] as never[])
    .orderBy('o.id')
    .execute();
}

export async function insertPopulation(db: Db, rows: InspectionPopulationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('inspection_population').values(rows.slice(i, i + 500)).execute();
}

export const findPopulation = (db: Db, planId: number): Promise<InspectionPopulationRow[]> =>
  db.selectFrom('inspection_population').selectAll().where('plan_id', '=', planId).orderBy('draw_key').execute();

export async function insertItem(db: Db, row: Insertable<InspectionItemsTable>): Promise<number> {
  const r = await db.insertInto('inspection_items').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertInspectors(db: Db, rows: { item_id: number; user_id: number; status: 'active' | 'recused' | 'declared'; reason: string | null; draw_order: number }[]): Promise<void> {
  if (rows.length) await db.insertInto('inspection_inspectors').values(rows).execute();
}

export type ItemWithNames = InspectionItemRow & { org_name: string; plan_title: string; hub_org_id: number | null; min_inspectors: number; basis_text: string };

function itemQuery(db: Db) {
  return db
    .selectFrom('inspection_items as i')
    .innerJoin('orgs as o', 'o.id', 'i.org_id')
    .innerJoin('inspection_plans as p', 'p.id', 'i.plan_id')
    .selectAll('i')
    .select(['o.name as org_name', 'o.hub_org_id', 'p.title as plan_title', 'p.min_inspectors', 'p.basis_text']);
}

export const findItem = (db: Db, id: number): Promise<ItemWithNames | undefined> => itemQuery(db).where('i.id', '=', id).executeTakeFirst() as Promise<ItemWithNames | undefined>;

export function itemsOfPlan(db: Db, planId: number, scope: ListScope): Promise<ItemWithNames[]> {
  return itemQuery(db).where('i.plan_id', '=', planId).where(listScopeCondition(scope, { orgColumn: 'org_id', prefix: 'i.' })).orderBy('i.stratum').orderBy('i.rank_hash').execute() as Promise<ItemWithNames[]>;
}

/** The items a user is an active inspector of, newest plan first. */
export function itemsOfInspector(db: Db, userId: number): Promise<ItemWithNames[]> {
  return itemQuery(db)
    .where('i.id', 'in', db.selectFrom('inspection_inspectors').select('item_id').where('user_id', '=', userId).where('status', '=', 'active'))
    .orderBy('p.year', 'desc')
    .orderBy('i.id')
    .execute() as Promise<ItemWithNames[]>;
}

/** The organizations a user is an active inspector on (the expert's assignment check). */
export async function orgsOfInspector(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('inspection_items as i')
    .innerJoin('inspection_inspectors as x', 'x.item_id', 'i.id')
    .select('i.org_id')
    .where('x.user_id', '=', userId)
    .where('x.status', '=', 'active')
    .execute();
  return rows.map((r) => Number(r.org_id));
}

export type InspectorWithName = InspectionInspectorRow & { display_name: string; role: Role };

export function inspectorsOf(db: Db, itemIds: number[]): Promise<InspectorWithName[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('inspection_inspectors as x')
    .innerJoin('users as u', 'u.id', 'x.user_id')
    .selectAll('x')
    .select(['u.display_name', 'u.role'])
    .where('x.item_id', 'in', itemIds)
    .orderBy('x.item_id')
    .orderBy('x.draw_order')
    .execute();
}

export async function setInspectorStatus(db: Db, itemId: number, userId: number, status: 'declared', reason: string): Promise<void> {
  await db.updateTable('inspection_inspectors').set({ status, reason, recorded_at: new Date() }).where('item_id', '=', itemId).where('user_id', '=', userId).execute();
}

export interface PoolMember {
  id: number;
  org_id: number | null;
  region_id: number | null;
}

/**
 * The district's pool of inspectors: enabled accounts of the given roles placed in the district (its staff, its
 * streets' staff), and experts (placed nowhere or in the district).
 */
export function inspectorPool(db: Db, districtId: number, roles: readonly Role[], regionless: readonly Role[]): Promise<PoolMember[]> {
  return db
    .selectFrom('users as u')
    .leftJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.org_id', 'u.region_id'])
    .where('u.disabled', '=', false)
    .where('u.role', 'in', [...roles])
    .where((eb) => eb.or([eb('r.id', '=', districtId), eb('r.level3_id', '=', districtId), ...(regionless.length ? [eb.and([eb('u.region_id', 'is', null), eb('u.role', 'in', [...regionless])])] : [])]))
    .orderBy('u.id')
    .execute() as Promise<PoolMember[]>;
}

export async function updateItem(db: Db, id: number, version: number, patch: Updateable<InspectionItemsTable>): Promise<boolean> {
  const r = await db.updateTable('inspection_items').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Items with problems found on or before a day (the risk signal source). */
export function problemItems(db: Db, on: string) {
  return db
    .selectFrom('inspection_items as i')
    .innerJoin('inspection_plans as p', 'p.id', 'i.plan_id')
    .select(['i.id', 'i.org_id', 'i.checked_on', 'i.rectify_by', 'i.rectified_on', 'i.findings', 'p.title'])
    .where('i.result', '=', 'problems')
    .where('i.checked_on', '<=', on)
    .orderBy('i.id')
    .execute();
}

/** What places an organization and ties it for recusal: its node path, its federation. */
export const orgPlaceOf = (db: Db, orgId: number) =>
  db.selectFrom('orgs').select(['id', 'hub_org_id', 'region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id', 'name', 'address', 'credit_code']).where('id', '=', orgId).executeTakeFirst();

export const findPopulationMember = (db: Db, planId: number, orgId: number) =>
  db.selectFrom('inspection_population').selectAll().where('plan_id', '=', planId).where('org_id', '=', orgId).executeTakeFirst();
