import { z } from '../zod.js';
import { DateText } from './common.js';

/**
 * Rules as data with effective dates (issue 14 item 1; migration 0021). A decision is judged under the version of its
 * rule in force on the decisive day, with the district's own values where the rule lets a district change one, and
 * shows "依据：<title>（<source>，<article>），<day>" (basisText).
 */
export const RULE_CERTAINTIES = ['found', 'draft', 'local', 'inferred'] as const;
export const RULE_CERTAINTY_LABELS: Record<(typeof RULE_CERTAINTIES)[number], string> = {
  found: '正式文本',
  draft: '征求意见稿文本',
  local: '地方做法',
  inferred: '条款序号待核对',
};

export const OverridableParam = z.object({
  type: z.enum(['integer', 'number', 'boolean']),
  label: z.string(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type OverridableParam = z.infer<typeof OverridableParam>;

const ParamValue = z.union([z.number(), z.boolean(), z.string()]);

export const Rule = z
  .object({
    key: z.string(),
    title: z.string(),
    source: z.string(),
    article: z.string(),
    certainty: z.enum(RULE_CERTAINTIES),
    summary: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    /** The values that judge a case: the rule's own, with the district's override of its day laid over them. */
    params: z.record(z.string(), ParamValue),
    /** The rule's own values (the default a district override departs from). */
    defaults: z.record(z.string(), ParamValue),
    overridable: z.record(z.string(), OverridableParam),
    /** The district override applied, if any: from which day, why, by whom. */
    override: z
      .object({ id: z.number().int(), districtId: z.number().int(), validFrom: z.string(), reason: z.string(), setBy: z.string().nullable(), setAt: z.string() })
      .nullable(),
  })
  .meta({ id: 'Rule' });
export type Rule = z.infer<typeof Rule>;

/** What a decision shows beside itself: the rule it rests on and the decisive day. */
export const RuleBasis = z
  .object({ key: z.string(), title: z.string(), source: z.string(), article: z.string(), certainty: z.enum(RULE_CERTAINTIES), on: z.string(), text: z.string() })
  .meta({ id: 'RuleBasis' });
export type RuleBasis = z.infer<typeof RuleBasis>;

export const RuleListQuery = z.strictObject({
  /** The day the rules are read for (default today): a rule not in force that day is left out. */
  on: DateText.optional(),
  /** The district (its code) whose overrides apply; default the actor's own district, none for an actor above districts. */
  region: z.string().trim().regex(/^\d{6,12}$/, '区划代码格式不正确').optional(),
  /** Keys starting with this ("credit.", "inspection."). */
  prefix: z.string().trim().max(60).regex(/^[a-z0-9_.]*$/, '规则前缀只含小写字母、数字、下划线和点').optional(),
});
export type RuleListQuery = z.infer<typeof RuleListQuery>;

export const RuleListResponse = z.object({ on: z.string(), districtId: z.number().int().nullable(), items: z.array(Rule) });
export type RuleListResponse = z.infer<typeof RuleListResponse>;

export const RuleKeyParam = z.strictObject({ key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, '规则编号格式不正确').max(80) });

export const RuleHistoryResponse = z.object({
  key: z.string(),
  versions: z.array(Rule.omit({ override: true, params: true })),
  overrides: z.array(z.object({ id: z.number().int(), districtId: z.number().int(), districtName: z.string(), validFrom: z.string(), params: z.record(z.string(), ParamValue), reason: z.string(), setBy: z.string().nullable(), setAt: z.string() })),
});
export type RuleHistoryResponse = z.infer<typeof RuleHistoryResponse>;

export const RuleRegionQuery = z.strictObject({ region: RuleListQuery.shape.region });

export const RuleOverrideInput = z.strictObject({
  validFrom: DateText,
  params: z.record(z.string(), ParamValue),
  reason: z.string({ error: '请填写调整理由' }).trim().min(2, '请填写调整理由').max(500, '调整理由不超过 500 个字'),
});
export type RuleOverrideInput = z.infer<typeof RuleOverrideInput>;
