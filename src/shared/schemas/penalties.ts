import { z } from '../zod.js';

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
