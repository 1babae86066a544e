import { z } from '../zod.js';
import { DEFAULT_ORG_CATEGORIES, REVIEW_STEPS } from '../enums.js';
import { DateText, RegionRef } from './common.js';
import { DEFAULT_TARGETS, TargetSettings } from './targets.js';
import {
  AnnualReportSettings,
  DEFAULT_ANNUAL_REPORTS,
  DEFAULT_DECLARATIONS,
  DEFAULT_LEDGER,
  DEFAULT_REMINDERS,
  DeclarationSettings,
  LedgerSettings,
  ReminderSettings,
} from './supervision-settings.js';

const days = (label: string) =>
  z.number({ error: `${label}须为整数` }).int(`${label}须为整数`).min(1, `${label}至少 1 个工作日`).max(90, `${label}不超过 90 个工作日`);

/**
 * The filing and registration workflow of one district (seed 004 三(一)2; DESIGN §4). Seed 004 makes the street
 * the filing authority; some districts add a district record step. Deadlines are in working days.
 */
export const WorkflowSettings = z.strictObject({
  filingSteps: z.enum(['community_street', 'community_street_district', 'street', 'street_district'], { error: '请选择备案审核环节' }),
  deadlines: z.strictObject({
    community: days('社区预审时限'),
    street: days('街道审查时限'),
    district: days('区级备案时限'),
    registration: days('直接登记时限'),
  }),
  /** Items due within this many calendar days are highlighted as due soon. */
  dueSoonDays: z.number().int().min(0, '不能为负数').max(30, '不超过 30 天'),
  /** A community 社团 typically has ≥ 20 individual or ≥ 10 unit members (seed 004). */
  memberThresholds: z.strictObject({
    individual: z.number().int().min(1, '至少 1 人').max(10_000),
    unit: z.number().int().min(1, '至少 1 个').max(10_000),
  }),
});
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;

export const DEFAULT_WORKFLOW: WorkflowSettings = {
  filingSteps: 'community_street',
  deadlines: { community: 5, street: 10, district: 10, registration: 20 },
  dueSoonDays: 2,
  memberThresholds: { individual: 20, unit: 10 },
};

export const FILING_STEP_LABELS: Record<WorkflowSettings['filingSteps'], string> = {
  community_street: '社区预审 → 街道审查备案',
  community_street_district: '社区预审 → 街道审查 → 区民政局备案',
  street: '街道审查备案（不经社区预审）',
  street_district: '街道审查 → 区民政局备案',
};

/**
 * The chain one subject kind follows in a district (issue 11 item 3): its steps in order up the hierarchy and each
 * step's time limit in working days. A subject kind may add its own deadline keys (an application's direct
 * registration has one window with its own limit, `registration`).
 */
export const ReviewChainSetting = z
  .strictObject({
    steps: z
      .array(z.enum(REVIEW_STEPS, { error: '审核环节只能是社区预审、街道审查或区级审核' }), { error: '请选择审核环节' })
      .min(1, '至少保留一个审核环节')
      .refine((a) => a.every((s, i) => i === 0 || REVIEW_STEPS.indexOf(s) > REVIEW_STEPS.indexOf(a[i - 1]!)), '审核环节须自下而上排列且不能重复（社区 → 街道 → 区）'),
    deadlines: z.record(z.string().regex(/^[a-z_]+$/, '时限名称为小写字母'), days('审核时限')),
  })
  .superRefine((v, ctx) => {
    for (const step of v.steps) {
      if (!(step in v.deadlines)) ctx.addIssue({ code: 'custom', path: ['deadlines', step], message: '请填写该环节的审核时限（工作日）' });
    }
  });
export type ReviewChainSetting = z.infer<typeof ReviewChainSetting>;

/** Chains per subject kind; a kind without an entry follows its default (for `application`: the workflow setting). */
/** Deadline keys a subject kind needs beyond its steps: an application's direct registration has its own window. */
const EXTRA_DEADLINES: Record<string, { key: string; message: string }[]> = {
  application: [{ key: 'registration', message: '请填写直接登记的办理时限（工作日）' }],
};
export const ReviewChains = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/, '事项类型为小写字母'), ReviewChainSetting)
  .superRefine((chains, ctx) => {
    for (const [kind, chain] of Object.entries(chains)) {
      for (const extra of EXTRA_DEADLINES[kind] ?? []) {
        if (!(extra.key in chain.deadlines)) ctx.addIssue({ code: 'custom', path: [kind, 'deadlines', extra.key], message: extra.message });
      }
    }
  });
export type ReviewChains = z.infer<typeof ReviewChains>;

/**
 * Today's filing workflow read as a chain (the `application` default, so a district's saved `workflow` keeps
 * governing its applications): the filing steps, the step limits, and the direct-registration window.
 */
export function applicationChainOf(workflow: WorkflowSettings): ReviewChainSetting {
  return { steps: workflow.filingSteps.split('_') as ReviewChainSetting['steps'], deadlines: { ...workflow.deadlines } };
}


/**
 * A year's holiday schedule from the State Council notice, for years the `chinese-days` package does not know yet.
 * Keys are years ("2027"); holidays are days off on weekdays, workdays are adjusted working weekend days (调休).
 */
export const WorkdayOverrides = z.record(
  z.string().regex(/^\d{4}$/, '年份为 4 位数字'),
  z.strictObject({ holidays: z.array(DateText).max(60), workdays: z.array(DateText).max(30) }),
);
export type WorkdayOverrides = z.infer<typeof WorkdayOverrides>;

export const OrgCategories = z
  .array(z.string().trim().min(1, '类别名称不能为空').max(20, '类别名称不超过 20 个字'))
  .min(1, '至少保留一个类别')
  .max(50)
  .refine((a) => new Set(a).size === a.length, '类别名称不能重复');

export const SETTING_KEYS = ['workflow', 'workdays.overrides', 'org.categories', 'targets', 'review.chains', 'ledger', 'declarations', 'annual.reports', 'reminders'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];
export const SETTING_LABELS: Record<SettingKey, string> = {
  workflow: '备案登记流程与时限',
  'workdays.overrides': '节假日安排补充（组件尚未收录的年份）',
  'org.categories': '社会组织类别清单',
  targets: '发展目标（统计看板的目标值）',
  'review.chains': '各类事项的审核环节与时限',
  ledger: '活动台账（活动类型、长期未开展活动的月数）',
  declarations: '重大活动申报（事项、门槛、提前天数、总结时限）',
  'annual.reports': '年度报告与年检（截止日期、豁免、补正时限）',
  reminders: '到期提醒（提前天数）',
};
export const SETTING_SCHEMAS = {
  workflow: WorkflowSettings,
  'workdays.overrides': WorkdayOverrides,
  'org.categories': OrgCategories,
  targets: TargetSettings,
  'review.chains': ReviewChains,
  ledger: LedgerSettings,
  declarations: DeclarationSettings,
  'annual.reports': AnnualReportSettings,
  reminders: ReminderSettings,
} as const;
export const SETTING_DEFAULTS: Record<SettingKey, unknown> = {
  workflow: DEFAULT_WORKFLOW,
  'workdays.overrides': {},
  'org.categories': [...DEFAULT_ORG_CATEGORIES],
  targets: DEFAULT_TARGETS,
  'review.chains': {},
  ledger: DEFAULT_LEDGER,
  declarations: DEFAULT_DECLARATIONS,
  'annual.reports': DEFAULT_ANNUAL_REPORTS,
  reminders: DEFAULT_REMINDERS,
};

export const SettingItem = z.object({
  key: z.enum(SETTING_KEYS),
  label: z.string(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export const SettingsResponse = z.object({
  region: RegionRef,
  items: z.array(SettingItem),
  /** Years that deadlines may reach and that neither the package nor an override covers. */
  uncoveredYears: z.array(z.number().int()),
  coveredThrough: z.number().int(),
});
export type SettingsResponse = z.infer<typeof SettingsResponse>;

export const SettingsQuery = z.strictObject({ region: z.string().regex(/^[0-9]{6}$/, '请选择区县（6 位代码）').optional() });
export const SettingKeyParam = z.object({ key: z.enum(SETTING_KEYS, { error: '没有这项设置' }) });
export const SettingUpdateBody = z.strictObject({ value: z.unknown() });
