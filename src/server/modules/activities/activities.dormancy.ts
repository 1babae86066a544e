import type { Db, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { listScope, requireAccess, subtreeOf, UNLIMITED_SCOPE, type ListScope } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { todayInChina } from '../../lib/working-days.js';
import { loadOrgFor } from '../orgs/index.js';
import { findChildren, resolveRegionFor } from '../regions/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import { DORMANCY_RULE, type Dormancy, type DormantOrg, type DormantQuery, type DormantResponse } from '../../../shared/schemas/ledger.js';
import * as repo from './activities.repository.js';
import { isDormantSince, isInOperation, monthsAfter, monthsBefore, statutoryGroundMet } from './activities.policy.js';

/**
 * Dormancy (issue 13 item 2): an organization in operation with no live ledger activity for the district's
 * `ledger.dormancyMonths` (default 12). Counted from its latest activity (orgs.last_activity_on, kept by the ledger),
 * or, when it never had one, from the day it entered the register. For a registered social group, a year without
 * activity after registration is a statutory ground for revocation (社会团体登记管理条例 art. 29): cited in the flag.
 */


/** The dormancy of one organization (no access check: the caller has loaded the organization for its reader). */
export async function orgDormancy(db: Db, orgId: number, asOf = todayInChina()): Promise<Dormancy | null> {
  const facts = await repo.findDormancyFacts(db, orgId);
  if (!facts) return null;
  const { dormancyMonths: months } = await ledgerSettingsFor(db, facts.level3_id);
  const inOperation = isInOperation(facts.status);
  const dormant = inOperation && isDormantSince(facts.since, asOf, months);
  const registeredGroup = facts.legal_form === 'social_group';
  const met = statutoryGroundMet(facts, asOf);
  const statutory = registeredGroup ? { ...DORMANCY_RULE, met } : null;
  const lead = facts.last_activity_on ? `自 ${facts.last_activity_on} 以来` : '登记以来';
  let message: string | null = null;
  if (dormant) {
    message = `${lead}已满 ${months} 个月没有台账活动，列为长期未开展活动（休眠）组织。`;
    if (met) message += `依${DORMANCY_RULE.source}${DORMANCY_RULE.article}：${DORMANCY_RULE.text}`;
    else if (registeredGroup) message += `请注意${DORMANCY_RULE.source}${DORMANCY_RULE.article}（自取得登记证书之日起1年未开展活动的，予以撤销登记）。`;
  }
  return {
    dormant,
    months,
    asOf,
    since: facts.since,
    lastActivityOn: facts.last_activity_on,
    dormantFrom: monthsAfter(facts.since, months),
    inOperation,
    statutory,
    message,
  };
}

/** GET /orgs/{id}/dormancy: the flag of the organization record, for a reader of its ledger. */
export async function getOrgDormancy(db: Db, ctx: RequestContext, orgId: number): Promise<Dormancy> {
  await loadOrgFor(db, ctx, orgId, 'activity.read');
  return (await orgDormancy(db, orgId))!;
}

/** Each district's cutoff under a node: asOf less its own dormancyMonths. */
async function cutoffsUnder(db: Db, region: Pick<RegionRow, 'id' | 'level' | 'level3_id'>, asOf: string) {
  const districts = await repo.districtsUnder(db, { id: Number(region.id), level: region.level, level3_id: region.level3_id });
  return Promise.all(districts.map(async (districtId) => {
    const { dormancyMonths } = await ledgerSettingsFor(db, districtId);
    return { districtId, months: dormancyMonths, cutoff: monthsBefore(asOf, dormancyMonths) };
  }));
}

export interface DormantOrgsOptions {
  /** The node whose subtree is searched. */
  region: Pick<RegionRow, 'id' | 'level' | 'level3_id'>;
  /** The organizations the reader reaches (listScope); UNLIMITED_SCOPE for a system job. */
  scope?: ListScope;
  asOf?: string;
  limit?: number;
  offset?: number;
}

/**
 * The dormant organizations under a node, oldest silence first, with the total (the risk-warning rules of the next
 * issue read this). `statutoryMet`: a registered social group with no activity since registration for a year.
 */
export async function dormantOrgs(db: Db, opts: DormantOrgsOptions): Promise<{ items: DormantOrg[]; total: number }> {
  const asOf = opts.asOf ?? todayInChina();
  const cutoffs = await cutoffsUnder(db, opts.region, asOf);
  const [count, rows] = await repo.dormantList(db, subtreeOf(opts.region), opts.scope ?? UNLIMITED_SCOPE, cutoffs, opts.limit ?? 100, opts.offset ?? 0);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      legalForm: r.legal_form,
      status: r.status,
      region: { code: r.region_code, name: r.region_name },
      lastActivityOn: r.last_activity_on,
      since: r.since,
      statutoryMet: statutoryGroundMet(r, asOf),
    })),
  };
}

/** GET /ledger/dormant: dormant / in operation per child node, and with list=1 a page of the named organizations. */
export async function dormantByNode(db: Db, ctx: RequestContext, q: DormantQuery): Promise<DormantResponse> {
  const region = await resolveLedgerNode(db, ctx, q.region);
  const asOf = q.asOf ?? todayInChina();
  if (asOf > todayInChina()) throw errors.validation({ asOf: '统计日期不能晚于今天' });
  const scope = await listScope(db, ctx.actor!);
  const childLevel = region.level < 6 ? region.level + 1 : null;
  const cutoffs = await cutoffsUnder(db, region, asOf);
  const byChild = new Map<number | null, { dormant: number; inOperation: number }>();
  for (const c of cutoffs) {
    for (const r of await repo.dormantCounts(db, subtreeOf(region), scope, c.districtId, c.cutoff, childLevel)) {
      const key = r.child_id === null ? null : Number(r.child_id);
      const s = byChild.get(key) ?? { dormant: 0, inOperation: 0 };
      s.dormant += Number(r.dormant);
      s.inOperation += Number(r.in_operation);
      byChild.set(key, s);
    }
  }
  const children = childLevel === null ? [] : await findChildren(db, Number(region.id));
  const ref = (r: RegionRow) => ({ id: Number(r.id), code: r.code, name: r.name, level: r.level });
  const nodes: DormantResponse['nodes'] = children.map((c) => ({ region: ref(c), ...(byChild.get(Number(c.id)) ?? { dormant: 0, inOperation: 0 }) }));
  const own = byChild.get(null);
  if (own && own.inOperation > 0) nodes.push({ region: null, ...own });
  const total = { dormant: 0, inOperation: 0 };
  for (const s of byChild.values()) {
    total.dormant += s.dormant;
    total.inOperation += s.inOperation;
  }
  const list = q.list === '1' ? await dormantOrgs(db, { region, scope, asOf, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }) : { items: [], total: total.dormant };
  return { region: ref(region), asOf, months: [...new Set(cutoffs.map((c) => c.months))].sort((a, b) => a - b), total, nodes, items: list.items, itemsTotal: list.total, page: q.page, pageSize: q.pageSize };
}

/** The node a ledger view is of: the one asked for, else the reader's own; 404 outside their subtree. */
export async function resolveLedgerNode(db: Db, ctx: RequestContext, code: string | undefined): Promise<RegionRow> {
  requireAccess(ctx.actor, 'ledger.read');
  const c = code ?? ctx.actor.region?.code;
  if (!c) throw errors.validation({ region: '请选择区划' });
  return resolveRegionFor(db, ctx.actor, c, 'ledger.read', 'region');
}
