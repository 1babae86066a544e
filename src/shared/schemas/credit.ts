import { z } from '../zod.js';
import { DateText, Paging, RegionRef, SearchText, VersionNumber } from './common.js';
import { RuleBasis } from './rules.js';
import { CREDIT_LISTS } from './credit-public.js';
import { REVIEW_DECISIONS } from '../enums.js';

/**
 * The credit lists' routes (民政部令第60号; issue 14 item 3): entries with their timers, notice, objection, removal,
 * proposals awaiting confirmation and the registered letters of the unreachable ground. The public form is
 * credit-public.ts (PublicCreditEntry, Eligibility).
 */
export const CREDIT_STATUSES = ['noticed', 'listed', 'removed', 'moved', 'withdrawn'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];
export const CREDIT_STATUS_LABELS: Record<CreditStatus, string> = {
  noticed: '告知中',
  listed: '已列入',
  removed: '已移出',
  moved: '已转入严重违法失信名单',
  withdrawn: '已撤销告知',
};

export const CREDIT_ORIGINS = ['automatic', 'manual', 'proposal'] as const;
export const CREDIT_ORIGIN_LABELS: Record<(typeof CREDIT_ORIGINS)[number], string> = { automatic: '系统按规则列入', manual: '人工列入', proposal: '经确认的建议' };

export const CREDIT_EVENT_KINDS = [
  'noticed', 'objected', 'objection_upheld', 'objection_rejected', 'listed', 'restarted',
  'compliance_verified', 'removal_applied', 'removal_rejected', 'removed', 'moved', 'withdrawn',
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];
export const CREDIT_EVENT_LABELS: Record<CreditEventKind, string> = {
  noticed: '书面告知',
  objected: '提出陈述申辩',
  objection_upheld: '申辩成立',
  objection_rejected: '申辩不成立',
  listed: '列入名录',
  restarted: '列入期限重新计算',
  compliance_verified: '查实已履行义务或完成整改',
  removal_applied: '申请移出',
  removal_rejected: '移出申请未通过',
  removed: '移出',
  moved: '转入严重违法失信名单',
  withdrawn: '撤销告知',
};

/**
 * The grounds a district admin may enter by hand. Penalties by amount and count and two years on the abnormal list
 * come from the platform's own facts alone (the job and the penalty listener), so a person never types them.
 */
export const MANUAL_GROUNDS = [
  'credit.abnormal.annual_report', 'credit.abnormal.party', 'credit.abnormal.rectification', 'credit.abnormal.unreachable', 'credit.abnormal.other',
  'credit.dishonest.fraudulent_change', 'credit.dishonest.suspension', 'credit.dishonest.defaulter', 'credit.dishonest.revoked', 'credit.dishonest.other',
] as const;
export type ManualGround = (typeof MANUAL_GROUNDS)[number];
/** The *.other grounds name their legal basis in words (60号令 第十条第（七）项、第十四条第（八）项). */
export const GROUNDS_NEEDING_BASIS: readonly string[] = ['credit.abnormal.other', 'credit.dishonest.other'];

const Id = (label: string) => z.coerce.number().int().positive(`${label}无效`).max(2 ** 53 - 1, `${label}无效`);
const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`);
const RegionCode = z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字');

export const CreditIdParam = z.strictObject({ id: Id('编号') });
export const CreditOrgParam = z.strictObject({ id: Id('组织编号') });

export const CREDIT_SORTS = ['noticedOn', 'listedOn', 'periodFrom', 'orgName'] as const;
export const CreditListQuery = z.strictObject({
  list: z.enum(CREDIT_LISTS, { error: '名录为 abnormal 或 dishonest' }).optional(),
  region: RegionCode.optional(),
  status: z.enum(CREDIT_STATUSES, { error: '没有这种状态' }).optional(),
  /** Open entries alone (noticed or listed): the list as it stands. */
  current: z.enum(['true', 'false'], { error: 'current 为 true 或 false' }).optional(),
  org: Id('组织编号').optional(),
  ground: z.string().regex(/^credit\.[a-z_.]+$/, '列入情形编号不正确').max(80).optional(),
  q: SearchText.optional(),
  sort: z.enum(CREDIT_SORTS, { error: '不能按此排序' }).default('noticedOn'),
  order: z.enum(['asc', 'desc'], { error: '排序为 asc 或 desc' }).default('desc'),
  ...Paging,
});
export type CreditListQuery = z.infer<typeof CreditListQuery>;

export const CreditTimers = z.object({
  /** The notice's objection window ends (inclusive). */
  objectionDueOn: z.string(),
  /** The fact plus 5 working days (credit.record_deadline). */
  recordDueOn: z.string(),
  /** Abnormal: periodFrom + 2 years (credit.dishonest.abnormal_two_years); null when not listed or on the serious list. */
  movesToSerialOn: z.string().nullable(),
  /**
   * The first day removal is possible without more: serious list, periodFrom + 2 clean years (on application);
   * abnormal list with the district's automatic removal on, periodFrom + N months; else null (on verified compliance).
   */
  removableFrom: z.string().nullable(),
  /** How removal goes for this entry, in words. */
  removalPath: z.string(),
  /** Compliance verified: removed on or before this day (5 working days, credit.removal.compliance). */
  removalDueOn: z.string().nullable(),
  restarts: z.array(z.object({ on: z.string(), ground: z.string(), groundLabel: z.string(), reason: z.string() })),
});
export type CreditTimers = z.infer<typeof CreditTimers>;

export const CreditListItem = z
  .object({
    id: z.number().int(),
    org: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string().nullable() }),
    region: RegionRef.nullable(),
    list: z.enum(CREDIT_LISTS),
    listLabel: z.string(),
    status: z.enum(CREDIT_STATUSES),
    statusLabel: z.string(),
    origin: z.enum(CREDIT_ORIGINS),
    ground: z.string(),
    groundLabel: z.string(),
    basis: RuleBasis,
    noticeNo: z.string(),
    noticedOn: z.string(),
    listedOn: z.string().nullable(),
    periodFrom: z.string().nullable(),
    removedOn: z.string().nullable(),
    movedOn: z.string().nullable(),
    withdrawnOn: z.string().nullable(),
    timers: CreditTimers,
    version: z.number().int(),
  })
  .meta({ id: 'CreditListItem' });
export type CreditListItem = z.infer<typeof CreditListItem>;

export const CreditListResponse = z.object({ items: z.array(CreditListItem), total: z.number().int() });
export type CreditListResponse = z.infer<typeof CreditListResponse>;

export const CreditGround = z.object({
  id: z.number().int(),
  ground: z.string(),
  groundLabel: z.string(),
  basis: RuleBasis,
  factOn: z.string(),
  evidence: z.string(),
  subject: z.object({ kind: z.string(), id: z.number().int() }),
  remediedOn: z.string().nullable(),
  effect: z.enum(['opened', 'restarted']),
});
export const CreditEvent = z.object({
  id: z.number().int(),
  kind: z.enum(CREDIT_EVENT_KINDS),
  kindLabel: z.string(),
  on: z.string(),
  basis: RuleBasis.nullable(),
  reason: z.string().nullable(),
  /** null: the credit job, by the rules. */
  actor: z.string().nullable(),
  at: z.string(),
});
export const CREDIT_REQUEST_KINDS = ['objection', 'removal'] as const;
export const CREDIT_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const CreditRequest = z.object({
  id: z.number().int(),
  kind: z.enum(CREDIT_REQUEST_KINDS),
  statement: z.string(),
  filedOn: z.string(),
  filedBy: z.string(),
  status: z.enum(CREDIT_REQUEST_STATUSES),
  decidedOn: z.string().nullable(),
  opinion: z.string().nullable(),
  /** The review case on the shared chain (GET /reviews/:caseId). */
  caseId: z.number().int().nullable(),
});
export type CreditRequest = z.infer<typeof CreditRequest>;

/** The written notice (告知书) as issued: what the printable A4 letter shows. */
export const CreditNotice = z.object({
  no: z.string(),
  on: z.string(),
  issuer: z.string(),
  orgName: z.string(),
  listLabel: z.string(),
  facts: z.array(z.string()),
  reasons: z.string(),
  basis: RuleBasis,
  noticeBasis: RuleBasis,
  rights: z.string(),
  objectionDueOn: z.string(),
});
export type CreditNotice = z.infer<typeof CreditNotice>;

export const CreditEntry = CreditListItem.extend({
  basisNote: z.string().nullable(),
  removalReason: z.string().nullable(),
  removalBasis: RuleBasis.nullable(),
  complianceVerifiedOn: z.string().nullable(),
  movedFromId: z.number().int().nullable(),
  movedToId: z.number().int().nullable(),
  grounds: z.array(CreditGround),
  events: z.array(CreditEvent),
  requests: z.array(CreditRequest),
  notice: CreditNotice,
  createdBy: z.string().nullable(),
  /** What the reader may do now (the page shows the buttons that will not be refused). */
  actions: z.object({ object: z.boolean(), applyRemoval: z.boolean(), list: z.boolean(), verifyCompliance: z.boolean() }),
}).meta({ id: 'CreditEntry' });
export type CreditEntry = z.infer<typeof CreditEntry>;

export const CreditCreateBody = z.strictObject({
  orgId: z.number({ error: '请选择组织' }).int().positive('请选择组织').max(2 ** 53 - 1, '组织编号无效'),
  ground: z.enum(MANUAL_GROUNDS, { error: '请选择列入情形' }),
  factOn: DateText,
  facts: text('列入事实', 2000),
  /** Required for the *.other grounds: the law or regulation and article. */
  basisNote: z.string().trim().max(500, '依据不超过 500 个字').optional(),
}).superRefine((v, ctx) => {
  if (GROUNDS_NEEDING_BASIS.includes(v.ground) && !v.basisNote) ctx.addIssue({ code: 'custom', path: ['basisNote'], message: '其他情形须写明法律、行政法规依据及条款' });
});
export type CreditCreateBody = z.infer<typeof CreditCreateBody>;

export const CreditStatementBody = z.strictObject({ statement: text('陈述申辩或申请理由', 2000) });
export type CreditStatementBody = z.infer<typeof CreditStatementBody>;

/** Listing at once, before the window ends (the organization waived its objection in writing). */
export const CreditListNowBody = z.strictObject({ reason: text('提前列入理由', 500), version: VersionNumber });
export type CreditListNowBody = z.infer<typeof CreditListNowBody>;

export const CreditComplianceBody = z.strictObject({
  verifiedOn: DateText,
  evidence: text('查实情况', 1000),
  /** Remove today; false: the credit job removes it on the last of the 5 working days. */
  removeNow: z.boolean().default(true),
  version: VersionNumber,
});
export type CreditComplianceBody = z.infer<typeof CreditComplianceBody>;

export const CreditRequestReviewBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS, { error: '请选择审核结果' }),
  opinion: z.string().trim().max(1000, '意见不超过 1000 个字').optional(),
});
export type CreditRequestReviewBody = z.infer<typeof CreditRequestReviewBody>;

export const CREDIT_PROPOSAL_STATUSES = ['pending', 'confirmed', 'dismissed'] as const;
export const CreditProposalQuery = z.strictObject({
  status: z.enum(CREDIT_PROPOSAL_STATUSES, { error: '没有这种状态' }).optional(),
  region: RegionCode.optional(),
  org: Id('组织编号').optional(),
  ...Paging,
});
export type CreditProposalQuery = z.infer<typeof CreditProposalQuery>;
export const CreditProposal = z
  .object({
    id: z.number().int(),
    org: z.object({ id: z.number().int(), name: z.string() }),
    ground: z.string(),
    groundLabel: z.string(),
    list: z.enum(CREDIT_LISTS),
    basis: RuleBasis,
    factOn: z.string(),
    evidence: z.string(),
    subject: z.object({ kind: z.string(), id: z.number().int() }),
    status: z.enum(CREDIT_PROPOSAL_STATUSES),
    entryId: z.number().int().nullable(),
    decidedBy: z.string().nullable(),
    decidedOn: z.string().nullable(),
    reason: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CreditProposal' });
export type CreditProposal = z.infer<typeof CreditProposal>;
export const CreditProposalListResponse = z.object({ items: z.array(CreditProposal), total: z.number().int() });
export const CreditProposalConfirmBody = z.strictObject({ version: VersionNumber });
export const CreditProposalDismissBody = z.strictObject({ reason: text('不予列入的理由', 500), version: VersionNumber });

export const CreditLetter = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  sentOn: z.string(),
  trackingNo: z.string(),
  address: z.string(),
  signed: z.boolean(),
  outcomeOn: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type CreditLetter = z.infer<typeof CreditLetter>;
export const CreditLetterBody = z.strictObject({
  sentOn: DateText,
  trackingNo: z.string({ error: '请填写挂号信编号' }).trim().regex(/^[A-Za-z0-9-]{6,40}$/, '挂号信编号为 6–40 位字母或数字'),
  /** Left out: the organization's registered address. */
  address: z.string().trim().max(200, '地址不超过 200 个字').optional(),
  signed: z.boolean({ error: '请选择是否签收' }),
  outcomeOn: DateText.optional(),
  note: z.string().trim().max(500, '备注不超过 500 个字').optional(),
}).superRefine((v, ctx) => {
  if (v.outcomeOn && v.outcomeOn < v.sentOn) ctx.addIssue({ code: 'custom', path: ['outcomeOn'], message: '签收或退回日期不能早于寄出日期' });
});
export type CreditLetterBody = z.infer<typeof CreditLetterBody>;
export const CreditLettersResponse = z.object({
  items: z.array(CreditLetter),
  /** What the letters amount to under credit.abnormal.unreachable on the day asked. */
  unreachable: z.object({ met: z.boolean(), explanation: z.string(), basis: RuleBasis }),
});
export type CreditLettersResponse = z.infer<typeof CreditLettersResponse>;

export const EligibilityQuery = z.strictObject({ on: DateText.optional() });

export const CreditJobSummary = z.object({ on: z.string(), entered: z.number().int(), restarted: z.number().int(), proposed: z.number().int(), listed: z.number().int(), moved: z.number().int(), removed: z.number().int() });
export type CreditJobSummary = z.infer<typeof CreditJobSummary>;
