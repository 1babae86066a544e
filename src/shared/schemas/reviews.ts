import { z } from '../zod.js';
import { REVIEW_DECISIONS, REVIEW_STEPS } from '../enums.js';
import { Paging, RegionRef, SearchText, VersionNumber } from './common.js';
// The shapes the filing work already answers with; the follow-up that moves applications onto the chain moves
// them here and has applications import them.
import { ApplicationEvent, BatchReviewResponse, DUE_STATES, OverdueByNode } from './applications.js';

/** The shared review chain's cases (issue 11 item 3): every subject kind in one queue. */
export const REVIEW_CASE_STATUSES = ['in_review', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export const REVIEW_CASE_STATUS_LABELS: Record<(typeof REVIEW_CASE_STATUSES)[number], string> = {
  in_review: '审核中',
  returned: '退回补正',
  approved: '已通过',
  rejected: '不予通过',
  withdrawn: '已撤回',
};

const SubjectKind = z.string().regex(/^[a-z][a-z0-9_]*$/, '事项类型为小写字母');
const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');

export const REVIEW_QUEUES = ['mine', 'all'] as const;
export const REVIEW_SORTS = ['due', '-submitted', 'submitted', '-updated'] as const;
export const ReviewListQuery = z.strictObject({
  queue: z.enum(REVIEW_QUEUES, { error: '队列为 mine（本人待办）或 all（辖区全部）' }).default('mine'),
  kind: SubjectKind.optional(),
  status: z.enum(REVIEW_CASE_STATUSES, { error: '没有这种办理状态' }).optional(),
  step: z.enum(REVIEW_STEPS, { error: '没有这个审核环节' }).optional(),
  due: z.enum(DUE_STATES, { error: '期限状态为 on_time、due_soon 或 overdue' }).optional(),
  q: SearchText.optional(),
  region: RegionCode.optional(),
  sort: z.enum(REVIEW_SORTS, { error: '没有这种排序' }).default('due'),
  ...Paging,
});
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;

export const ReviewListItem = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    kindLabel: z.string(),
    subjectId: z.number().int(),
    title: z.string(),
    status: z.enum(REVIEW_CASE_STATUSES),
    steps: z.array(z.enum(REVIEW_STEPS)),
    currentStep: z.enum(REVIEW_STEPS).nullable(),
    currentStepLabel: z.string().nullable(),
    stepDueOn: z.string().nullable(),
    dueUncertain: z.boolean(),
    dueState: z.enum(DUE_STATES).nullable(),
    overdue: z.boolean(),
    region: RegionRef,
    regionPath: z.string(),
    /** The subject's own page in the web app. */
    link: z.string(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReviewListItem' });
export type ReviewListItem = z.infer<typeof ReviewListItem>;

export const ReviewListResponse = z.object({ items: z.array(ReviewListItem), total: z.number().int() });
export type ReviewListResponse = z.infer<typeof ReviewListResponse>;

const Counts = { mine: z.number().int(), dueSoon: z.number().int(), overdue: z.number().int() };
/** The header bell: to-dos of every kind, and per kind. */
export const ReviewCounts = z.object({
  ...Counts,
  byKind: z.array(z.object({ kind: z.string(), label: z.string(), ...Counts })),
});
export type ReviewCounts = z.infer<typeof ReviewCounts>;

export const ReviewOverdueQuery = z.strictObject({ region: RegionCode.optional(), kind: SubjectKind.optional() });
export const ReviewOverdueByNode = OverdueByNode;
export type ReviewOverdueByNode = z.infer<typeof ReviewOverdueByNode>;

export const ReviewCaseIdParam = z.object({ id: z.coerce.number().int().positive('审核编号无效') });

export const ReviewDecisionBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论（同意、退回补正或不予通过）' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
  /** The version the reviewer saw: a case changed since is refused (409) instead of decided blind. */
  version: VersionNumber.optional(),
});
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBody>;

export const ReviewBatchBody = z.strictObject({
  ids: z.array(z.number().int().positive(), { error: '请选择要处理的事项' }).min(1, '请至少选择一件').max(100, '一次最多处理 100 件'),
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结论' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 字').optional(),
});
export const ReviewBatchResponse = BatchReviewResponse;

export const ReviewEvent = ApplicationEvent;
/** One case with its trail: what a decision returns. */
export const ReviewCase = ReviewListItem.extend({ events: z.array(ReviewEvent), canDecide: z.boolean() }).meta({ id: 'ReviewCase' });
export type ReviewCase = z.infer<typeof ReviewCase>;
