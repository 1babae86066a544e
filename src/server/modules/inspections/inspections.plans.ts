import type { Db, RegionRow } from '../../db/types.js';
import type { InspectionPlanRow, InspectionPopulationRow } from '../../db/types-inspections.js';
import type { RequestContext } from '../../lib/context.js';
import { listScope, requireAccess, ROLE_PERMISSIONS } from '../../lib/access.js';
import type { Actor } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { todayInChina } from '../../lib/working-days.js';
import { findRegionById, resolveRegionFor } from '../regions/index.js';
import { basisOf, ruleInForce } from '../rules/index.js';
import { isInOperation } from '../activities/index.js';
import { LEGAL_FORM_LABELS, REGISTERED_FORMS, ROLES, type LegalForm, type Role } from '../../../shared/enums.js';
import { drawKeyOf, drawSample, planSeed, rankInspectors, type DrawMember } from '../../../shared/inspection-draw.js';
import type { PlanDetail, PlanInput, PlanListResponse } from '../../../shared/schemas/inspections.js';
import { bpToPercent, percentToBp, pickInspectors, ratioProblems, type InspectorFacts } from './inspections.policy.js';
import { itemViews } from './inspections.views.js';
import * as repo from './inspections.repository.js';

/**
 * Yearly and ad-hoc plans of a district (《社会组织抽查暂行办法》民发〔2017〕45号): create, publish (freeze the population
 * and publish the seed), draw (sample and inspectors from the seed). The district staff plan; every business role of
 * the district, its streets and communities reads the plan, and sees the items of its own subtree.
 */

const ENTITY = 'inspection_plan';

/** Which plans an actor reads: of districts in its subtree, or of its own district when it sits below one. */
async function planFilterOf(db: Db, actor: Actor): Promise<repo.PlanFilter> {
  if (!actor.region) return {};
  if (actor.region.level <= 3) return { region: { column: `level${actor.region.level}_id`, id: actor.region.id } };
  const row = await findRegionById(db, actor.region.id);
  return { districtId: row?.level3_id == null ? -1 : Number(row.level3_id) };
}

async function loadPlanFor(db: Db, actor: Actor, id: number): Promise<InspectionPlanRow> {
  const plan = await repo.findPlan(db, id);
  if (!plan) throw errors.notFound(ENTITY);
  const f = await planFilterOf(db, actor);
  const reached = f.districtId !== undefined ? Number(plan.region_id) === f.districtId : !f.region || (plan as unknown as Record<string, number | null>)[f.region.column] === f.region.id;
  if (!reached) throw errors.notFound(ENTITY);
  return plan;
}

/** The district a planner acts for: the region named, else their own district. */
async function plannerDistrict(db: Db, actor: Actor, code: string | undefined): Promise<RegionRow> {
  const wanted = code ?? (actor.region?.level === 3 ? actor.region.code : undefined);
  if (!wanted) throw errors.validation({ region: '请选择区县' });
  const district = await resolveRegionFor(db, actor, wanted, 'inspection.plan');
  if (district.level !== 3) throw errors.validation({ region: '抽查计划按区县制定，请选择区县' });
  return district;
}

export async function createPlan(db: Db, ctx: RequestContext, input: PlanInput): Promise<PlanDetail> {
  requireAccess(ctx.actor, 'inspection.plan');
  const district = await plannerDistrict(db, ctx.actor, input.region);
  const districtId = Number(district.id);
  const today = todayInChina();
  // The rules of the plan's day, with the district's own values (a higher ratio, filed organizations included).
  const [ratio, inspectors, publish] = await Promise.all(['inspection.ratio', 'inspection.inspectors', 'inspection.publish'].map((key) => ruleInForce(db, key, { on: today, districtId })));
  const floor = Number(ratio.params.percent);
  const problems = ratioProblems(input.kind, input.percent, floor);
  if (Object.keys(problems).length) throw errors.validation(problems);
  const percent = input.percent ?? floor;
  const id = await db.transaction().execute(async (trx) => {
    const planId = await repo.insertPlan(trx, {
      region_id: districtId, level1_id: district.level1_id, level2_id: district.level2_id, level3_id: district.level3_id, level4_id: null, level5_id: null, level6_id: null,
      kind: input.kind, year: input.year, title: input.title, purpose: input.purpose || null, ratio_bp: percentToBp(percent),
      include_filed: input.includeFiled ?? Boolean(ratio.params.includeFiled), min_inspectors: Number(inspectors.params.minInspectors), publish_days: Number(publish.params.days),
      ratio_rule_key: ratio.key, decided_on: today, basis_text: basisOf(ratio, today).text, created_by: ctx.actor!.id,
    });
    if (planId === null) throw errors.conflict('inspection_plan.exists', `${district.name}${input.year}年度的定期抽查计划已经存在`, { year: '该年度已有定期抽查计划' });
    await writeAudit(trx, ctx, { action: 'inspection.plan.create', entityType: ENTITY, entityId: planId, regionCode: district.code, newValue: { kind: input.kind, year: input.year, title: input.title, percent } });
    return planId;
  });
  return getPlan(db, ctx, id);
}

export async function listPlans(db: Db, ctx: RequestContext, q: { region?: string; year?: number; page: number; pageSize: number }): Promise<PlanListResponse> {
  requireAccess(ctx.actor, 'inspection.read');
  let f = await planFilterOf(db, ctx.actor);
  if (q.region) {
    const d = await resolveRegionFor(db, ctx.actor, q.region, 'inspection.read', ENTITY);
    f = { ...f, districtId: Number(d.id) };
  }
  const { rows, total } = await repo.listPlans(db, { ...f, year: q.year }, q.page, q.pageSize);
  return {
    items: rows.map((r) => ({
      id: Number(r.id), kind: r.kind, year: r.year, title: r.title, districtName: r.district_name, districtCode: r.district_code, percent: bpToPercent(r.ratio_bp),
      includeFiled: r.include_filed, status: r.status, publishedOn: r.published_on, populationSize: Number(r.population_size ?? 0), sampleSize: Number(r.sample_size ?? 0), checked: Number(r.checked ?? 0),
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

/** Who is in the population today: registered forms (and filed ones if the plan says so) in operation. */
async function currentPopulation(db: Db, plan: InspectionPlanRow): Promise<InspectionPopulationRow[]> {
  const forms: LegalForm[] = [...REGISTERED_FORMS, ...(plan.include_filed ? (['filed'] as LegalForm[]) : [])];
  const orgs = (await repo.districtOrgs(db, Number(plan.region_id), forms)).filter((o) => isInOperation(o.status));
  return orgs.map((o) => ({
    plan_id: Number(plan.id), org_id: Number(o.org_id), draw_key: drawKeyOf({ id: Number(o.org_id), creditCode: o.credit_code }),
    // Placed directly at the district (no street): a stratum of its own.
    stratum: `${o.street_code ?? '0'}|${o.legal_form}`, org_name: o.name, street_name: o.street_name ?? '区直', legal_form: o.legal_form,
  }));
}

const drawPlanOf = (plan: InspectionPlanRow, districtCode: string, publishedOn: string) => ({
  id: Number(plan.id), districtCode, year: plan.year, kind: plan.kind, ratioBp: plan.ratio_bp, includeFiled: plan.include_filed, publishedOn,
});
const membersOf = (rows: InspectionPopulationRow[]): DrawMember[] => rows.map((r) => ({ key: r.draw_key, stratum: r.stratum }));

export async function getPlan(db: Db, ctx: RequestContext, id: number): Promise<PlanDetail> {
  requireAccess(ctx.actor, 'inspection.read');
  const plan = await loadPlanFor(db, ctx.actor, id);
  const district = (await findRegionById(db, Number(plan.region_id)))!;
  const population = plan.status === 'draft' ? await currentPopulation(db, plan) : await repo.findPopulation(db, id);
  const draw = await drawSample(plan.seed ?? '', plan.ratio_bp, membersOf(population));
  const names = new Map(population.map((p) => [p.stratum, { streetName: p.street_name, legalForm: LEGAL_FORM_LABELS[p.legal_form as LegalForm] ?? p.legal_form }]));
  const items = await itemViews(db, ctx.actor, await repo.itemsOfPlan(db, id, await listScope(db, ctx.actor)));
  return {
    id: Number(plan.id), kind: plan.kind, year: plan.year, title: plan.title, districtName: district.name, districtCode: district.code, percent: bpToPercent(plan.ratio_bp),
    includeFiled: plan.include_filed, status: plan.status, publishedOn: plan.published_on, populationSize: population.length, sampleSize: plan.status === 'drawn' ? draw.total : 0,
    checked: items.filter((i) => i.status === 'checked').length, purpose: plan.purpose, ratioBp: plan.ratio_bp, minInspectors: plan.min_inspectors, publishDays: plan.publish_days,
    basis: plan.basis_text, seed: plan.seed, drawnAt: plan.drawn_at ? new Date(plan.drawn_at).toISOString() : null,
    strata: draw.quotas.map((q) => ({ stratum: q.stratum, ...names.get(q.stratum)!, size: q.size, quota: q.quota })), total: draw.total, items, version: plan.version,
  };
}

/**
 * Publishing freezes the population of the day and publishes the seed computed from it: from then on the sample is
 * fixed by what anyone can read, and the draw only writes it down.
 */
export async function publishPlan(db: Db, ctx: RequestContext, id: number, version: number): Promise<PlanDetail> {
  requireAccess(ctx.actor, 'inspection.plan');
  const plan = await loadPlanFor(db, ctx.actor, id);
  const district = await resolveRegionFor(db, ctx.actor, (await findRegionById(db, Number(plan.region_id)))!.code, 'inspection.plan', ENTITY);
  if (plan.status !== 'draft') throw errors.conflict('inspection_plan.published', '该计划已公布，抽取种子与名单不可再改');
  const today = todayInChina();
  const population = await currentPopulation(db, plan);
  if (population.length === 0) throw errors.conflict('inspection_plan.empty', '本区没有符合条件的社会组织，无法公布抽查名单');
  const seed = await planSeed(drawPlanOf(plan, district.code, today), membersOf(population));
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updatePlan(trx, id, version, { status: 'published', published_on: today, seed, published_by: ctx.actor!.id }))) throw errors.conflict('version_conflict', '计划已被他人修改，请刷新后重试');
    await repo.insertPopulation(trx, population);
    await writeAudit(trx, ctx, { action: 'inspection.plan.publish', entityType: ENTITY, entityId: id, regionCode: district.code, newValue: { publishedOn: today, seed, population: population.length } });
  });
  return getPlan(db, ctx, id);
}

/** The roles of the inspectors' pool: those holding inspection.check; experts are placed nowhere. */
const POOL_ROLES: Role[] = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('inspection.check'));
const REGIONLESS_POOL: Role[] = ['expert'];

export async function poolOf(db: Db, districtId: number) {
  const pool = await repo.inspectorPool(db, districtId, POOL_ROLES, REGIONLESS_POOL);
  return { ids: pool.map((p) => Number(p.id)), facts: new Map<number, InspectorFacts>(pool.map((p) => [Number(p.id), { orgId: p.org_id === null ? null : Number(p.org_id), regionId: p.region_id === null ? null : Number(p.region_id) }])) };
}

/** The draw: the sample from seed and frozen list, and each item's inspectors from the pool in seed order. */
export async function drawPlan(db: Db, ctx: RequestContext, id: number, version: number): Promise<PlanDetail> {
  requireAccess(ctx.actor, 'inspection.plan');
  const plan = await loadPlanFor(db, ctx.actor, id);
  const district = await resolveRegionFor(db, ctx.actor, (await findRegionById(db, Number(plan.region_id)))!.code, 'inspection.plan', ENTITY);
  if (plan.status === 'draft') throw errors.conflict('inspection_plan.not_published', '请先公布计划（冻结名单并公布种子），再抽取');
  if (plan.status === 'drawn') throw errors.conflict('inspection_plan.drawn', '该计划已抽取');
  const population = await repo.findPopulation(db, id);
  const { sample } = await drawSample(plan.seed!, plan.ratio_bp, membersOf(population));
  const byKey = new Map(population.map((p) => [p.draw_key, p]));
  const pool = await poolOf(db, Number(district.id));
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updatePlan(trx, id, version, { status: 'drawn', drawn_at: new Date(), drawn_by: ctx.actor!.id }))) throw errors.conflict('version_conflict', '计划已被他人修改，请刷新后重试');
    for (const m of sample) {
      const p = byKey.get(m.key)!;
      const org = (await repo.orgPlaceOf(trx, Number(p.org_id)))!;
      const itemId = await repo.insertItem(trx, {
        plan_id: id, org_id: Number(org.id), region_id: org.region_id, level1_id: org.level1_id, level2_id: org.level2_id, level3_id: org.level3_id, level4_id: org.level4_id,
        level5_id: org.level5_id, level6_id: org.level6_id, stratum: m.stratum, rank_hash: m.rankHash,
      });
      const ordered = await rankInspectors(plan.seed!, m.key, pool.ids);
      const picked = pickInspectors(ordered, plan.min_inspectors, pool.facts, { id: Number(org.id), hubOrgId: org.hub_org_id, communityId: org.level5_id });
      await repo.insertInspectors(trx, picked.map((x) => ({ item_id: itemId, user_id: x.userId, status: x.status, reason: x.reason, draw_order: x.drawOrder })));
    }
    await writeAudit(trx, ctx, { action: 'inspection.plan.draw', entityType: ENTITY, entityId: id, regionCode: district.code, newValue: { seed: plan.seed, sample: sample.map((s) => s.key) } });
  });
  return getPlan(db, ctx, id);
}
