/**
 * What an organization files about its entry, each on the shared review chain (default: the district decides):
 * - an objection (陈述申辩) within the notice's window: upheld, the notice is withdrawn and nothing is listed;
 *   not upheld, the entry is listed (the job, on the later of the day after the window and the decision);
 * - a removal application: from the abnormal list once the obligation is met (approval = compliance verified, removed
 *   within the 5 working days); from the serious list only after 2 clean years (credit.removal.dishonest).
 */
import type { Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { CreditRequestRow } from '../../db/types-credit.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { requireAccess } from '../../lib/access.js';
import { todayInChina } from '../../lib/working-days.js';
import type { CreditEntry, CreditRequestReviewBody, CreditStatementBody } from '../../../shared/schemas/credit.js';
import { decideCase, defineReviewSubject, latestCasesFor, submitCase } from '../reviews/index.js';
import * as repo from './credit.repository.js';
import { ENTITY, getCredit, loadEntry, removeOnCompliance } from './credit.service.js';
import { ruleCache } from './credit.mapping.js';
import { dishonestRemovableFrom, periodFromOn } from './credit.policy.js';

type RequestSubject = CreditRequestRow;

/** The request follows its case; a return leaves it pending (to be completed and resubmitted), with the opinion. */
async function settle(trx: Transaction<DB>, ctx: RequestContext, req: RequestSubject, status: 'pending' | 'approved' | 'rejected' | 'withdrawn', opinion: string | null) {
  const patch = { status, decided_on: status === 'pending' ? null : todayInChina(), opinion };
  if (!(await repo.updateRequest(trx, Number(req.id), req.version, patch))) throw errors.conflict('credit_request.version_conflict', '该申请刚被他人处理，请刷新后查看');
}

async function entryOf(trx: Db, req: RequestSubject) {
  const entry = await repo.findEntry(trx, Number(req.entry_id));
  if (!entry) throw errors.notFound(ENTITY);
  return entry;
}

export const objectionSubject = defineReviewSubject<RequestSubject>({
  kind: 'credit_objection',
  entity: 'credit_objection',
  label: '信用名录陈述申辩',
  noun: '申辩',
  defaultChain: { steps: ['district'], deadlines: { district: 10 } },
  linkOf: (id) => `/credit/requests/${id}`,
  load: (db, id) => repo.findRequest(db, id),
  async onApprove(trx, ctx, { subject, opinion }) {
    await settle(trx, ctx, subject, 'approved', opinion);
    const entry = await entryOf(trx, subject);
    const today = todayInChina();
    if (entry.status !== 'noticed') return { entryId: Number(entry.id) };
    if (!(await repo.updateEntry(trx, Number(entry.id), entry.version, { status: 'withdrawn', withdrawn_on: today }))) throw errors.conflict('credit_entry.version_conflict', '该条目刚被他人处理，请刷新后查看');
    await repo.insertEvent(trx, { entry_id: entry.id, kind: 'objection_upheld', on_day: today, rule_key: 'credit.notice', reason: opinion, actor_id: ctx.actor?.id ?? null });
    await repo.insertEvent(trx, { entry_id: entry.id, kind: 'withdrawn', on_day: today, rule_key: 'credit.notice', reason: '陈述申辩成立，撤销告知，不予列入', actor_id: ctx.actor?.id ?? null });
    return { entryId: Number(entry.id), withdrawn: true };
  },
  async onReject(trx, ctx, { subject, opinion }) {
    await settle(trx, ctx, subject, 'rejected', opinion);
    await repo.insertEvent(trx, { entry_id: subject.entry_id, kind: 'objection_rejected', on_day: todayInChina(), rule_key: 'credit.notice', reason: opinion, actor_id: ctx.actor?.id ?? null });
  },
  onReturn: async (trx, ctx, { subject, opinion }) => void (await settle(trx, ctx, subject, 'pending', opinion)),
  onWithdraw: async (trx, ctx, { subject }) => void (await settle(trx, ctx, subject, 'withdrawn', null)),
});

export const removalSubject = defineReviewSubject<RequestSubject>({
  kind: 'credit_removal',
  entity: 'credit_removal',
  label: '信用名录移出申请',
  noun: '移出申请',
  defaultChain: { steps: ['district'], deadlines: { district: 5 } },
  linkOf: (id) => `/credit/requests/${id}`,
  load: (db, id) => repo.findRequest(db, id),
  async onApprove(trx, ctx, { subject, opinion }) {
    await settle(trx, ctx, subject, 'approved', opinion);
    const entry = await entryOf(trx, subject);
    if (entry.status !== 'listed') return { entryId: Number(entry.id) };
    const today = todayInChina();
    if (entry.list === 'abnormal') {
      await removeOnCompliance(trx, ctx, entry, { verifiedOn: today, evidence: `移出申请经审核通过：${subject.statement}`, removeNow: true, version: entry.version }, { audited: false });
    } else {
      const patch = { status: 'removed' as const, removed_on: today, removal_rule_key: 'credit.removal.dishonest', removal_reason: `列入满 2 年且期间未再出现列入情形，经申请移出：${subject.statement}` };
      if (!(await repo.updateEntry(trx, Number(entry.id), entry.version, patch))) throw errors.conflict('credit_entry.version_conflict', '该条目刚被他人处理，请刷新后查看');
      await repo.insertEvent(trx, { entry_id: entry.id, kind: 'removed', on_day: today, rule_key: 'credit.removal.dishonest', reason: opinion ?? '经申请移出', actor_id: ctx.actor?.id ?? null });
    }
    return { entryId: Number(entry.id), removed: true };
  },
  async onReject(trx, ctx, { subject, opinion }) {
    await settle(trx, ctx, subject, 'rejected', opinion);
    await repo.insertEvent(trx, { entry_id: subject.entry_id, kind: 'removal_rejected', on_day: todayInChina(), rule_key: null, reason: opinion, actor_id: ctx.actor?.id ?? null });
  },
  onReturn: async (trx, ctx, { subject, opinion }) => void (await settle(trx, ctx, subject, 'pending', opinion)),
  onWithdraw: async (trx, ctx, { subject }) => void (await settle(trx, ctx, subject, 'withdrawn', null)),
});

async function file(db: Db, ctx: RequestContext, entryId: number, kind: 'objection' | 'removal', statement: string, problem: (entry: Awaited<ReturnType<typeof loadEntry>>['row'], today: string) => Promise<string | null>) {
  const { row, org } = await loadEntry(db, ctx, entryId, 'credit.apply');
  const today = todayInChina();
  const refusal = await problem(row, today);
  if (refusal) throw errors.conflict(`credit_entry.cannot_${kind}`, refusal);
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertRequest(trx, { entry_id: entryId, kind, statement, filed_on: today, filed_by: ctx.actor!.id });
    if (id === null) throw errors.conflict('credit_request.pending', kind === 'objection' ? '已提出陈述申辩，正在审核' : '已提出移出申请，正在审核');
    await repo.insertEvent(trx, { entry_id: entryId, kind: kind === 'objection' ? 'objected' : 'removal_applied', on_day: today, rule_key: kind === 'objection' ? 'credit.notice' : null, reason: statement, actor_id: ctx.actor!.id });
    await submitCase(trx, ctx, { kind: kind === 'objection' ? 'credit_objection' : 'credit_removal', subjectId: id, title: `${row.org_name}${kind === 'objection' ? '陈述申辩' : '移出申请'}（${row.notice_no}）`, regionId: Number(org.region_id) });
    // The chain's submission record (credit_objection.submit / credit_removal.submit) is this change's audit record.
  });
  return getCredit(db, ctx, entryId);
}

export const fileObjection = (db: Db, ctx: RequestContext, id: number, body: CreditStatementBody): Promise<CreditEntry> =>
  file(db, ctx, id, 'objection', body.statement, async (row, today) => {
    if (row.status !== 'noticed') return '该条目不在告知期内，不能提出陈述申辩';
    if (today > row.objection_due_on) return `陈述申辩期限已于 ${row.objection_due_on} 届满`;
    return null;
  });

export const applyRemoval = (db: Db, ctx: RequestContext, id: number, body: CreditStatementBody): Promise<CreditEntry> =>
  file(db, ctx, id, 'removal', body.statement, async (row, today) => {
    if (row.status !== 'listed') return '该条目未处于列入状态，无需申请移出';
    if (row.list === 'abnormal') return null;
    const grounds = await repo.groundsOf(db, [Number(row.id)]);
    const periodFrom = periodFromOn(row.listed_on!, grounds.filter((g) => g.effect === 'restarted').map((g) => ({ on: g.fact_on })), today);
    const rule = await ruleCache(db)('credit.removal.dishonest', today, row.level3_id === null ? null : Number(row.level3_id));
    const from = dishonestRemovableFrom(periodFrom, Number(rule.params.cleanYears));
    return today < from ? `严重违法失信名单自 ${periodFrom} 起计算，满 ${rule.params.cleanYears} 年（${from}）后方可申请移出（${rule.source}${rule.article}）` : null;
  });

/** A reviewer's decision from the entry's page: the chain's decision on the request. */
export async function reviewRequest(db: Db, ctx: RequestContext, requestId: number, body: CreditRequestReviewBody): Promise<CreditEntry> {
  requireAccess(ctx.actor, 'review.decide');
  const req = await repo.findRequest(db, requestId);
  if (!req) throw errors.notFound('credit_request');
  await loadEntry(db, ctx, Number(req.entry_id));
  const kind = req.kind === 'objection' ? 'credit_objection' : 'credit_removal';
  if (!(await latestCasesFor(db, kind, [requestId])).has(requestId) || req.status !== 'pending') throw errors.conflict('credit_request.not_in_review', '该申请当前不在审核中');
  await decideCase(db, ctx, { kind, subjectId: requestId }, { decision: body.decision, opinion: body.opinion ?? null });
  return getCredit(db, ctx, Number(req.entry_id));
}
