import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { PenaltyRow } from '../../db/types-rules.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { can, listScope, requireAccess, requireOrgAccess, subtreeOf, type Permission } from '../../lib/access.js';
import { escapeLike } from '../../lib/search-text.js';
import { todayInChina } from '../../lib/working-days.js';
import {
  PENALTY_KIND_LABELS,
  type Penalty,
  type PenaltyAnnulBody,
  type PenaltyCarriedOutBody,
  type PenaltyInput,
  type PenaltyListQuery,
  type PenaltyListResponse,
  type PublicPenalty,
} from '../../../shared/schemas/penalties.js';
import { findOrgById, findOrgNames, loadOrgFor } from '../orgs/index.js';
import { regionCodeOf, resolveRegionFor } from '../regions/index.js';
import { findUserNames } from '../users/index.js';
import * as repo from './penalties.repository.js';
import { tellPenaltyListeners } from './penalties.events.js';
import { annulProblems, carriedOutProblems, mayAnnul, mayCarryOut, penaltyProblems } from './penalties.policy.js';

export const ENTITY = 'penalty';

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
const duplicateNo = (input: { decidingBody: string; decisionNo: string }) =>
  errors.conflict('penalty.duplicate_decision_no', '该机关已登记过这个文号的处罚决定', { decisionNo: `${input.decidingBody}已有文号为“${input.decisionNo}”的处罚决定，请核对文号` });

/**
 * Loads a penalty the actor may act on: 403 without the permission, 404 when its organization lies outside the
 * actor's reach (requireOrgAccess: the subtree, an organization leader's own organization).
 */
async function loadPenalty(db: Db, ctx: RequestContext, id: number, permission: Permission) {
  requireAccess(ctx.actor, permission);
  const row = await repo.findPenalty(db, id);
  if (!row) throw errors.notFound(ENTITY);
  const org = (await findOrgById(db, Number(row.org_id)))!;
  await requireOrgAccess(db, ctx.actor, permission, org, ENTITY);
  return { row, org, actor: ctx.actor };
}

/** The public register's form of a penalty (no person named, no internal reason). */
export function toPublicPenalty(r: PenaltyRow): PublicPenalty {
  return {
    id: Number(r.id),
    kind: r.kind,
    kindLabel: PENALTY_KIND_LABELS[r.kind],
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    suspendedFrom: r.suspended_from,
    suspendedTo: r.suspended_to,
    decisionNo: r.decision_no,
    decidedOn: r.decided_on,
    facts: r.facts,
    legalBasis: r.legal_basis,
    decidingBody: r.deciding_body,
    annulledOn: r.annulled_on,
  };
}

async function toPenalties(db: Db, actor: Actor, rows: Array<PenaltyRow & { org_name?: string }>): Promise<Penalty[]> {
  const users = await findUserNames(db, [...new Set(rows.flatMap((r) => (r.recorded_by === null ? [] : [Number(r.recorded_by)])))]);
  const missing = rows.filter((r) => r.org_name === undefined).map((r) => Number(r.org_id));
  const orgs = await findOrgNames(db, [...new Set(missing)]);
  const writer = can(actor, 'penalty.write');
  return rows.map((r) => ({
    ...toPublicPenalty(r),
    org: { id: Number(r.org_id), name: r.org_name ?? orgs.get(Number(r.org_id)) ?? '' },
    byRegistrar: r.by_registrar,
    status: r.status,
    annulReason: r.annul_reason,
    carriedOutOn: r.carried_out_on,
    recordedBy: r.recorded_by === null ? null : { id: Number(r.recorded_by), displayName: users.get(Number(r.recorded_by)) ?? '' },
    recordedAt: new Date(r.recorded_at).toISOString(),
    version: r.version,
    may: { annul: writer && mayAnnul(r), carryOut: writer && mayCarryOut(r) },
  }));
}

export async function getPenalty(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Penalty> {
  const { row, actor } = await loadPenalty(db, ctx, id, 'penalty.read');
  return (await toPenalties(db, actor, [row]))[0]!;
}

export async function listPenalties(db: Kysely<DB>, ctx: RequestContext, query: PenaltyListQuery): Promise<PenaltyListResponse> {
  requireAccess(ctx.actor, 'penalty.read');
  const actor = ctx.actor;
  const within = query.region ? subtreeOf(await resolveRegionFor(db, actor, query.region, 'penalty.read')) : undefined;
  const { items, total } = await repo.listPenalties(
    db,
    { scope: await listScope(db, actor), within, orgId: query.org, kind: query.kind, status: query.status, year: query.year, q: query.q ? escapeLike(query.q) : undefined },
    query.sort,
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: await toPenalties(db, actor, items), total };
}

/**
 * Records a decided penalty (the district's own, or another department's it was told of). The listeners (the credit
 * rules: a fine of ¥50,000 or more lists the organization, 民政部令第60号第十四条) act in the same transaction.
 */
export async function recordPenalty(db: Kysely<DB>, ctx: RequestContext, input: PenaltyInput): Promise<Penalty> {
  requireAccess(ctx.actor, 'penalty.write');
  const org = await loadOrgFor(db, ctx, input.orgId, 'penalty.write');
  const problems = penaltyProblems(input, todayInChina());
  if (Object.keys(problems).length > 0) throw errors.validation(problems);
  if (await repo.findByDecisionNo(db, input.decidingBody, input.decisionNo)) throw duplicateNo(input);
  const amount = input.amountFen ?? null;
  const id = await db
    .transaction()
    .execute(async (trx) => {
      const id = await repo.insertPenalty(trx, {
        org_id: Number(org.id),
        kind: input.kind,
        amount_fen: amount,
        suspended_from: input.suspendedFrom ?? null,
        suspended_to: input.suspendedTo ?? null,
        decision_no: input.decisionNo,
        decided_on: input.decidedOn,
        facts: input.facts,
        legal_basis: input.legalBasis,
        deciding_body: input.decidingBody,
        by_registrar: input.byRegistrar,
        recorded_by: ctx.actor!.id,
        recorded_at: new Date(),
      });
      await writeAudit(trx, ctx, {
        action: 'penalty.record', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, org.region_id),
        newValue: { orgId: Number(org.id), kind: input.kind, amountFen: amount, decisionNo: input.decisionNo, decidedOn: input.decidedOn, decidingBody: input.decidingBody },
      });
      await tellPenaltyListeners(trx, ctx, (await repo.findPenalty(trx, id))!, 'recorded');
      return id;
    })
    .catch((err: unknown) => {
      // Two clerks entering the same decision at once: the unique index decides, the loser hears why.
      if (isUniqueViolation(err)) throw duplicateNo(input);
      throw err;
    });
  return getPenalty(db, ctx, id);
}

/** Sets a penalty aside (reconsideration, court): it stays as history with the day and reason, and counts no more. */
export async function annulPenalty(db: Kysely<DB>, ctx: RequestContext, id: number, body: PenaltyAnnulBody): Promise<Penalty> {
  const { row, org } = await loadPenalty(db, ctx, id, 'penalty.write');
  if (!mayAnnul(row)) throw errors.conflict('penalty.already_annulled', '该处罚决定已撤销');
  const problems = annulProblems(row, body.annulledOn, todayInChina());
  if (Object.keys(problems).length > 0) throw errors.validation(problems);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updatePenalty(trx, id, body.version, { status: 'annulled', annulled_on: body.annulledOn, annul_reason: body.reason }))) {
      throw errors.conflict('penalty.version_conflict', '该处罚记录已被修改，请刷新后重试');
    }
    await writeAudit(trx, ctx, { action: 'penalty.annul', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, org.region_id), oldValue: { status: row.status }, newValue: { status: 'annulled', annulledOn: body.annulledOn, reason: body.reason } });
    await tellPenaltyListeners(trx, ctx, (await repo.findPenalty(trx, id))!, 'annulled');
  });
  return getPenalty(db, ctx, id);
}

/** The day a penalty was carried out (an unfinished one keeps an organization out of evaluation: eligibility.penalty_unfinished). */
export async function markCarriedOut(db: Kysely<DB>, ctx: RequestContext, id: number, body: PenaltyCarriedOutBody): Promise<Penalty> {
  const { row, org } = await loadPenalty(db, ctx, id, 'penalty.write');
  if (row.status === 'annulled') throw errors.conflict('penalty.annulled', '该处罚决定已撤销，无需登记执行');
  if (!mayCarryOut(row)) throw errors.conflict('penalty.already_carried_out', `该处罚已于${row.carried_out_on}执行完毕`);
  const problems = carriedOutProblems(row, body.carriedOutOn, todayInChina());
  if (Object.keys(problems).length > 0) throw errors.validation(problems);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updatePenalty(trx, id, body.version, { carried_out_on: body.carriedOutOn }))) throw errors.conflict('penalty.version_conflict', '该处罚记录已被修改，请刷新后重试');
    await writeAudit(trx, ctx, { action: 'penalty.carried_out', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, org.region_id), newValue: { carriedOutOn: body.carriedOutOn } });
    await tellPenaltyListeners(trx, ctx, (await repo.findPenalty(trx, id))!, 'carried_out');
  });
  return getPenalty(db, ctx, id);
}

/** The public register's section: every decided penalty, annulled ones kept (with their day) as history. */
export async function publicPenalties(db: Db, orgId: number): Promise<PublicPenalty[]> {
  return (await repo.findOrgPenalties(db, orgId)).map(toPublicPenalty);
}
