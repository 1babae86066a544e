import type { OverridableParam, Rule, RuleBasis } from '../../../shared/schemas/rules.js';
import { chineseDate } from '../../lib/pdf.js';

type ParamValue = number | boolean | string;

/** "依据：<title>（<source>，<article>），<day>" — what every decision shows beside itself (issue 14 item 1). */
export function basisOf(rule: Pick<Rule, 'key' | 'title' | 'source' | 'article' | 'certainty'>, on: string): RuleBasis {
  return {
    key: rule.key,
    title: rule.title,
    source: rule.source,
    article: rule.article,
    certainty: rule.certainty,
    on,
    text: `依据：${rule.title}（${rule.source}，${rule.article}），${chineseDate(on)}`,
  };
}

/**
 * Field problems of a district's values for a rule: only the parameters the rule lets a district change, of their
 * type and within their bounds (e.g. the inspection ratio only upwards of 3%: 民发〔2017〕45号 art. 5 sets a floor).
 */
export function overrideProblems(spec: Record<string, OverridableParam>, params: Record<string, ParamValue>): Record<string, string> {
  const problems: Record<string, string> = {};
  const names = Object.keys(spec);
  if (names.length === 0) problems.params = '该规则不允许本区调整';
  for (const [name, value] of Object.entries(params)) {
    const p = spec[name];
    const field = `params.${name}`;
    if (!p) {
      problems[field] = '该参数不允许本区调整';
      continue;
    }
    if (p.type === 'boolean') {
      if (typeof value !== 'boolean') problems[field] = `${p.label}须为是或否`;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) problems[field] = `${p.label}须为数字`;
    else if (p.type === 'integer' && !Number.isInteger(value)) problems[field] = `${p.label}须为整数`;
    else if (p.min !== undefined && value < p.min) problems[field] = `${p.label}不得低于 ${p.min}（规则下限）`;
    else if (p.max !== undefined && value > p.max) problems[field] = `${p.label}不得高于 ${p.max}`;
  }
  if (names.length > 0 && Object.keys(params).length === 0) problems.params = '请至少调整一个参数';
  return problems;
}

/** The values that judge a case: the rule's own with the override's laid over (only overridable names). */
export function mergedParams(defaults: Record<string, ParamValue>, spec: Record<string, OverridableParam>, override: Record<string, unknown> | null): Record<string, ParamValue> {
  const out = { ...defaults };
  if (!override) return out;
  for (const [name, value] of Object.entries(override)) if (spec[name] && (typeof value === 'number' || typeof value === 'boolean')) out[name] = value;
  return out;
}
