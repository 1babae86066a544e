import type { TargetSettings } from '../../../shared/schemas/targets.js';
import { TARGET_LABELS, type TargetItem, type TargetKey, type TargetNote, type TargetStatus, TARGET_NOTE_LABELS } from '../../../shared/schemas/stats.js';
export { ownLabelOf, ownRowName } from '../../../shared/schemas/stats.js';

/** What the registry says about one node on the date. */
export interface NodeCounts {
  inRegister: number;
  /** In the register and placed in an urban community (社区) / a village (村) or below. */
  inUrban: number;
  inRural: number;
  /** Entered the register in the date's year (up to the date), by the kind of township-level node they sit in. */
  added: Record<GrowthClass, number>;
  /** In the register at the end of the year before, by the same kind. */
  base: Record<GrowthClass, number>;
}

/** Growth targets differ for streets and for towns/townships (seed 004 三(一)1); 'none' = placed above them. */
export type GrowthClass = 'street' | 'township' | 'none';

export const growthClassOf = (townshipKind: string): GrowthClass =>
  townshipKind === 'street' ? 'street' : townshipKind === '' ? 'none' : 'township';

export const emptyCounts = (): NodeCounts => ({
  inRegister: 0,
  inUrban: 0,
  inRural: 0,
  added: { street: 0, township: 0, none: 0 },
  base: { street: 0, township: 0, none: 0 },
});

export function addFigure(c: NodeCounts, row: { tk: string; vk: string; in_register: number; added: number; base: number }) {
  const g = growthClassOf(row.tk);
  c.inRegister += row.in_register;
  if (row.vk === 'community') c.inUrban += row.in_register;
  else if (row.vk === 'village') c.inRural += row.in_register;
  c.added[g] += row.added;
  c.base[g] += row.base;
}

/**
 * The organizations placed at a node itself (本级: 街道本级, 区本级), not in any child: the subtree counters less the
 * children's. Every breakdown shows this row so that its rows add up to the node's total (issue 22 item 4: 文山街道
 * had 30 organizations but its six communities only 16; the 14 placed at the street had no row).
 */
export function ownCounts(total: NodeCounts, children: NodeCounts[]): NodeCounts {
  const out = emptyCounts();
  const minus = (key: 'inRegister' | 'inUrban' | 'inRural') => total[key] - children.reduce((s, c) => s + c[key], 0);
  out.inRegister = minus('inRegister');
  out.inUrban = minus('inUrban');
  out.inRural = minus('inRural');
  for (const g of ['street', 'township', 'none'] as const) {
    out.added[g] = total.added[g] - children.reduce((s, c) => s + c.added[g], 0);
    out.base[g] = total.base[g] - children.reduce((s, c) => s + c.base[g], 0);
  }
  return out;
}

/**
 * A rate over a base this small (fewer organizations at the end of last year) is shown with its numerator and
 * denominator and kept from stretching a chart's axis: 2 new over 1 = 200% says little (issue 22 item 4).
 */
export const SMALL_BASE = 5;

/** Population and communities of a node, from the region tree. */
export interface NodePlaces {
  population: number | null;
  partial: boolean;
  isDemo: boolean;
  urbanCommunities: number;
  ruralCommunities: number;
}

export interface TreeNode {
  id: number;
  parent_id: number | null;
  level: number;
  kind: string;
  population: number | null;
  population_is_demo: boolean;
}

/**
 * Population summed upward: a node's own figure when entered, else the sum over its children that have one.
 * Partial when some children lack one (the per-10,000 figure then covers part of the node and says so).
 */
export function placesOf(nodes: TreeNode[]): Map<number, NodePlaces> {
  const children = new Map<number, TreeNode[]>();
  for (const n of nodes) {
    if (n.parent_id === null) continue;
    const list = children.get(n.parent_id);
    if (list) list.push(n);
    else children.set(n.parent_id, [n]);
  }
  const out = new Map<number, NodePlaces>();
  for (const n of [...nodes].sort((a, b) => b.level - a.level)) {
    const kids = (children.get(n.id) ?? []).map((k) => out.get(k.id)!).filter(Boolean);
    const known = kids.filter((k) => k.population !== null);
    const below = known.length ? known.reduce((s, k) => s + k.population!, 0) : null;
    const own = n.population;
    out.set(n.id, {
      population: own ?? below,
      partial: own === null && known.length > 0 && kids.some((k) => k.population === null || k.partial),
      isDemo: own !== null ? n.population_is_demo : known.some((k) => k.isDemo),
      urbanCommunities: (n.level === 5 && n.kind === 'community' ? 1 : 0) + kids.reduce((s, k) => s + k.urbanCommunities, 0),
      ruralCommunities: (n.level === 5 && n.kind === 'village' ? 1 : 0) + kids.reduce((s, k) => s + k.ruralCommunities, 0),
    });
  }
  return out;
}

export function statusOf(value: number, target: number, closeMargin: number): TargetStatus {
  if (value >= target) return 'met';
  if (value >= target * (1 - closeMargin / 100)) return 'close';
  return 'behind';
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function item(key: TargetKey, target: number, margin: number, numerator: number | null, denominator: number | null, scale: number, missing: TargetNote, partial: TargetNote | null = null): TargetItem {
  const unit = TARGET_LABELS[key].unit;
  if (numerator === null || denominator === null || denominator === 0) {
    return { key, value: null, target, gap: null, status: 'no-data', numerator, denominator, unit, note: TARGET_NOTE_LABELS[missing], noteCode: missing, smallBase: false };
  }
  const value = round((numerator / denominator) * scale);
  const smallBase = key === 'growthRate' && denominator < SMALL_BASE;
  const note = partial === null ? null : TARGET_NOTE_LABELS[partial];
  return { key, value, target, gap: round(value - target), status: statusOf(value, target, margin), numerator, denominator, unit, note, noteCode: partial, smallBase };
}

/** The rate a node is held to: by its own township-level kind, or base-weighted over the kinds below it. */
export function growthTarget(t: TargetSettings, counts: NodeCounts, ownClass: GrowthClass | null): number {
  if (ownClass === 'street') return t.growthStreet;
  if (ownClass === 'township') return t.growthTownship;
  const weight = counts.base.street + counts.base.township;
  if (weight === 0) return t.growthStreet;
  return round((t.growthStreet * counts.base.street + t.growthTownship * counts.base.township) / weight);
}

/** Annual inspection at a node (modules/annual-reports): reports concluded over reports due for the year inspected. */
export interface InspectionCounts {
  concluded: number;
  due: number;
}

/**
 * The seven figures of a node (party and satisfaction wait for their data). The inspection rate (年检率, target 100%)
 * is concluded / due; with nothing due at the node it has no value (noReportsDue), and without the figures at all
 * (a caller that did not ask for them) it waits for its data as before.
 */
export function targetItems(counts: NodeCounts, places: NodePlaces, t: TargetSettings, growthRate: number, inspection: InspectionCounts | null = null): TargetItem[] {
  const m = t.closeMargin;
  const added = counts.added.street + counts.added.township + counts.added.none;
  const base = counts.base.street + counts.base.township + counts.base.none;
  return [
    item('orgsPer10k', t.orgsPer10k, m, counts.inRegister, places.population, 10_000, 'noPopulation', places.partial ? 'partialPopulation' : null),
    item('growthRate', growthRate, m, added, base, 100, 'noBase'),
    item('orgsPerUrbanCommunity', t.orgsPerUrbanCommunity, m, counts.inUrban, places.urbanCommunities, 1, 'noUrban'),
    item('orgsPerRuralCommunity', t.orgsPerRuralCommunity, m, counts.inRural, places.ruralCommunities, 1, 'noRural'),
    inspection
      ? item('inspectionRate', t.inspectionRate, m, inspection.concluded, inspection.due, 100, 'noReportsDue')
      : item('inspectionRate', t.inspectionRate, m, null, null, 100, 'noInspectionData'),
    item('partyCoverage', t.partyCoverage, m, null, null, 100, 'noPartyData'),
    item('satisfaction', t.satisfaction, m, null, null, 100, 'noSatisfactionData'),
  ];
}

/**
 * Targets for a node spanning several districts: each district's target weighted by its own denominator
 * (population, communities), so the node is held to the sum of what its districts are held to.
 */
export function weightedTargets(parts: { t: TargetSettings; weight: { population: number; urban: number; rural: number } }[], fallback: TargetSettings): TargetSettings {
  if (parts.length === 0) return fallback;
  const avg = (key: keyof TargetSettings, w: (p: (typeof parts)[number]) => number) => {
    const total = parts.reduce((s, p) => s + w(p), 0);
    if (total === 0) return parts.every((p) => p.t[key] === parts[0].t[key]) ? parts[0].t[key] : fallback[key];
    return round(parts.reduce((s, p) => s + p.t[key] * w(p), 0) / total);
  };
  const even = () => 1;
  return {
    orgsPer10k: avg('orgsPer10k', (p) => p.weight.population),
    growthStreet: avg('growthStreet', even),
    growthTownship: avg('growthTownship', even),
    orgsPerUrbanCommunity: avg('orgsPerUrbanCommunity', (p) => p.weight.urban),
    orgsPerRuralCommunity: avg('orgsPerRuralCommunity', (p) => p.weight.rural),
    inspectionRate: avg('inspectionRate', even),
    partyCoverage: avg('partyCoverage', even),
    satisfaction: avg('satisfaction', even),
    closeMargin: avg('closeMargin', even),
  };
}

/** Growth target for a node spanning districts: their required new organizations over their bases. */
export function weightedGrowth(parts: { t: TargetSettings; counts: NodeCounts }[], fallback: number): number {
  let required = 0;
  let weight = 0;
  for (const p of parts) {
    required += p.t.growthStreet * p.counts.base.street + p.t.growthTownship * p.counts.base.township;
    weight += p.counts.base.street + p.counts.base.township;
  }
  return weight === 0 ? fallback : round(required / weight);
}
