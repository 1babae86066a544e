import type { Kysely, Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import type { Declaration, DeclarationSummaryBody } from '../../../shared/schemas/declarations.js';
import { declarationSettingsFor } from '../settings/index.js';
import { regionCodeOf } from '../regions/index.js';
import * as repo from './declarations.repository.js';
import { summaryDueOn } from './declarations.policy.js';
import { eventEndOf } from './declarations.mapping.js';
import { districtOf, ENTITY, getDeclaration, loadDeclaration } from './declarations.service.js';

/**
 * The post-event summary (辽宁 practice: effect, problems, next steps), filed once the activity is over by the
 * organization's leader or its community staff. One per declaration; filed after its due date it is marked late.
 */
export async function fileSummary(db: Kysely<DB>, ctx: RequestContext, id: number, body: DeclarationSummaryBody): Promise<Declaration> {
  const { row, actor } = await loadDeclaration(db, ctx, id, 'declaration.file');
  if (row.status !== 'approved') throw errors.conflict('declaration.not_approved', '只有已同意的申报需要提交活动总结');
  if (await repo.findSummary(db, id)) throw errors.conflict('declaration.summary_filed', '该申报的活动总结已提交');
  const end = eventEndOf(row, await repo.findLinkedActivities(db, id));
  const today = todayInChina();
  if (today < end) throw errors.validation({ effect: `活动 ${end} 结束后才能提交总结` }, '活动尚未结束');
  await db.transaction().execute(async (trx) => {
    await repo.insertSummary(trx, { declaration_id: id, effect: body.effect, problems: body.problems, next_steps: body.nextSteps, due_on: row.summary_due_on, filed_by: actor.id });
    await writeAudit(trx, ctx, { action: 'declaration.summary', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, row.region_id), newValue: { dueOn: row.summary_due_on, filedOn: today } });
  });
  return getDeclaration(db, ctx, id);
}

/**
 * Links a ledger activity of the same organization to its approved declaration (or takes a wrong link off). The
 * link clears the activity's flag; the summary then falls due N days after the latest linked activity's end.
 */
export async function linkActivity(db: Kysely<DB>, ctx: RequestContext, id: number, body: { activityId: number; unlink: boolean }): Promise<Declaration> {
  const { row } = await loadDeclaration(db, ctx, id, 'declaration.file');
  const activity = await repo.findActivity(db, body.activityId);
  if (!activity || activity.deleted_at !== null || Number(activity.org_id) !== Number(row.org_id)) throw errors.validation({ activityId: '没有该组织的这项台账活动（或已删除）' });
  const linkedHere = activity.declaration_id !== null && Number(activity.declaration_id) === id;
  if (body.unlink && !linkedHere) throw errors.validation({ activityId: '该活动未关联本申报' });
  if (!body.unlink) {
    if (row.status !== 'approved') throw errors.conflict('declaration.not_approved', '只有已同意的申报可以关联台账活动');
    if (linkedHere) throw errors.conflict('declaration.already_linked', '该活动已关联本申报');
    if (activity.declaration_id !== null) throw errors.conflict('declaration.linked_elsewhere', `该活动已关联申报（编号 ${activity.declaration_id}），请先取消那项关联`);
  }
  const { summaryDueDays } = await declarationSettingsFor(db, districtOf(row));
  await db.transaction().execute(async (trx) => {
    await repo.setActivityDeclaration(trx, body.activityId, body.unlink ? null : id);
    const hasSummary = (await repo.findSummary(trx, id)) !== undefined;
    const due = row.status === 'approved' && !hasSummary ? summaryDueOn(eventEndOf(row, await repo.findLinkedActivities(trx, id)), summaryDueDays) : row.summary_due_on;
    if (!(await repo.updateDeclaration(trx, id, row.version, { summary_due_on: due }))) throw errors.conflict('declaration.version_conflict', '该申报刚被他人处理，请刷新后重试');
    await writeAudit(trx, ctx, {
      action: body.unlink ? 'declaration.unlink' : 'declaration.link',
      entityType: ENTITY,
      entityId: id,
      regionCode: await regionCodeOf(trx, row.region_id),
      newValue: { activityId: body.activityId, summaryDueOn: due },
    });
  });
  return getDeclaration(db, ctx, id);
}

/**
 * For the ledger, when an activity is entered or edited with `declaration_id` set (the link column, migration 0018):
 * the problem with linking that declaration to an activity of `orgId`, or null. A declaration of another
 * organization, or one not approved, cannot cover the activity (it would hide its flag).
 */
export async function declarationLinkProblem(db: Db, orgId: number, declarationId: number): Promise<string | null> {
  const row = await repo.findDeclaration(db, declarationId);
  if (!row || Number(row.org_id) !== Number(orgId)) return '没有该组织的这项重大活动申报';
  if (row.status !== 'approved') return '只有已同意的申报可以关联台账活动';
  return null;
}

/**
 * For the ledger, in the transaction that set or changed an activity's `declaration_id`: moves the declaration's
 * summary due date to N days after its latest linked activity's end (the district's summaryDueDays), as linking
 * through POST /declarations/{id}/link does. Writes no audit record of its own: the activity's change is audited.
 */
export async function refreshSummaryDue(trx: Transaction<DB>, declarationId: number): Promise<void> {
  const row = await repo.findDeclaration(trx, declarationId);
  if (!row || row.status !== 'approved' || (await repo.findSummary(trx, declarationId))) return;
  const { summaryDueDays } = await declarationSettingsFor(trx, districtOf(row));
  const due = summaryDueOn(eventEndOf(row, await repo.findLinkedActivities(trx, declarationId)), summaryDueDays);
  if (due !== row.summary_due_on) await repo.setSummaryDue(trx, declarationId, due);
}
