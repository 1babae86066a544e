import type { Db } from '../../db/types.js';
import { errors } from '../../lib/errors.js';
import { findRegionByCode, findRegionById } from '../regions/index.js';
import type { PublicPlan } from '../../../shared/schemas/inspections.js';
import { UNLIMITED_SCOPE } from '../../lib/access.js';
import * as repo from './inspections.repository.js';

/**
 * What anyone may read without logging in (双随机一公开: 抽查事项、结果公开): published plans with their seed and
 * frozen population (enough to recompute the draw), the sample once drawn, and the results once published.
 */
export async function publicPlan(db: Db, id: number): Promise<PublicPlan> {
  const plan = await repo.findPlan(db, id);
  if (!plan || plan.status === 'draft') throw errors.notFound('inspection_plan');
  const district = (await findRegionById(db, Number(plan.region_id)))!;
  const [population, items] = await Promise.all([repo.findPopulation(db, id), repo.itemsOfPlan(db, id, UNLIMITED_SCOPE)]);
  return {
    id: Number(plan.id), title: plan.title, kind: plan.kind, year: plan.year, districtCode: district.code, districtName: district.name, ratioBp: plan.ratio_bp,
    includeFiled: plan.include_filed, publishedOn: plan.published_on!, seed: plan.seed!, basis: plan.basis_text, status: plan.status,
    population: population.map((p) => ({ key: p.draw_key, stratum: p.stratum, orgName: p.org_name, streetName: p.street_name, legalForm: p.legal_form })),
    sample: items.map((i) => ({ key: population.find((p) => Number(p.org_id) === Number(i.org_id))!.draw_key, stratum: i.stratum, orgName: i.org_name, rankHash: i.rank_hash })),
    results: items
      .filter((i) => i.published_on && i.result)
      .map((i) => ({ orgId: Number(i.org_id), orgName: i.org_name, result: i.result!, checkedOn: i.checked_on!, rectifyBy: i.rectify_by, rectifiedOn: i.rectified_on, publishedOn: i.published_on! })),
  };
}

export async function publicPlans(db: Db, region: string | undefined) {
  let districtId: number | undefined;
  if (region) {
    const d = await findRegionByCode(db, region);
    if (!d) throw errors.validation({ region: '区划不存在' });
    districtId = Number(d.id);
  }
  const { rows } = await repo.listPlans(db, { districtId, published: true }, 1, 200);
  return { items: rows.map((r) => ({ id: Number(r.id), title: r.title, year: r.year, districtName: r.district_name, publishedOn: r.published_on!, status: r.status, sampleSize: Number(r.sample_size ?? 0) })) };
}
