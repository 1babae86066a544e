import type { Kysely } from 'kysely';
import type { DB, RegionRow } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { requireAccess, type Permission } from '../../lib/access.js';
import { todayInChina } from '../../lib/working-days.js';
import { findRegionPath, resolveRegionFor } from '../regions/index.js';
import { inspectionCounts } from '../annual-reports/index.js';
import { readTargetSettings, TARGETS_SETTING_KEY, DEFAULT_TARGETS, type TargetSettings } from '../../../shared/schemas/targets.js';
import { TARGET_NOTE_LABELS, type BreakdownResponse, type NodeTargets, type StatsOrgsQuery, type StatsOrgsResponse, type StatsQuery, type StatsRegion, type TargetsResponse } from '../../../shared/schemas/stats.js';
import * as repo from './stats.repository.js';
import {
  addFigure,
  emptyCounts,
  growthClassOf,
  growthTarget,
  ownCounts,
  ownLabelOf,
  placesOf,
  targetItems,
  weightedGrowth,
  weightedTargets,
  type GrowthClass,
  type NodeCounts,
  type NodePlaces,
} from './stats.policy.js';

const ENTITY = 'region';


export interface StatsNode {
  region: RegionRow;
  asOf: string;
  year: number;
  /** Today and year ends come from the counters; any other date is counted from the registry. */
  source: 'counters' | 'registry';
  /**
   * Populations and communities: from the per-node figures the triggers keep (default), or summed up from the
   * whole subtree by placesOf (the definition; the bench's full recount uses it).
   */
  places?: 'stored' | 'recount';
}

/** The node a statistics request is about (the user's own by default), checked against the user's subtree, and the date. */
export async function resolveStatsNode(db: Kysely<DB>, ctx: RequestContext, query: StatsQuery, permission: Permission = 'stats.read'): Promise<StatsNode> {
  requireAccess(ctx.actor, permission);
  const code = query.region ?? ctx.actor.region?.code;
  if (!code) throw errors.validation({ region: '请选择区划' });
  const region = await resolveRegionFor(db, ctx.actor, code, permission, ENTITY);
  const today = todayInChina();
  const asOf = query.asOf ?? today;
  const parsed = new Date(`${asOf}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== asOf) throw errors.validation({ asOf: '日期无效' });
  if (asOf > today) throw errors.validation({ asOf: '统计日期不能晚于今天' });
  if (asOf < '1990-01-01') throw errors.validation({ asOf: '统计日期不早于 1990 年' });
  return { region, asOf, year: Number(asOf.slice(0, 4)), source: asOf === today || asOf.endsWith('-12-31') ? 'counters' : 'registry' };
}

const toStatsRegion = (r: { id: number; code: string; name: string; level: number; kind: string }, childCount: number): StatsRegion => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  level: r.level,
  kind: r.kind as StatsRegion['kind'],
  childCount,
});

/**
 * Counts of the node, its children and (for a node above the districts) each district below it, and of the
 * organizations placed at the node itself (own): from the counters the subtree's less the children's, from the
 * registry directly (the organizations with no ancestor at the children's level).
 */
async function countsFor(db: Kysely<DB>, n: StatsNode, ids: number[], districtIds: number[]): Promise<{ byNode: Map<number, NodeCounts>; own: NodeCounts }> {
  const out = new Map<number, NodeCounts>();
  const at = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = emptyCounts()));
    return c;
  };
  const node = Number(n.region.id);
  const childIds = ids.filter((id) => id !== node);
  if (n.source === 'counters') {
    for (const row of await repo.counterFigures(db, [...new Set([...ids, ...districtIds])], n.year)) addFigure(at(row.node!), row);
    return { byNode: out, own: ownCounts(at(node), childIds.map(at)) };
  }
  const own = emptyCounts();
  const scope = { level: n.region.level, id: node };
  const groupLevel = Math.min(n.region.level + 1, 6);
  for (const row of await repo.registryFigures(db, scope, groupLevel, n.asOf)) {
    if (row.node !== null && row.node !== node) addFigure(at(row.node), row);
    else addFigure(own, row);
    addFigure(at(node), row);
  }
  if (districtIds.length && groupLevel !== 3) {
    for (const row of await repo.registryFigures(db, scope, 3, n.asOf)) if (row.node !== null) addFigure(at(row.node), row);
  }
  return { byNode: out, own };
}

/** The node, its children and (above the districts) the districts below it, with their places figures. */
async function boardNodes(db: Kysely<DB>, n: StatsNode): Promise<repo.BoardNode[]> {
  const node = { id: Number(n.region.id), level: n.region.level };
  if (n.places !== 'recount') return repo.findBoardNodes(db, node);
  const nodes = await repo.findSubtreeNodes(db, node);
  const places = placesOf(nodes);
  const childCount = new Map<number, number>();
  for (const x of nodes) if (x.parent_id !== null) childCount.set(x.parent_id, (childCount.get(x.parent_id) ?? 0) + 1);
  return nodes
    .filter((x) => x.id === node.id || x.parent_id === node.id || (node.level === 1 && x.level === 3))
    .map((x) => {
      const p = places.get(x.id)!;
      return {
        id: x.id, parent_id: x.parent_id, code: x.code, name: x.name, level: x.level, kind: x.kind, level3_id: x.level3_id,
        population: p.population, partial: p.partial, isDemo: p.isDemo, urbanCommunities: p.urbanCommunities, ruralCommunities: p.ruralCommunities,
        childCount: childCount.get(x.id) ?? 0,
      };
    });
}

/** The figures against the targets for a node and each of its children (the contract of GET /stats/targets). */
export async function computeTargets(db: Kysely<DB>, n: StatsNode, topLevel = 1): Promise<TargetsResponse> {
  const nodeId = Number(n.region.id);
  const nodes = await boardNodes(db, n);
  const places = new Map<number, NodePlaces>(nodes.map((x) => [x.id, x]));
  const children = nodes.filter((x) => x.parent_id === nodeId).sort((a, b) => a.code.localeCompare(b.code));
  const districts = n.region.level < 3 ? nodes.filter((x) => x.level === 3) : [];
  const districtIds = n.region.level < 3 ? districts.map((d) => d.id) : n.region.level3_id ? [Number(n.region.level3_id)] : [];
  const [{ byNode: counts, own }, stored, path, inspection] = await Promise.all([
    countsFor(db, n, [nodeId, ...children.map((c) => c.id)], n.region.level < 3 ? districtIds : []),
    repo.findDistrictSettings(db, districtIds, TARGETS_SETTING_KEY),
    findRegionPath(db, nodeId),
    // 年检率: concluded / due for the year being inspected as of the day (modules/annual-reports).
    inspectionCounts(db, n.region, n.asOf),
  ]);
  const inspectionOf = (id: number) => (id === nodeId ? inspection.node : inspection.child(id));
  const settingsOf = (districtId: number | null): TargetSettings => (districtId === null ? DEFAULT_TARGETS : readTargetSettings(stored.get(districtId)));
  // The township-level kind above a community-level node decides its growth target.
  const ownTownshipKind = n.region.level >= 5 ? await repo.findRegionKind(db, n.region.level4_id === null ? null : Number(n.region.level4_id)) : null;
  const classOf = (x: { level: number; kind: string }): GrowthClass | null =>
    x.level === 4 ? growthClassOf(x.kind) : x.level > 4 && ownTownshipKind ? growthClassOf(ownTownshipKind) : null;

  const noPlaces: NodePlaces = { population: null, partial: false, isDemo: false, urbanCommunities: 0, ruralCommunities: 0 };
  const figure = (x: repo.BoardNode): NodeTargets => {
    const c = counts.get(x.id) ?? emptyCounts();
    const p = places.get(x.id) ?? noPlaces;
    let t: TargetSettings;
    let growth: number;
    if (x.level >= 3) {
      t = settingsOf(x.level === 3 ? x.id : x.level3_id);
      growth = growthTarget(t, c, classOf(x));
    } else {
      const below = districts.filter((d) => x.level === 1 || d.parent_id === x.id);
      const parts = below.map((d) => {
        const dp = places.get(d.id) ?? noPlaces;
        return { t: settingsOf(d.id), counts: counts.get(d.id) ?? emptyCounts(), weight: { population: dp.population ?? 0, urban: dp.urbanCommunities, rural: dp.ruralCommunities } };
      });
      t = weightedTargets(parts, DEFAULT_TARGETS);
      growth = weightedGrowth(parts, t.growthStreet);
    }
    return {
      region: toStatsRegion(x, x.childCount),
      population: p.population,
      populationPartial: p.partial,
      populationIsDemo: p.isDemo,
      orgs: c.inRegister,
      items: targetItems(c, p, t, growth, inspectionOf(x.id)),
    };
  };
  const self = nodes.find((x) => x.id === nodeId)!;
  const selfFigure = figure(self);
  // 本级: its growth is held to the node's own target; population and communities belong to the children.
  const ownT = self.level >= 3 ? settingsOf(self.level === 3 ? self.id : self.level3_id) : DEFAULT_TARGETS;
  const ownGrowth = selfFigure.items.find((i) => i.key === 'growthRate')!.target;
  const ownItems = targetItems(own, noPlaces, ownT, ownGrowth, inspection.own).map((i) =>
    i.key === 'orgsPer10k' || i.key === 'orgsPerUrbanCommunity' || i.key === 'orgsPerRuralCommunity' ? { ...i, note: TARGET_NOTE_LABELS.ownPlaces, noteCode: 'ownPlaces' as const } : i,
  );
  return {
    ...selfFigure,
    asOf: n.asOf,
    source: n.source,
    ancestors: path.filter((a) => a.level >= topLevel && a.id !== nodeId),
    children: children.map(figure),
    own: {
      region: selfFigure.region,
      label: ownLabelOf(self),
      population: null,
      populationPartial: false,
      populationIsDemo: false,
      orgs: own.inRegister,
      items: ownItems,
    },
  };
}


export async function getTargets(db: Kysely<DB>, ctx: RequestContext, query: StatsQuery): Promise<TargetsResponse> {
  const n = await resolveStatsNode(db, ctx, query);
  return computeTargets(db, n, ctx.actor!.region?.level ?? 1);
}

/** The yearly series and the composition by category and form of one node. */
export async function computeBreakdown(db: Kysely<DB>, n: StatsNode): Promise<BreakdownResponse> {
  const scope = { level: n.region.level, id: Number(n.region.id) };
  const rows = n.source === 'counters' ? await repo.counterBreakdown(db, scope.id, n.year) : await repo.registryBreakdown(db, scope, n.asOf);
  const Y = n.year;
  const first = Math.min(Y, ...rows.filter((r) => r.recorded_year > 0).map((r) => r.recorded_year));
  const years: BreakdownResponse['years'] = [];
  for (let y = first; y <= Y; y++) {
    let total = 0;
    let added = 0;
    let closed = 0;
    for (const r of rows) {
      if (y < Y) {
        if (r.recorded_year <= y && (r.closed_year === 0 || r.closed_year > y)) total += r.n;
        if (r.recorded_year === y) added += r.n;
        if (r.closed_year === y) closed += r.n;
      } else {
        if (r.r_ok && !r.c_ok) total += r.n;
        if (r.recorded_year === y && r.r_ok) added += r.n;
        if (r.closed_year === y && r.c_ok) closed += r.n;
      }
    }
    years.push({ year: y, total, added, closed });
  }
  const tally = (key: 'category' | 'legal_form') => {
    const m = new Map<string, number>();
    for (const r of rows) if (r.r_ok && !r.c_ok) m.set(r[key], (m.get(r[key]) ?? 0) + r.n);
    return [...m].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const childCount = await repo.countChildren(db, scope.id);
  return {
    region: toStatsRegion({ ...n.region, id: Number(n.region.id) }, childCount),
    asOf: n.asOf,
    years,
    byCategory: tally('category').map(([category, count]) => ({ category, count })),
    byForm: tally('legal_form').map(([legalForm, count]) => ({ legalForm, count })),
  };
}

export async function getBreakdown(db: Kysely<DB>, ctx: RequestContext, query: StatsQuery): Promise<BreakdownResponse> {
  return computeBreakdown(db, await resolveStatsNode(db, ctx, query));
}

/** The organizations behind a figure: in the register on the date (or entered in its year), in the node's subtree. */
export async function listStatsOrgs(db: Kysely<DB>, ctx: RequestContext, query: StatsOrgsQuery): Promise<StatsOrgsResponse> {
  const n = await resolveStatsNode(db, ctx, query);
  const { items, total } = await repo.listOrgsBehind(
    db,
    { scope: { level: n.region.level, id: Number(n.region.id) }, date: n.asOf, kind: query.scope, category: query.category },
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  return {
    total,
    items: items.map((o) => ({
      id: Number(o.id),
      name: o.name,
      legalForm: o.legal_form,
      category: o.category,
      status: o.status,
      region: { id: Number(o.region_id), code: o.region_code, name: o.region_name, level: o.region_level },
      recordedOn: o.recorded_on,
      closedOn: o.closed_on,
    })),
  };
}

