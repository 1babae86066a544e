import { sql, type Insertable, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ApplicationAttachmentsTable, ApplicationRow, DB, Db } from '../../db/types.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { orgCondition, regionCondition } from '../../db/scope.js';
import type { ApplicationKind, ApplicationStatus, ReviewStep } from '../../../shared/enums.js';
import { sealJson } from '../../lib/personal-data.js';

export function findApplication(db: Db, id: number) {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertApplication(db: Db, row: Omit<ApplicationRow, 'id' | 'version' | 'on_behalf'> & Partial<ApplicationRow>) {
  const { id } = await db
    .insertInto('applications')
    .values({ ...row, data: JSON.stringify(sealJson(row.data)) } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone acted first. */
export async function updateApplication(db: Db, id: number, version: number, patch: Partial<Omit<ApplicationRow, 'id' | 'version'>>) {
  const values: Record<string, unknown> = { ...patch, updated_at: new Date() };
  // Personal data in the document (leader's ID number and phone, members' phones) is stored sealed (migration 0015).
  if ('data' in patch) values.data = JSON.stringify(sealJson(patch.data));
  const res = await db
    .updateTable('applications')
    // Incremented from the stored row (the WHERE holds it equal to `version`): a stale version at int4's end is a
    // conflict, not a parameter out of range (issue 12 route fuzz).
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The trail outside the review chain: a draft created, a draft withdrawn (the chain writes its own, review_events). */
export async function insertEvent(
  db: Db,
  e: { applicationId: number; actorId: number | null; actorName: string; actorRole: string | null; action: DB['application_events']['action']; opinion: string | null },
) {
  await db
    .insertInto('application_events')
    .values({
      application_id: e.applicationId,
      at: new Date(),
      actor_id: e.actorId,
      actor_name: e.actorName,
      actor_role: e.actorRole,
      step: null,
      action: e.action,
      opinion: e.opinion,
      due_on: null,
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

/** Copies of an application's files with their content, sealed as stored (to carry into the registry on approval). */
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
  /** The step the viewer's role acts at (reviews stepOfRole); null for a role that never reviews. */
  step: ReviewStep | null;
}

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

/**
 * The applications with the state of their review case beside them. The chain's state (step, due date) is held by
 * the reviews module in review_cases, which it alone writes; the list reads it here in the same query, because a
 * reviewer's "mine" queue pages their cases together with their own drafts (which have no case) and sorts by due
 * date. An application has at most one case (a rejected or withdrawn one is never submitted again).
 */
function withCase(db: Db) {
  return db.selectFrom('applications').leftJoinLateral(
    (eb) =>
      eb
        .selectFrom('review_cases')
        .select(['review_cases.status as case_status', 'review_cases.current_step as case_step', 'review_cases.step_due_on as case_due'])
        .where('review_cases.subject_kind', '=', 'application')
        .whereRef('review_cases.subject_id', '=', 'applications.id')
        .orderBy('review_cases.id', 'desc')
        .limit(1)
        .as('rc'),
    (join) => join.onTrue(),
  );
}

type AppEb = ExpressionBuilder<DB & { rc: { case_status: string | null; case_step: ReviewStep | null; case_due: string | null } }, 'applications' | 'rc'>;

/**
 * What a viewer may see at all (the listing form of applications.service isVisible): roles limited to an
 * organization set what they filed and what concerns their organizations; staff everything but others' drafts.
 */
function visibleTo(eb: AppEb, v: Viewer, scope: ListScope): Expression<SqlBool> {
  const orgs = orgCondition(scope.org, { orgColumn: 'org_id', prefix: 'applications.' });
  if (orgs) return eb.or([eb('applications.applicant_id', '=', v.id), orgs]);
  return eb.or([eb('applications.status', '<>', 'draft'), eb('applications.applicant_id', '=', v.id)]);
}

/** A viewer's to-dos: the cases waiting at their step, and their own drafts and returned applications. */
function toDo(eb: AppEb, v: Viewer): Expression<SqlBool> {
  const own = eb.and([eb('applications.applicant_id', '=', v.id), eb('applications.status', 'in', ['draft', 'returned'])]);
  if (!v.step) return own;
  return eb.or([eb.and([eb('rc.case_status', '=', 'in_review'), eb('rc.case_step', '=', v.step)]), own]);
}

function dueFilter(eb: AppEb, due: NonNullable<ApplicationFilter['due']>, today: string, dueSoonUntil: string): Expression<SqlBool> {
  const inReview = eb('rc.case_status', '=', 'in_review');
  if (due === 'overdue') return eb.and([inReview, eb('rc.case_due', '<', today)]);
  if (due === 'due_soon') return eb.and([inReview, eb('rc.case_due', '>=', today), eb('rc.case_due', '<=', dueSoonUntil)]);
  return eb.and([inReview, eb('rc.case_due', '>', dueSoonUntil)]);
}

function filtered(db: Db, f: ApplicationFilter) {
  return withCase(db).where((eb) => {
    const parts: Expression<SqlBool>[] = [visibleTo(eb, f.viewer, f.scope)];
    const region = regionCondition(f.scope.region, 'applications.');
    if (region) parts.push(region);
    if (f.within) parts.push(eb(`applications.${f.within.column}`, '=', f.within.id));
    if (f.queue === 'mine') parts.push(toDo(eb, f.viewer));
    if (f.q) parts.push(eb('applications.name', 'like', `%${f.q}%`));
    if (f.kind) parts.push(eb('applications.kind', '=', f.kind));
    if (f.status) parts.push(eb('applications.status', '=', f.status));
    // The step a case waits at, or the one that returned it (the resubmission goes back there).
    if (f.step) parts.push(eb('rc.case_step', '=', f.step));
    if (f.due) parts.push(dueFilter(eb, f.due, f.today, f.dueSoonUntil));
    return eb.and(parts);
  });
}

export const APPLICATION_SORT = {
  due: [sql`rc.case_due asc nulls last`, sql`applications.id asc`],
  submitted: [sql`applications.submitted_at asc nulls last`, sql`applications.id asc`],
  '-submitted': [sql`applications.submitted_at desc nulls last`, sql`applications.id desc`],
  '-updated': [sql`applications.updated_at desc`, sql`applications.id desc`],
} as const;

export async function listApplications(db: Db, f: ApplicationFilter, sort: keyof typeof APPLICATION_SORT, offset: number, limit: number) {
  let q = filtered(db, f).selectAll('applications');
  for (const o of APPLICATION_SORT[sort]) q = q.orderBy(o);
  const [items, count] = await Promise.all([
    q.offset(offset).limit(limit).execute(),
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** How many drafts an applicant has (their to-dos before the review chain). */
export async function countDrafts(db: Db, applicantId: number) {
  const row = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('applicant_id', '=', applicantId).where('status', '=', 'draft').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The applications' own to-do counts: the cases at the viewer's step and their own drafts and returned ones. */
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
