import { addDays, addWorkingDays, workingDaysBetween } from '../../lib/working-days.js';
import type { WorkdayOverrides } from '../../../shared/schemas/settings.js';
import { FOREIGN_KIND, MONEY_KIND, PARTICIPANTS_KIND, type DeclarationSettings } from '../../../shared/schemas/supervision-settings.js';
import { fenToYuanText } from '../../../shared/schemas/money.js';
import type { DeclarationStatus } from '../../../shared/schemas/declarations.js';

/**
 * The rules of major-activity declarations (重大活动申报). No national rule fixes them: every number here comes from
 * the district's `declarations` setting, whose defaults follow local practice (三亚天涯区民政局 2025: declared 7 days
 * before the activity; charity activities of ≥ ¥100,000 or ≥ 50 participants; 深圳: 3 working days).
 */

export type LeadTime = DeclarationSettings['leadTime'];

/** How far ahead of `start` a declaration made on `today` is, in the unit of the rule (negative when after it). */
export function daysAhead(today: string, start: string, unit: LeadTime['unit'], overrides: WorkdayOverrides = {}): number {
  if (unit === 'working') return workingDaysBetween(today, start, overrides);
  return Math.round((Date.parse(`${start}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The first planned start a declaration made on `today` may have: N calendar days later, or the N-th working day
 * after today (the day of submission not counted, as administrative time limits run from the next day).
 */
export function earliestStart(today: string, lead: LeadTime, overrides: WorkdayOverrides = {}): string {
  if (lead.unit === 'working') return lead.days === 0 ? today : addWorkingDays(today, lead.days, overrides).due;
  return addDays(today, lead.days);
}

export interface LeadVerdict {
  onTime: boolean;
  aheadDays: number;
  earliestStartOn: string;
}

/** Whether a declaration reaching the first reviewer on `declaredOn` meets the lead time for an activity on `start`. */
export function leadVerdict(declaredOn: string, start: string, lead: LeadTime, overrides: WorkdayOverrides = {}): LeadVerdict {
  const earliestStartOn = earliestStart(declaredOn, lead, overrides);
  return { onTime: start >= earliestStartOn, aheadDays: daysAhead(declaredOn, start, lead.unit, overrides), earliestStartOn };
}

const unitWord = (unit: LeadTime['unit']) => (unit === 'working' ? '个工作日' : '日');

/** The field message of a late submission: the rule and the earliest start it allows. */
export function lateMessage(lead: LeadTime, verdict: LeadVerdict, declaredOn: string): string {
  return `按本区设置，重大活动须在活动开始 ${lead.days} ${unitWord(lead.unit)}前申报（${declaredOn} 提交，活动最早可安排在 ${verdict.earliestStartOn}）`;
}

/**
 * Why an activity needs a declaration under a district's setting: a threshold crossed (participants ≥ N, money ≥ N
 * fen, foreign-related), each only when its kind is in the district's list, or its type is itself a listed kind.
 * Empty = it needs none.
 */
export function declarationReasons(
  a: { participants: number; amount_fen: number | string; foreign_related: boolean; activity_type: string },
  s: Pick<DeclarationSettings, 'kinds' | 'participantsThreshold' | 'moneyThresholdFen'>,
): string[] {
  const kinds = new Set(s.kinds);
  const reasons: string[] = [];
  if (kinds.has(PARTICIPANTS_KIND) && a.participants >= s.participantsThreshold) reasons.push(`参与人数 ${a.participants} 人，达到 ${s.participantsThreshold} 人的申报门槛`);
  const amount = Number(a.amount_fen);
  if (kinds.has(MONEY_KIND) && amount >= s.moneyThresholdFen) reasons.push(`涉及金额 ${fenToYuanText(amount)} 元，达到 ${fenToYuanText(s.moneyThresholdFen)} 元的申报门槛`);
  if (kinds.has(FOREIGN_KIND) && a.foreign_related) reasons.push('涉外活动');
  if (kinds.has(a.activity_type)) reasons.push(`活动类型“${a.activity_type}”为申报事项`);
  return reasons;
}

/** The summary is due `days` calendar days after the activity's end (or the declaration's planned end). */
export const summaryDueOn = (endDay: string, days: number) => addDays(endDay, days);

export const isEditable = (status: DeclarationStatus) => status === 'draft' || status === 'returned';
export const isWithdrawable = (status: DeclarationStatus) => status === 'draft' || status === 'submitted' || status === 'returned';

/** Kinds not in the district's list (a list changed since the draft was saved keeps nothing it no longer names). */
export const unknownKinds = (kinds: readonly string[], s: Pick<DeclarationSettings, 'kinds'>) => kinds.filter((k) => !s.kinds.includes(k));
