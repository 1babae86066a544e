import { z } from '../zod.js';
import { REGION_KINDS } from '../enums.js';
import { DateText, Paging, RegionRef } from './common.js';

export const TARGET_KEYS = [
  'orgsPer10k',
  'growthRate',
  'orgsPerUrbanCommunity',
  'orgsPerRuralCommunity',
  'inspectionRate',
  'partyCoverage',
  'satisfaction',
] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const TARGET_LABELS: Record<TargetKey, { name: string; unit: string }> = {
  orgsPer10k: { name: '每万人拥有社区社会组织数', unit: '个/万人' },
  growthRate: { name: '年增长率', unit: '%' },
  orgsPerUrbanCommunity: { name: '城市社区平均组织数', unit: '个/社区' },
  orgsPerRuralCommunity: { name: '农村社区平均组织数', unit: '个/村' },
  inspectionRate: { name: '年检率', unit: '%' },
  partyCoverage: { name: '党组织覆盖率', unit: '%' },
  satisfaction: { name: '群众满意度', unit: '%' },
};

export const TARGET_STATUSES = ['met', 'close', 'behind', 'no-data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = { met: '达标', close: '接近', behind: '未达标', 'no-data': '无数据' };

const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');

export const StatsQuery = z.strictObject({
  /** The node; omitted = the user's own node. */
  region: RegionCode.optional(),
  /** Figures as of this date (today or the end of a chosen year); omitted = today. */
  asOf: DateText.optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const TargetItem = z.object({
  key: z.enum(TARGET_KEYS),
  /** null when the figure cannot be computed (no population, no base); see note. */
  value: z.number().nullable(),
  target: z.number(),
  /** value − target (negative = short of the target); null without a value. */
  gap: z.number().nullable(),
  status: z.enum(TARGET_STATUSES),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  unit: z.string(),
  /** Why a figure is missing or partial, in Chinese (e.g. 人口未录入). */
  note: z.string().nullable(),
});
export type TargetItem = z.infer<typeof TargetItem>;

export const StatsRegion = RegionRef.extend({ kind: z.enum(REGION_KINDS), childCount: z.number().int() });
export type StatsRegion = z.infer<typeof StatsRegion>;

export const NodeTargets = z.object({
  region: StatsRegion,
  /** Resident population (常住人口): entered for the node, or summed from the nodes below. */
  population: z.number().nullable(),
  /** Some nodes below have no population entered: the per-10,000 figure covers part of the node. */
  populationPartial: z.boolean(),
  /** The population includes demo figures (演示数据), not real statistics. */
  populationIsDemo: z.boolean(),
  /** Organizations in the register on the date. */
  orgs: z.number().int(),
  items: z.array(TargetItem),
});
export type NodeTargets = z.infer<typeof NodeTargets>;

export const TargetsResponse = NodeTargets.extend({
  asOf: DateText,
  /** From the top of what the user may see down to this node's parent. */
  ancestors: z.array(RegionRef),
  /** 'counters' for today and year ends; other dates are counted from the registry itself. */
  source: z.enum(['counters', 'registry']),
  children: z.array(NodeTargets),
}).meta({ id: 'StatsTargets' });
export type TargetsResponse = z.infer<typeof TargetsResponse>;

export const BreakdownResponse = z.object({
  region: StatsRegion,
  asOf: DateText,
  /** Per year up to the date's year: in the register at the year's end (or on the date), entered, left. */
  years: z.array(z.object({ year: z.number().int(), total: z.number().int(), added: z.number().int(), closed: z.number().int() })),
  byCategory: z.array(z.object({ category: z.string(), count: z.number().int() })),
  byForm: z.array(z.object({ legalForm: z.string(), count: z.number().int() })),
}).meta({ id: 'StatsBreakdown' });
export type BreakdownResponse = z.infer<typeof BreakdownResponse>;

export const STATS_ORG_SCOPES = ['register', 'urban', 'rural', 'added'] as const;

export const StatsOrgsQuery = StatsQuery.extend({
  /** Which organizations: in the register; those in urban communities; in villages; entered in the date's year. */
  scope: z.enum(STATS_ORG_SCOPES).default('register'),
  category: z.string().trim().max(20).optional(),
  ...Paging,
});
export type StatsOrgsQuery = z.infer<typeof StatsOrgsQuery>;

export const StatsOrg = z.object({
  id: z.number().int(),
  name: z.string(),
  legalForm: z.string(),
  category: z.string(),
  status: z.string(),
  region: RegionRef,
  recordedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
});
export const StatsOrgsResponse = z.object({ items: z.array(StatsOrg), total: z.number().int() }).meta({ id: 'StatsOrgs' });
export type StatsOrgsResponse = z.infer<typeof StatsOrgsResponse>;

export const StatsReportQuery = z.strictObject({
  region: RegionCode.optional(),
  year: z.coerce.number().int().min(1990, '年份不早于 1990').max(2100, '年份无效'),
});
export type StatsReportQuery = z.infer<typeof StatsReportQuery>;
