import { describe, expect, it } from 'vitest';
import { addYears, complianceRemovalDue, listingDay, movesToSerialOn, penaltyGrounds, periodFromOn, unreachableFact, type PenaltyFacts } from './credit.policy.js';

const RULES = { smallThresholdFen: 5_000_000, bigThresholdFen: 5_000_000, repeat: { count: 2, windowYears: 3, fineThresholdFen: 5_000_000 } };
const fine = (id: number, amountFen: number, decidedOn: string): PenaltyFacts => ({ id, kind: 'fine', amountFen, decidedOn });
const warning = (id: number, decidedOn: string): PenaltyFacts => ({ id, kind: 'warning', amountFen: null, decidedOn });

describe('the penalty grounds of 60号令', () => {
  it('puts a fine of ¥49,999.99 on the abnormal list and one of ¥50,000 on the serious list', () => {
    expect(penaltyGrounds(fine(1, 4_999_999, '2026-03-01'), [], RULES)).toEqual(['credit.abnormal.small_penalty']);
    expect(penaltyGrounds(fine(1, 5_000_000, '2026-03-01'), [], RULES)).toEqual(['credit.dishonest.big_fine']);
    expect(penaltyGrounds(warning(1, '2026-03-01'), [], RULES)).toEqual(['credit.abnormal.small_penalty']);
    expect(penaltyGrounds({ id: 1, kind: 'suspension', amountFen: null, decidedOn: '2026-03-01' }, [], RULES)).toEqual(['credit.dishonest.suspension']);
    expect(penaltyGrounds({ id: 1, kind: 'confiscation', amountFen: 100, decidedOn: '2026-03-01' }, [], RULES)).toEqual([]);
  });

  it('counts a second small penalty within three years, day-exact', () => {
    const first = warning(1, '2023-06-01');
    // The three years of the first run out on 2026-06-01: the day before is inside, that day is outside.
    expect(penaltyGrounds(fine(2, 100_000, '2026-05-31'), [first], RULES)).toEqual(['credit.abnormal.small_penalty', 'credit.dishonest.repeat_penalties']);
    expect(penaltyGrounds(fine(2, 100_000, '2026-06-01'), [first], RULES)).toEqual(['credit.abnormal.small_penalty']);
    // A big fine earlier does not count toward the small-penalty repeat.
    expect(penaltyGrounds(warning(2, '2024-01-01'), [fine(1, 6_000_000, '2023-06-01')], RULES)).toEqual(['credit.abnormal.small_penalty']);
  });
});

describe('timers', () => {
  it('moves an abnormal entry exactly two full years after its period began', () => {
    expect(movesToSerialOn('2024-03-10', 2)).toBe('2026-03-10');
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
  });

  it('lists on the day after the window, or on the day an objection was not upheld if later', () => {
    expect(listingDay('2026-03-13', null)).toBe('2026-03-14');
    expect(listingDay('2026-03-13', '2026-03-20')).toBe('2026-03-20');
    expect(listingDay('2026-03-13', '2026-03-10')).toBe('2026-03-14');
  });

  it('restarts the period at the latest new ground up to the day asked', () => {
    const restarts = [{ on: '2026-05-01' }, { on: '2026-08-01' }];
    expect(periodFromOn('2026-01-10', restarts, '2026-04-30')).toBe('2026-01-10');
    expect(periodFromOn('2026-01-10', restarts, '2026-05-01')).toBe('2026-05-01');
    expect(periodFromOn('2026-01-10', restarts, '2026-12-01')).toBe('2026-08-01');
  });

  it('counts the 5 working days of removal across 国庆 2026 (10-01..10-07 off, 10-10 a workday)', () => {
    // Verified Wed 2026-09-30: 10-01..07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (调休上班), 10-12 Mon, 10-13 Tue.
    expect(complianceRemovalDue('2026-09-30', 5, {})).toBe('2026-10-13');
    // Plain weekdays: Mon 2026-11-02 + 5 = Mon 2026-11-09.
    expect(complianceRemovalDue('2026-11-02', 5, {})).toBe('2026-11-09');
  });
});

describe('unreachable at the registered address', () => {
  const P = { letters: 2, minGapDays: 20, maxGapDays: 60 };
  const letter = (id: number, sentOn: string, signed = false, outcomeOn: string | null = null) => ({ id, sentOn, signed, outcomeOn });
  it('needs two unsigned letters 20 to 60 days apart, known by the day', () => {
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-01-24')], '2026-12-01', P)).toBeNull(); // 19 days
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-01-25', false, '2026-02-01')], '2026-12-01', P)).toMatchObject({ letterId: 2, factOn: '2026-02-01' });
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-03-07')], '2026-12-01', P)).toBeNull(); // 61 days
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-03-06')], '2026-12-01', P)).toMatchObject({ factOn: '2026-03-06' });
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-02-10', false, '2026-02-20')], '2026-02-19', P)).toBeNull();
    expect(unreachableFact([letter(1, '2026-01-05'), letter(2, '2026-02-01', true), letter(3, '2026-02-10')], '2026-12-01', P)).toBeNull();
  });
});
