import type { Db } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { can, isInJurisdiction, listScope, requireAccess, requireOrgAccess, subtreeOf } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import { findChildren, resolveRegionFor } from '../regions/index.js';
import { notify } from '../notifications/index.js';
import {
  RISK_KIND_LABELS, RISK_OUTCOME_LABELS, type RiskBoard, type RiskCloseInput, type RiskInterviewNoticeInput, type RiskInterviewRecordInput, type RiskItem, type RiskListQuery, type RiskListResponse,
} from '../../../shared/schemas/risks.js';
import type { RiskItemRow, RiskStepKind } from '../../db/types-risks.js';
import * as repo from './risks.repository.js';
import { orgPlaceOf, ownerPathOf, toItem, toSummary } from './risks.mapping.js';
import { canTake, outcomesFor, type RiskAction } from './risks.policy.js';

const ENTITY = 'risk_item';

/** GET /risks: the items the reader reaches (listScope), under a node, filtered, sorted, a page. */
export async function listRisks(db: Db, ctx: RequestContext, q: RiskListQuery): Promise<RiskListResponse> {
  requireAccess(ctx.actor, 'risk.read');
  const scope = await listScope(db, ctx.actor);
  const node = q.region ? await resolveRegionFor(db, ctx.actor, q.region, 'risk.read', 'region') : null;
  const today = todayInChina();
  const { items, total } = await repo.listItems(
    db,
    {
      scope,
      within: node ? subtreeOf({ id: Number(node.id), level: node.level }) : undefined,
      ownerId: node && q.owned === 'true' ? Number(node.id) : undefined,
      status: q.status,
      kind: q.kind,
      level: q.level,
      orgId: q.org,
      overdueOn: q.overdue === 'true' ? today : undefined,
    },
    q.sort,
    (q.page - 1) * q.pageSize,
    q.pageSize,
  );
  return { items: items.map((r) => toSummary(r, today)), total, page: q.page, pageSize: q.pageSize };
}

async function loadItemFor(db: Db, ctx: RequestContext, id: number, permission: 'risk.read' | 'risk.handle' | 'risk.report') {
  requireAccess(ctx.actor, permission);
  const row = await repo.findItem(db, id);
  if (!row) throw errors.notFound(ENTITY);
  await requireOrgAccess(db, ctx.actor, permission, orgPlaceOf(row), ENTITY);
  return row;
}

/** The owner node or a node above it follows an item up (rule risk.owner): a community does not act on the street's. */
const ownsItem = (actor: Actor, row: repo.RiskItemWithNames) => isInJurisdiction(actor, ownerPathOf(row));

function abilities(actor: Actor, row: repo.RiskItemWithNames, today: string): RiskItem['can'] {
  const handles = can(actor, 'risk.handle') && ownsItem(actor, row);
  const may = (a: RiskAction) => handles && canTake(a, row.status);
  return {
    remind: may('remind'),
    interviewNotice: may('interviewNotice'),
    interviewRecord: may('interviewRecord'),
    report: can(actor, 'risk.report') && canTake('report', row.status),
    verify: may('verify'),
    close: may('close'),
    outcomes: handles ? outcomesFor(row, today) : [],
  };
}

/** GET /risks/{id}: the item with its evidence, rule basis, steps and what the reader may do. */
export async function getRisk(db: Db, ctx: RequestContext, id: number): Promise<RiskItem> {
  const row = await loadItemFor(db, ctx, id, 'risk.read');
  const steps = await repo.findSteps(db, id);
  const today = todayInChina();
  const closedBy = [...steps].reverse().find((s) => s.step === 'closed')?.by_name ?? null;
  return toItem(row, steps, today, abilities(ctx.actor!, row, today), closedBy);
}

export interface StepChange {
  patch: Parameters<typeof repo.updateItem>[3];
  step: RiskStepKind;
  data: Record<string, unknown>;
  /** Told to the organization's leader accounts (a reminder, a summons, a rectification notice). */
  tell?: { title: string; body: string };
}

/**
 * One step of an item, in one transaction with its audit record: the reader's permission and reach, the owner rule
 * for handling, the order of the steps (409 out of turn), the version the reader saw (409 when stale).
 */
async function takeStep(
  db: Db,
  ctx: RequestContext,
  id: number,
  version: number,
  action: RiskAction,
  decide: (row: repo.RiskItemWithNames, today: string) => StepChange,
): Promise<RiskItem> {
  const permission = action === 'report' ? 'risk.report' : 'risk.handle';
  const row = await loadItemFor(db, ctx, id, permission);
  const actor = ctx.actor!;
  if (permission === 'risk.handle' && !ownsItem(actor, row)) throw errors.forbidden(`该风险由${row.owner_name}跟进处置`);
  if (!canTake(action, row.status)) throw errors.conflict('risk.step_order', '该风险当前所处环节不能进行此操作，请刷新后查看');
  const today = todayInChina();
  const change = decide(row, today);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateItem(trx, id, version, change.patch))) throw errors.conflict('risk.version_conflict', '该风险已被他人处理，请刷新后重试');
    await repo.insertStep(trx, { item_id: id, step: change.step, on_day: today, data: change.data, by_user: actor.id, by_name: actor.displayName });
    await writeAudit(trx, ctx, { action: `risk.${change.step}`, entityType: ENTITY, entityId: id, oldValue: { status: row.status }, newValue: { status: change.patch.status, ...change.data }, regionCode: row.place_code });
    if (change.tell) {
      const leaders = await repo.leaderIds(trx, Number(row.org_id));
      if (leaders.length > 0) await notify(trx, { userIds: leaders, kind: 'risk', title: change.tell.title, body: change.tell.body, link: `/risks/${id}`, subject: { kind: ENTITY, id } });
    }
  });
  return getRisk(db, ctx, id);
}

const label = (row: Pick<RiskItemRow, 'kind'>) => RISK_KIND_LABELS[row.kind];

export const remind = (db: Db, ctx: RequestContext, id: number, body: { version: number; note?: string }) =>
  takeStep(db, ctx, id, body.version, 'remind', (row) => ({
    patch: { status: 'reminded' },
    step: 'reminder',
    data: { note: body.note ?? null },
    tell: { title: `风险提醒：${label(row)}`, body: `${row.evidence}${body.note ? ` ${body.note}` : ''} 请于 ${row.due_on} 前处理并反馈。` },
  }));

/** 约谈通知 (民发〔2016〕39号): the reason, time, place and who is to attend, told in writing before the interview. */
export const noticeInterview = (db: Db, ctx: RequestContext, id: number, body: RiskInterviewNoticeInput) =>
  takeStep(db, ctx, id, body.version, 'interviewNotice', (row, today) => {
    if (body.date < today) throw errors.validation({ date: '约谈日期不能早于今天' });
    return {
      patch: { status: 'interview_noticed' },
      step: 'interview_notice',
      data: { date: body.date, time: body.time, place: body.place, attendees: body.attendees, reason: body.reason },
      tell: { title: `约谈通知：${label(row)}`, body: `请 ${body.attendees} 于 ${body.date} ${body.time} 到 ${body.place} 参加约谈。事由：${body.reason}` },
    };
  });

/** The record of the interview and the rectification notice with its items and deadline. */
export const recordInterview = (db: Db, ctx: RequestContext, id: number, body: RiskInterviewRecordInput) =>
  takeStep(db, ctx, id, body.version, 'interviewRecord', (row, today) => {
    const fields: Record<string, string> = {};
    if (body.heldOn > today) fields.heldOn = '约谈日期不能晚于今天';
    if (body.rectifyDueOn <= body.heldOn) fields.rectifyDueOn = '整改期限应晚于约谈日期';
    if (Object.keys(fields).length > 0) throw errors.validation(fields);
    return {
      patch: { status: 'rectifying', interviewed_on: body.heldOn, rectify_due_on: body.rectifyDueOn },
      step: 'interview_record',
      data: { heldOn: body.heldOn, attendees: body.attendees, record: body.record, rectifyItems: body.rectifyItems, rectifyDueOn: body.rectifyDueOn },
      tell: { title: `整改通知：${label(row)}`, body: `请于 ${body.rectifyDueOn} 前完成整改并提交整改报告。整改事项：${body.rectifyItems}` },
    };
  });

/** The organization's rectification report (risk.report: its own leader). */
export const reportRectification = (db: Db, ctx: RequestContext, id: number, body: { version: number; measures: string }) =>
  takeStep(db, ctx, id, body.version, 'report', () => ({ patch: { status: 'reported' }, step: 'report', data: { measures: body.measures } }));

/** Verification: passed → verified (the remedy's day, for the credit ground); failed → back to rectification. */
export const verifyRectification = (db: Db, ctx: RequestContext, id: number, body: { version: number; passed: boolean; note: string }) =>
  takeStep(db, ctx, id, body.version, 'verify', (row, today) => ({
    patch: body.passed ? { status: 'verified', remedied_on: today } : { status: 'rectifying' },
    step: 'verification',
    data: { passed: body.passed, note: body.note },
    tell: body.passed ? undefined : { title: `整改未通过核查：${label(row)}`, body: `${body.note} 请继续整改${row.rectify_due_on ? `（期限 ${row.rectify_due_on}）` : ''}。` },
  }));

/** 销号: closed with the outcome (closed ≠ fixed), the person and the day. */
export const closeRisk = (db: Db, ctx: RequestContext, id: number, body: RiskCloseInput) =>
  takeStep(db, ctx, id, body.version, 'close', (row, today) => {
    if (!outcomesFor(row, today).includes(body.outcome)) {
      const why = body.outcome === 'fixed' ? '尚未核查整改到位，且风险信号仍在' : body.outcome === 'not_fixed_credit' ? '没有已过期且未完成的整改期限' : '当前不能选择该结果';
      throw errors.validation({ outcome: `不能以“${RISK_OUTCOME_LABELS[body.outcome]}”销号：${why}` });
    }
    return { patch: { status: 'closed', outcome: body.outcome, closed_on: today, closed_by: ctx.actor!.id, close_note: body.note }, step: 'closed', data: { outcome: body.outcome, note: body.note } };
  });

/** GET /risks/board: open items by kind × level for the node (its own and its subtree) and each child node. */
export async function riskBoard(db: Db, ctx: RequestContext, code: string | undefined): Promise<RiskBoard> {
  requireAccess(ctx.actor, 'risk.read');
  const c = code ?? ctx.actor.region?.code;
  if (!c) throw errors.validation({ region: '请选择区划' });
  const node = await resolveRegionFor(db, ctx.actor, c, 'risk.read', 'region');
  const today = todayInChina();
  const scope = await listScope(db, ctx.actor);
  const childLevel = node.level < 6 ? node.level + 1 : null;
  const rows = await repo.boardCounts(db, { scope, within: subtreeOf({ id: Number(node.id), level: node.level }) }, Number(node.id), childLevel, today);
  const empty = () => ({ total: 0, overdue: 0, byKind: {} as RiskBoard['total']['byKind'] });
  const add = (counts: RiskBoard['total'], r: (typeof rows)[number]) => {
    counts.total += Number(r.n);
    counts.overdue += Number(r.overdue);
    const k = (counts.byKind[r.kind] ??= { low: 0, medium: 0, high: 0 });
    k[r.level] += Number(r.n);
  };
  const total = empty();
  const own = empty();
  const byChild = new Map<number, RiskBoard['total']>();
  for (const r of rows) {
    add(total, r);
    if (r.own) add(own, r);
    if (r.child_id !== null) {
      const id = Number(r.child_id);
      if (!byChild.has(id)) byChild.set(id, empty());
      add(byChild.get(id)!, r);
    }
  }
  const ref = (r: { id: number | string; code: string; name: string; level: number }) => ({ id: Number(r.id), code: r.code, name: r.name, level: Number(r.level) });
  const children = childLevel === null ? [] : await findChildren(db, Number(node.id));
  return { region: ref(node), today, total, own, nodes: children.map((ch) => ({ region: ref(ch), counts: byChild.get(Number(ch.id)) ?? empty() })) };
}

export { loadItemFor };
