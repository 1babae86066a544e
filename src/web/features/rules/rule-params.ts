import { formatYuan } from '../../lib/format.js';
import type { rulesMessages } from './rules.messages.js';

type Key = Parameters<typeof rulesMessages.zh_CN extends infer T ? (k: keyof T & string) => void : never>[0];
type Translate = (key: Key, vars?: Record<string, string | number>) => string;

/** The unit each known parameter is counted in (by its name in 0021's seeds). */
const UNIT: Record<string, Key> = {
  objectionWorkingDays: 'param.workingDays',
  workingDays: 'param.workingDays',
  letters: 'param.letters',
  minGapDays: 'param.days',
  maxGapDays: 'param.days',
  days: 'param.days',
  years: 'param.years',
  windowYears: 'param.years',
  cleanYears: 'param.years',
  months: 'param.months',
  count: 'param.times',
  percent: 'param.percent',
  minInspectors: 'param.people',
};
/** Names whose plain message key would collide with a unit key. */
const LABEL: Record<string, Key> = {
  letters: 'param.letters.label',
  years: 'param.years.label',
  workingDays: 'param.workingDays.label',
  months: 'param.months.label',
  percent: 'param.percent.label',
  days: 'param.days.label',
};

/** A parameter's name in words: the rule's own label where it gives one, ours otherwise, the key as a last resort. */
export function paramLabel(t: Translate, key: string, ruleLabel?: string): string {
  if (ruleLabel) return ruleLabel;
  const k = LABEL[key] ?? (`param.${key}` as Key);
  const text = t(k);
  return text === k ? key : text;
}

/** A value in words: ¥50,000.00, not 5000000 fen; 10 个工作日; 是/否. */
export function paramValue(t: Translate, key: string, value: number | boolean | string): string {
  if (typeof value === 'boolean') return value ? t('rules.yes') : t('rules.no');
  if (typeof value === 'number' && key.endsWith('Fen')) return formatYuan(value);
  const unit = UNIT[key];
  return unit ? t(unit, { v: String(value) }) : String(value);
}
