import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { can, listScope, requireAccess, subtreeOf, type LevelColumn } from '../../lib/access.js';
import { escapeLike } from '../../lib/search-text.js';
import type { ReviewCounts, ReviewListQuery, ReviewListResponse, ReviewOverdueByNode } from '../../../shared/schemas/reviews.js';
import { findChildren, resolveRegionFor } from '../regions/index.js';
import * as repo from './reviews.repository.js';
import { STEP_LEVELS, stepOfRole } from './reviews.policy.js';
import { REVIEW_STEP_ROLES } from '../../../shared/enums.js';
import { reviewSubjectKinds, reviewSubjectOf } from './reviews.registry.js';
import { actorDueWindow, dueWindowOf } from './reviews.service.js';
import { toListItems } from './reviews.mapping.js';

/** The kinds asked for: one registered kind, or all of them (an unknown kind lists nothing rather than failing). */
const kindsOf = (kind: string | undefined) => (kind ? (reviewSubjectOf(kind) ? [kind] : []) : reviewSubjectKinds());

async function filterFor(db: Kysely<DB>, actor: Actor, query: Partial<ReviewListQuery> & Pick<ReviewListQuery, 'queue'>): Promise<repo.CaseFilter> {
  // A node chosen inside the actor's subtree (the one resolver: 404 outside it).
  const within = query.region ? subtreeOf(await resolveRegionFor(db, actor, query.region)) : undefined;
  const { today, dueSoonUntil } = await actorDueWindow(db, actor);
  return {
    kinds: kindsOf(query.kind),
    // Cases carry no organization: the region part of the actor's list scope applies; a role that only submits
    // is narrowed to its own cases below.
    scope: (await listScope(db, actor)).region,
    within,
    queue: query.queue,
    actorId: actor.id,
    actorStep: stepOfRole(actor.role),
    // A role that only submits (an organization leader) sees the cases it submitted.
    ownOnly: !can(actor, 'review.decide'),
    status: query.status,
    step: query.step,
    due: query.due,
    q: query.q ? escapeLike(query.q) : undefined,
    today,
    dueSoonUntil,
  };
}

/** The cross-kind queue: queue=mine the actor's to-dos of every subject kind, queue=all everything in their subtree. */
export async function listReviews(db: Kysely<DB>, ctx: RequestContext, query: ReviewListQuery): Promise<ReviewListResponse> {
  requireAccess(ctx.actor, 'review.read');
  const filter = await filterFor(db, ctx.actor, query);
  const { items, total } = await repo.listCases(db, filter, query.sort, (query.page - 1) * query.pageSize, query.pageSize);
  return { items: await toListItems(db, items, filter.today, filter.dueSoonUntil), total };
}

/** The header bell: the actor's to-dos per subject kind and in total, with the due-soon and overdue ones. */
export async function countReviews(db: Kysely<DB>, ctx: RequestContext): Promise<ReviewCounts> {
  requireAccess(ctx.actor, 'review.read');
  const counts = await repo.countToDosByKind(db, await filterFor(db, ctx.actor, { queue: 'mine' }));
  const zero = { mine: 0, dueSoon: 0, overdue: 0 };
  const byKind = await Promise.all(
    reviewSubjectKinds().map(async (kind) => {
      const subject = reviewSubjectOf(kind)!;
      const cases = counts.get(kind) ?? zero;
      // The actor's drafts of this kind wait for them too (an applicant's unfinished application).
      const drafts = subject.draftsOf ? await subject.draftsOf(db, ctx.actor!) : 0;
      return { kind, label: subject.label, ...cases, mine: cases.mine + drafts };
    }),
  );
  return {
    mine: byKind.reduce((n, k) => n + k.mine, 0),
    dueSoon: byKind.reduce((n, k) => n + k.dueSoon, 0),
    overdue: byKind.reduce((n, k) => n + k.overdue, 0),
    byKind,
  };
}

/** In-review, due-soon and overdue counts per child node (DESIGN §4: deadlines per step, overdue shown per node). */
export async function overdueByNode(db: Kysely<DB>, ctx: RequestContext, code: string | undefined, kind?: string): Promise<ReviewOverdueByNode> {
  requireAccess(ctx.actor, 'review.decide');
  const wanted = code ?? ctx.actor.region?.code;
  if (!wanted) throw errors.validation({ region: '请选择区划' });
  const region = await resolveRegionFor(db, ctx.actor, wanted, 'review.decide');
  const children = await findChildren(db, Number(region.id));
  const { today, dueSoonUntil } = await dueWindowOf(db, region.level3_id ? Number(region.level3_id) : null);
  const childColumn = `level${Math.min(region.level + 1, 6)}_id` as LevelColumn;
  const counts = await repo.countByChild(db, kindsOf(kind), subtreeOf(region), childColumn, today, dueSoonUntil);
  const zero = { inReview: 0, overdue: 0, dueSoon: 0 };
  const ref = (r: { id: number; code: string; name: string; level: number }) => ({ id: Number(r.id), code: r.code, name: r.name, level: r.level });
  return { region: ref(region), items: children.map((c) => ({ region: ref(c), ...(counts.get(Number(c.id)) ?? zero) })) };
}

/**
 * Every open case of a registered kind whose step is past due on `today`, a page at a time (no access check: the
 * overdue job acts for the system and tells each case's own reviewers). Each item says the node acting at the step.
 */
export async function* overdueCases(db: Kysely<DB>, today: string, pageSize = 1000) {
  let afterId = 0;
  for (;;) {
    const rows = await repo.findOverdueCases(db, reviewSubjectKinds(), today, afterId, pageSize);
    if (rows.length === 0) return;
    yield rows.map((c) => {
      const def = reviewSubjectOf(c.subject_kind)!;
      const step = c.current_step!;
      const level = STEP_LEVELS[step];
      const nodeId = c[`level${level}_id` as LevelColumn];
      return { caseId: Number(c.id), kind: c.subject_kind, label: def.label, subjectId: Number(c.subject_id), title: c.title, step, stepRole: REVIEW_STEP_ROLES[step], nodeId: nodeId === null ? null : Number(nodeId), dueOn: c.step_due_on!, link: def.linkOf(Number(c.subject_id)) };
    });
    afterId = Number(rows[rows.length - 1]!.id);
    if (rows.length < pageSize) return;
  }
}
