import type { Db, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { listScope, subtreeOf } from '../../lib/access.js';
import { errors } from '../../lib/errors.js';
import { todayInChina } from '../../lib/working-days.js';
import { findChildren } from '../regions/index.js';
import { ledgerSettingsFor } from '../settings/index.js';
import type { LedgerOrgsQuery, LedgerOrgsResponse, LedgerQuery, LedgerResponse, LedgerTotals } from '../../../shared/schemas/ledger.js';
import { resolveLedgerNode } from './activities.dormancy.js';
import { isDormantSince, isInOperation, monthsBefore } from './activities.policy.js';
import * as repo from './activities.repository.js';

/**
 * The ledger views (issue 13 item 1): totals per child node, month and type read from the kept month totals
 * (ledger_month_totals); the community view lists every organization with its own counts.
 */

/** The longest period a view spans: five years of months. */
const MAX_MONTHS = 60;

const zero = (): LedgerTotals => ({ activities: 0, participants: 0, beneficiaries: 0, volunteers: 0, volunteerMinutes: 0 });
function add(t: LedgerTotals, r: { activities: number; participants: number; beneficiaries: number; volunteers: number; volunteer_minutes: number }) {
  t.activities += Number(r.activities);
  t.participants += Number(r.participants);
  t.beneficiaries += Number(r.beneficiaries);
  t.volunteers += Number(r.volunteers);
  t.volunteerMinutes += Number(r.volunteer_minutes);
}

/** The period asked for: default the twelve months up to today; months as YYYY-MM from the first to the last. */
export function periodOf(from: string | undefined, to: string | undefined) {
  const end = to ?? todayInChina();
  const start = from ?? `${monthsBefore(end, 11).slice(0, 7)}-01`;
  if (start > end) throw errors.validation({ from: '开始日期不能晚于结束日期' });
  const months: string[] = [];
  for (let m = start.slice(0, 7); m <= end.slice(0, 7); m = monthsBefore(`${m}-01`, -1).slice(0, 7)) {
    months.push(m);
    if (months.length > MAX_MONTHS) throw errors.validation({ from: `统计期间不超过 ${MAX_MONTHS} 个月` });
  }
  const [ly, lm] = months.at(-1)!.split('-').map(Number) as [number, number];
  // The views are by whole month: the first month from its 1st, the last to its last day.
  return { from: start, to: end, months, firstDay: `${months[0]}-01`, lastDay: new Date(Date.UTC(ly, lm, 0)).toISOString().slice(0, 10) };
}

type Grouped = { total: LedgerTotals; byMonth: Map<string, LedgerTotals>; byType: Map<string, LedgerTotals> };
const grouped = (): Grouped => ({ total: zero(), byMonth: new Map(), byType: new Map() });
function addTo(g: Grouped, r: Parameters<typeof add>[1] & { month: string; activity_type: string }) {
  add(g.total, r);
  if (!g.byMonth.has(r.month)) g.byMonth.set(r.month, zero());
  add(g.byMonth.get(r.month)!, r);
  if (!g.byType.has(r.activity_type)) g.byType.set(r.activity_type, zero());
  add(g.byType.get(r.activity_type)!, r);
}
const spread = (g: Grouped, months: string[], types: string[]) => ({
  total: g.total,
  byMonth: months.map((month) => ({ month, ...(g.byMonth.get(month) ?? zero()) })),
  byType: types.map((type) => ({ type, ...(g.byType.get(type) ?? zero()) })),
});

/** The district's types first (in its order), then any kept type no longer listed that has activities. */
async function typesOf(db: Db, region: RegionRow, seen: Iterable<string>) {
  const { activityTypes } = await ledgerSettingsFor(db, region.level >= 3 ? region.level3_id : null);
  return [...activityTypes, ...[...new Set(seen)].filter((t) => !activityTypes.includes(t)).sort()];
}

const ref = (r: RegionRow) => ({ id: Number(r.id), code: r.code, name: r.name, level: r.level });

/**
 * GET /ledger: the node's totals, and per child node (and the node's own row for organizations placed at the node
 * itself) per month and per type. Counts only, in the reader's region subtree.
 */
export async function ledgerTotals(db: Db, ctx: RequestContext, q: LedgerQuery): Promise<LedgerResponse> {
  const region = await resolveLedgerNode(db, ctx, q.region);
  const p = periodOf(q.from, q.to);
  const childLevel = region.level < 6 ? region.level + 1 : null;
  const rows = await repo.totalsByChild(db, subtreeOf(region), childLevel, `${p.months[0]}-01`, `${p.months.at(-1)}-01`);
  const types = await typesOf(db, region, rows.map((r) => r.activity_type));
  const all = grouped();
  const byChild = new Map<number | null, Grouped>();
  for (const r of rows) {
    addTo(all, r);
    if (!byChild.has(r.child_id)) byChild.set(r.child_id, grouped());
    addTo(byChild.get(r.child_id)!, r);
  }
  const children = childLevel === null ? [] : await findChildren(db, Number(region.id));
  const nodes: LedgerResponse['nodes'] = children.map((c) => ({ region: ref(c), ...spread(byChild.get(Number(c.id)) ?? grouped(), p.months, types) }));
  const own = byChild.get(null);
  if (own) nodes.push({ region: null, ...spread(own, p.months, types) });
  return { region: ref(region), from: p.from, to: p.to, months: p.months, types, ...spread(all, p.months, types), nodes };
}

/** GET /ledger/orgs: the community view, every organization under the node (that the reader reaches) with its counts. */
export async function ledgerOrgs(db: Db, ctx: RequestContext, q: LedgerOrgsQuery): Promise<LedgerOrgsResponse> {
  const region = await resolveLedgerNode(db, ctx, q.region);
  const p = periodOf(q.from, q.to);
  const scope = await listScope(db, ctx.actor!);
  const { total, orgs, totals } = await repo.orgsWithTotals(db, subtreeOf(region), scope, p.firstDay, p.lastDay, q.pageSize, (q.page - 1) * q.pageSize);
  const types = await typesOf(db, region, totals.map((r) => r.activity_type));
  const byOrg = new Map<number, Grouped>();
  for (const r of totals) {
    const id = Number(r.org_id);
    if (!byOrg.has(id)) byOrg.set(id, grouped());
    addTo(byOrg.get(id)!, r);
  }
  const months = new Map<number, number>();
  const today = todayInChina();
  const items = await Promise.all(orgs.map(async (o) => {
    const district = o.level3_id === null ? 0 : Number(o.level3_id);
    if (!months.has(district)) months.set(district, (await ledgerSettingsFor(db, district || null)).dormancyMonths);
    return {
      id: Number(o.id),
      name: o.name,
      legalForm: o.legal_form,
      status: o.status,
      region: { code: o.region_code, name: o.region_name },
      lastActivityOn: o.last_activity_on,
      dormant: isInOperation(o.status) && isDormantSince(o.since, today, months.get(district)!),
      ...spread(byOrg.get(Number(o.id)) ?? grouped(), p.months, types),
    };
  }));
  return { region: ref(region), from: p.from, to: p.to, months: p.months, types, items, total, page: q.page, pageSize: q.pageSize };
}
