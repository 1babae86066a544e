import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import '../../db/types-declarations.js';
import type { DeclarationRow, DeclarationStatus, NewDeclaration } from '../../db/types-declarations.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { orgCondition, regionCondition } from '../../db/scope.js';

export function findDeclaration(db: Db, id: number) {
  return db.selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDeclaration(db: Db, row: NewDeclaration) {
  const { id } = await db.insertInto('declarations').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone acted first. */
export async function updateDeclaration(db: Db, id: number, version: number, patch: Partial<Omit<DeclarationRow, 'id' | 'version'>>) {
  const res = await db
    .updateTable('declarations')
    // Incremented from the stored row (the WHERE holds it equal to `version`), as applications do.
    .set((eb) => ({ ...patch, updated_at: new Date(), version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The summary due date alone (moved by a link from the ledger); the declaration's version stays, as no field a form edits changed. */
export async function setSummaryDue(db: Db, id: number, due: string) {
  await db.updateTable('declarations').set({ summary_due_on: due }).where('id', '=', id).execute();
}

export function findSummary(db: Db, declarationId: number) {
  return db.selectFrom('declaration_summaries').selectAll().where('declaration_id', '=', declarationId).executeTakeFirst();
}

export async function insertSummary(db: Db, row: { declaration_id: number; effect: string; problems: string; next_steps: string; due_on: string | null; filed_by: number }) {
  await db.insertInto('declaration_summaries').values({ ...row, filed_at: new Date() }).execute();
}

export async function findSummarizedIds(db: Db, ids: number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db.selectFrom('declaration_summaries').select('declaration_id').where('declaration_id', 'in', ids).execute();
  return new Set(rows.map((r) => Number(r.declaration_id)));
}

/** The ledger activities held under a declaration, with their end day in China time. */
export function findLinkedActivities(db: Db, declarationId: number) {
  return db
    .selectFrom('activities')
    .select(['id', 'title', 'held_on', 'participants', 'activity_type', sql<string>`to_char(ends_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('ends_on')])
    .where('declaration_id', '=', declarationId)
    .where('deleted_at', 'is', null)
    .orderBy('held_on')
    .orderBy('id')
    .execute();
}

export function findActivity(db: Db, id: number) {
  return db.selectFrom('activities').select(['id', 'org_id', 'declaration_id', 'deleted_at', 'title']).where('id', '=', id).executeTakeFirst();
}

/**
 * Sets (or clears) an activity's declaration. The ledger owns the activity row; this module writes only the link
 * column (migration 0018), so an edit of the activity in progress keeps its version.
 */
export async function setActivityDeclaration(db: Db, activityId: number, declarationId: number | null) {
  await db.updateTable('activities').set({ declaration_id: declarationId, updated_at: sql`now()` }).where('id', '=', activityId).execute();
}

/** How many drafts an author has (their to-dos before the chain). */
export async function countDrafts(db: Db, authorId: number) {
  const row = await db.selectFrom('declarations').select((eb) => eb.fn.countAll<number>().as('n')).where('declared_by', '=', authorId).where('status', '=', 'draft').executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface DeclarationFilter {
  scope: ListScope;
  within?: RegionScope;
  viewerId: number;
  status?: DeclarationStatus;
  orgId?: number;
  q?: string;
  /** Approved, summary not filed, due before `today`. */
  overdueOn?: string;
}

type Eb = ExpressionBuilder<DB, 'declarations'>;

/** Drafts stay their author's alone (as applications' do); everything else is seen by whoever reaches its organization. */
function filtered(db: Db, f: DeclarationFilter) {
  return db.selectFrom('declarations').where((eb: Eb) => {
    const parts: Expression<SqlBool>[] = [eb.or([eb('declarations.status', '<>', 'draft'), eb('declarations.declared_by', '=', f.viewerId)])];
    const region = regionCondition(f.scope.region, 'declarations.');
    if (region) parts.push(region);
    const orgs = orgCondition(f.scope.org, { orgColumn: 'org_id', prefix: 'declarations.' });
    if (orgs) parts.push(orgs);
    if (f.within) parts.push(eb(`declarations.${f.within.column}`, '=', f.within.id));
    if (f.status) parts.push(eb('declarations.status', '=', f.status));
    if (f.orgId) parts.push(eb('declarations.org_id', '=', f.orgId));
    if (f.q) parts.push(eb('declarations.title', 'like', `%${f.q}%`));
    if (f.overdueOn) parts.push(overdueCondition(f.overdueOn));
    return eb.and(parts);
  });
}

/** An approved declaration whose summary is past its due date and not filed (the flags and the list share it). */
export function overdueCondition(today: string, table = 'declarations') {
  return sql<SqlBool>`(${sql.ref(`${table}.status`)} = 'approved' and ${sql.ref(`${table}.summary_due_on`)} < ${today}
    and not exists (select 1 from declaration_summaries s where s.declaration_id = ${sql.ref(`${table}.id`)}))`;
}

export async function listDeclarations(db: Db, f: DeclarationFilter, offset: number, limit: number) {
  const [items, count] = await Promise.all([
    filtered(db, f).selectAll('declarations').orderBy('declarations.planned_start_on', 'desc').orderBy('declarations.id', 'desc').offset(offset).limit(limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Approved declarations whose summary falls due in [from, to] and is not filed yet (the reminder source). */
export function findSummariesDueBetween(db: Db, from: string, to: string) {
  return db
    .selectFrom('declarations')
    .select(['id', 'org_id', 'title', 'summary_due_on'])
    .where('status', '=', 'approved')
    .where('summary_due_on', '>=', from)
    .where('summary_due_on', '<=', to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('declaration_summaries').select('declaration_id').whereRef('declaration_summaries.declaration_id', '=', 'declarations.id'))))
    .orderBy('summary_due_on')
    .orderBy('id')
    .execute();
}

/**
 * Approved declarations whose summary was due before a day and not filed by then (China date of filing), as things
 * stood that day: the risk warnings' signal (issue 14 item 5).
 */
export function findSummariesOverdueOn(db: Db, on: string) {
  return db
    .selectFrom('declarations')
    .select(['id', 'org_id', 'title', 'summary_due_on'])
    .where('status', '=', 'approved')
    .where('summary_due_on', '<', on)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('declaration_summaries').select('declaration_id').whereRef('declaration_summaries.declaration_id', '=', 'declarations.id').where(sql<SqlBool>`(declaration_summaries.filed_at at time zone 'Asia/Shanghai')::date <= ${on}`))),
    )
    .orderBy('summary_due_on')
    .orderBy('id')
    .execute();
}
