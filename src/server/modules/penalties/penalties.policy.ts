import { AMOUNT_KINDS, type PenaltyInput } from '../../../shared/schemas/penalties.js';
import type { PenaltyRow } from '../../db/types-rules.js';

/**
 * What a penalty record must hold, by kind (社会团体登记管理条例第三十条, 民办非企业单位登记管理暂行条例第二十五条,
 * 基金会管理条例第四十二条 name the kinds): a fine or a confiscation has its amount in fen and the others none (the
 * credit rules compare the amount with ¥50,000, 民政部令第60号第十条、第十四条); 限期停止活动 has its period. A decision
 * is recorded once it is made, so its day is not after today. Field messages in Chinese; empty when all is well.
 */
export function penaltyProblems(input: PenaltyInput, today: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const amount = input.amountFen ?? null;
  if (AMOUNT_KINDS.includes(input.kind)) {
    if (amount === null) fields.amountFen = input.kind === 'fine' ? '罚款须填写金额' : '没收须填写违法所得或非法财产的金额';
    else if (amount <= 0) fields.amountFen = '金额须大于 0';
  } else if (amount !== null) fields.amountFen = '只有罚款、没收填写金额';
  const from = input.suspendedFrom ?? null;
  const to = input.suspendedTo ?? null;
  if (input.kind === 'suspension') {
    if (!from) fields.suspendedFrom = '限期停止活动须填写停止活动的起始日期';
    if (!to) fields.suspendedTo = '限期停止活动须填写停止活动的截止日期';
    if (from && to && to < from) fields.suspendedTo = '截止日期不能早于起始日期';
    if (from && from < input.decidedOn) fields.suspendedFrom = '停止活动的起始日期不能早于决定日期';
  } else {
    if (from) fields.suspendedFrom = '只有限期停止活动填写停止活动期限';
    if (to) fields.suspendedTo = '只有限期停止活动填写停止活动期限';
  }
  if (input.decidedOn > today) fields.decidedOn = `决定日期不能晚于今天（${today}）：处罚作出后才能登记`;
  return fields;
}

/** An annulment (set aside on reconsideration or in court) falls between the decision and today. */
export function annulProblems(row: Pick<PenaltyRow, 'decided_on'>, annulledOn: string, today: string): Record<string, string> {
  if (annulledOn > today) return { annulledOn: `撤销日期不能晚于今天（${today}）` };
  if (annulledOn < row.decided_on) return { annulledOn: `撤销日期不能早于决定日期（${row.decided_on}）` };
  return {};
}

/** Carried out (the fine paid, the period served) between the decision and today. */
export function carriedOutProblems(row: Pick<PenaltyRow, 'decided_on'>, carriedOutOn: string, today: string): Record<string, string> {
  if (carriedOutOn > today) return { carriedOutOn: `执行完毕日期不能晚于今天（${today}）` };
  if (carriedOutOn < row.decided_on) return { carriedOutOn: `执行完毕日期不能早于决定日期（${row.decided_on}）` };
  return {};
}

/** A decided penalty may be annulled once; one carried out stays annullable (a court may still set it aside). */
export const mayAnnul = (row: Pick<PenaltyRow, 'status'>) => row.status === 'decided';
/** Only a penalty in force is carried out, and once. */
export const mayCarryOut = (row: Pick<PenaltyRow, 'status' | 'carried_out_on'>) => row.status === 'decided' && row.carried_out_on === null;
