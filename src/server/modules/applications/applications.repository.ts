import { sql, type Insertable, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ApplicationAttachmentsTable, ApplicationRow, DB, Db } from '../../db/types.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { orgCondition, regionCondition } from '../../db/scope.js';
import type { ApplicationKind, ApplicationStatus, ReviewStep, Role } from '../../../shared/enums.js';
import { REVIEW_STEP_ROLES, REVIEW_STEPS } from '../../../shared/enums.js';


export function findApplication(db: Db, id: number) {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertApplication(db: Db, row: Omit<ApplicationRow, 'id' | 'version' | 'steps' | 'due_uncertain' | 'on_behalf'> & Partial<ApplicationRow>) {
  const { id } = await db
    .insertInto('applications')
    .values({ ...row, data: JSON.stringify(row.data) } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone acted first. */
export async function updateApplication(db: Db, id: number, version: number, patch: Partial<Omit<ApplicationRow, 'id' | 'version'>>) {
  const values: Record<string, unknown> = { ...patch, updated_at: new Date() };
  if ('data' in patch) values.data = JSON.stringify(patch.data);
  const res = await db
    .updateTable('applications')
    .set({ ...values, version: version + 1 } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: Db,
  e: { applicationId: number; actorId: number | null; actorName: string; actorRole: string | null; step: ReviewStep | null; action: DB['application_events']['action']; opinion: string | null; dueOn?: string | null },
) {
  await db
    .insertInto('application_events')
    .values({
      application_id: e.applicationId,
      at: new Date(),
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      step: e.step,
      action: e.action,
      opinion: e.opinion,
      due_on: e.dueOn ?? null,
    })
    .execute();
}

export function findEvents(db: Db, applicationId: number) {
  return db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
}

export type AttachmentSummary = Awaited<ReturnType<typeof findAttachments>>[number];

export function findAttachments(db: Db, applicationId: number) {
  return db
    .selectFrom('application_attachments')
    .select(['id', 'kind', 'filename', 'mime_type', 'size_bytes', 'uploaded_at'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

export function findAttachmentContent(db: Db, applicationId: number, attachmentId: number) {
  return db.selectFrom('application_attachments').selectAll().where('id', '=', attachmentId).where('application_id', '=', applicationId).executeTakeFirst();
}

/** An organization's open application (one at a time: a second would race the first). */
export function findOpenApplicationFor(db: Db, orgId: number, exceptId?: number) {
  let q = db
    .selectFrom('applications')
    .select(['id', 'kind', 'status'])
    .where('org_id', '=', orgId)
    .where('status', 'in', ['draft', 'in_review', 'returned']);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export function insertAttachment(db: Db, row: Insertable<ApplicationAttachmentsTable>) {
  return db.insertInto('application_attachments').values(row).returning(['id', 'uploaded_at']).executeTakeFirstOrThrow();
}

export async function deleteAttachment(db: Db, attachmentId: number) {
  await db.deleteFrom('application_attachments').where('id', '=', attachmentId).execute();
}

/** Copies of an application's files with their content (to carry into the registry on approval). */
export function findAttachmentFiles(db: Db, applicationId: number) {
  return db
    .selectFrom('application_attachments')
    .select(['kind', 'filename', 'mime_type', 'size_bytes', 'content', 'uploaded_at', 'uploaded_by'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

/** Links an application to the organization its approval created. */
export async function setApplicationOrg(db: Db, id: number, orgId: number) {
  await db.updateTable('applications').set({ org_id: orgId }).where('id', '=', id).execute();
}

export async function setCertificateNo(db: Db, id: number, certificateNo: string) {
  await db.updateTable('applications').set({ certificate_no: certificateNo }).where('id', '=', id).execute();
}

/** Who is looking, for the "mine" queue and their own drafts. */
export interface Viewer {
  id: number;
  role: Role;
}

export const stepOfRole = (role: Role): ReviewStep | null => REVIEW_STEPS.find((s) => REVIEW_STEP_ROLES[s] === role) ?? null;

export interface ApplicationFilter {
  /** The actor's reach (lib/access.ts listScope): region subtree and, for an organization leader, their organization. */
  scope: ListScope;
  within?: RegionScope;
  viewer: Viewer;
  queue: 'mine' | 'all';
  q?: string;
  kind?: ApplicationKind;
  status?: ApplicationStatus;
  step?: ReviewStep;
  due?: 'on_time' | 'due_soon' | 'overdue';
  today: string;
  dueSoonUntil: string;
}

type AppEb = ExpressionBuilder<DB, 'applications'>;

/**
 * What a viewer may see at all (the listing form of applications.service isVisible): roles limited to an
 * organization set what they filed and what concerns their organizations; staff everything but others' drafts.
 */
function visibleTo(eb: AppEb, v: Viewer, scope: ListScope): Expression<SqlBool> {
  const orgs = orgCondition(scope.org, { orgColumn: 'org_id' });
  if (orgs) return eb.or([eb('applicant_id', '=', v.id), orgs]);
  return eb.or([eb('status', '<>', 'draft'), eb('applicant_id', '=', v.id)]);
}

/** A viewer's to-dos: the items at their step, and their own drafts and returned applications. */
export function toDo(eb: AppEb, v: Viewer): Expression<SqlBool> {
  const own = eb.and([eb('applicant_id', '=', v.id), eb('status', 'in', ['draft', 'returned'])]);
  const step = stepOfRole(v.role);
  if (!step) return own;
  return eb.or([eb.and([eb('status', '=', 'in_review'), eb('current_step', '=', step)]), own]);
}

function dueFilter(eb: AppEb, due: NonNullable<ApplicationFilter['due']>, today: string, dueSoonUntil: string): Expression<SqlBool> {
  const inReview = eb('status', '=', 'in_review');
  if (due === 'overdue') return eb.and([inReview, eb('step_due_on', '<', today)]);
  if (due === 'due_soon') return eb.and([inReview, eb('step_due_on', '>=', today), eb('step_due_on', '<=', dueSoonUntil)]);
  return eb.and([inReview, eb('step_due_on', '>', dueSoonUntil)]);
}

function filtered(db: Db, f: ApplicationFilter) {
  return db.selectFrom('applications').where((eb) => {
    const parts: Expression<SqlBool>[] = [visibleTo(eb, f.viewer, f.scope)];
    const region = regionCondition(f.scope.region);
    if (region) parts.push(region);
    if (f.within) parts.push(eb(f.within.column, '=', f.within.id));
    if (f.queue === 'mine') parts.push(toDo(eb, f.viewer));
    if (f.q) parts.push(eb('name', 'like', `%${f.q}%`));
    if (f.kind) parts.push(eb('kind', '=', f.kind));
    if (f.status) parts.push(eb('status', '=', f.status));
    if (f.step) parts.push(eb('current_step', '=', f.step));
    if (f.due) parts.push(dueFilter(eb, f.due, f.today, f.dueSoonUntil));
    return eb.and(parts);
  });
}

export const APPLICATION_SORT = {
  due: [sql`step_due_on asc nulls last`, sql`id asc`],
  submitted: [sql`submitted_at asc nulls last`, sql`id asc`],
  '-submitted': [sql`submitted_at desc nulls last`, sql`id desc`],
  '-updated': [sql`updated_at desc`, sql`id desc`],
} as const;

export async function listApplications(db: Db, f: ApplicationFilter, sort: keyof typeof APPLICATION_SORT, offset: number, limit: number) {
  let q = filtered(db, f).selectAll();
  for (const o of APPLICATION_SORT[sort]) q = q.orderBy(o);
  const [items, count] = await Promise.all([
    q.offset(offset).limit(limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function countToDos(db: Db, f: ApplicationFilter) {
  const row = await filtered(db, { ...f, queue: 'mine' })
    .select((eb) => [
      eb.fn.countAll<number>().as('mine'),
      eb.fn.sum<number>(eb.case().when(dueFilter(eb, 'due_soon', f.today, f.dueSoonUntil)).then(1).else(0).end()).as('due_soon'),
      eb.fn.sum<number>(eb.case().when(dueFilter(eb, 'overdue', f.today, f.dueSoonUntil)).then(1).else(0).end()).as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  return { mine: Number(row.mine), dueSoon: Number(row.due_soon ?? 0), overdue: Number(row.overdue ?? 0) };
}

/** In-review, due-soon and overdue counts per child node of a region. */
export async function countByChild(db: Db, parent: { column: RegionScope['column']; id: number }, childColumn: RegionScope['column'], today: string, dueSoonUntil: string) {
  const rows = await db
    .selectFrom('applications')
    .select((eb) => [
      eb.ref(childColumn).as('child_id'),
      eb.fn.countAll<number>().as('in_review'),
      eb.fn.sum<number>(eb.case().when('step_due_on', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('step_due_on', '>=', today), eb('step_due_on', '<=', dueSoonUntil)])).then(1).else(0).end()).as('due_soon'),
    ])
    .where(parent.column, '=', parent.id)
    .where('status', '=', 'in_review')
    .groupBy(childColumn)
    .execute();
  return new Map(rows.map((r) => [Number(r.child_id), { inReview: Number(r.in_review), overdue: Number(r.overdue ?? 0), dueSoon: Number(r.due_soon ?? 0) }]));
}
