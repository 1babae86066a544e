import type { Db, ReviewCaseRow } from '../../db/types.js';
import type { DeclarationRow } from '../../db/types-declarations.js';
import type { Actor } from '../../lib/context.js';
import { can } from '../../lib/access.js';
import { addDays } from '../../lib/working-days.js';
import type { Declaration, DeclarationListItem } from '../../../shared/schemas/declarations.js';
import { findOrgNames, placesOf } from '../orgs/index.js';
import { findUserNames } from '../users/index.js';
import { caseEvents, dueStateOf, turnProblem } from '../reviews/index.js';
import { workflowFor } from '../settings/index.js';
import * as repo from './declarations.repository.js';
import { isEditable, isWithdrawable } from './declarations.policy.js';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export async function toListItems(db: Db, rows: DeclarationRow[], today: string): Promise<DeclarationListItem[]> {
  const place = await placesOf(db, rows);
  const users = await findUserNames(db, [...new Set(rows.map((r) => Number(r.declared_by)))]);
  const orgs = await findOrgNames(db, [...new Set(rows.map((r) => Number(r.org_id)))]);
  const summarized = await repo.findSummarizedIds(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => {
    const filed = summarized.has(Number(r.id));
    return {
      id: Number(r.id),
      org: { id: Number(r.org_id), name: orgs.get(Number(r.org_id)) ?? '' },
      ...place(r),
      kinds: r.kinds,
      title: r.title,
      plannedStartOn: r.planned_start_on,
      plannedEndOn: r.planned_end_on,
      place: r.place,
      expectedParticipants: r.expected_participants,
      amountFen: Number(r.amount_fen),
      foreignRelated: r.foreign_related,
      status: r.status,
      declaredBy: { id: Number(r.declared_by), displayName: users.get(Number(r.declared_by)) ?? '' },
      onBehalf: r.on_behalf,
      declaredAt: iso(r.declared_at),
      leadTime: r.lead_required_days !== null && r.lead_unit !== null && r.lead_ahead_days !== null ? { requiredDays: r.lead_required_days, unit: r.lead_unit, aheadDays: r.lead_ahead_days } : null,
      decidedAt: iso(r.decided_at),
      summaryDueOn: r.summary_due_on,
      summaryFiled: filed,
      summaryOverdue: r.status === 'approved' && !filed && r.summary_due_on !== null && r.summary_due_on < today,
      version: r.version,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    };
  });
}

/** The day the event is over: the latest linked activity's end, else the planned end. */
export const eventEndOf = (row: Pick<DeclarationRow, 'planned_end_on'>, activities: { ends_on: string }[]) =>
  activities.reduce((end, a) => (a.ends_on > end ? a.ends_on : end), activities.length > 0 ? activities[0]!.ends_on : row.planned_end_on);

export async function toDeclaration(db: Db, row: DeclarationRow, c: ReviewCaseRow | undefined, viewer: { actor: Actor; mayFile: boolean; today: string }): Promise<Declaration> {
  const [item] = await toListItems(db, [row], viewer.today);
  const [summary, activities] = await Promise.all([repo.findSummary(db, Number(row.id)), repo.findLinkedActivities(db, Number(row.id))]);
  const summaryBy = summary ? await findUserNames(db, [Number(summary.filed_by)]) : new Map<number, string>();
  const own = Number(row.declared_by) === viewer.actor.id;
  let review: Declaration['review'] = null;
  if (c) {
    const dueSoonUntil = addDays(viewer.today, (await workflowFor(db, row.level3_id ? Number(row.level3_id) : null)).dueSoonDays);
    review = {
      caseId: Number(c.id),
      status: c.status,
      steps: c.steps,
      currentStep: c.current_step,
      stepDueOn: c.step_due_on,
      dueUncertain: c.due_uncertain,
      dueState: dueStateOf(c, viewer.today, dueSoonUntil),
      events: await caseEvents(db, Number(c.id)),
    };
  }
  const approved = row.status === 'approved';
  return {
    ...item!,
    content: row.content,
    contactName: row.contact_name,
    // The masked form only: the phone is never opened for a page (lib/personal-data.ts).
    contactPhone: row.contact_phone_masked,
    review,
    summary: summary
      ? {
          effect: summary.effect,
          problems: summary.problems,
          nextSteps: summary.next_steps,
          dueOn: summary.due_on,
          filedAt: iso(summary.filed_at)!,
          filedBy: summaryBy.get(Number(summary.filed_by)) ?? '',
          late: summary.due_on !== null && new Date(summary.filed_at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) > summary.due_on,
        }
      : null,
    activities: activities.map((a) => ({ id: Number(a.id), title: a.title, heldOn: String(a.held_on), endsOn: a.ends_on, participants: a.participants, activityType: a.activity_type })),
    can: {
      edit: own && viewer.mayFile && isEditable(row.status),
      submit: own && viewer.mayFile && isEditable(row.status),
      withdraw: own && viewer.mayFile && isWithdrawable(row.status),
      review: c !== undefined && can(viewer.actor, 'review.decide') && turnProblem(viewer.actor, c) === null,
      fileSummary: viewer.mayFile && approved && !summary && viewer.today >= eventEndOf(row, activities),
      link: viewer.mayFile && approved,
    },
  };
}
