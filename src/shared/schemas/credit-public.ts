import { z } from '../zod.js';
import { RuleBasis } from './rules.js';

/**
 * The credit lists of 民政部令第60号 as the public register shows them (issue 14 item 3): current and past entries with
 * their ground, rule and days. The full entry (timers, notice, objection, decisions) is the credit module's own.
 */
export const CREDIT_LISTS = ['abnormal', 'dishonest'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];
export const CREDIT_LIST_LABELS: Record<CreditList, string> = { abnormal: '活动异常名录', dishonest: '严重违法失信名单' };

export const PublicCreditEntry = z
  .object({
    id: z.number().int(),
    list: z.enum(CREDIT_LISTS),
    listLabel: z.string(),
    ground: z.string(),
    basis: RuleBasis,
    listedOn: z.string(),
    /** The day the period counts from (a new ground restarts it, 60号令). */
    periodFrom: z.string(),
    removedOn: z.string().nullable(),
    removalReason: z.string().nullable(),
    /** Moved to the serious list (two full years on the abnormal list). */
    movedOn: z.string().nullable(),
  })
  .meta({ id: 'PublicCreditEntry' });
export type PublicCreditEntry = z.infer<typeof PublicCreditEntry>;

/** Whether an organization may take part in evaluation, funding and government purchase on a day, and why not. */
export const ELIGIBILITY_PURPOSES = ['evaluation', 'funding', 'purchase'] as const;
export type EligibilityPurpose = (typeof ELIGIBILITY_PURPOSES)[number];
export const ELIGIBILITY_PURPOSE_LABELS: Record<EligibilityPurpose, string> = { evaluation: '参加评估', funding: '申请资助', purchase: '承接政府购买服务' };
export const Eligibility = z
  .object({
    orgId: z.number().int(),
    on: z.string(),
    eligible: z.boolean(),
    /** Per purpose; a reason names its rule (basis) and the fact behind it. */
    purposes: z.record(z.enum(ELIGIBILITY_PURPOSES), z.object({ eligible: z.boolean(), reasons: z.array(z.object({ text: z.string(), basis: RuleBasis })) })),
  })
  .meta({ id: 'Eligibility' });
export type Eligibility = z.infer<typeof Eligibility>;
