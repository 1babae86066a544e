import { describe, expect, it } from 'vitest';
import type { PenaltyInput } from '../../../shared/schemas/penalties.js';
import { annulProblems, carriedOutProblems, mayAnnul, mayCarryOut, penaltyProblems } from './penalties.policy.js';

const input = (over: Partial<PenaltyInput> = {}): PenaltyInput => ({
  orgId: 1, kind: 'warning', decisionNo: '吉区民罚〔2026〕1号', decidedOn: '2026-06-01', facts: '事实', legalBasis: '依据', decidingBody: '吉州区民政局', byRegistrar: true, ...over,
});

describe('penalty policy', () => {
  it('wants an amount for fines and confiscations only', () => {
    expect(penaltyProblems(input({ kind: 'fine', amountFen: 1 }), '2026-06-01')).toEqual({});
    expect(penaltyProblems(input({ kind: 'fine', amountFen: null }), '2026-06-01')).toEqual({ amountFen: '罚款须填写金额' });
    expect(penaltyProblems(input({ kind: 'confiscation' }), '2026-06-01')).toEqual({ amountFen: '没收须填写违法所得或非法财产的金额' });
    expect(penaltyProblems(input({ kind: 'fine', amountFen: 0 }), '2026-06-01')).toEqual({ amountFen: '金额须大于 0' });
    expect(penaltyProblems(input({ kind: 'revocation', amountFen: 5 }), '2026-06-01')).toEqual({ amountFen: '只有罚款、没收填写金额' });
  });

  it('wants a period for 限期停止活动 only, not before the decision, not ending before it starts', () => {
    expect(penaltyProblems(input({ kind: 'suspension', suspendedFrom: '2026-06-01', suspendedTo: '2026-06-01' }), '2026-06-01')).toEqual({});
    expect(penaltyProblems(input({ kind: 'suspension', suspendedFrom: '2026-05-31', suspendedTo: '2026-07-01' }), '2026-06-01')).toEqual({ suspendedFrom: '停止活动的起始日期不能早于决定日期' });
    expect(penaltyProblems(input({ kind: 'suspension', suspendedFrom: '2026-06-02', suspendedTo: '2026-06-01' }), '2026-06-01')).toEqual({ suspendedTo: '截止日期不能早于起始日期' });
    expect(penaltyProblems(input({ suspendedFrom: '2026-06-02' }), '2026-06-01')).toEqual({ suspendedFrom: '只有限期停止活动填写停止活动期限' });
  });

  it('takes a decision dated today and refuses one dated tomorrow', () => {
    expect(penaltyProblems(input({ decidedOn: '2026-06-01' }), '2026-06-01')).toEqual({});
    expect(penaltyProblems(input({ decidedOn: '2026-06-02' }), '2026-06-01').decidedOn).toBe('决定日期不能晚于今天（2026-06-01）：处罚作出后才能登记');
  });

  it('dates an annulment or its carrying out between the decision and today', () => {
    const row = { decided_on: '2026-05-01' };
    expect(annulProblems(row, '2026-05-01', '2026-06-01')).toEqual({});
    expect(annulProblems(row, '2026-04-30', '2026-06-01')).toHaveProperty('annulledOn');
    expect(annulProblems(row, '2026-06-02', '2026-06-01')).toHaveProperty('annulledOn');
    expect(carriedOutProblems(row, '2026-06-01', '2026-06-01')).toEqual({});
    expect(carriedOutProblems(row, '2026-04-30', '2026-06-01')).toHaveProperty('carriedOutOn');
    expect(carriedOutProblems(row, '2026-06-02', '2026-06-01')).toHaveProperty('carriedOutOn');
  });

  it('annuls a decided penalty once and records its carrying out once', () => {
    expect(mayAnnul({ status: 'decided' })).toBe(true);
    expect(mayAnnul({ status: 'annulled' })).toBe(false);
    expect(mayCarryOut({ status: 'decided', carried_out_on: null })).toBe(true);
    expect(mayCarryOut({ status: 'decided', carried_out_on: '2026-05-02' })).toBe(false);
    expect(mayCarryOut({ status: 'annulled', carried_out_on: null })).toBe(false);
  });
});
