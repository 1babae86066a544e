import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { requireAccess, requireActiveInspector, requireOrgAccess, type Permission } from '../../lib/access.js';
import type { Actor } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { chineseDate } from '../../lib/pdf.js';
import { startA4Pdf } from '../certificates/index.js';
import { basisOf, ruleInForce } from '../rules/index.js';
import { rankInspectors } from '../../../shared/inspection-draw.js';
import { CHECK_AREA_LABELS, CHECK_AREAS, type InspectionItem, type ResultInput } from '../../../shared/schemas/inspections.js';
import { pickInspectors, resultProblems } from './inspections.policy.js';
import { activeInspectorIds, itemViews } from './inspections.views.js';
import { poolOf } from './inspections.plans.js';
import * as repo from './inspections.repository.js';

/**
 * One drawn organization's check (民发〔2017〕45号 arts. 6, 10, 12): its inspectors fill the checklist and the result,
 * may declare a conflict (replaced by the next of the pool in seed order); the district publishes the result and
 * verifies the rectification.
 */

const ENTITY = 'inspection_item';

async function loadItemFor(db: Db, actor: Actor | null, id: number, permission: Permission) {
  requireAccess(actor, permission);
  const row = await repo.findItem(db, id);
  if (!row) throw errors.notFound(ENTITY);
  await requireOrgAccess(db, actor, permission, { ...row, id: Number(row.org_id), hub_org_id: row.hub_org_id }, ENTITY);
  const [view] = await itemViews(db, actor, [row]);
  return { row, view: view! };
}

export async function getItem(db: Db, ctx: RequestContext, id: number): Promise<InspectionItem> {
  return (await loadItemFor(db, ctx.actor, id, 'inspection.check')).view;
}

export async function myItems(db: Db, ctx: RequestContext): Promise<{ items: InspectionItem[] }> {
  requireAccess(ctx.actor, 'inspection.check');
  return { items: await itemViews(db, ctx.actor, await repo.itemsOfInspector(db, ctx.actor.id)) };
}

/** An inspector declares a conflict: recorded with their words, and the next of the pool in seed order replaces them. */
export async function declareConflict(db: Db, ctx: RequestContext, id: number, reason: string): Promise<InspectionItem> {
  const { row, view } = await loadItemFor(db, ctx.actor, id, 'inspection.check');
  requireActiveInspector(ctx.actor!, activeInspectorIds(view));
  if (row.status !== 'assigned') throw errors.conflict('inspection_item.checked', '检查结果已填写，不能再申报回避');
  const plan = (await repo.findPlan(db, Number(row.plan_id)))!;
  const member = (await repo.findPopulationMember(db, Number(row.plan_id), Number(row.org_id)))!;
  const pool = await poolOf(db, Number(plan.region_id));
  const ordered = await rankInspectors(plan.seed!, member.draw_key, pool.ids);
  const place = (await repo.orgPlaceOf(db, Number(row.org_id)))!;
  const skip = new Set(view.inspectors.map((x) => x.userId));
  const stillActive = activeInspectorIds(view).length - 1;
  const picked = pickInspectors(ordered, Math.max(0, plan.min_inspectors - stillActive), pool.facts, { id: Number(place.id), hubOrgId: place.hub_org_id, communityId: place.level5_id }, skip);
  await db.transaction().execute(async (trx) => {
    await repo.setInspectorStatus(trx, id, ctx.actor!.id, 'declared', reason);
    await repo.insertInspectors(trx, picked.map((x) => ({ item_id: id, user_id: x.userId, status: x.status, reason: x.reason, draw_order: x.drawOrder })));
    await writeAudit(trx, ctx, { action: 'inspection.item.declare_conflict', entityType: ENTITY, entityId: id, newValue: { reason, replacedBy: picked.filter((x) => x.status === 'active').map((x) => x.userId) } });
  });
  // The declarer was let in; an expert who stepped aside no longer reaches the item, so the answer is built here.
  const [after] = await itemViews(db, ctx.actor!, [(await repo.findItem(db, id))!]);
  return after!;
}

/** The checklist and result, by one of the item's inspectors; an on-site check needs the rule's number of them. */
export async function recordResult(db: Db, ctx: RequestContext, id: number, input: ResultInput): Promise<InspectionItem> {
  const { row, view } = await loadItemFor(db, ctx.actor, id, 'inspection.check');
  requireActiveInspector(ctx.actor!, activeInspectorIds(view));
  if (row.published_on) throw errors.conflict('inspection_item.published', '结果已公开，不能再修改');
  const today = todayInChina();
  const problems = resultProblems(input, today);
  if (Object.keys(problems).length) throw errors.validation(problems);
  const plan = (await repo.findPlan(db, Number(row.plan_id)))!;
  if (input.mode === 'on_site' && activeInspectorIds(view).length < row.min_inspectors) {
    // Judged under the inspectors rule of the plan's day, whose number the plan took.
    const rule = await ruleInForce(db, 'inspection.inspectors', { on: plan.decided_on, districtId: Number(plan.region_id) });
    throw errors.conflict('inspection_item.too_few_inspectors', `实地检查应当有 ${row.min_inspectors} 名以上检查人员（${basisOf(rule, plan.decided_on).text}）`);
  }
  const checklist = Object.fromEntries(CHECK_AREAS.map((a) => [a, input.checklist[a]]));
  await db.transaction().execute(async (trx) => {
    const ok = await repo.updateItem(trx, id, input.version, {
      status: 'checked', mode: input.mode, checklist: JSON.stringify(checklist), result: input.result, findings: input.findings || null,
      rectify_by: input.result === 'problems' ? input.rectifyBy! : null, checked_on: today, checked_by: ctx.actor!.id, publish_by: addDays(today, plan.publish_days),
    });
    if (!ok) throw errors.conflict('version_conflict', '检查记录已被他人修改，请刷新后重试');
    await writeAudit(trx, ctx, { action: 'inspection.item.result', entityType: ENTITY, entityId: id, oldValue: row.result ? { result: row.result } : undefined, newValue: { mode: input.mode, result: input.result, rectifyBy: input.rectifyBy ?? null } });
  });
  return getItem(db, ctx, id);
}

/** The district publishes a result on the public register (within inspection.publish days of the check, art. 12). */
export async function publishResult(db: Db, ctx: RequestContext, id: number, version: number): Promise<InspectionItem> {
  const { row } = await loadItemFor(db, ctx.actor, id, 'inspection.plan');
  if (row.status !== 'checked') throw errors.conflict('inspection_item.not_checked', '尚未填写检查结果');
  if (row.published_on) throw errors.conflict('inspection_item.published', '结果已公开');
  const today = todayInChina();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateItem(trx, id, version, { published_on: today }))) throw errors.conflict('version_conflict', '检查记录已被他人修改，请刷新后重试');
    await writeAudit(trx, ctx, { action: 'inspection.item.publish', entityType: ENTITY, entityId: id, newValue: { publishedOn: today, publishBy: row.publish_by } });
  });
  return itemAfter(db, ctx, id);
}

/** The district verifies a rectification: the risk signal of the problem ends that day. */
export async function verifyRectification(db: Db, ctx: RequestContext, id: number, version: number, note: string): Promise<InspectionItem> {
  const { row } = await loadItemFor(db, ctx.actor, id, 'inspection.plan');
  if (row.result !== 'problems') throw errors.conflict('inspection_item.no_problem', '该检查未发现问题，无需整改');
  if (row.rectified_on) throw errors.conflict('inspection_item.rectified', '整改已核实');
  const today = todayInChina();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateItem(trx, id, version, { rectified_on: today, rectified_note: note }))) throw errors.conflict('version_conflict', '检查记录已被他人修改，请刷新后重试');
    await writeAudit(trx, ctx, { action: 'inspection.item.rectified', entityType: ENTITY, entityId: id, newValue: { rectifiedOn: today, note } });
  });
  return itemAfter(db, ctx, id);
}

/** The item as the district sees it after its own change (it may not be an inspector of it). */
async function itemAfter(db: Db, ctx: RequestContext, id: number): Promise<InspectionItem> {
  return (await loadItemFor(db, ctx.actor, id, 'inspection.plan')).view;
}

/** 检查通知书 (art. 10: inspectors show their papers and the notice): A4, one item. */
export async function printNotice(db: Db, ctx: RequestContext, id: number): Promise<{ filename: string; content: Buffer }> {
  const { row, view } = await loadItemFor(db, ctx.actor, id, 'inspection.read');
  const plan = (await repo.findPlan(db, Number(row.plan_id)))!;
  const org = (await repo.orgPlaceOf(db, Number(row.org_id)))!;
  const margin = 64;
  const { doc, done } = startA4Pdf({ Title: `检查通知书 ${org.name}`, Subject: '社会组织抽查检查通知书' }, margin);
  const width = doc.page.width - margin * 2;
  doc.font('bold').fontSize(22).text('社会组织抽查检查通知书', margin, 90, { width, align: 'center', characterSpacing: 2 });
  doc.font('regular').fontSize(11).text(`编号：抽查〔${plan.year}〕${plan.id}-${row.id}`, margin, 130, { width, align: 'right' });
  doc.font('bold').fontSize(13).text(`${org.name}：`, margin, 170);
  const inspectors = view.inspectors.filter((x) => x.status === 'active').map((x) => x.name).join('、') || '（待确定）';
  const body = [
    `根据《社会组织抽查暂行办法》（民发〔2017〕45号）和“${plan.title}”，你单位经公开随机抽取（抽取种子 ${plan.seed?.slice(0, 16)}…，公布于${plan.published_on ? chineseDate(plan.published_on) : ''}），被确定为${plan.year}年度抽查对象。`,
    `现定于收到本通知后安排检查，检查人员：${inspectors}（不少于 ${plan.min_inspectors} 人，出示执法证件）。检查人员与你单位有利害关系的，你单位有权申请其回避。`,
    `检查内容：${CHECK_AREAS.map((a) => CHECK_AREA_LABELS[a]).join('、')}等情况。请你单位如实提供相关材料，配合检查；抽查结果将依法向社会公开。`,
    plan.basis_text,
  ];
  doc.font('regular').fontSize(12);
  for (const p of body) doc.text(`　　${p}`, margin, doc.y + 10, { width, lineGap: 6 });
  doc.text(`统一社会信用代码：${org.credit_code ?? '（备案组织无代码）'}`, margin, doc.y + 16, { width });
  doc.text(`住所：${org.address ?? ''}`, margin, doc.y + 6, { width });
  doc.text('（登记管理机关印章）', margin, doc.y + 60, { width, align: 'right' });
  doc.text(chineseDate(todayInChina()), margin, doc.y + 10, { width, align: 'right' });
  doc.end();
  return { filename: `检查通知书-${org.name}.pdf`, content: await done };
}
