import { describe, expect, it } from 'vitest';
import { COVERED_THROUGH } from '../../lib/working-days.js';
import { applicationChainOf, DEFAULT_WORKFLOW, ReviewChainSetting, ReviewChains } from '../../../shared/schemas/settings.js';
import { afterDecision, deadlineDays, dueDateOf, dueStateOf, dueWindow, nextStepOf, opinionProblem, stepOfRole, stepsForLevel, turnProblem } from './reviews.policy.js';

const chain = (steps: ReviewChainSetting['steps']) => ({ steps, deadlines: { community: 5, street: 10, district: 10 } });

describe('the chain per region level', () => {
  it('keeps the whole chain for a subject at a community (5) or a grid (6)', () => {
    expect(stepsForLevel(chain(['community', 'street']), 5)).toEqual(['community', 'street']);
    expect(stepsForLevel(chain(['community', 'street', 'district']), 6)).toEqual(['community', 'street', 'district']);
  });

  it('skips the community pre-review for a subject placed at a street (4)', () => {
    expect(stepsForLevel(chain(['community', 'street']), 4)).toEqual(['street']);
    expect(stepsForLevel(chain(['community', 'street', 'district']), 4)).toEqual(['street', 'district']);
  });

  it('leaves only the district for a subject at the district (3), and falls back to it when nothing is left', () => {
    expect(stepsForLevel(chain(['community', 'street', 'district']), 3)).toEqual(['district']);
    expect(stepsForLevel(chain(['community', 'street']), 3)).toEqual(['district']);
    expect(stepsForLevel(chain(['community']), 4)).toEqual(['district']);
  });

  it('follows the district setting: without the community pre-review, with a district record', () => {
    expect(stepsForLevel(chain(['street']), 5)).toEqual(['street']);
    expect(stepsForLevel(chain(['street', 'district']), 5)).toEqual(['street', 'district']);
  });

  it('reads today’s filing workflow as the application chain (the default of the `application` kind)', () => {
    expect(applicationChainOf(DEFAULT_WORKFLOW)).toEqual({ steps: ['community', 'street'], deadlines: { community: 5, street: 10, district: 10, registration: 20 } });
    expect(applicationChainOf({ ...DEFAULT_WORKFLOW, filingSteps: 'street_district' }).steps).toEqual(['street', 'district']);
    expect(applicationChainOf({ ...DEFAULT_WORKFLOW, filingSteps: 'community_street_district' }).steps).toEqual(['community', 'street', 'district']);
  });
});

describe('the chain setting', () => {
  it('accepts a chain going up the hierarchy with a limit per step', () => {
    expect(ReviewChains.safeParse({ annual_report: { steps: ['street', 'district'], deadlines: { street: 10, district: 15 } } }).success).toBe(true);
  });

  it('refuses steps out of order or repeated, a step without a limit, a limit of 0 or over 90 days', () => {
    const fields = (v: unknown) => {
      const r = ReviewChainSetting.safeParse(v);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    expect(fields({ steps: ['street', 'community'], deadlines: { street: 1, community: 1 } })).toEqual({ steps: '审核环节须自下而上排列且不能重复（社区 → 街道 → 区）' });
    expect(fields({ steps: ['street', 'street'], deadlines: { street: 1 } })).toEqual({ steps: '审核环节须自下而上排列且不能重复（社区 → 街道 → 区）' });
    expect(fields({ steps: [], deadlines: {} })).toEqual({ steps: '至少保留一个审核环节' });
    expect(fields({ steps: ['street', 'district'], deadlines: { street: 10 } })).toEqual({ 'deadlines.district': '请填写该环节的审核时限（工作日）' });
    expect(fields({ steps: ['street'], deadlines: { street: 0 } })).toEqual({ 'deadlines.street': '审核时限至少 1 个工作日' });
    expect(fields({ steps: ['street'], deadlines: { street: 91 } })).toEqual({ 'deadlines.street': '审核时限不超过 90 个工作日' });
    expect(fields({ steps: ['street'], deadlines: { street: 90 } })).toEqual({});
  });

  it('gives a step its limit, and fails loudly for a step the chain has no limit for', () => {
    expect(deadlineDays({ deadlines: { street: 10 } }, 'street')).toBe(10);
    expect(() => deadlineDays({ deadlines: { street: 10 } }, 'district')).toThrow();
  });
});

describe('the day of a deadline', () => {
  it('counts working days from the day after receipt, across the National Day holiday', () => {
    // Received Wednesday 30 September 2026: 1–7 October off, 8 and 9 count, Saturday 10 is an adjusted working day.
    expect(dueDateOf('2026-09-30', 5)).toEqual({ step_due_on: '2026-10-13', due_uncertain: false });
    expect(dueDateOf('2026-09-30', 1)).toEqual({ step_due_on: '2026-10-08', due_uncertain: false });
    expect(dueDateOf('2026-09-29', 1)).toEqual({ step_due_on: '2026-09-30', due_uncertain: false });
  });

  it('marks a due date in a year without a published schedule as uncertain, unless the district entered it', () => {
    const last = `${COVERED_THROUGH}-12-31`;
    expect(dueDateOf(last, 1).due_uncertain).toBe(true);
    const next = String(COVERED_THROUGH + 1);
    const entered = dueDateOf(last, 1, { [next]: { holidays: [`${next}-01-01`], workdays: [] } });
    expect(entered.due_uncertain).toBe(false);
    expect(entered.step_due_on).not.toBe(`${next}-01-01`);
  });

  it('is overdue the day after the due date, due soon within the window, otherwise on time', () => {
    const { today, dueSoonUntil } = dueWindow('2026-11-20', 2);
    expect(dueSoonUntil).toBe('2026-11-22');
    const at = (d: string) => dueStateOf({ status: 'in_review', step_due_on: d }, today, dueSoonUntil);
    expect(at('2026-11-19')).toBe('overdue');
    expect(at('2026-11-20')).toBe('due_soon');
    expect(at('2026-11-22')).toBe('due_soon');
    expect(at('2026-11-23')).toBe('on_time');
    expect(dueStateOf({ status: 'returned', step_due_on: null }, today, dueSoonUntil)).toBeNull();
  });
});

describe('turns', () => {
  const inReview = (step: 'community' | 'street' | 'district') => ({ status: 'in_review' as const, current_step: step });

  it('is the turn of the role acting at the current step only', () => {
    expect(turnProblem({ role: 'community_staff' }, inReview('community'))).toBeNull();
    expect(turnProblem({ role: 'street_reviewer' }, inReview('street'))).toBeNull();
    expect(turnProblem({ role: 'district_admin' }, inReview('district'))).toBeNull();
    expect(turnProblem({ role: 'street_reviewer' }, inReview('community'))).toBe('该事项当前处于“社区预审”环节，不是您的审核环节');
    expect(turnProblem({ role: 'district_admin' }, inReview('street'), '年报')).toBe('该年报当前处于“街道（乡镇）资格审查”环节，不是您的审核环节');
    expect(turnProblem({ role: 'org_leader' }, inReview('community'))).not.toBeNull();
  });

  it('is nobody’s turn on a returned or closed case', () => {
    expect(turnProblem({ role: 'community_staff' }, { status: 'returned', current_step: 'community' })).toBe('该事项当前不在审核中，不能审核');
    expect(turnProblem({ role: 'street_reviewer' }, { status: 'approved', current_step: null }, '申请')).toBe('该申请当前不在审核中，不能审核');
  });

  it('maps roles to the steps they act at', () => {
    expect(stepOfRole('community_staff')).toBe('community');
    expect(stepOfRole('street_reviewer')).toBe('street');
    expect(stepOfRole('district_admin')).toBe('district');
    expect(stepOfRole('org_leader')).toBeNull();
    expect(stepOfRole('hub_manager')).toBeNull();
  });
});

describe('decisions', () => {
  const now = new Date('2026-11-20T02:00:00Z');
  const due = { step_due_on: '2026-12-04', due_uncertain: false };
  const c = { steps: ['community', 'street'] as ('community' | 'street')[], current_step: 'community' as const };

  it('needs a reason to return or reject, not to approve', () => {
    expect(opinionProblem('return', null)).toEqual({ opinion: '退回补正须写明需要补正的内容' });
    expect(opinionProblem('reject', null)).toEqual({ opinion: '不予通过须写明理由' });
    expect(opinionProblem('reject', '材料不实')).toBeNull();
    expect(opinionProblem('approve', null)).toBeNull();
  });

  it('moves an approval to the next step with its due date, and closes the case after the last', () => {
    expect(nextStepOf(c.steps, 'community')).toBe('street');
    expect(nextStepOf(c.steps, 'street')).toBeUndefined();
    expect(afterDecision(c, 'approve', due, now)).toEqual({ nextStep: 'street', patch: { current_step: 'street', ...due } });
    expect(afterDecision({ ...c, current_step: 'street' }, 'approve', null, now)).toEqual({
      nextStep: null,
      patch: { status: 'approved', current_step: null, step_due_on: null, due_uncertain: false, decided_at: now },
    });
    expect(() => afterDecision(c, 'approve', null, now)).toThrow();
  });

  it('keeps the returning step on a return (the resubmission goes back to it) and closes on a rejection', () => {
    expect(afterDecision(c, 'return', null, now).patch).toEqual({ status: 'returned', step_due_on: null, due_uncertain: false });
    expect(afterDecision(c, 'reject', null, now).patch).toEqual({ status: 'rejected', current_step: null, step_due_on: null, due_uncertain: false, decided_at: now });
  });
});
