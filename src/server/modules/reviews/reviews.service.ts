import type { Kysely, Transaction } from 'kysely';
import type { DB, Db, ReviewCaseRow, RegionRow } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { AppError, errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { can, placementColumns, requireAccess, type Permission } from '../../lib/access.js';
import { todayInChina } from '../../lib/working-days.js';
import type { ReviewDecision, ReviewStep } from '../../../shared/enums.js';
import type { ReviewChainSetting } from '../../../shared/schemas/settings.js';
import type { ReviewCase } from '../../../shared/schemas/reviews.js';
import { findRegionById } from '../regions/index.js';
import { reviewChainFor, workdayOverridesFor, workflowFor } from '../settings/index.js';
import * as repo from './reviews.repository.js';
import { afterDecision, deadlineDays, dueDateOf, dueWindow, opinionProblem, stepsForLevel, turnProblem } from './reviews.policy.js';
import { reviewSubjectOf, type ReviewHookInput, type ReviewSubject } from './reviews.registry.js';
import { toEvents, toListItems } from './reviews.mapping.js';
import { notifySubmitter } from './reviews.notices.js';


/** A case named by its id (the cross-kind queue) or by its subject (a subject's own routes). */
export type ReviewRef = { caseId: number } | { kind: string; subjectId: number };

export interface DecisionInput {
  decision: ReviewDecision;
  opinion?: string | null;
  /** The case version the reviewer saw; a later version is refused with 409. */
  version?: number;
  extra?: Record<string, unknown>;
}

export interface DecisionResult {
  case: ReviewCaseRow;
  step: ReviewStep;
  nextStep: ReviewStep | null;
  /** What the subject's onApprove returned (e.g. a certificate number); null for other decisions. */
  effect: unknown;
}

const nounOf = (s: ReviewSubject<unknown>) => s.noun ?? '事项';

/** Runs `fn` in the caller's transaction when given one (a subject's own write), else in a new one. */
function inTransaction<T>(db: Db, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : (db as Kysely<DB>).transaction().execute(fn);
}

function subjectOrThrow(kind: string): ReviewSubject<unknown> {
  const s = reviewSubjectOf(kind);
  if (!s) throw new Error(`review subject kind ${kind} is not defined`);
  return s;
}

/** The district whose settings govern a node (its level-3 ancestor; none above the district). */
const districtOf = (p: { level3_id: number | null }) => (p.level3_id ? Number(p.level3_id) : null);

/** The chain a subject kind follows in a district: the district's setting, else the subject's default. */
export async function chainSettingFor(db: Db, subject: ReviewSubject<unknown>, districtId: number | null): Promise<ReviewChainSetting> {
  return (await reviewChainFor(db, districtId, subject.kind)) ?? subject.defaultChain;
}

/** The due date of `step` entered today, in working days per the district's chain and holiday entries. */
async function dueFor(db: Db, def: ReviewSubject<unknown>, subject: unknown, chain: ReviewChainSetting, step: ReviewStep, districtId: number | null) {
  const days = def.deadlineOf ? def.deadlineOf(step, chain, subject) : deadlineDays(chain, step);
  return dueDateOf(todayInChina(), days, await workdayOverridesFor(db, districtId));
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/**
 * Loads a case for an actor and a permission: 403 without it, 404 when there is no such case, its kind is not
 * defined, it lies outside the actor's subtree, or (for someone who only submits) it is not their own.
 */
async function loadCase(db: Db, ctx: RequestContext, ref: ReviewRef, permission: Permission) {
  requireAccess(ctx.actor, permission);
  const c = 'caseId' in ref ? await repo.findCaseById(db, ref.caseId) : await repo.findLatestCase(db, ref.kind, ref.subjectId);
  const def = c ? reviewSubjectOf(c.subject_kind) : undefined;
  const entity = 'kind' in ref ? (reviewSubjectOf(ref.kind)?.entity ?? 'review') : 'review';
  if (!c || !def) throw errors.notFound(entity);
  requireAccess(ctx.actor, permission, { entity: def.entity, path: c });
  if (!mayDecideAny(ctx.actor) && Number(c.submitted_by) !== ctx.actor.id) throw errors.notFound(def.entity);
  return { c, def, actor: ctx.actor };
}

/** Reviewers see every case in their subtree; a role that only submits sees what it submitted. */
const mayDecideAny = (actor: Actor) => can(actor, 'review.decide');

/**
 * Enters a subject into its chain, or sends a returned one back to the step that returned it (seed 004: 补正后
 * 重新提交 goes to the same step). Called by the subject's own service after its own access check, with its
 * transaction when the subject changes too; writes the case, its event and the audit record.
 */
export async function submitCase(db: Db, ctx: RequestContext, input: { kind: string; subjectId: number; title: string; regionId: number }): Promise<ReviewCaseRow> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const def = subjectOrThrow(input.kind);
  const subject = await def.load(db, input.subjectId);
  if (subject === undefined) throw errors.notFound(def.entity);
  const region = (await findRegionById(db, input.regionId)) as RegionRow;
  const latest = await repo.findLatestCase(db, def.kind, input.subjectId);
  if (latest?.status === 'in_review') throw errors.conflict(`${def.entity}.already_in_review`, `该${nounOf(def)}已在审核中，不能重复提交`);
  const returned = latest?.status === 'returned' ? latest : null;
  const district = districtOf(region);
  const chain = await chainSettingFor(db, def, district);
  const steps = returned ? returned.steps : (def.chainFor?.(subject, region.level, chain) ?? stepsForLevel(chain, region.level));
  const step = returned ? returned.current_step! : steps[0]!;
  const due = await dueFor(db, def, subject, chain, step, district);
  const now = new Date();
  return inTransaction(db, async (trx) => {
    let id: number;
    if (returned) {
      id = Number(returned.id);
      const saved = await repo.updateCase(trx, id, returned.version, { status: 'in_review', title: input.title, ...placementColumns(region), ...due });
      if (!saved) throw errors.conflict(`${def.entity}.version_conflict`, `该${nounOf(def)}刚被他人处理，请刷新后重试`);
    } else {
      id = await repo
        .insertCase(trx, { subject_kind: def.kind, subject_id: input.subjectId, title: input.title, ...placementColumns(region), steps, current_step: step, ...due, status: 'in_review', submitted_by: actor.id, submitted_at: now, created_at: now, updated_at: now })
        .catch((err) => {
          // Two submissions of one subject at once: the open-case index lets one through.
          if (isUniqueViolation(err)) throw errors.conflict(`${def.entity}.already_in_review`, `该${nounOf(def)}已在审核中，不能重复提交`);
          throw err;
        });
    }
    const action = returned ? 'resubmit' : 'submit';
    await repo.insertEvent(trx, { caseId: id, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, step, action, opinion: null, dueOn: due.step_due_on });
    await writeAudit(trx, ctx, { action: `${def.entity}.${action}`, entityType: def.entity, entityId: input.subjectId, regionCode: region.code, newValue: { caseId: id, step, dueOn: due.step_due_on } });
    return (await repo.findCaseById(trx, id))!;
  });
}

/**
 * One reviewer's decision at the case's current step (seed 004: 同意、退回补正、不予通过, with opinion, person and
 * time). Everything happens in one transaction: the case (optimistic version), its event, the subject's effect
 * and the audit record; a refusal (403/404/409/400) changes nothing.
 */
export async function decideCase(db: Db, ctx: RequestContext, ref: ReviewRef, input: DecisionInput): Promise<DecisionResult> {
  const { c, def, actor } = await loadCase(db, ctx, ref, 'review.decide');
  const noun = nounOf(def);
  if (input.version !== undefined && input.version !== c.version) throw errors.conflict(`${def.entity}.version_conflict`, `该${noun}已有新的办理进展，请刷新后查看`);
  const problem = turnProblem(actor, c, noun);
  if (problem) throw errors.conflict(`${def.entity}.not_your_turn`, problem);
  const opinion = input.opinion?.trim() || null;
  const missing = opinionProblem(input.decision, opinion);
  if (missing) throw errors.validation(missing);
  const subject = await def.load(db, Number(c.subject_id));
  if (subject === undefined) throw errors.notFound(def.entity);
  const step = c.current_step!;
  const hookInput: ReviewHookInput<unknown> = { case: c, subject, step, opinion, ...(input.extra ? { extra: input.extra } : {}) };
  const blocked = await def.checks?.(db, input.decision, hookInput);
  if (blocked && Object.keys(blocked).length > 0) throw errors.validation(blocked);
  const district = districtOf(c);
  const moving = input.decision === 'approve' ? (c.steps[c.steps.indexOf(step) + 1] ?? null) : null;
  const due = moving ? await dueFor(db, def, subject, await chainSettingFor(db, def, district), moving, district) : null;
  const { nextStep, patch } = afterDecision(c, input.decision, due, new Date());
  return inTransaction(db, async (trx) => {
    const saved = await repo.updateCase(trx, Number(c.id), c.version, patch);
    if (!saved) throw errors.conflict(`${def.entity}.version_conflict`, `该${noun}刚被他人处理，请刷新后查看`);
    await repo.insertEvent(trx, { caseId: Number(c.id), actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, step, action: input.decision, opinion: opinion ?? '同意', dueOn: due?.step_due_on ?? null });
    let effect: unknown = null;
    if (input.decision === 'approve' && !nextStep) effect = (await def.onApprove(trx, ctx, hookInput)) ?? null;
    if (input.decision === 'approve' && nextStep) await def.onAdvance?.(trx, ctx, hookInput);
    if (input.decision === 'return') await def.onReturn?.(trx, ctx, hookInput);
    if (input.decision === 'reject') await def.onReject?.(trx, ctx, hookInput);
    // The submitter hears of every decision on their case, in this transaction (issue 13 item 6).
    await notifySubmitter(trx, actor.id, def, c, input.decision, step, nextStep, opinion);
    const region = (await findRegionById(trx, Number(c.region_id)))!;
    await writeAudit(trx, ctx, {
      action: `${def.entity}.${input.decision}`,
      entityType: def.entity,
      entityId: Number(c.subject_id),
      regionCode: region.code,
      oldValue: { caseId: Number(c.id), status: c.status, step },
      newValue: { caseId: Number(c.id), step, opinion, nextStep, effect },
    });
    return { case: (await repo.findCaseById(trx, Number(c.id)))!, step, nextStep, effect };
  });
}

/** Several decisions at once (a reviewer's queue): each on its own, and one refusal does not stop the rest. */
/**
 * Several items decided each on its own (a reviewer's queue, issue 11 item 3: batch decisions): one refusal (a 4xx)
 * is that item's result and does not stop the rest; a server error stops the batch. Repeated items count once.
 */
export async function decideEachOnItsOwn<T>(items: readonly T[], keyOf: (item: T) => string, decide: (item: T) => Promise<unknown>) {
  const results: { item: T; ok: boolean; message: string | null }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      await decide(item);
      results.push({ item, ok: true, message: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      results.push({ item, ok: false, message: err.fields ? Object.values(err.fields).join('；') : err.message });
    }
  }
  return results;
}

export async function decideBatch(db: Kysely<DB>, ctx: RequestContext, refs: ReviewRef[], input: Omit<DecisionInput, 'version' | 'extra'>) {
  requireAccess(ctx.actor, 'review.decide');
  const results = await decideEachOnItsOwn(refs, (ref) => JSON.stringify(ref), (ref) => decideCase(db, ctx, ref, input));
  return { items: results.map(({ item, ok, message }) => ({ ref: item, ok, message })) };
}

/**
 * The submitter takes an open case back (seed 004: 撤回). Called by the subject's service (inside its
 * transaction when the subject changes too); the submitter alone may do it.
 */
export async function withdrawCase(db: Db, ctx: RequestContext, ref: ReviewRef, reason?: string | null): Promise<ReviewCaseRow> {
  const actor = ctx.actor;
  if (!actor) throw errors.unauthenticated();
  const c = 'caseId' in ref ? await repo.findCaseById(db, ref.caseId) : await repo.findLatestCase(db, ref.kind, ref.subjectId);
  const def = c ? reviewSubjectOf(c.subject_kind) : undefined;
  if (!c || !def) throw errors.notFound('kind' in ref ? (reviewSubjectOf(ref.kind)?.entity ?? 'review') : 'review');
  if (Number(c.submitted_by) !== actor.id) throw errors.forbidden(`只有提交该${nounOf(def)}的人可以撤回`);
  if (c.status !== 'in_review' && c.status !== 'returned') throw errors.conflict(`${def.entity}.closed`, `该${nounOf(def)}已办结，不能撤回`);
  const subject = await def.load(db, Number(c.subject_id));
  const opinion = reason?.trim() || null;
  return inTransaction(db, async (trx) => {
    const saved = await repo.updateCase(trx, Number(c.id), c.version, { status: 'withdrawn', current_step: null, step_due_on: null, due_uncertain: false, decided_at: new Date() });
    if (!saved) throw errors.conflict(`${def.entity}.version_conflict`, `该${nounOf(def)}刚被处理，请刷新后查看`);
    await repo.insertEvent(trx, { caseId: Number(c.id), actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, step: c.current_step, action: 'withdraw', opinion, dueOn: null });
    await def.onWithdraw?.(trx, ctx, { case: c, subject, step: c.current_step, opinion });
    const region = (await findRegionById(trx, Number(c.region_id)))!;
    await writeAudit(trx, ctx, { action: `${def.entity}.withdraw`, entityType: def.entity, entityId: Number(c.subject_id), regionCode: region.code, newValue: { caseId: Number(c.id), reason: opinion } });
    return (await repo.findCaseById(trx, Number(c.id)))!;
  });
}

/** The actor's due-soon window: from their district's setting (the whole system: the default). */
export async function actorDueWindow(db: Db, actor: Actor) {
  const node = actor.region && actor.region.level >= 3 ? await findRegionById(db, actor.region.id) : undefined;
  return dueWindowOf(db, node ? districtOf(node) : null);
}

export async function dueWindowOf(db: Db, districtId: number | null) {
  return dueWindow(todayInChina(), (await workflowFor(db, districtId)).dueSoonDays);
}

/** One case with its trail, as its subject's page or the queue shows it. */
export async function getCase(db: Db, ctx: RequestContext, ref: ReviewRef): Promise<ReviewCase> {
  const { c, def, actor } = await loadCase(db, ctx, ref, 'review.read');
  const { today, dueSoonUntil } = await dueWindowOf(db, districtOf(c));
  const [item] = await toListItems(db, [c], today, dueSoonUntil);
  const canDecide = can(actor, 'review.decide') && turnProblem(actor, c, nounOf(def)) === null;
  return { ...item!, events: toEvents(await repo.findEvents(db, Number(c.id))), canDecide };
}

/** The latest round of each subject of a kind, for a subject's own list (no access check: the caller has made it). */
export async function latestCasesFor(db: Db, kind: string, subjectIds: number[]): Promise<Map<number, ReviewCaseRow>> {
  const rows = await repo.findLatestCases(db, kind, subjectIds);
  return new Map(rows.map((r) => [Number(r.subject_id), r]));
}

/** A case's trail (no access check: the caller has loaded the subject for the actor). */
export async function caseEvents(db: Db, caseId: number) {
  return toEvents(await repo.findEvents(db, caseId));
}
