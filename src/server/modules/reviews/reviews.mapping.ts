import type { Db, ReviewCaseRow, ReviewEventRow } from '../../db/types.js';
import { REVIEW_STEP_LABELS } from '../../../shared/enums.js';
import type { ReviewCase, ReviewListItem } from '../../../shared/schemas/reviews.js';
import { findRegionsByIds } from '../regions/index.js';
import { dueStateOf } from './reviews.policy.js';
import { reviewSubjectOf } from './reviews.registry.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const PATH_LEVELS = [3, 4, 5, 6] as const;

/** Queue rows: the subject kind and link from the registry, the node and its path from the district down. */
export async function toListItems(db: Db, rows: ReviewCaseRow[], today: string, dueSoonUntil: string): Promise<ReviewListItem[]> {
  const ids = new Set<number>();
  for (const r of rows) {
    ids.add(Number(r.region_id));
    for (const l of PATH_LEVELS) if (r[`level${l}_id`] !== null) ids.add(Number(r[`level${l}_id`]));
  }
  const nodes = new Map((await findRegionsByIds(db, [...ids])).map((n) => [Number(n.id), n]));
  return rows.map((r) => {
    const subject = reviewSubjectOf(r.subject_kind);
    const node = nodes.get(Number(r.region_id))!;
    const dueState = dueStateOf(r, today, dueSoonUntil);
    return {
      id: Number(r.id),
      kind: r.subject_kind,
      kindLabel: subject?.label ?? r.subject_kind,
      subjectId: Number(r.subject_id),
      title: r.title,
      status: r.status,
      steps: r.steps,
      currentStep: r.current_step,
      currentStepLabel: r.current_step ? REVIEW_STEP_LABELS[r.current_step] : null,
      stepDueOn: r.step_due_on,
      dueUncertain: r.due_uncertain,
      dueState,
      overdue: dueState === 'overdue',
      region: { id: Number(node.id), code: node.code, name: node.name, level: node.level },
      regionPath: PATH_LEVELS.map((l) => r[`level${l}_id`])
        .filter((id): id is number => id !== null)
        .map((id) => nodes.get(Number(id))?.name ?? '')
        .join(' / '),
      link: subject?.linkOf(Number(r.subject_id)) ?? '',
      submittedAt: iso(r.submitted_at),
      decidedAt: r.decided_at ? iso(r.decided_at) : null,
      version: r.version,
      updatedAt: iso(r.updated_at),
    };
  });
}

export function toEvents(events: ReviewEventRow[]): ReviewCase['events'] {
  return events.map((e) => ({ id: Number(e.id), at: iso(e.at), actorName: e.actor_name, actorRole: e.actor_role, step: e.step, action: e.action, opinion: e.opinion, dueOn: e.due_on }));
}
