import { registerFieldLabels, z } from '../zod.js';
import { isValidPhone, PHONE_MESSAGE } from '../validators.js';
import { REVIEW_DECISIONS, REVIEW_STEPS } from '../enums.js';
import { DateText, Paging, PhoneText, RegionRef, SearchText, VersionNumber } from './common.js';
import { FenAmount } from './money.js';
import { DeclarationSettings } from './supervision-settings.js';
import { ApplicationEvent, DUE_STATES } from './applications.js';

/**
 * Major-activity declarations (重大活动申报, issue 13 item 3). No national rule fixes them: what must be declared,
 * the thresholds, the lead time and the summary deadline are the district's `declarations` setting, whose defaults
 * follow local practice (三亚天涯区民政局 2025: declared 7 days ahead, charity activities ≥ ¥100,000 or ≥ 50
 * participants; 辽宁: a written summary of effect, problems and next steps after the event).
 */
export const DECLARATION_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'rejected', 'withdrawn'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, string> = {
  draft: '草稿',
  submitted: '审核中',
  approved: '已同意',
  returned: '退回补正',
  rejected: '不予同意',
  withdrawn: '已撤回',
};

/** Where the defaults come from, shown beside the form and the rules (no national rule: local practice). */
export const DECLARATION_RULE_SOURCE =
  '重大活动申报无全国统一规定，事项、门槛、提前天数与总结期限均为本区设置；默认值参照三亚市天涯区民政局（2025）：活动前 7 日申报，参与人数 50 人以上或金额 10 万元以上的活动须申报；活动后提交总结（效果、问题、下一步打算），参照辽宁省社会团体重大事项报告做法。';

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`);
const count = (label: string) => z.number({ error: `${label}须为整数` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(1_000_000, `${label}过大`);

/** A phone as typed, or the masked form the page showed (sent back untouched: the stored value is kept). */
const ContactPhone = PhoneText.refine((s) => s === '' || s.includes('*') || isValidPhone(s), PHONE_MESSAGE);

export const DeclarationFields = z.strictObject({
  kinds: z
    .array(z.string().trim().min(1, '申报事项不能为空').max(30, '申报事项不超过 30 个字'), { error: '请选择申报事项' })
    .min(1, '请至少选择一项申报事项')
    .max(20, '申报事项不超过 20 项')
    .refine((a) => new Set(a).size === a.length, '申报事项不能重复'),
  title: text('活动名称', 100),
  plannedStartOn: DateText,
  plannedEndOn: DateText,
  place: text('活动地点', 100),
  expectedParticipants: count('预计参与人数'),
  amountFen: FenAmount('涉及金额').default(0),
  foreignRelated: z.boolean({ error: '请选择是否涉外' }).default(false),
  content: text('活动内容', 2000),
  contactName: text('联系人', 30),
  contactPhone: ContactPhone.nullable().default(null),
});

const endAfterStart = (v: { plannedStartOn: string; plannedEndOn: string }, ctx: z.core.$RefinementCtx) => {
  if (v.plannedEndOn < v.plannedStartOn) ctx.addIssue({ code: 'custom', path: ['plannedEndOn'], message: '结束日期不能早于开始日期' });
};

export const DeclarationCreateBody = DeclarationFields.extend({
  orgId: z.number({ error: '请选择组织' }).int().positive('请选择组织'),
  /** true: submitted at once (the lead time is checked now); false: kept as a draft. */
  submit: z.boolean().default(false),
}).superRefine(endAfterStart);
export type DeclarationCreateBody = z.infer<typeof DeclarationCreateBody>;

export const DeclarationUpdateBody = DeclarationFields.extend({ version: VersionNumber }).superRefine(endAfterStart);
export type DeclarationUpdateBody = z.infer<typeof DeclarationUpdateBody>;
export type DeclarationInput = z.infer<typeof DeclarationFields>;

export const DeclarationIdParam = z.object({ id: z.coerce.number().int().positive('申报编号无效').max(2 ** 53 - 1, '申报编号无效') });

const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');

export const DeclarationListQuery = z.strictObject({
  status: z.enum(DECLARATION_STATUSES, { error: '没有这种申报状态' }).optional(),
  org: z.coerce.number().int().positive('组织编号无效').max(2 ** 53 - 1, '组织编号无效').optional(),
  region: RegionCode.optional(),
  q: SearchText.optional(),
  /** Approved declarations whose summary is past due and not filed. */
  overdue: z.enum(['true', 'false'], { error: 'overdue 为 true 或 false' }).optional(),
  ...Paging,
});
export type DeclarationListQuery = z.infer<typeof DeclarationListQuery>;

/** `org` left out: the organization an organization leader acts for. */
export const DeclarationRulesQuery = z.strictObject({ org: z.coerce.number().int().positive('组织编号无效').max(2 ** 53 - 1, '组织编号无效').optional() });

/** The district's rule as it applies to a submission made today (the form's live hint). */
export const DeclarationRules = DeclarationSettings.extend({
  org: z.object({ id: z.number().int(), name: z.string() }),
  today: z.string(),
  /** The first planned start a submission made today may have. */
  earliestStartOn: z.string(),
  source: z.string(),
});
export type DeclarationRules = z.infer<typeof DeclarationRules>;

export const DeclarationLeadTime = z.object({ requiredDays: z.number().int(), unit: z.enum(['calendar', 'working']), aheadDays: z.number().int() });

export const DeclarationListItem = z
  .object({
    id: z.number().int(),
    org: z.object({ id: z.number().int(), name: z.string() }),
    region: RegionRef,
    regionPath: z.string(),
    kinds: z.array(z.string()),
    title: z.string(),
    plannedStartOn: z.string(),
    plannedEndOn: z.string(),
    place: z.string(),
    expectedParticipants: z.number().int(),
    amountFen: z.number().int(),
    foreignRelated: z.boolean(),
    status: z.enum(DECLARATION_STATUSES),
    declaredBy: z.object({ id: z.number().int(), displayName: z.string() }),
    onBehalf: z.boolean(),
    declaredAt: z.string().nullable(),
    leadTime: DeclarationLeadTime.nullable(),
    decidedAt: z.string().nullable(),
    summaryDueOn: z.string().nullable(),
    summaryFiled: z.boolean(),
    summaryOverdue: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DeclarationListItem' });
export type DeclarationListItem = z.infer<typeof DeclarationListItem>;

export const DeclarationListResponse = z.object({ items: z.array(DeclarationListItem), total: z.number().int() });
export type DeclarationListResponse = z.infer<typeof DeclarationListResponse>;

export const DeclarationSummary = z.object({
  effect: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  dueOn: z.string().nullable(),
  filedAt: z.string(),
  filedBy: z.string(),
  late: z.boolean(),
});

export const LinkedActivity = z.object({ id: z.number().int(), title: z.string(), heldOn: z.string(), endsOn: z.string(), participants: z.number().int(), activityType: z.string() });

/** The declaration's round on the review chain: its steps, where it waits, and the trail of submissions and decisions. */
export const DeclarationReview = z.object({
  caseId: z.number().int(),
  status: z.enum(['in_review', 'returned', 'approved', 'rejected', 'withdrawn']),
  steps: z.array(z.enum(REVIEW_STEPS)),
  currentStep: z.enum(REVIEW_STEPS).nullable(),
  stepDueOn: z.string().nullable(),
  dueUncertain: z.boolean(),
  dueState: z.enum(DUE_STATES).nullable(),
  events: z.array(ApplicationEvent),
});

export const Declaration = DeclarationListItem.extend({
  content: z.string(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  review: DeclarationReview.nullable(),
  summary: DeclarationSummary.nullable(),
  activities: z.array(LinkedActivity),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean(), fileSummary: z.boolean(), link: z.boolean() }),
}).meta({ id: 'Declaration' });
export type Declaration = z.infer<typeof Declaration>;

export const DeclarationReviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论（同意、退回补正或不予同意）' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
});
export const DeclarationWithdrawBody = z.strictObject({ reason: z.string().trim().max(500, '撤回理由不超过 500 字').optional() });

export const DeclarationSummaryBody = z.strictObject({
  effect: text('活动效果', 2000),
  problems: text('存在问题', 2000),
  nextSteps: text('下一步打算', 2000),
});
export type DeclarationSummaryBody = z.infer<typeof DeclarationSummaryBody>;

export const DeclarationLinkBody = z.strictObject({
  activityId: z.number({ error: '请选择台账活动' }).int().positive('请选择台账活动').max(2 ** 53 - 1, '活动编号无效'),
  /** true: take the link off (a wrong activity was linked). */
  unlink: z.boolean().default(false),
});

export const DeclarationFlagsQuery = z.strictObject({
  region: RegionCode.optional(),
  from: DateText.optional(),
  to: DateText.optional(),
  ...Paging,
});
export type DeclarationFlagsQuery = z.infer<typeof DeclarationFlagsQuery>;

export const FlaggedActivity = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  regionPath: z.string(),
  title: z.string(),
  heldOn: z.string(),
  activityType: z.string(),
  participants: z.number().int(),
  amountFen: z.number().int(),
  foreignRelated: z.boolean(),
  /** Why it needs a declaration (the threshold or listed kind it meets). */
  reasons: z.array(z.string()),
  /** A linked declaration that is not approved (yet), if any. */
  declaration: z.object({ id: z.number().int(), status: z.enum(DECLARATION_STATUSES) }).nullable(),
});
export type FlaggedActivity = z.infer<typeof FlaggedActivity>;

export const OverdueSummary = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  regionPath: z.string(),
  title: z.string(),
  plannedEndOn: z.string(),
  summaryDueOn: z.string(),
  daysOverdue: z.number().int(),
});

export const DeclarationFlags = z.object({
  region: RegionRef,
  /** Per child node: activities without the declaration they need, and summaries past due. */
  nodes: z.array(z.object({ region: RegionRef, flagged: z.number().int(), overdueSummaries: z.number().int() })),
  /** Records placed at the node itself (an organization at a street), not under a child. */
  atNode: z.object({ flagged: z.number().int(), overdueSummaries: z.number().int() }),
  flagged: z.object({ items: z.array(FlaggedActivity), total: z.number().int() }),
  overdue: z.object({ items: z.array(OverdueSummary), total: z.number().int() }),
}).meta({ id: 'DeclarationFlags' });
export type DeclarationFlags = z.infer<typeof DeclarationFlags>;

registerFieldLabels({
  kinds: '申报事项',
  title: '活动名称',
  plannedStartOn: '开始日期',
  plannedEndOn: '结束日期',
  place: '活动地点',
  expectedParticipants: '预计参与人数',
  amountFen: '涉及金额',
  foreignRelated: '是否涉外',
  content: '活动内容',
  contactName: '联系人',
  contactPhone: '联系电话',
  orgId: '组织',
  submit: '是否提交',
  effect: '活动效果',
  problems: '存在问题',
  nextSteps: '下一步打算',
  activityId: '台账活动',
  unlink: '取消关联',
  overdue: '总结逾期',
});
