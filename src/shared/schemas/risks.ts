import { registerFieldLabels, z } from '../zod.js';
import { DateText, Paging, RegionRef, VersionNumber } from './common.js';

/**
 * Risk warnings closed by 销号 (issue 14 item 5): the items, their steps and the board per node. The kinds are the
 * server's signal kinds (modules/signals re-exports this list as RISK_KINDS).
 */
export const RISK_KIND_LIST = [
  'dormant',
  'annual_report_overdue',
  'declaration_summary_overdue',
  'term_overdue',
  'unreachable',
  'inspection_problem',
  'credit_entry',
  'complaint',
] as const;
export type RiskKindName = (typeof RISK_KIND_LIST)[number];
export const RISK_KIND_LABELS: Record<RiskKindName, string> = {
  dormant: '长期未开展活动',
  annual_report_overdue: '年度报告逾期',
  declaration_summary_overdue: '重大活动总结逾期',
  term_overdue: '未按期换届',
  unreachable: '无法取得联系',
  inspection_problem: '抽查发现问题',
  credit_entry: '列入信用名单',
  complaint: '群众投诉',
};
export const RISK_LEVEL_LIST = ['low', 'medium', 'high'] as const;
export const RISK_LEVEL_LABELS: Record<(typeof RISK_LEVEL_LIST)[number], string> = { low: '低', medium: '中', high: '高' };
export const RISK_STATUS_LIST = ['open', 'reminded', 'interview_noticed', 'rectifying', 'reported', 'verified', 'closed'] as const;
export type RiskStatusName = (typeof RISK_STATUS_LIST)[number];
export const RISK_STATUS_LABELS: Record<RiskStatusName, string> = {
  open: '待处置',
  reminded: '已提醒',
  interview_noticed: '已通知约谈',
  rectifying: '整改中',
  reported: '已报告整改',
  verified: '已核查',
  closed: '已销号',
};
/** Closed is not fixed: the outcome says which. */
export const RISK_OUTCOME_LIST = ['fixed', 'not_fixed_credit', 'org_deregistered', 'false_alarm', 'transferred'] as const;
export type RiskOutcomeName = (typeof RISK_OUTCOME_LIST)[number];
export const RISK_OUTCOME_LABELS: Record<RiskOutcomeName, string> = {
  fixed: '整改到位',
  not_fixed_credit: '未整改到位，转信用处理',
  org_deregistered: '组织已注销（撤销）',
  false_alarm: '误报',
  transferred: '移交其他部门',
};
export const RISK_STEP_LIST = ['opened', 'reminder', 'interview_notice', 'interview_record', 'report', 'verification', 'closed', 'signal_ended'] as const;
export const RISK_STEP_LABELS: Record<(typeof RISK_STEP_LIST)[number], string> = {
  opened: '发现风险',
  reminder: '提醒',
  interview_notice: '约谈通知',
  interview_record: '约谈记录与整改通知',
  report: '整改报告',
  verification: '核查',
  closed: '销号',
  signal_ended: '信号消失',
};

const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');
const Id = z.coerce.number().int().positive('编号无效').max(2 ** 53 - 1, '编号无效');
const Text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 个字`);

export const RiskListQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum([...RISK_STATUS_LIST, 'active'], { error: '没有这种状态' }).optional(),
  kind: z.enum(RISK_KIND_LIST, { error: '没有这种风险类型' }).optional(),
  level: z.enum(RISK_LEVEL_LIST, { error: '没有这种风险等级' }).optional(),
  org: Id.optional(),
  /** Open and past its due date (today). */
  overdue: z.enum(['true', 'false'], { error: 'overdue 为 true 或 false' }).optional(),
  /** Items owned by this node itself (the board's drill-down of "own"), not by the nodes under it. */
  owned: z.enum(['true', 'false'], { error: 'owned 为 true 或 false' }).optional(),
  sort: z.enum(['due', '-due', 'detected', '-detected', 'level', '-level'], { error: '排序字段无效' }).default('due'),
  ...Paging,
});
export type RiskListQuery = z.infer<typeof RiskListQuery>;

export const RiskItemSummary = z
  .object({
    id: z.number().int(),
    org: z.object({ id: z.number().int(), name: z.string(), legalForm: z.string() }),
    kind: z.enum(RISK_KIND_LIST),
    level: z.enum(RISK_LEVEL_LIST),
    status: z.enum(RISK_STATUS_LIST),
    evidence: z.string(),
    detectedOn: z.string(),
    dueOn: z.string(),
    overdue: z.boolean(),
    owner: RegionRef,
    region: RegionRef,
    outcome: z.enum(RISK_OUTCOME_LIST).nullable(),
    closedOn: z.string().nullable(),
  })
  .meta({ id: 'RiskItemSummary' });
export type RiskItemSummary = z.infer<typeof RiskItemSummary>;

export const RiskListResponse = z.object({ items: z.array(RiskItemSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type RiskListResponse = z.infer<typeof RiskListResponse>;

export const RiskStep = z.object({
  id: z.number().int(),
  step: z.enum(RISK_STEP_LIST),
  onDay: z.string(),
  data: z.record(z.string(), z.unknown()),
  byName: z.string().nullable(),
  at: z.string(),
});
export type RiskStep = z.infer<typeof RiskStep>;

export const RiskItem = RiskItemSummary.extend({
  source: z.string(),
  subject: z.object({ kind: z.string(), id: z.number().int() }),
  basis: z.string(),
  openedOn: z.string(),
  signalEndedOn: z.string().nullable(),
  interviewedOn: z.string().nullable(),
  rectifyDueOn: z.string().nullable(),
  remediedOn: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  version: z.number().int(),
  steps: z.array(RiskStep),
  /** What the reader may do now (the buttons shown). */
  can: z.object({
    remind: z.boolean(),
    interviewNotice: z.boolean(),
    interviewRecord: z.boolean(),
    report: z.boolean(),
    verify: z.boolean(),
    close: z.boolean(),
    outcomes: z.array(z.enum(RISK_OUTCOME_LIST)),
  }),
}).meta({ id: 'RiskItem' });
export type RiskItem = z.infer<typeof RiskItem>;

export const RiskIdParam = z.strictObject({ id: Id });

const Versioned = { version: VersionNumber };
export const RiskRemindInput = z.strictObject({ ...Versioned, note: z.string().trim().max(500, '提醒内容不超过 500 个字').optional() });
export const RiskInterviewNoticeInput = z.strictObject({
  ...Versioned,
  /** 约谈的时间（日期与时刻）、地点、参加人员和事由 (民发〔2016〕39号). */
  date: DateText,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM'),
  place: Text(200, '约谈地点'),
  attendees: Text(300, '参加人员'),
  reason: Text(1000, '约谈事由'),
});
export type RiskInterviewNoticeInput = z.infer<typeof RiskInterviewNoticeInput>;
export const RiskInterviewRecordInput = z.strictObject({
  ...Versioned,
  heldOn: DateText,
  attendees: Text(300, '实际参加人员'),
  record: Text(4000, '约谈记录'),
  /** The rectification notice: what to fix, and by when. */
  rectifyItems: Text(2000, '整改事项'),
  rectifyDueOn: DateText,
});
export type RiskInterviewRecordInput = z.infer<typeof RiskInterviewRecordInput>;
export const RiskReportInput = z.strictObject({ ...Versioned, measures: Text(4000, '整改措施与结果') });
export const RiskVerifyInput = z.strictObject({ ...Versioned, passed: z.boolean(), note: Text(1000, '核查意见') });
export const RiskCloseInput = z.strictObject({ ...Versioned, outcome: z.enum(RISK_OUTCOME_LIST, { error: '请选择销号结果' }), note: Text(1000, '销号说明') });
export type RiskCloseInput = z.infer<typeof RiskCloseInput>;

export const RiskBoardQuery = z.strictObject({ region: RegionCode.optional() });
const Counts = z.object({ total: z.number().int(), overdue: z.number().int(), byKind: z.record(z.string(), z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int() })) });
export const RiskBoard = z
  .object({
    region: RegionRef,
    today: z.string(),
    /** Open items of the whole subtree, and of each child node; `own` = items the node itself owns. */
    total: Counts,
    own: Counts,
    nodes: z.array(z.object({ region: RegionRef, counts: Counts })),
  })
  .meta({ id: 'RiskBoard' });
export type RiskBoard = z.infer<typeof RiskBoard>;

registerFieldLabels({
  place: '约谈地点',
  attendees: '参加人员',
  reason: '约谈事由',
  heldOn: '约谈日期',
  record: '约谈记录',
  rectifyItems: '整改事项',
  rectifyDueOn: '整改期限',
  measures: '整改措施与结果',
  passed: '核查结论',
  outcome: '销号结果',
});
