import { z } from '../zod.js';
import { FenAmount } from './money.js';

/**
 * District settings of the supervision modules (issue 13). Every threshold a district may change is a setting with
 * the rule's default; the source of each default is cited beside it and shown on the settings page.
 */

const typeList = (label: string) =>
  z
    .array(z.string().trim().min(1, `${label}不能为空`).max(30, `${label}不超过 30 个字`))
    .min(1, `至少保留一个${label}`)
    .max(50, `${label}不超过 50 个`)
    .refine((a) => new Set(a).size === a.length, `${label}不能重复`);

/** The activity ledger (台账, seed 004) and dormancy (社会团体登记管理条例 art. 29: one year without activity). */
export const LedgerSettings = z.strictObject({
  activityTypes: typeList('活动类型'),
  dormancyMonths: z.number({ error: '请填写月数' }).int('月数须为整数').min(1, '至少 1 个月').max(60, '不超过 60 个月'),
});
export type LedgerSettings = z.infer<typeof LedgerSettings>;
export const DEFAULT_LEDGER: LedgerSettings = {
  activityTypes: ['文体活动', '志愿服务', '议事协商', '培训讲座', '慈善募捐', '会员大会', '换届选举', '其他'],
  dormancyMonths: 12,
};

/**
 * Major-activity declarations (重大活动申报): no national rule fixes them, so all are district settings; defaults
 * follow local practice (三亚天涯区: 7 days ahead, ≥ 50 participants or ≥ ¥100,000; 辽宁: a post-event summary).
 */
export const DeclarationSettings = z.strictObject({
  kinds: typeList('申报事项'),
  participantsThreshold: z.number({ error: '请填写人数' }).int('人数须为整数').min(1, '至少 1 人').max(1_000_000, '人数过大'),
  moneyThresholdFen: FenAmount('金额门槛').refine((v) => v >= 100, '金额门槛至少 1 元'),
  leadTime: z.strictObject({
    days: z.number({ error: '请填写天数' }).int('天数须为整数').min(0, '不能为负数').max(60, '不超过 60 天'),
    unit: z.enum(['calendar', 'working'], { error: '请选择自然日或工作日' }),
  }),
  summaryDueDays: z.number({ error: '请填写天数' }).int('天数须为整数').min(1, '至少 1 天').max(90, '不超过 90 天'),
});
export type DeclarationSettings = z.infer<typeof DeclarationSettings>;
/** The kinds a threshold (not a kind of meeting) makes major: an activity crossing it needs a declaration. */
export const PARTICIPANTS_KIND = '参与人数达到门槛的活动';
export const MONEY_KIND = '募捐或慈善活动金额达到门槛';
export const FOREIGN_KIND = '涉外活动';
export const DEFAULT_DECLARATIONS: DeclarationSettings = {
  kinds: ['会员（代表）大会', '理事会换届', '章程修改', '负责人变更', PARTICIPANTS_KIND, MONEY_KIND, FOREIGN_KIND, '评比表彰', '研讨会或展览'],
  participantsThreshold: 50,
  moneyThresholdFen: 10_000_000,
  leadTime: { days: 7, unit: 'calendar' },
  summaryDueDays: 15,
};

const MonthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');

/**
 * Annual reports and inspection (年报/年检). Due 31 May to the registration authority, 31 March where a supervising
 * unit reviews first (社会团体登记管理条例 art. 28, 民办非企业单位登记管理暂行条例 art. 23). Exemptions: a social service
 * organization registered under 6 months by 31 December (民政部令第27号 art. 3); a social group established after
 * 30 June of the reporting year (local practice, e.g. 嘉兴 2026). Correction window after a return: 10 working days.
 */
export const AnnualReportSettings = z.strictObject({
  dueDate: MonthDay,
  supervisorDueDate: MonthDay.nullable(),
  correctionWorkingDays: z.number({ error: '请填写天数' }).int('天数须为整数').min(1, '至少 1 个工作日').max(60, '不超过 60 个工作日'),
  exemptions: z.strictObject({
    socialServiceMonths: z.number({ error: '请填写月数' }).int('月数须为整数').min(0, '不能为负数').max(12, '不超过 12 个月'),
    socialGroupEstablishedAfter: MonthDay.nullable(),
  }),
  /** A change from last year beyond this share is warned about (not refused) before submission. */
  largeChangePercent: z.number({ error: '请填写百分比' }).int('须为整数').min(1, '至少 1%').max(1000, '不超过 1000%'),
});
export type AnnualReportSettings = z.infer<typeof AnnualReportSettings>;
export const DEFAULT_ANNUAL_REPORTS: AnnualReportSettings = {
  dueDate: '05-31',
  supervisorDueDate: '03-31',
  correctionWorkingDays: 10,
  exemptions: { socialServiceMonths: 6, socialGroupEstablishedAfter: '06-30' },
  largeChangePercent: 50,
};

/** Reminders before a due date (issue 13 item 6: 30, 7 and 1 days before), to the leader and the community staff. */
export const ReminderSettings = z.strictObject({
  daysBefore: z
    .array(z.number().int('天数须为整数').min(1, '至少提前 1 天').max(90, '最多提前 90 天'))
    .max(5, '最多 5 次提醒')
    .refine((a) => new Set(a).size === a.length, '提醒天数不能重复'),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;
export const DEFAULT_REMINDERS: ReminderSettings = { daysBefore: [30, 7, 1] };
