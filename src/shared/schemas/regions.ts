import { z } from '../zod.js';
import { REGION_KINDS } from '../enums.js';
import { RegionRef, SearchText } from './common.js';

export const RegionCodeParam = z.object({
  code: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字'),
});

export const Region = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    level: z.number().int(),
    kind: z.enum(REGION_KINDS),
    parentCode: z.string().nullable(),
    pinyin: z.string(),
    initials: z.string(),
    /** Resident population (常住人口) entered for this node itself; null = not entered. */
    population: z.number().int().nullable(),
    populationUpdatedAt: z.string().nullable(),
    /** Sum of the populations entered below this node. */
    populationBelow: z.number().int(),
    childCount: z.number().int(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof Region>;

export const RegionDetail = Region.extend({
  /** From the top of what the user may see down to this node's parent. */
  ancestors: z.array(RegionRef),
}).meta({ id: 'RegionDetail' });
export type RegionDetail = z.infer<typeof RegionDetail>;

export const RegionListResponse = z.object({ items: z.array(Region), total: z.number().int() });
export type RegionListResponse = z.infer<typeof RegionListResponse>;

export const RegionSearchQuery = z.strictObject({
  q: SearchText.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const RegionSearchResult = Region.extend({ path: z.string() });
export const RegionSearchResponse = z.object({ items: z.array(RegionSearchResult) });
export type RegionSearchResponse = z.infer<typeof RegionSearchResponse>;

export const PopulationBody = z.strictObject({
  population: z
    .number({ error: '人口须为整数' })
    .int('人口须为整数')
    .min(0, '人口不能为负数')
    .max(200_000_000, '人口数超出合理范围')
    .nullable(),
});
export type PopulationBody = z.infer<typeof PopulationBody>;

export const GridCreateBody = z.strictObject({
  name: z.string().trim().min(2, '网格名称至少 2 个字').max(50, '网格名称不超过 50 个字'),
});
export type GridCreateBody = z.infer<typeof GridCreateBody>;

/** Public community lookup (applicant sign-up): names and paths only. */
export const PublicCommunityQuery = z.strictObject({
  q: SearchText,
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const PublicCommunityResponse = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), path: z.string() })) });
export type PublicCommunityResponse = z.infer<typeof PublicCommunityResponse>;
