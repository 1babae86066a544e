/**
 * Proposals (facts needing a person's confirmation, e.g. a party organization not set up) and the registered letters
 * of the unreachable ground. A confirmed proposal is judged like any fact (notice first); a dismissed one keeps its
 * reason and is never proposed again.
 */
import type { Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { listScope, requireAccess, requireOrgAccess } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import type { CreditLetterBody, CreditLettersResponse, CreditProposal, CreditProposalQuery } from '../../../shared/schemas/credit.js';
import { findOrgById } from '../orgs/index.js';
import { basisOf } from '../rules/index.js';
import * as repo from './credit.repository.js';
import type { ProposalWithOrg } from './credit.repository.js';
import { judgeFact } from './credit.engine.js';
import { advanceEntries } from './credit.job.js';
import { ruleCache } from './credit.mapping.js';
import { listOfGround, unreachableExplanation } from './credit.policy.js';

async function toProposal(db: Db, p: ProposalWithOrg, rules = ruleCache(db)): Promise<CreditProposal> {
  const rule = await rules(p.rule_key, p.fact_on, p.level3_id === null ? null : Number(p.level3_id));
  return {
    id: Number(p.id), org: { id: Number(p.org_id), name: p.org_name }, ground: p.rule_key, groundLabel: rule.title, list: listOfGround(p.rule_key), basis: basisOf(rule, p.fact_on),
    factOn: p.fact_on, evidence: p.evidence, subject: { kind: p.subject_kind, id: Number(p.subject_id) }, status: p.status, entryId: p.entry_id === null ? null : Number(p.entry_id),
    decidedBy: p.decided_by_name, decidedOn: p.decided_on, reason: p.reason, version: p.version,
  };
}

export async function listProposals(db: Db, ctx: RequestContext, q: CreditProposalQuery) {
  requireAccess(ctx.actor, 'credit.write');
  const { rows, total } = await repo.listProposals(db, await listScope(db, ctx.actor), q);
  const rules = ruleCache(db);
  return { items: await Promise.all(rows.map((r) => toProposal(db, r, rules))), total };
}

async function loadProposal(db: Db, ctx: RequestContext, id: number) {
  requireAccess(ctx.actor, 'credit.write');
  const p = await repo.findProposal(db, id);
  if (!p) throw errors.notFound('credit_proposal');
  await requireOrgAccess(db, ctx.actor, 'credit.write', (await findOrgById(db, Number(p.org_id)))!, 'credit_proposal');
  if (p.status !== 'pending') throw errors.conflict('credit_proposal.decided', '该建议已处理');
  return p;
}

export async function confirmProposal(db: Db, ctx: RequestContext, id: number, version: number): Promise<CreditProposal> {
  const p = await loadProposal(db, ctx, id);
  const today = todayInChina();
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateProposal(trx, id, version, { status: 'confirmed', decided_by: ctx.actor!.id, decided_on: today }))) throw errors.conflict('credit_proposal.version_conflict', '该建议刚被他人处理，请刷新后查看');
    await advanceEntries(trx, ctx, today, Number(p.org_id));
    // The proposal's own key marks the fact judged; the entry's ground names the proposal as its subject.
    const res = await judgeFact(trx, ctx, { orgId: Number(p.org_id), ground: p.rule_key, factOn: p.fact_on, evidence: p.evidence, subject: { kind: 'credit_proposal', id } }, { noticedOn: today, origin: 'proposal' });
    await repo.updateProposal(trx, id, version + 1, { entry_id: res.entryId });
    await writeAudit(trx, ctx, { action: 'credit.proposal_confirm', entityType: 'credit_proposal', entityId: id, newValue: { entryId: res.entryId, effect: res.effect } });
  });
  return toProposal(db, (await repo.findProposal(db, id))!);
}

export async function dismissProposal(db: Db, ctx: RequestContext, id: number, body: { reason: string; version: number }): Promise<CreditProposal> {
  await loadProposal(db, ctx, id);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateProposal(trx, id, body.version, { status: 'dismissed', decided_by: ctx.actor!.id, decided_on: todayInChina(), reason: body.reason }))) throw errors.conflict('credit_proposal.version_conflict', '该建议刚被他人处理，请刷新后查看');
    await writeAudit(trx, ctx, { action: 'credit.proposal_dismiss', entityType: 'credit_proposal', entityId: id, newValue: { reason: body.reason } });
  });
  return toProposal(db, (await repo.findProposal(db, id))!);
}

async function orgFor(db: Db, ctx: RequestContext, orgId: number, permission: 'credit.read' | 'credit.write') {
  requireAccess(ctx.actor, permission);
  const org = await findOrgById(db, orgId);
  if (!org) throw errors.notFound('org');
  await requireOrgAccess(db, ctx.actor, permission, org);
  return org;
}

export async function letters(db: Db, ctx: RequestContext, orgId: number): Promise<CreditLettersResponse> {
  const org = await orgFor(db, ctx, orgId, 'credit.read');
  const today = todayInChina();
  const rows = await repo.lettersOf(db, [orgId]);
  const rule = await ruleCache(db)('credit.abnormal.unreachable', today, org.level3_id === null ? null : Number(org.level3_id));
  const facts = rows.map((l) => ({ id: Number(l.id), sentOn: l.sent_on, signed: l.signed, outcomeOn: l.outcome_on }));
  return {
    items: rows.map((l) => ({ id: Number(l.id), orgId, sentOn: l.sent_on, trackingNo: l.tracking_no, address: l.address, signed: l.signed, outcomeOn: l.outcome_on, note: l.note, recordedBy: l.recorded_by_name })),
    unreachable: { ...unreachableExplanation(facts, today, rule.params as { letters: number; minGapDays: number; maxGapDays: number }), basis: basisOf(rule, today) },
  };
}

/** A registered letter to the registered address; two unsigned, 20–60 days apart, are the unreachable ground (the job enters it). */
export async function recordLetter(db: Db, ctx: RequestContext, orgId: number, body: CreditLetterBody): Promise<CreditLettersResponse> {
  const org = await orgFor(db, ctx, orgId, 'credit.write');
  const today = todayInChina();
  if (body.sentOn > today) throw errors.validation({ sentOn: '寄出日期不能晚于今天' });
  if (body.outcomeOn && body.outcomeOn > today) throw errors.validation({ outcomeOn: '签收或退回日期不能晚于今天' });
  const address = body.address ?? org.address;
  if (!address) throw errors.validation({ address: '该组织未登记住所，请填写邮寄地址' });
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertLetter(trx, { org_id: orgId, sent_on: body.sentOn, tracking_no: body.trackingNo.toUpperCase(), address, signed: body.signed, outcome_on: body.outcomeOn ?? null, note: body.note ?? null, recorded_by: ctx.actor!.id });
    if (id === null) throw errors.conflict('credit_letter.exists', '该挂号信编号已登记', { trackingNo: '该编号已登记' });
    await writeAudit(trx, ctx, { action: 'credit.letter', entityType: 'org', entityId: orgId, newValue: { letterId: id, sentOn: body.sentOn, signed: body.signed } });
  });
  return letters(db, ctx, orgId);
}
