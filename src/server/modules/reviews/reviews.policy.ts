import type { ReviewCaseRow } from '../../db/types.js';
import type { Actor } from '../../lib/context.js';
import { addDays, addWorkingDays } from '../../lib/working-days.js';
import { REVIEW_STEP_LABELS, REVIEW_STEP_ROLES, REVIEW_STEPS, type ReviewDecision, type ReviewStep, type Role } from '../../../shared/enums.js';
import type { ReviewChainSetting, WorkdayOverrides } from '../../../shared/schemas/settings.js';

/** The level of node each step acts for: a community (5), a street or township (4), the district (3). */
export const STEP_LEVELS: Record<ReviewStep, number> = { community: 5, street: 4, district: 3 };

/**
 * The steps a subject placed at a node of `regionLevel` goes through: the district's chain without the steps below
 * the subject's node (a subject placed at a street skips the community pre-review, seed 004; one placed at the
 * district skips the street as well, since no reviewer below the district holds it in their subtree). When the
 * chain has nothing left, the district acts: every subject has somebody to decide it.
 */
export function stepsForLevel(chain: Pick<ReviewChainSetting, 'steps'>, regionLevel: number): ReviewStep[] {
  const steps = chain.steps.filter((s) => STEP_LEVELS[s] <= regionLevel);
  return steps.length > 0 ? steps : ['district'];
}

/** A step's time limit in working days from the chain's deadlines (the setting requires one per listed step). */
export function deadlineDays(chain: Pick<ReviewChainSetting, 'deadlines'>, key: string): number {
  const days = chain.deadlines[key];
  if (days === undefined) throw new Error(`review chain has no deadline for ${key}`);
  return days;
}

/**
 * The due date of a step entered on `entered`: `days` working days later, the day of receipt not counted
 * (administrative time limits run from the next day); uncertain when it passes through a year whose holiday
 * schedule is not published yet.
 */
export function dueDateOf(entered: string, days: number, overrides: WorkdayOverrides = {}) {
  const { due, uncertainYears } = addWorkingDays(entered, days, overrides);
  return { step_due_on: due, due_uncertain: uncertainYears.length > 0 };
}

/** The step after `step` in the case's chain; undefined after the last one. */
export function nextStepOf(steps: readonly ReviewStep[], step: ReviewStep): ReviewStep | undefined {
  const i = steps.indexOf(step);
  return i < 0 ? undefined : steps[i + 1];
}

/** The step a role acts at (a community's staff at the community pre-review, ...); null for roles that never review. */
export const stepOfRole = (role: Role): ReviewStep | null => REVIEW_STEPS.find((s) => REVIEW_STEP_ROLES[s] === role) ?? null;

/**
 * Whether it is this actor's turn on this case: it waits at the step their role acts at. The role fixes the level
 * (ROLE_NODE_LEVELS) and requireAccess the subtree, so the actor's own node is the one the step belongs to.
 * `noun` names the subject in the message (申请, 年报, ...).
 */
export function turnProblem(actor: Pick<Actor, 'role'>, c: Pick<ReviewCaseRow, 'status' | 'current_step'>, noun = '事项'): string | null {
  if (c.status !== 'in_review' || !c.current_step) return `该${noun}当前不在审核中，不能审核`;
  if (REVIEW_STEP_ROLES[c.current_step] !== actor.role) return `该${noun}当前处于“${REVIEW_STEP_LABELS[c.current_step]}”环节，不是您的审核环节`;
  return null;
}

/** A return or a rejection must say why (seed 004: 退回补正须一次性告知需要补正的全部内容; 不予备案须说明理由). */
export function opinionProblem(decision: ReviewDecision, opinion: string | null): Record<string, string> | null {
  if (decision === 'approve' || opinion) return null;
  return { opinion: decision === 'return' ? '退回补正须写明需要补正的内容' : '不予通过须写明理由' };
}

export type DueState = 'on_time' | 'due_soon' | 'overdue';

/** Due soon = due within the district's highlight window (calendar days from today, today included). */
export function dueWindow(today: string, dueSoonDays: number) {
  return { today, dueSoonUntil: addDays(today, dueSoonDays) };
}

export function dueStateOf(c: Pick<ReviewCaseRow, 'status' | 'step_due_on'>, today: string, dueSoonUntil: string): DueState | null {
  if (c.status !== 'in_review' || !c.step_due_on) return null;
  if (c.step_due_on < today) return 'overdue';
  return c.step_due_on <= dueSoonUntil ? 'due_soon' : 'on_time';
}

/** The case after a decision at its current step (`due` for the next step when an approval moves it on). */
export function afterDecision(
  c: Pick<ReviewCaseRow, 'steps' | 'current_step'>,
  decision: ReviewDecision,
  due: { step_due_on: string; due_uncertain: boolean } | null,
  now: Date,
): { nextStep: ReviewStep | null; patch: Partial<Pick<ReviewCaseRow, 'status' | 'current_step' | 'step_due_on' | 'due_uncertain' | 'decided_at'>> } {
  if (decision === 'return') return { nextStep: null, patch: { status: 'returned', step_due_on: null, due_uncertain: false } };
  const closed = { current_step: null, step_due_on: null, due_uncertain: false, decided_at: now };
  if (decision === 'reject') return { nextStep: null, patch: { status: 'rejected', ...closed } };
  const nextStep = nextStepOf(c.steps, c.current_step!) ?? null;
  if (nextStep) {
    if (!due) throw new Error('an approval that moves the case on needs the next step’s due date');
    return { nextStep, patch: { current_step: nextStep, ...due } };
  }
  return { nextStep: null, patch: { status: 'approved', ...closed } };
}
