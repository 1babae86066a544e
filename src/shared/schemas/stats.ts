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

/** Why a figure is missing or partial (TargetItem.noteCode); the Chinese words are TARGET_NOTE_LABELS. */
export const TARGET_NOTES = ['noPopulation', 'partialPopulation', 'noBase', 'noUrban', 'noRural', 'noInspectionData', 'noReportsDue', 'noPartyData', 'noSatisfactionData', 'ownPlaces'] as const;
export type TargetNote = (typeof TARGET_NOTES)[number];
export const TARGET_NOTE_LABELS: Record<TargetNote, string> = {
  noPopulation: '人口未录入',
  partialPopulation: '部分下级人口未录入，仅按已录入部分计算',
  noBase: '上年末无在册组织，无法计算增长率',
  noUrban: '辖区内没有城市社区',
  noRural: '辖区内没有村（农村社区）',
  noInspectionData: '年检数据尚未接入',
  noReportsDue: '本年度没有应参加年检（报送年报）的组织',
  noPartyData: '党建数据尚未接入',
  noSatisfactionData: '满意度调查数据尚未接入',
  ownPlaces: '本级组织不单列人口与社区',
};

export const TARGET_STATUSES = ['met', 'close', 'behind', 'no-data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = { met: '达标', close: '接近', behind: '未达标', 'no-data': '无数据' };

/** The word for "the node itself" of a kind of node: 街道本级, 镇本级, 区本级 (县本级 for a 县), 社区本级… */
export function ownLabelOf(region: { kind: string; name: string }): string {
  const word: Record<string, string> = { province: '省', city: '市', street: '街道', town: '镇', township: '乡', township_other: '乡镇', community: '社区', village: '村', grid: '网格' };
  if (region.kind === 'district') {
    const last = region.name.slice(-1);
    return `${['区', '县', '市', '旗'].includes(last) ? last : '区县'}本级`;
  }
  return `${word[region.kind] ?? '本'}本级`.replace('本本级', '本级');
}

/** The 本级 row's name in a table: 文山街道本级, 吉州区本级, or 仓口社区居委会（社区本级）. */
export function ownRowName(region: { kind: string; name: string }): string {
  const label = ownLabelOf(region);
  const word = label.slice(0, -2);
  return region.name.endsWith(word) ? `${region.name}本级` : `${region.name}（${label}）`;
}

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
  /** The same reason as a code, for the web's messages in either language. */
  noteCode: z.enum(TARGET_NOTES).nullable(),
  /** The base is too small for the rate to say much (growth over fewer than 5): show numerator/denominator, keep it off the axis scale. */
  smallBase: z.boolean(),
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
  /**
   * The organizations placed at the node itself, in no child (街道本级, 区本级): children + own = the node's total,
   * figure by figure. Its region is the node's; population and community figures do not apply (no-data).
   */
  own: NodeTargets.extend({ label: z.string() }),
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
