import { z } from '../zod.js';
import { DateText, Paging, SearchText, VersionNumber } from './common.js';
import { FenAmount } from './money.js';

/**
 * Administrative penalties (行政处罚, issue 14 item 2; migration 0021): 社会团体登记管理条例 art. 30, 民办非企业单位登记
 * 管理暂行条例 art. 25, 基金会管理条例 art. 42 list the kinds. Recorded by the district whether it or another
 * department decided; inputs to the credit rules (民政部令第60号).
 */
export const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspension', 'revocation'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得/非法财产',
  suspension: '限期停止活动',
  revocation: '撤销登记',
};
/** Kinds with an amount in fen (the others have none). */
export const AMOUNT_KINDS: readonly PenaltyKind[] = ['fine', 'confiscation'];

/** A decided penalty as the public register shows it (no person named, no internal notes). */
export const PublicPenalty = z
  .object({
    id: z.number().int(),
    kind: z.enum(PENALTY_KINDS),
    kindLabel: z.string(),
    amountFen: z.number().int().nullable(),
    suspendedFrom: z.string().nullable(),
    suspendedTo: z.string().nullable(),
    decisionNo: z.string(),
    decidedOn: z.string(),
    facts: z.string(),
    legalBasis: z.string(),
    decidingBody: z.string(),
    /** Annulled on reconsideration or in court: kept as history, with the day. */
    annulledOn: z.string().nullable(),
  })
  .meta({ id: 'PublicPenalty' });
export type PublicPenalty = z.infer<typeof PublicPenalty>;

/** The articles a decision usually rests on, offered by the record form (the field stays free text: other departments cite their own). */
export const USUAL_LEGAL_BASES = [
  '《社会团体登记管理条例》第三十条',
  '《民办非企业单位登记管理暂行条例》第二十五条',
  '《基金会管理条例》第四十二条',
] as const;

const Id = (label: string) => z.coerce.number().int().positive(`${label}无效`).max(2 ** 53 - 1, `${label}无效`);

export const PENALTY_STATUSES = ['decided', 'annulled'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
export const PENALTY_STATUS_LABELS: Record<PenaltyStatus, string> = { decided: '已作出', annulled: '已撤销' };
export const PENALTY_SORTS = ['-decidedOn', 'decidedOn', '-amount', 'amount', 'org', '-org'] as const;

export const PenaltyListQuery = z.strictObject({
  org: Id('组织编号').optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  kind: z.enum(PENALTY_KINDS, { error: '没有这种处罚种类' }).optional(),
  status: z.enum(PENALTY_STATUSES, { error: '没有这种处罚状态' }).optional(),
  year: z.coerce.number().int('年份无效').min(1990, '年份无效').max(2100, '年份无效').optional(),
  q: SearchText.optional(),
  sort: z.enum(PENALTY_SORTS, { error: '没有这种排序' }).default('-decidedOn'),
  ...Paging,
});
export type PenaltyListQuery = z.infer<typeof PenaltyListQuery>;

export const PenaltyIdParam = z.strictObject({ id: Id('处罚编号') });

/**
 * A penalty as recorded (a decision by the district or by another department). Which fields a kind needs is checked
 * by the service with field messages (amount for fines and confiscations only, a period for 限期停止活动).
 */
export const PenaltyInput = z.strictObject({
  orgId: Id('组织编号'),
  kind: z.enum(PENALTY_KINDS, { error: '请选择处罚种类' }),
  amountFen: FenAmount('金额').nullable().optional(),
  suspendedFrom: DateText.nullable().optional(),
  suspendedTo: DateText.nullable().optional(),
  decisionNo: z.string().trim().min(1, '请填写处罚决定书文号').max(100, '文号不超过 100 个字符'),
  decidedOn: DateText,
  facts: z.string().trim().min(1, '请填写违法事实').max(4000, '违法事实不超过 4000 个字符'),
  legalBasis: z.string().trim().min(1, '请填写处罚依据').max(500, '处罚依据不超过 500 个字符'),
  decidingBody: z.string().trim().min(1, '请填写作出决定的机关').max(100, '机关名称不超过 100 个字符'),
  /** The registration authority's own decision (false: another department's, recorded here). */
  byRegistrar: z.boolean({ error: '请说明是否为登记管理机关作出' }),
});
export type PenaltyInput = z.infer<typeof PenaltyInput>;

export const PenaltyAnnulBody = z.strictObject({
  annulledOn: DateText,
  reason: z.string().trim().min(1, '请填写撤销原因（行政复议或诉讼的结果）').max(1000, '原因不超过 1000 个字符'),
  version: VersionNumber,
});
export type PenaltyAnnulBody = z.infer<typeof PenaltyAnnulBody>;

export const PenaltyCarriedOutBody = z.strictObject({ carriedOutOn: DateText, version: VersionNumber });
export type PenaltyCarriedOutBody = z.infer<typeof PenaltyCarriedOutBody>;

export const Penalty = PublicPenalty.extend({
  org: z.object({ id: z.number().int(), name: z.string() }),
  byRegistrar: z.boolean(),
  status: z.enum(PENALTY_STATUSES),
  annulReason: z.string().nullable(),
  carriedOutOn: z.string().nullable(),
  recordedBy: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  recordedAt: z.string(),
  version: z.number().int(),
  /** What the viewer may do with it now. */
  may: z.object({ annul: z.boolean(), carryOut: z.boolean() }),
}).meta({ id: 'Penalty' });
export type Penalty = z.infer<typeof Penalty>;

export const PenaltyListResponse = z.object({ items: z.array(Penalty), total: z.number().int() });
export type PenaltyListResponse = z.infer<typeof PenaltyListResponse>;
