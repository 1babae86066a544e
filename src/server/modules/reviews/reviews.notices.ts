import type { Db, ReviewCaseRow } from '../../db/types.js';
import { REVIEW_STEP_LABELS, type ReviewDecision, type ReviewStep } from '../../../shared/enums.js';
import { notify } from '../notifications/index.js';
import type { ReviewSubject } from './reviews.registry.js';

/**
 * What the submitter is told of a decision (issue 13 item 6: a return with its reason, a decision), for every subject
 * kind at once: called by decideCase inside the decision's transaction, so a decision rolled back tells nobody.
 */
export function decisionNotice(def: Pick<ReviewSubject<unknown>, 'label' | 'noun'>, c: Pick<ReviewCaseRow, 'title'>, decision: ReviewDecision, step: ReviewStep, nextStep: ReviewStep | null, opinion: string | null) {
  const name = `${def.label}「${c.title}」`;
  const by = REVIEW_STEP_LABELS[step];
  switch (decision) {
    case 'return':
      // seed 004: 退回补正 names what to correct; the reason is the point of the notice.
      return { kind: 'review.return', title: `${name}被退回补正（${by}）`, body: `退回意见：${opinion ?? ''}` };
    case 'reject':
      return { kind: 'review.reject', title: `${name}不予通过（${by}）`, body: `理由：${opinion ?? ''}` };
    case 'approve':
      return nextStep
        ? { kind: 'review.advance', title: `${name}已通过${by}，转${REVIEW_STEP_LABELS[nextStep]}`, body: opinion ? `意见：${opinion}` : null }
        : { kind: 'review.approve', title: `${name}已审核通过`, body: opinion ? `意见：${opinion}` : null };
  }
}

/** Tells the submitter; a reviewer deciding at their own step on what they filed themselves (community staff filing on an organization's behalf) is not told of their own decision. */
export async function notifySubmitter(trx: Db, deciderId: number, def: ReviewSubject<unknown>, c: ReviewCaseRow, decision: ReviewDecision, step: ReviewStep, nextStep: ReviewStep | null, opinion: string | null) {
  if (Number(c.submitted_by) === deciderId) return;
  const notice = decisionNotice(def, c, decision, step, nextStep, opinion);
  await notify(trx, { userIds: [Number(c.submitted_by)], ...notice, link: def.linkOf(Number(c.subject_id)), subject: { kind: def.kind, id: Number(c.subject_id) } });
}
