/**
 * Judging one fact (民政部令第60号): the one path the job, the penalty listener, a manual entry and a confirmed
 * proposal share. A fact already judged is skipped (credit_grounds' unique key); one needing confirmation becomes a
 * proposal; else it opens an entry in notice (告知) on its list, or joins the open one there, restarting its period
 * when the entry is listed (credit.restart). Runs inside the caller's transaction.
 */
import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { writeAudit } from '../../lib/audit.js';
import { chineseDate } from '../../lib/pdf.js';
import { ruleInForce } from '../rules/index.js';
import { workdayOverridesFor } from '../settings/index.js';
import type { CreditFact } from './credit.sources.js';
import * as repo from './credit.repository.js';
import { listOfGround, noticeTimers } from './credit.policy.js';

export interface JudgeOptions {
  /** The day the notice is dated: the fact's day, or the later day the platform learned of it. */
  noticedOn?: string;
  origin?: 'automatic' | 'manual' | 'proposal';
  basisNote?: string | null;
  /**
   * false: in a penalty's transaction, whose own audit record (penalty.record) stands for its consequence; the credit
   * events keep who and when. Keeps one audit record per request of the penalties routes.
   */
  audited?: boolean;
}

export type JudgeEffect = 'known' | 'proposed' | 'opened' | 'joined' | 'restarted';

/** The job's own context: no signed-in actor; its audit records name the job. */
export const jobContext = (on: string): RequestContext => ({ actor: null, requestId: `job:credit:${on}`, ip: null });
const auditActor = (ctx: RequestContext) => (ctx.actor ? {} : { actorName: '信用规则任务' });

export async function districtOf(db: Db, orgId: number): Promise<{ districtId: number | null; name: string }> {
  const org = (await repo.orgFacts(db, [orgId])).get(orgId);
  if (!org) throw new Error(`org ${orgId} not found`);
  return { districtId: org.level3_id, name: org.name };
}

/** 吉民信告〔2026〕3号: the district's first character, the year, the running number. */
async function noticeNumber(db: Db, districtId: number | null, on: string): Promise<string> {
  const year = Number(on.slice(0, 4));
  const n = await repo.nextNoticeNumber(db, districtId ?? 0, year);
  const district = districtId === null ? null : (await repo.regionNames(db, [districtId])).get(districtId);
  return `${district ? district.name.slice(0, 1) : ''}民信告〔${year}〕${n}号`;
}

export async function judgeFact(trx: Db, ctx: RequestContext, fact: CreditFact, opts: JudgeOptions = {}): Promise<{ effect: JudgeEffect; entryId: number | null }> {
  const key = { orgId: fact.orgId, ruleKey: fact.ground, subjectKind: fact.subject.kind, subjectId: fact.subject.id };
  if (await repo.groundKnown(trx, key)) return { effect: 'known', entryId: null };
  if (fact.propose) {
    const id = await repo.insertProposal(trx, { org_id: fact.orgId, rule_key: fact.ground, subject_kind: fact.subject.kind, subject_id: fact.subject.id, fact_on: fact.factOn, evidence: fact.evidence });
    if (id !== null && opts.audited !== false) await writeAudit(trx, ctx, { action: 'credit.propose', entityType: 'credit_proposal', entityId: id, newValue: { ...fact }, ...auditActor(ctx) });
    return { effect: id === null ? 'known' : 'proposed', entryId: null };
  }
  const { districtId } = await districtOf(trx, fact.orgId);
  const list = listOfGround(fact.ground);
  const rule = await ruleInForce(trx, fact.ground, { on: fact.factOn, districtId });
  const open = await repo.findOpenEntry(trx, fact.orgId, list);
  if (open) {
    // A new ground while listed restarts the period (credit.restart); one arriving during the notice joins it.
    const restarts = open.status === 'listed' && fact.factOn > (open.period_from ?? open.listed_on!);
    const groundId = await repo.insertGround(trx, { entry_id: open.id, org_id: fact.orgId, rule_key: fact.ground, subject_kind: fact.subject.kind, subject_id: fact.subject.id, fact_on: fact.factOn, evidence: fact.evidence, remedied_on: fact.remediedOn ?? null, effect: restarts ? 'restarted' : 'opened' });
    if (groundId === null) return { effect: 'known', entryId: Number(open.id) };
    if (restarts) {
      const restart = await ruleInForce(trx, 'credit.restart', { on: fact.factOn, districtId });
      const reason = `${chineseDate(fact.factOn)}因“${rule.title}”（${fact.evidence}）重新计算列入期限`;
      if (!(await repo.updateEntry(trx, Number(open.id), open.version, { period_from: fact.factOn }))) throw new Error('credit entry changed during restart');
      await repo.insertEvent(trx, { entry_id: open.id, kind: 'restarted', on_day: fact.factOn, rule_key: restart.key, reason, actor_id: ctx.actor?.id ?? null });
      if (opts.audited !== false) await writeAudit(trx, ctx, { action: 'credit.restart', entityType: 'credit_entry', entityId: Number(open.id), oldValue: { periodFrom: open.period_from }, newValue: { periodFrom: fact.factOn, ground: fact.ground }, ...auditActor(ctx) });
      return { effect: 'restarted', entryId: Number(open.id) };
    }
    return { effect: 'joined', entryId: Number(open.id) };
  }
  const noticedOn = opts.noticedOn && opts.noticedOn > fact.factOn ? opts.noticedOn : fact.factOn;
  const [notice, record, overrides] = await Promise.all([
    ruleInForce(trx, 'credit.notice', { on: noticedOn, districtId }),
    ruleInForce(trx, 'credit.record_deadline', { on: fact.factOn, districtId }),
    workdayOverridesFor(trx, districtId),
  ]);
  const timers = noticeTimers({ factOn: fact.factOn, noticedOn, objectionWorkingDays: Number(notice.params.objectionWorkingDays), recordWorkingDays: Number(record.params.workingDays), overrides });
  const entryId = await repo.insertEntry(trx, {
    org_id: fact.orgId, list, rule_key: fact.ground, rule_on: fact.factOn, status: 'noticed', origin: opts.origin ?? 'automatic',
    notice_no: await noticeNumber(trx, districtId, noticedOn), noticed_on: noticedOn, objection_due_on: timers.objectionDueOn, record_due_on: timers.recordDueOn,
    listed_on: null, period_from: null, basis_note: opts.basisNote ?? null, compliance_verified_on: null, removal_due_on: null, removed_on: null,
    removal_rule_key: null, removal_reason: null, moved_on: null, moved_from_id: fact.subject.kind === 'credit_entry' ? fact.subject.id : null, withdrawn_on: null,
    created_by: ctx.actor?.id ?? null,
  });
  await repo.insertGround(trx, { entry_id: entryId, org_id: fact.orgId, rule_key: fact.ground, subject_kind: fact.subject.kind, subject_id: fact.subject.id, fact_on: fact.factOn, evidence: fact.evidence, remedied_on: fact.remediedOn ?? null, effect: 'opened' });
  await repo.insertEvent(trx, { entry_id: entryId, kind: 'noticed', on_day: noticedOn, rule_key: notice.key, reason: `告知列入${list === 'abnormal' ? '活动异常名录' : '严重违法失信名单'}：${fact.evidence}`, actor_id: ctx.actor?.id ?? null });
  if (opts.audited !== false) await writeAudit(trx, ctx, { action: 'credit.notice', entityType: 'credit_entry', entityId: entryId, newValue: { orgId: fact.orgId, list, ground: fact.ground, factOn: fact.factOn, noticedOn, ...timers }, ...auditActor(ctx) });
  return { effect: 'opened', entryId };
}
