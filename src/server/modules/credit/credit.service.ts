/**
 * The credit lists' commands and reads (issue 14 item 3): the list pages, one entry with its timers, notice, grounds,
 * timeline and requests, a manual entry, listing at once when the organization waives its objection, and removal on
 * verified compliance (credit.removal.compliance: within 5 working days of the verification, across holidays).
 */
import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { can, listScope, requireAccess, requireOrgAccess, subtreeOf, type Permission } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import { CREDIT_LIST_LABELS } from '../../../shared/schemas/credit-public.js';
import {
  CREDIT_EVENT_LABELS,
  type CreditComplianceBody,
  type CreditCreateBody,
  type CreditEntry,
  type CreditListNowBody,
  type CreditListQuery,
  type CreditListResponse,
} from '../../../shared/schemas/credit.js';
import { findOrgById } from '../orgs/index.js';
import { basisOf } from '../rules/index.js';
import { latestCasesFor } from '../reviews/index.js';
import { workdayOverridesFor } from '../settings/index.js';
import { resolveRegionFor } from '../regions/index.js';
import * as repo from './credit.repository.js';
import { judgeFact } from './credit.engine.js';
import { advanceEntries } from './credit.job.js';
import { complianceRemovalDue } from './credit.policy.js';
import { ruleCache, toListItems } from './credit.mapping.js';

export const ENTITY = 'credit_entry';

export async function loadEntry(db: Db, ctx: RequestContext, id: number, permission: Permission = 'credit.read') {
  requireAccess(ctx.actor, permission);
  const row = await repo.findEntry(db, id);
  if (!row) throw errors.notFound(ENTITY);
  const org = (await findOrgById(db, Number(row.org_id)))!;
  // Reading is credit.read; a change asks its own permission after the entry is found within reach.
  await requireOrgAccess(db, ctx.actor, 'credit.read', org, ENTITY);
  if (permission !== 'credit.read') await requireOrgAccess(db, ctx.actor, permission, org, ENTITY);
  return { row, org, actor: ctx.actor };
}

export async function listCredit(db: Db, ctx: RequestContext, q: CreditListQuery): Promise<CreditListResponse> {
  requireAccess(ctx.actor, 'credit.read');
  const scope = await listScope(db, ctx.actor);
  if (q.region) scope.region = subtreeOf(await resolveRegionFor(db, ctx.actor, q.region, 'credit.read'));
  const { rows, total } = await repo.listEntries(db, scope, q);
  return { items: await toListItems(db, rows, todayInChina()), total };
}

const RIGHTS =
  '贵单位如对上述事实、理由和依据有异议，可以自收到本告知书之日起在陈述申辩期限内向本机关提出陈述和申辩（可通过平台“提出异议”提交）；逾期未提出的，视为放弃陈述申辩权利，本机关将依法列入。列入后履行相关义务或者完成整改的，可以申请移出。对列入决定不服的，可以依法申请行政复议或者提起行政诉讼。';

export async function getCredit(db: Db, ctx: RequestContext, id: number): Promise<CreditEntry> {
  const { row, actor } = await loadEntry(db, ctx, id);
  const today = todayInChina();
  const rules = ruleCache(db);
  const district = row.level3_id === null ? null : Number(row.level3_id);
  const [item] = await toListItems(db, [row], today, rules);
  const [grounds, events, requests, moved] = await Promise.all([
    repo.groundsOf(db, [id]),
    repo.eventsOf(db, id),
    repo.requestsOf(db, [id]),
    db.selectFrom('credit_entries').select('id').where('moved_from_id', '=', id).executeTakeFirst(),
  ]);
  const objectionCases = await latestCasesFor(db, 'credit_objection', requests.filter((r) => r.kind === 'objection').map((r) => Number(r.id)));
  const removalCases = await latestCasesFor(db, 'credit_removal', requests.filter((r) => r.kind === 'removal').map((r) => Number(r.id)));
  const notice = await rules('credit.notice', row.noticed_on, district);
  const districtName = district === null ? '' : ((await repo.regionNames(db, [district])).get(district)?.name ?? '');
  const pending = requests.some((r) => r.status === 'pending');
  const isOwn = actor.role === 'org_leader';
  return {
    ...item!,
    basisNote: row.basis_note,
    removalReason: row.removal_reason,
    removalBasis: row.removal_rule_key && row.removed_on ? basisOf(await rules(row.removal_rule_key, row.removed_on, district), row.removed_on) : null,
    complianceVerifiedOn: row.compliance_verified_on,
    movedFromId: row.moved_from_id === null ? null : Number(row.moved_from_id),
    movedToId: moved ? Number(moved.id) : null,
    grounds: await Promise.all(
      grounds.map(async (g) => {
        const rule = await rules(g.rule_key, g.fact_on, district);
        return { id: Number(g.id), ground: g.rule_key, groundLabel: rule.title, basis: basisOf(rule, g.fact_on), factOn: g.fact_on, evidence: g.evidence, subject: { kind: g.subject_kind, id: Number(g.subject_id) }, remediedOn: g.remedied_on, effect: g.effect };
      }),
    ),
    events: await Promise.all(
      events.map(async (e) => ({
        id: Number(e.id), kind: e.kind, kindLabel: CREDIT_EVENT_LABELS[e.kind], on: e.on_day,
        basis: e.rule_key ? basisOf(await rules(e.rule_key, e.on_day, district), e.on_day) : null,
        reason: e.reason, actor: e.actor_name ?? null, at: new Date(e.created_at).toISOString(),
      })),
    ),
    requests: requests.map((r) => ({
      id: Number(r.id), kind: r.kind, statement: r.statement, filedOn: r.filed_on, filedBy: r.filed_by_name, status: r.status, decidedOn: r.decided_on, opinion: r.opinion,
      caseId: (r.kind === 'objection' ? objectionCases : removalCases).get(Number(r.id))?.id ?? null,
    })),
    notice: {
      no: row.notice_no,
      on: row.noticed_on,
      issuer: `${districtName}民政局`,
      orgName: row.org_name,
      listLabel: CREDIT_LIST_LABELS[row.list],
      facts: grounds.filter((g) => g.fact_on <= row.objection_due_on).map((g) => `${g.fact_on}：${g.evidence}`),
      reasons: `贵单位存在“${item!.groundLabel}”情形，拟列入${CREDIT_LIST_LABELS[row.list]}。${row.basis_note ? `依据：${row.basis_note}。` : ''}`,
      basis: item!.basis,
      noticeBasis: basisOf(notice, row.noticed_on),
      rights: RIGHTS,
      objectionDueOn: row.objection_due_on,
    },
    createdBy: await repo.userName(db, row.created_by === null ? null : Number(row.created_by)),
    actions: {
      object: isOwn && can(actor, 'credit.apply') && row.status === 'noticed' && today <= row.objection_due_on && !pending,
      applyRemoval: isOwn && can(actor, 'credit.apply') && row.status === 'listed' && !pending && (row.list === 'abnormal' || (item!.timers.removableFrom !== null && today >= item!.timers.removableFrom)),
      list: can(actor, 'credit.write') && row.status === 'noticed' && !pending,
      verifyCompliance: can(actor, 'credit.write') && row.status === 'listed' && row.list === 'abnormal' && row.removal_due_on === null,
    },
  };
}

/** A district admin's entry on a ground the platform does not find by itself (a court's list, a revoked change). */
export async function createCredit(db: Db, ctx: RequestContext, body: CreditCreateBody): Promise<CreditEntry> {
  requireAccess(ctx.actor, 'credit.write');
  const org = await findOrgById(db, body.orgId);
  if (!org) throw errors.validation({ orgId: '组织不存在' });
  await requireOrgAccess(db, ctx.actor, 'credit.write', org);
  const today = todayInChina();
  if (body.factOn > today) throw errors.validation({ factOn: '事实发生日期不能晚于今天' });
  const id = await db.transaction().execute(async (trx) => {
    await advanceEntries(trx, ctx, today, body.orgId);
    // A manual entry is its own subject: the next number of the org's manual facts keeps the unique key honest.
    const { n } = await trx.selectFrom('credit_grounds').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', body.orgId).where('subject_kind', '=', 'manual').executeTakeFirstOrThrow();
    const fact = { orgId: body.orgId, ground: body.ground, factOn: body.factOn, evidence: body.facts, subject: { kind: 'manual', id: Number(n) + 1 } };
    const res = await judgeFact(trx, ctx, fact, { noticedOn: today, origin: 'manual', basisNote: body.basisNote ?? null });
    if (res.entryId === null) throw errors.conflict('credit_entry.exists', '该事实已记录');
    return res.entryId;
  });
  return getCredit(db, ctx, id);
}

/** Listing before the window ends: the organization waived its objection (in writing), with the reason. */
export async function listNow(db: Db, ctx: RequestContext, id: number, body: CreditListNowBody): Promise<CreditEntry> {
  const { row } = await loadEntry(db, ctx, id, 'credit.write');
  if (row.status !== 'noticed') throw errors.conflict('credit_entry.not_noticed', '该条目不在告知期内，不能提前列入');
  const pending = (await repo.requestsOf(db, [id])).some((r) => r.kind === 'objection' && r.status === 'pending');
  if (pending) throw errors.conflict('credit_entry.objection_pending', '陈述申辩尚在审核中，须先作出决定');
  const today = todayInChina();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateEntry(trx, id, body.version, { status: 'listed', listed_on: today, period_from: today }))) throw errors.conflict('credit_entry.version_conflict', '该条目刚被他人处理，请刷新后查看');
    await repo.insertEvent(trx, { entry_id: id, kind: 'listed', on_day: today, rule_key: row.rule_key, reason: `告知期满前列入：${body.reason}`, actor_id: ctx.actor!.id });
    await writeAudit(trx, ctx, { action: 'credit.list', entityType: ENTITY, entityId: id, oldValue: { status: row.status }, newValue: { status: 'listed', listedOn: today, reason: body.reason } });
  });
  return getCredit(db, ctx, id);
}

/**
 * Compliance verified (履行义务或完成整改, credit.removal.compliance): the removal is due within 5 working days of the
 * verification, counted with the district's workday overrides. Removed now, or left to the job on the last day.
 */
export async function verifyCompliance(db: Db, ctx: RequestContext, id: number, body: CreditComplianceBody): Promise<CreditEntry> {
  const { row } = await loadEntry(db, ctx, id, 'credit.write');
  if (row.status !== 'listed') throw errors.conflict('credit_entry.not_listed', '该条目未处于列入状态');
  if (row.list !== 'abnormal') throw errors.conflict('credit_entry.dishonest_by_application', '严重违法失信名单须列入满 2 年后经申请移出');
  const today = todayInChina();
  if (body.verifiedOn > today) throw errors.validation({ verifiedOn: '查实日期不能晚于今天' });
  if (body.verifiedOn < row.listed_on!) throw errors.validation({ verifiedOn: '查实日期不能早于列入日期' });
  await removeOnCompliance(db, ctx, row, { verifiedOn: body.verifiedOn, evidence: body.evidence, removeNow: body.removeNow, version: body.version });
  return getCredit(db, ctx, id);
}

/** Shared with an approved removal application: records the verification and removes now or by the due day. */
export async function removeOnCompliance(db: Db, ctx: RequestContext, row: { id: number; level3_id: number | null; status: string }, input: { verifiedOn: string; evidence: string; removeNow: boolean; version: number }, opts = { audited: true }) {
  const district = row.level3_id === null ? null : Number(row.level3_id);
  const rule = await ruleCache(db)('credit.removal.compliance', input.verifiedOn, district);
  const due = complianceRemovalDue(input.verifiedOn, Number(rule.params.workingDays), await workdayOverridesFor(db, district));
  const today = todayInChina();
  const removeOn = input.removeNow || due <= today ? (today < due ? today : due) : null;
  const id = Number(row.id);
  const run = async (trx: Db) => {
    const patch = removeOn
      ? { compliance_verified_on: input.verifiedOn, removal_due_on: due, status: 'removed' as const, removed_on: removeOn, removal_rule_key: rule.key, removal_reason: `${input.verifiedOn} 查实：${input.evidence}` }
      : { compliance_verified_on: input.verifiedOn, removal_due_on: due };
    if (!(await repo.updateEntry(trx, id, input.version, patch))) throw errors.conflict('credit_entry.version_conflict', '该条目刚被他人处理，请刷新后查看');
    await repo.insertEvent(trx, { entry_id: id, kind: 'compliance_verified', on_day: input.verifiedOn, rule_key: rule.key, reason: `${input.evidence}（应于 ${due} 前移出）`, actor_id: ctx.actor?.id ?? null });
    if (removeOn) await repo.insertEvent(trx, { entry_id: id, kind: 'removed', on_day: removeOn, rule_key: rule.key, reason: '履行相关义务或完成整改，移出', actor_id: ctx.actor?.id ?? null });
    // An approved removal application is audited by the chain's decision record.
    if (opts.audited) await writeAudit(trx, ctx, { action: removeOn ? 'credit.remove' : 'credit.verify', entityType: ENTITY, entityId: id, oldValue: { status: row.status }, newValue: { ...patch } });
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
