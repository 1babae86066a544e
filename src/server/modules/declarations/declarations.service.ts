import type { Kysely, Transaction } from 'kysely';
import type { DB, Db, OrgRow } from '../../db/types.js';
import type { DeclarationRow } from '../../db/types-declarations.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { can, listScope, orgRelationOf, placementColumns, requireAccess, requireOrgAccess, subtreeOf, type Permission } from '../../lib/access.js';
import { sealedColumns } from '../../lib/personal-data.js';
import { escapeLike } from '../../lib/search-text.js';
import { todayInChina } from '../../lib/working-days.js';
import { DECLARATION_RULE_SOURCE, type Declaration, type DeclarationCreateBody, type DeclarationInput, type DeclarationListQuery, type DeclarationListResponse, type DeclarationRules, type DeclarationUpdateBody } from '../../../shared/schemas/declarations.js';
import type { DeclarationSettings } from '../../../shared/schemas/supervision-settings.js';
import { declarationSettingsFor, workdayOverridesFor } from '../settings/index.js';
import { findRegionById, regionCodeOf, resolveRegionFor } from '../regions/index.js';
import { findOrgById, loadOrgFor } from '../orgs/index.js';
import { latestCasesFor, submitCase, withdrawCase } from '../reviews/index.js';
import * as repo from './declarations.repository.js';
import { earliestStart, isEditable, lateMessage, leadVerdict, unknownKinds } from './declarations.policy.js';
import { toDeclaration, toListItems } from './declarations.mapping.js';

export const ENTITY = 'declaration';
/** The subject kind on the review chain (registered in declarations.review.ts). */
export const KIND = 'declaration';

/** The district whose settings govern a record. */
export const districtOf = (p: { level3_id: number | null }) => (p.level3_id ? Number(p.level3_id) : null);

/** The day (China time) a timestamp falls on. */
export const chinaDay = (d: Date | string) => todayInChina(new Date(d));

/** Organizations in these states no longer hold activities (deregistered, dissolved, revoked). */
const CLOSED = new Set(['deregistered', 'dissolved', 'revoked']);

/**
 * Loads a declaration the actor may act on: 403 without the permission; 404 when its organization lies outside the
 * actor's reach (lib/access.ts requireOrgAccess: subtree, own organization, hub), and for another person's draft.
 */
export async function loadDeclaration(db: Db, ctx: RequestContext, id: number, permission: Permission) {
  requireAccess(ctx.actor, permission);
  const row = await repo.findDeclaration(db, id);
  if (!row) throw errors.notFound(ENTITY);
  const org = (await findOrgById(db, Number(row.org_id)))!;
  await requireOrgAccess(db, ctx.actor, permission, org, ENTITY);
  if (row.status === 'draft' && Number(row.declared_by) !== ctx.actor.id) throw errors.notFound(ENTITY);
  return { row, org, actor: ctx.actor };
}

function requireAuthor(row: DeclarationRow, actor: Actor) {
  if (Number(row.declared_by) !== actor.id) throw errors.forbidden('只有填报该申报的人可以修改、提交或撤回');
}

/** Field problems of the input against the district's setting: kinds it lists, a phone typed in full. */
function inputProblems(input: DeclarationInput, settings: DeclarationSettings, storedMasked: string | null): Record<string, string> {
  const fields: Record<string, string> = {};
  const unknown = unknownKinds(input.kinds, settings);
  if (unknown.length > 0) fields.kinds = `“${unknown.join('、')}”不是本区设置的申报事项`;
  if (input.contactPhone?.includes('*') && input.contactPhone !== storedMasked) fields.contactPhone = '请填写完整的联系电话';
  return fields;
}

/** The columns of the input (the phone sealed; the masked form the page showed keeps the stored value). */
function columnsOf(input: DeclarationInput, storedMasked: string | null) {
  const phone = input.contactPhone?.trim() || null;
  return {
    kinds: input.kinds,
    title: input.title,
    planned_start_on: input.plannedStartOn,
    planned_end_on: input.plannedEndOn,
    place: input.place,
    expected_participants: input.expectedParticipants,
    amount_fen: input.amountFen,
    foreign_related: input.foreignRelated,
    content: input.content,
    contact_name: input.contactName,
    ...(phone !== null && phone === storedMasked ? {} : sealedColumns('contact_phone', 'phone', phone)),
  };
}

/**
 * Sends a draft or a returned declaration to the chain, in the caller's transaction. The lead time is the district's
 * rule (no national one): the declaration must reach the first reviewer N days (calendar, or working days) before
 * the planned start, else it is refused with the earliest start allowed. A returned declaration goes back to the
 * step that returned it and keeps the day it first arrived and the rule then in force, so a correction does not make
 * a timely declaration late, while moving the start earlier than that rule allows is refused.
 */
async function submitInTransaction(trx: Transaction<DB>, ctx: RequestContext, row: DeclarationRow) {
  const district = districtOf(row);
  const settings = await declarationSettingsFor(trx, district);
  const first = row.status === 'draft';
  const declaredOn = first || !row.declared_at ? todayInChina() : chinaDay(row.declared_at);
  const lead = first || row.lead_required_days === null || row.lead_unit === null ? settings.leadTime : { days: row.lead_required_days, unit: row.lead_unit };
  const verdict = leadVerdict(declaredOn, row.planned_start_on, lead, await workdayOverridesFor(trx, district));
  const fields: Record<string, string> = {};
  if (!verdict.onTime) fields.plannedStartOn = lateMessage(lead, verdict, declaredOn);
  const unknown = unknownKinds(row.kinds, settings);
  if (first && unknown.length > 0) fields.kinds = `“${unknown.join('、')}”已不是本区设置的申报事项，请重新选择`;
  if (Object.keys(fields).length > 0) throw errors.validation(fields, verdict.onTime ? '申报内容不符合本区设置' : '申报晚于本区规定的提前期限');
  const saved = await repo.updateDeclaration(trx, Number(row.id), row.version, {
    status: 'submitted',
    ...(first ? { declared_at: new Date() } : {}),
    lead_required_days: lead.days,
    lead_unit: lead.unit,
    lead_ahead_days: verdict.aheadDays,
  });
  if (!saved) throw errors.conflict('declaration.version_conflict', '该申报已被修改，请刷新后重试');
  // The case, its trail entry and the audit record declaration.submit / declaration.resubmit.
  await submitCase(trx, ctx, { kind: KIND, subjectId: Number(row.id), title: row.title, regionId: Number(row.region_id) });
}

export async function createDeclaration(db: Kysely<DB>, ctx: RequestContext, body: DeclarationCreateBody): Promise<Declaration> {
  requireAccess(ctx.actor, 'declaration.file');
  const actor = ctx.actor;
  // The organization's leader for their own organization, community staff for those of their community (seed 004).
  const org = await loadOrgFor(db, ctx, body.orgId, 'declaration.file');
  if (CLOSED.has(org.status)) throw errors.validation({ orgId: '该组织已注销或被撤销，不能申报活动' });
  const settings = await declarationSettingsFor(db, districtOf(org));
  const problems = inputProblems(body, settings, null);
  if (Object.keys(problems).length > 0) throw errors.validation(problems);
  const region = (await findRegionById(db, Number(org.region_id)))!;
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDeclaration(trx, {
      org_id: Number(org.id),
      ...placementColumns(region),
      ...columnsOf(body, null),
      status: 'draft',
      declared_by: actor.id,
      on_behalf: orgRelationOf(actor.role) !== 'own',
    });
    await writeAudit(trx, ctx, { action: 'declaration.create', entityType: ENTITY, entityId: id, regionCode: region.code, newValue: { orgId: Number(org.id), title: body.title, kinds: body.kinds, plannedStartOn: body.plannedStartOn } });
    if (body.submit) await submitInTransaction(trx, ctx, (await repo.findDeclaration(trx, id))!);
    return id;
  });
  return getDeclaration(db, ctx, id);
}

export async function updateDeclaration(db: Kysely<DB>, ctx: RequestContext, id: number, body: DeclarationUpdateBody): Promise<Declaration> {
  const { row, actor } = await loadDeclaration(db, ctx, id, 'declaration.file');
  requireAuthor(row, actor);
  if (!isEditable(row.status)) throw errors.conflict('declaration.not_editable', '申报已提交审核或已办结，不能修改；如需修改请先撤回');
  const problems = inputProblems(body, await declarationSettingsFor(db, districtOf(row)), row.contact_phone_masked);
  if (Object.keys(problems).length > 0) throw errors.validation(problems);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateDeclaration(trx, id, body.version, columnsOf(body, row.contact_phone_masked)))) throw errors.conflict('declaration.version_conflict', '该申报已被修改，请刷新后再编辑');
    await writeAudit(trx, ctx, { action: 'declaration.update', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, row.region_id), newValue: { title: body.title, kinds: body.kinds, plannedStartOn: body.plannedStartOn } });
  });
  return getDeclaration(db, ctx, id);
}

export async function submitDeclaration(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Declaration> {
  const { row, actor } = await loadDeclaration(db, ctx, id, 'declaration.file');
  requireAuthor(row, actor);
  if (!isEditable(row.status)) throw errors.conflict('declaration.not_submittable', '该申报已提交或已办结');
  await db.transaction().execute((trx) => submitInTransaction(trx, ctx, row));
  return getDeclaration(db, ctx, id);
}

export async function withdrawDeclaration(db: Kysely<DB>, ctx: RequestContext, id: number, reason: string | undefined): Promise<Declaration> {
  const { row, actor } = await loadDeclaration(db, ctx, id, 'declaration.file');
  requireAuthor(row, actor);
  if (row.status === 'submitted' || row.status === 'returned') {
    // In the chain: the case is withdrawn, and with it the declaration (declarations.review.ts onWithdraw).
    await withdrawCase(db, ctx, { kind: KIND, subjectId: id }, reason);
    return getDeclaration(db, ctx, id);
  }
  if (row.status !== 'draft') throw errors.conflict('declaration.closed', '该申报已办结，不能撤回');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateDeclaration(trx, id, row.version, { status: 'withdrawn', decided_at: new Date() }))) throw errors.conflict('declaration.version_conflict', '该申报刚被处理，请刷新后查看');
    await writeAudit(trx, ctx, { action: 'declaration.withdraw', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, row.region_id), newValue: { reason: reason ?? null } });
  });
  return getDeclaration(db, ctx, id);
}

export async function getDeclaration(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Declaration> {
  const { row, actor } = await loadDeclaration(db, ctx, id, 'declaration.read');
  const reviewCase = (await latestCasesFor(db, KIND, [id])).get(id);
  const mayFile = can(actor, 'declaration.file');
  return toDeclaration(db, row, reviewCase, { actor, mayFile, today: todayInChina() });
}

export async function listDeclarations(db: Kysely<DB>, ctx: RequestContext, query: DeclarationListQuery): Promise<DeclarationListResponse> {
  requireAccess(ctx.actor, 'declaration.read');
  const actor = ctx.actor;
  const within = query.region ? subtreeOf(await resolveRegionFor(db, actor, query.region, 'declaration.read')) : undefined;
  const today = todayInChina();
  const { items, total } = await repo.listDeclarations(
    db,
    {
      scope: await listScope(db, actor),
      within,
      viewerId: actor.id,
      status: query.status,
      orgId: query.org,
      q: query.q ? escapeLike(query.q) : undefined,
      overdueOn: query.overdue === 'true' ? today : undefined,
    },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return { items: await toListItems(db, items, today), total };
}

/** The district's rule for an organization, as it applies to a submission made today (the form's live hint). */
export async function declarationRules(db: Kysely<DB>, ctx: RequestContext, orgId: number | undefined): Promise<DeclarationRules> {
  requireAccess(ctx.actor, 'declaration.read');
  // An organization's leader declares for their own organization (lib/access.ts actingOrgId).
  const id = orgId ?? (orgRelationOf(ctx.actor.role) === 'own' ? ctx.actor.orgId : null);
  if (!id) throw errors.validation({ org: '请选择组织' });
  const org: OrgRow = await loadOrgFor(db, ctx, id, 'declaration.read');
  const settings = await declarationSettingsFor(db, districtOf(org));
  const today = todayInChina();
  const earliestStartOn = earliestStart(today, settings.leadTime, await workdayOverridesFor(db, districtOf(org)));
  return { ...settings, org: { id: Number(org.id), name: org.name }, today, earliestStartOn, source: DECLARATION_RULE_SOURCE };
}
