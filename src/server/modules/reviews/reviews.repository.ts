import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Db, ReviewAction, ReviewCaseRow, ReviewCaseStatus } from '../../db/types.js';
import type { RegionScope } from '../../lib/access.js';
import { regionCondition } from '../../db/scope.js';
import type { ReviewStep } from '../../../shared/enums.js';


export function findCaseById(db: Db, id: number) {
  return db.selectFrom('review_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A subject's latest round (the open one when there is one: a new round opens only after the last closed). */
export function findLatestCase(db: Db, kind: string, subjectId: number) {
  return db.selectFrom('review_cases').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', subjectId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The latest round of each of these subjects. */
export async function findLatestCases(db: Db, kind: string, subjectIds: number[]): Promise<ReviewCaseRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom('review_cases')
    .selectAll()
    .distinctOn('subject_id')
    .where('subject_kind', '=', kind)
    .where('subject_id', 'in', subjectIds)
    .orderBy('subject_id')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertCase(db: Db, row: Omit<ReviewCaseRow, 'id' | 'version' | 'decided_at'>): Promise<number> {
  const { id } = await db.insertInto('review_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone acted first. */
export async function updateCase(db: Db, id: number, version: number, patch: Partial<Omit<ReviewCaseRow, 'id' | 'version'>>): Promise<boolean> {
  const res = await db
    .updateTable('review_cases')
    // Incremented from the stored row (the WHERE holds it equal): a stale version at int4's end is a conflict.
    .set((eb) => ({ ...patch, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface NewReviewEvent {
  caseId: number;
  actorId: number | null;
  actorName: string;
  actorRole: string | null;
  step: ReviewStep | null;
  action: ReviewAction;
  opinion: string | null;
  dueOn: string | null;
}

export async function insertEvent(db: Db, e: NewReviewEvent) {
  await db
    .insertInto('review_events')
    .values({ case_id: e.caseId, at: new Date(), actor_id: e.actorId, actor_name: e.actorName, actor_role: e.actorRole, step: e.step, action: e.action, opinion: e.opinion, due_on: e.dueOn })
    .execute();
}

export function findEvents(db: Db, caseId: number) {
  return db.selectFrom('review_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export interface CaseFilter {
  /** The subject kinds to list (the registered ones, or the one asked for). */
  kinds: string[];
  /** The actor's subtree; null = no restriction. */
  scope: RegionScope | null;
  /** A node chosen inside it. */
  within?: RegionScope;
  queue: 'mine' | 'all';
  actorId: number;
  /** The step the actor's role acts at; null for a role that only submits. */
  actorStep: ReviewStep | null;
  /** An applicant sees only what they submitted. */
  ownOnly: boolean;
  status?: ReviewCaseStatus;
  step?: ReviewStep;
  due?: 'on_time' | 'due_soon' | 'overdue';
  /** An escaped LIKE pattern body for the title. */
  q?: string;
  today: string;
  dueSoonUntil: string;
}

type CaseEb = ExpressionBuilder<DB, 'review_cases'>;

/** An actor's to-dos: cases waiting at their step, and their own returned cases awaiting a resubmission. */
function toDo(eb: CaseEb, f: CaseFilter): Expression<SqlBool> {
  const own = eb.and([eb('submitted_by', '=', f.actorId), eb('status', '=', 'returned')]);
  if (!f.actorStep || f.ownOnly) return own;
  return eb.or([eb.and([eb('status', '=', 'in_review'), eb('current_step', '=', f.actorStep)]), own]);
}

function dueFilter(eb: CaseEb, due: NonNullable<CaseFilter['due']>, today: string, dueSoonUntil: string): Expression<SqlBool> {
  const inReview = eb('status', '=', 'in_review');
  if (due === 'overdue') return eb.and([inReview, eb('step_due_on', '<', today)]);
  if (due === 'due_soon') return eb.and([inReview, eb('step_due_on', '>=', today), eb('step_due_on', '<=', dueSoonUntil)]);
  return eb.and([inReview, eb('step_due_on', '>', dueSoonUntil)]);
}

function filtered(db: Db, f: CaseFilter) {
  return db.selectFrom('review_cases').where((eb) => {
    const parts: Expression<SqlBool>[] = [eb('subject_kind', 'in', f.kinds.length > 0 ? f.kinds : [''])];
    const region = regionCondition(f.scope);
    if (region) parts.push(region);
    if (f.within) parts.push(eb(f.within.column, '=', f.within.id));
    if (f.ownOnly) parts.push(eb('submitted_by', '=', f.actorId));
    if (f.queue === 'mine') parts.push(toDo(eb, f));
    if (f.status) parts.push(eb('status', '=', f.status));
    if (f.step) parts.push(eb('current_step', '=', f.step));
    if (f.due) parts.push(dueFilter(eb, f.due, f.today, f.dueSoonUntil));
    if (f.q) parts.push(eb('title', 'like', `%${f.q}%`));
    return eb.and(parts);
  });
}

export const CASE_SORT = {
  due: [sql`step_due_on asc nulls last`, sql`id asc`],
  submitted: [sql`submitted_at asc`, sql`id asc`],
  '-submitted': [sql`submitted_at desc`, sql`id desc`],
  '-updated': [sql`updated_at desc`, sql`id desc`],
} as const;

export async function listCases(db: Db, f: CaseFilter, sort: keyof typeof CASE_SORT, offset: number, limit: number) {
  let q = filtered(db, f).selectAll();
  for (const o of CASE_SORT[sort]) q = q.orderBy(o);
  const [items, count] = await Promise.all([
    q.offset(offset).limit(limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** To-dos per subject kind, with how many of them are due soon and overdue. */
export async function countToDosByKind(db: Db, f: CaseFilter) {
  const rows = await filtered(db, { ...f, queue: 'mine' })
    .select((eb) => [
      'subject_kind',
      eb.fn.countAll<number>().as('mine'),
      eb.fn.sum<number>(eb.case().when(dueFilter(eb, 'due_soon', f.today, f.dueSoonUntil)).then(1).else(0).end()).as('due_soon'),
      eb.fn.sum<number>(eb.case().when(dueFilter(eb, 'overdue', f.today, f.dueSoonUntil)).then(1).else(0).end()).as('overdue'),
    ])
    .groupBy('subject_kind')
    .execute();
  return new Map(rows.map((r) => [r.subject_kind, { mine: Number(r.mine), dueSoon: Number(r.due_soon ?? 0), overdue: Number(r.overdue ?? 0) }]));
}

/** In-review, due-soon and overdue counts per child node of a region. */
export async function countByChild(db: Db, kinds: string[], parent: RegionScope, childColumn: RegionScope['column'], today: string, dueSoonUntil: string) {
  const rows = await db
    .selectFrom('review_cases')
    .select((eb) => [
      eb.ref(childColumn).as('child_id'),
      eb.fn.countAll<number>().as('in_review'),
      eb.fn.sum<number>(eb.case().when('step_due_on', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('step_due_on', '>=', today), eb('step_due_on', '<=', dueSoonUntil)])).then(1).else(0).end()).as('due_soon'),
    ])
    .where(parent.column, '=', parent.id)
    .where('status', '=', 'in_review')
    .where('subject_kind', 'in', kinds.length > 0 ? kinds : [''])
    .groupBy(childColumn)
    .execute();
  return new Map(rows.map((r) => [Number(r.child_id), { inReview: Number(r.in_review), overdue: Number(r.overdue ?? 0), dueSoon: Number(r.due_soon ?? 0) }]));
}

/** Open cases past their step's due date, a page at a time by id (the overdue job walks them all). */
export function findOverdueCases(db: Db, kinds: string[], today: string, afterId: number, limit: number) {
  return db
    .selectFrom('review_cases')
    .selectAll()
    .where('status', '=', 'in_review')
    .where('step_due_on', '<', today)
    .where('subject_kind', 'in', kinds.length > 0 ? kinds : [''])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
