import { z } from '../zod.js';

const per = (label: string, max: number) =>
  z.number({ error: `${label}须为数字` }).min(0, `${label}不能为负数`).max(max, `${label}不超过 ${max}`);

/**
 * The policy targets of one district (DESIGN §4; seed 004 三(一); 民发〔2017〕191号), stored in district_settings
 * under the key 'targets'. Rates are percentages.
 */
export const TargetSettings = z.strictObject({
  /** Organizations in the register per 10,000 residents (每万人拥有城乡社区社会组织数). */
  orgsPer10k: per('每万人组织数目标', 1000),
  /** Yearly growth: new organizations in a year / those in the register at the end of the year before. */
  growthStreet: per('街道年增长率目标', 100),
  /** The same for towns and townships (镇、乡, and other township-level units). */
  growthTownship: per('镇乡年增长率目标', 100),
  orgsPerUrbanCommunity: per('城市社区平均组织数目标', 1000),
  orgsPerRuralCommunity: per('农村社区平均组织数目标', 1000),
  inspectionRate: per('年检率目标', 100),
  partyCoverage: per('党组织覆盖率目标', 100),
  satisfaction: per('满意度目标', 100),
  /** A figure short of its target by no more than this share of the target is "close" rather than "behind". */
  closeMargin: per('“接近”的幅度', 100),
});
export type TargetSettings = z.infer<typeof TargetSettings>;

export const TARGETS_SETTING_KEY = 'targets';

export const DEFAULT_TARGETS: TargetSettings = {
  orgsPer10k: 25,
  growthStreet: 10,
  growthTownship: 5,
  orgsPerUrbanCommunity: 10,
  orgsPerRuralCommunity: 5,
  inspectionRate: 100,
  partyCoverage: 100,
  satisfaction: 80,
  closeMargin: 10,
};

export const TARGET_SETTING_LABELS: Record<keyof TargetSettings, string> = {
  orgsPer10k: '每万人拥有社区社会组织数（个）',
  growthStreet: '街道年增长率（%）',
  growthTownship: '镇、乡年增长率（%）',
  orgsPerUrbanCommunity: '每个城市社区平均组织数（个）',
  orgsPerRuralCommunity: '每个农村社区平均组织数（个）',
  inspectionRate: '年检率（%）',
  partyCoverage: '党组织覆盖率（%）',
  satisfaction: '群众满意度（%）',
  closeMargin: '差距在目标的百分之几以内算“接近”',
};

/** Stored values over the defaults: a setting saved before a new target existed still reads. */
export function readTargetSettings(stored: unknown): TargetSettings {
  const merged = stored && typeof stored === 'object' ? { ...DEFAULT_TARGETS, ...(stored as object) } : DEFAULT_TARGETS;
  const parsed = TargetSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_TARGETS;
}
