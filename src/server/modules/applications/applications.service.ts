import type { Kysely, Transaction } from 'kysely';
import type { ApplicationRow, DB, OrgRow, RegionRow, Db } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { isInOrgScope, listScope, orgRelationOf, placementColumns, requireAccess, subtreeOf, type OrgScope } from '../../lib/access.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { escapeLike } from '../../lib/search-text.js';
import { REGISTERED_FORMS, type ApplicationKind } from '../../../shared/enums.js';
import {
  ProposedOrg,
  type Application,
  type ApplicationCheck,
  type ApplicationCounts,
  type ApplicationCreateBody,
  type ApplicationData,
  type ApplicationListQuery,
  type ApplicationListResponse,
  type ApplicationUpdateBody,
  type OverdueByNode,
} from '../../../shared/schemas/applications.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import type { WorkflowSettings } from '../../../shared/schemas/settings.js';
import { findRegionByCode, findRegionById, findRegionFor, regionCodeOf, resolveRegionFor } from '../regions/index.js';
import { workflowFor } from '../settings/index.js';
import { latestCasesFor, overdueByNode as overdueOfKind, stepOfRole, submitCase, turnProblem, withdrawCase } from '../reviews/index.js';
import { categoriesFor, changeOrgStatus, findOrgById, loadOrgFor, orgFieldsOf, OrgValidationError, prepareOrg, warningsFor } from '../orgs/index.js';
import * as repo from './applications.repository.js';
import { keepSealed, openJson } from '../../lib/personal-data.js';
import { diffOf, toApplication, toListItems } from './applications.mapping.js';
import { applicationChecks, blockingErrors, isChange, isDeregistration, isEstablishment, isRegistration } from './applications.policy.js';

export const ENTITY = 'application';

/**
 * Whether an application inside the actor's subtree is theirs to see. Roles limited to an organization set (an
 * organization leader: lib/access.ts) see what they filed and what concerns their organizations; staff see everything
 * filed in their subtree except others' drafts, which stay their author's alone.
 */
function isVisible(app: ApplicationRow, actor: Actor, orgScope: OrgScope | null, org: OrgRow | null): boolean {
  const own = Number(app.applicant_id) === actor.id;
  if (orgScope) return own || (org !== null && isInOrgScope(orgScope, org));
  return own || app.status !== 'draft';
}

/** The organization an application concerns (none yet for an establishment before approval). */
export const orgOfApplication = async (db: Db, app: Pick<ApplicationRow, 'org_id'>): Promise<OrgRow | null> => (app.org_id ? ((await findOrgById(db, Number(app.org_id))) ?? null) : null);

/**
 * Loads an application the actor may see (404 outside their subtree, beyond their organizations, and for others'
 * drafts) with the organization it concerns: the one read of the registry a use case needs.
 */
export async function loadApplication(db: Db, ctx: RequestContext, id: number, permission: 'application.read' | 'application.apply' | 'application.review') {
  requireAccess(ctx.actor, permission);
  const app = await repo.findApplication(db, id);
  if (!app) throw errors.notFound(ENTITY);
  requireAccess(ctx.actor, permission, { entity: ENTITY, path: app });
  const org = await orgOfApplication(db, app);
  if (!isVisible(app, ctx.actor, (await listScope(db, ctx.actor)).org, org)) throw errors.notFound(ENTITY);
  return { app, org, actor: ctx.actor };
}

/** The district whose settings govern a node. */
export const districtOf = (p: { level3_id: number | null }) => (p.level3_id ? Number(p.level3_id) : null);

async function dueWindow(db: Db, districtId: number | null) {
  const workflow = await workflowFor(db, districtId);
  const today = todayInChina();
  return { today, dueSoonUntil: addDays(today, workflow.dueSoonDays), workflow };
}

/** The subject kind of applications on the review chain (registered in applications.review.ts). */
const KIND = 'application';

/** An application's review case (its one round: a rejected or withdrawn application is not submitted again). */
export async function caseOf(db: Db, id: number) {
  return (await latestCasesFor(db, KIND, [id])).get(id);
}

/** The organization an application is about, checked against the kind and the applicant. */
async function loadSubjectOrg(db: Db, ctx: RequestContext, kind: ApplicationKind, orgId: number | null | undefined): Promise<OrgRow | null> {
  if (isEstablishment(kind) && !orgId) return null;
  if (!orgId) throw errors.validation({ orgId: '请选择要变更或注销的组织' });
  // An organization leader applies for their own organization only; staff for those of their subtree.
  const org = await loadOrgFor(db, ctx, orgId, 'application.apply');
  const registered = REGISTERED_FORMS.includes(org.legal_form);
  const problem =
    kind === 'filing' ? (org.legal_form !== 'grassroots' ? '只有尚未备案的草根组织可以申请成立备案' : null)
    : kind === 'registration' ? (registered ? '该组织已经登记，无需再次登记' : null)
    : kind.startsWith('filing_') ? (org.legal_form !== 'filed' ? '该组织不是备案组织，请选择变更登记或注销登记' : null)
    : !registered ? '该组织不是登记的社会组织，请选择变更备案或注销备案' : null;
  if (problem) throw errors.validation({ orgId: problem });
  // A grassroots group that files is often still 筹备; everything else must be in normal standing.
  const fit = org.status === 'active' || (kind === 'filing' && org.status === 'preparing');
  if (!fit) throw errors.conflict('application.org_not_active', '该组织当前状态不是“正常”，不能提出此申请');
  const open = await repo.findOpenApplicationFor(db, orgId);
  if (open) throw errors.conflict('application.already_open', `该组织已有一件未办结的申请（编号 ${open.id}），请先办结或撤回`);
  return org;
}

/** Establishments carry the legal form their kind implies. */
function normalizedOrgData(kind: ApplicationKind, org: ApplicationData['org']): ApplicationData['org'] {
  if (kind === 'filing') return { ...org, legalForm: 'filed', creditCode: null };
  if (kind === 'registration') {
    const form = org.legalForm && REGISTERED_FORMS.includes(org.legalForm) ? org.legalForm : 'social_group';
    return { ...org, legalForm: form, creditCode: null };
  }
  return org;
}

async function placeFor(db: Db, actor: Actor, kind: ApplicationKind, data: ApplicationData, org: OrgRow | null): Promise<RegionRow> {
  if (org && !isEstablishment(kind)) return (await findRegionById(db, Number(org.region_id)))!;
  const code = data.org.regionCode ?? actor.region?.code;
  if (!code) throw errors.validation({ 'org.regionCode': '请选择组织所在的社区（村）或街道' });
  const region = await findRegionFor(db, actor, code, 'application.apply');
  if (!region) throw errors.validation({ 'org.regionCode': `区划 ${code} 不存在` });
  const min = isRegistration(kind) ? 3 : 4;
  if (region.level < min) throw errors.validation({ 'org.regionCode': isRegistration(kind) ? '请选择区县、街道或社区' : '备案组织应落在街道（乡镇）、社区（村）或网格' });
  return region;
}

export async function createApplication(db: Kysely<DB>, ctx: RequestContext, body: ApplicationCreateBody): Promise<Application> {
  requireAccess(ctx.actor, 'application.apply');
  const actor = ctx.actor;
  const org = await loadSubjectOrg(db, ctx, body.kind, body.orgId);
  const given: ApplicationData = { members: [], org: {}, ...body.data };
  const current = org ? ((await orgFieldsOf(db, org)) as ApplicationData['org']) : {};
  const prefill = Object.keys(given.org).length === 0 ? pickProposed(current) : given.org;
  const data: ApplicationData = { ...given, org: normalizedOrgData(body.kind, prefill) };
  const region = await placeFor(db, actor, body.kind, data, org);
  if (isEstablishment(body.kind)) data.org.regionCode ??= region.code;
  const now = new Date();
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertApplication(trx, {
      kind: body.kind,
      status: 'draft',
      org_id: org ? Number(org.id) : null,
      name: data.org.name ?? org?.name ?? '（未命名）',
      ...placementColumns(region),
      data,
      applicant_id: actor.id,
      // Filed by someone other than the organization's own leader (staff on its behalf, seed 004).
      on_behalf: orgRelationOf(actor.role) !== 'own',
      submitted_at: null,
      decided_at: null,
      certificate_no: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertEvent(trx, { applicationId: id, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, action: 'create', opinion: null });
    await writeAudit(trx, ctx, { action: 'application.create', entityType: ENTITY, entityId: id, regionCode: region.code, newValue: { kind: body.kind, orgId: org ? Number(org.id) : null, name: data.org.name ?? null } });
    return id;
  });
  return getApplication(db, ctx, id);
}

/** The proposable fields of a full record. */
function pickProposed(fields: Partial<OrgFields>): ApplicationData['org'] {
  const keys = Object.keys(ProposedOrg.shape) as (keyof ApplicationData['org'])[];
  return Object.fromEntries(keys.filter((k) => k in fields).map((k) => [k, (fields as Record<string, unknown>)[k]])) as ApplicationData['org'];
}

function requireApplicant(app: ApplicationRow, actor: Actor) {
  if (Number(app.applicant_id) !== actor.id) throw errors.forbidden('只有提出申请的人可以修改、提交或撤回该申请');
}

export async function updateApplication(db: Kysely<DB>, ctx: RequestContext, id: number, body: ApplicationUpdateBody): Promise<Application> {
  const { app, actor } = await loadApplication(db, ctx, id, 'application.apply');
  requireApplicant(app, actor);
  if (app.status !== 'draft' && app.status !== 'returned') throw errors.conflict('application.not_editable', '申请已提交审核，不能修改；如需修改请先撤回');
  // The form showed the stored personal values masked: those sent back untouched keep their sealed values.
  const given = keepSealed(body.data, app.data);
  const data: ApplicationData = { ...given, org: normalizedOrgData(app.kind, given.org) };
  let region: RegionRow | null = null;
  if (isEstablishment(app.kind) && !app.org_id) {
    region = await placeFor(db, actor, app.kind, data, null);
    data.org.regionCode ??= region.code;
  }
  await db.transaction().execute(async (trx) => {
    const saved = await repo.updateApplication(trx, id, body.version, {
      data,
      name: data.org.name ?? app.name,
      ...(region ? placementColumns(region) : {}),
    });
    if (!saved) throw errors.conflict('application.version_conflict', '该申请已被修改，请刷新后再编辑');
    await writeAudit(trx, ctx, { action: 'application.update', entityType: ENTITY, entityId: id, regionCode: region?.code ?? null });
  });
  return getApplication(db, ctx, id);
}

const CHECK_FIELDS: Record<string, string> = {
  charter_missing: 'charter',
  attachment_charter: 'attachments.charter',
  attachment_leader_id: 'attachments.leader_id',
  attachment_venue_proof: 'attachments.venue_proof',
  attachment_member_list: 'attachments.member_list',
  registration_type: 'registrationType',
  reason_missing: 'reason',
};

/** Field-level problems that stop a submission: the registry's rules on the proposed record, then the checks. */
async function submissionProblems(db: Db, actor: Actor, app: ApplicationRow, org: OrgRow | null, checks: ApplicationCheck[]) {
  const fields: Record<string, string> = {};
  // The rules check the clear values (the ID number's check digit): opened in memory, never returned.
  const data = openJson(app.data) as ApplicationData;
  if (!isDeregistration(app.kind)) {
    const parsed = ProposedOrg.safeParse(data.org);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fields[`org.${issue.path.join('.')}`] ??= issue.message;
    } else {
      try {
        await prepareOrg(db, actor, { ...parsed.data, status: 'active' }, org ?? undefined);
      } catch (err) {
        if (!(err instanceof OrgValidationError)) throw err;
        for (const [k, v] of Object.entries(err.fields)) {
          // A direct registration gets its credit code from the registration authority at approval.
          if (k === 'creditCode' && app.kind === 'registration') continue;
          fields[`org.${k}`] = v;
        }
      }
      if (isChange(app.kind) && org) {
        const current = pickProposed(await orgFieldsOf(db, org));
        if (diffOf(current, parsed.data).length === 0) fields.org = '没有任何变更内容';
      }
    }
  }
  for (const c of blockingErrors(checks)) fields[CHECK_FIELDS[c.code] ?? c.code] ??= c.message;
  return fields;
}

export async function submitApplication(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Application> {
  const { app, org, actor } = await loadApplication(db, ctx, id, 'application.apply');
  requireApplicant(app, actor);
  if (app.status !== 'draft' && app.status !== 'returned') throw errors.conflict('application.not_submittable', '该申请已提交或已办结');
  const { workflow } = await dueWindow(db, districtOf(app));
  const checks = await checksFor(db, app, org, workflow, { dueUncertain: (await caseOf(db, id))?.due_uncertain ?? false });
  const problems = await submissionProblems(db, actor, app, org, checks);
  if (Object.keys(problems).length > 0) throw errors.validation(problems, '申请材料不完整或有误，请按提示补正后再提交');
  const first = app.status === 'draft';
  await db.transaction().execute(async (trx) => {
    const saved = await repo.updateApplication(trx, id, app.version, { status: 'in_review', ...(first ? { submitted_at: new Date() } : {}) });
    if (!saved) throw errors.conflict('application.version_conflict', '该申请已被修改，请刷新后重试');
    if (first && org && (isChange(app.kind) || isDeregistration(app.kind))) {
      await changeOrgStatus(trx, ctx, Number(org.id), isChange(app.kind) ? 'changing' : 'deregistering', `申请编号 ${id}`, 'application.submit');
    }
    // The chain: its steps fixed now from the district's setting, or a returned application back to the step that
    // returned it; the trail entry and the audit record application.submit / application.resubmit with it.
    await submitCase(trx, ctx, { kind: KIND, subjectId: id, title: app.name, regionId: Number(app.region_id) });
  });
  return getApplication(db, ctx, id);
}

/** Puts a changing or deregistering organization back to normal when its application ends without approval. */
export async function restoreOrgStatus(trx: Transaction<DB>, ctx: RequestContext, app: ApplicationRow, why: string) {
  if (!app.org_id || app.status === 'draft') return;
  if (isChange(app.kind) || isDeregistration(app.kind)) await changeOrgStatus(trx, ctx, Number(app.org_id), 'active', why, 'application.close');
}

export async function withdrawApplication(db: Kysely<DB>, ctx: RequestContext, id: number, reason: string | undefined): Promise<Application> {
  const { app, actor } = await loadApplication(db, ctx, id, 'application.apply');
  requireApplicant(app, actor);
  if (!['draft', 'in_review', 'returned'].includes(app.status)) throw errors.conflict('application.closed', '该申请已办结，不能撤回');
  if (app.status !== 'draft') {
    // In review or returned: the case is withdrawn, and with it the application (reviews withdrawCase, onWithdraw).
    await withdrawCase(db, ctx, { kind: KIND, subjectId: id }, reason);
    return getApplication(db, ctx, id);
  }
  await db.transaction().execute(async (trx) => {
    const saved = await repo.updateApplication(trx, id, app.version, { status: 'withdrawn', decided_at: new Date() });
    if (!saved) throw errors.conflict('application.version_conflict', '该申请刚被处理，请刷新后查看');
    await repo.insertEvent(trx, { applicationId: id, actorId: actor.id, actorName: actor.displayName, actorRole: actor.role, action: 'withdraw', opinion: reason ?? null });
    await writeAudit(trx, ctx, { action: 'application.withdraw', entityType: ENTITY, entityId: id, regionCode: await regionCodeOf(trx, app.region_id), newValue: { reason: reason ?? null } });
  });
  return getApplication(db, ctx, id);
}

/** The checks as they stand now: files, thresholds, charter, and the registry's kind and same-kind warnings. */
export async function checksFor(
  db: Db,
  app: ApplicationRow,
  org: OrgRow | null,
  workflow: WorkflowSettings,
  known: { attachments?: repo.AttachmentSummary[]; dueUncertain: boolean },
): Promise<ApplicationCheck[]> {
  const data = app.data as ApplicationData;
  const attachments = known.attachments ?? (await repo.findAttachments(db, Number(app.id)));
  let level5: number | null = app.level5_id ? Number(app.level5_id) : null;
  let level4: number | null = app.level4_id ? Number(app.level4_id) : null;
  let level3: number | null = app.level3_id ? Number(app.level3_id) : null;
  if (data.org.regionCode && !isDeregistration(app.kind)) {
    const r = await findRegionByCode(db, data.org.regionCode);
    if (r) [level5, level4, level3] = [r.level5_id, r.level4_id, r.level3_id].map((x) => (x ? Number(x) : null));
  }
  // The legal form the organization will have (a filing is 备案; a registration as asked, else 社会团体).
  const legalForm = app.kind === 'filing' ? 'filed' : (data.org.legalForm ?? org?.legal_form ?? null);
  const registryWarnings =
    isDeregistration(app.kind) || !data.org.name
      ? []
      : await warningsFor(db, {
          id: org ? org.id : 0,
          name: data.org.name,
          purpose: data.org.purpose ?? null,
          activities: data.org.activities ?? null,
          legal_form: legalForm,
          level3_id: level3,
          level4_id: level4,
          level5_id: level5,
        });
  return applicationChecks({ kind: app.kind, data, attachmentKinds: attachments.map((a) => a.kind), workflow, registryWarnings, dueUncertain: known.dueUncertain });
}

export async function getApplication(db: Kysely<DB>, ctx: RequestContext, id: number): Promise<Application> {
  const { app, org, actor } = await loadApplication(db, ctx, id, 'application.read');
  const { today, dueSoonUntil, workflow } = await dueWindow(db, districtOf(app));
  const attachments = await repo.findAttachments(db, Number(app.id));
  const reviewCase = await caseOf(db, id);
  const checks =
    app.status === 'approved' || app.status === 'rejected' || app.status === 'withdrawn' ? [] : await checksFor(db, app, org, workflow, { attachments, dueUncertain: reviewCase?.due_uncertain ?? false });
  // Once approved, the record holds the proposal: there is nothing left to compare.
  const diff =
    isChange(app.kind) && org && app.status !== 'approved'
      ? diffOf(pickProposed(await orgFieldsOf(db, org)), pickProposed((openJson(app.data) as ApplicationData).org))
      : null;
  const categories = await categoriesFor(db, { level3_id: app.level3_id });
  const own = Number(app.applicant_id) === actor.id;
  const open = app.status === 'draft' || app.status === 'returned';
  return toApplication(db, app, {
    reviewCase,
    attachments,
    checks,
    diff,
    today,
    dueSoonUntil,
    rules: { categories, memberThresholds: workflow.memberThresholds },
    can: {
      edit: own && open,
      submit: own && open,
      withdraw: own && (open || app.status === 'in_review'),
      review: reviewCase !== undefined && turnProblem(actor, reviewCase) === null,
    },
  });
}

async function listFilter(db: Db, actor: Actor, query: Pick<ApplicationListQuery, 'queue' | 'q' | 'kind' | 'status' | 'step' | 'due' | 'region'>): Promise<repo.ApplicationFilter> {
  const within = query.region ? subtreeOf(await resolveRegionFor(db, actor, query.region)) : undefined;
  const actorNode = actor.region && actor.region.level >= 3 ? await findRegionById(db, actor.region.id) : undefined;
  const { today, dueSoonUntil } = await dueWindow(db, actorNode ? districtOf(actorNode) : null);
  return {
    scope: await listScope(db, actor),
    within,
    viewer: { id: actor.id, step: stepOfRole(actor.role) },
    queue: query.queue,
    q: query.q ? escapeLike(query.q) : undefined,
    kind: query.kind,
    status: query.status,
    step: query.step,
    due: query.due,
    today,
    dueSoonUntil,
  };
}

export async function listApplications(db: Kysely<DB>, ctx: RequestContext, query: ApplicationListQuery): Promise<ApplicationListResponse> {
  requireAccess(ctx.actor, 'application.read');
  const filter = await listFilter(db, ctx.actor, query);
  const { items, total } = await repo.listApplications(db, filter, query.sort, (query.page - 1) * query.pageSize, query.pageSize);
  const cases = await latestCasesFor(db, KIND, items.map((a) => Number(a.id)));
  return { items: await toListItems(db, items, cases, filter.today, filter.dueSoonUntil), total };
}

export async function countApplications(db: Kysely<DB>, ctx: RequestContext): Promise<ApplicationCounts> {
  requireAccess(ctx.actor, 'application.read');
  return repo.countToDos(db, await listFilter(db, ctx.actor, { queue: 'mine' }));
}

/** Overdue and due-soon counts per child node (DESIGN §4: deadlines per step, overdue shown per node): the chain's, for applications. */
export async function overdueByNode(db: Kysely<DB>, ctx: RequestContext, code: string | undefined): Promise<OverdueByNode> {
  requireAccess(ctx.actor, 'application.review');
  return overdueOfKind(db, ctx, code, KIND);
}
