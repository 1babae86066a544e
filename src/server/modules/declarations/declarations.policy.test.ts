import { describe, expect, it } from 'vitest';
import { DEFAULT_DECLARATIONS, FOREIGN_KIND, MONEY_KIND, PARTICIPANTS_KIND } from '../../../shared/schemas/supervision-settings.js';
import { daysAhead, declarationReasons, earliestStart, lateMessage, leadVerdict, summaryDueOn, unknownKinds } from './declarations.policy.js';

const calendar7 = { days: 7, unit: 'calendar' as const };
const working3 = { days: 3, unit: 'working' as const };

describe('lead time (the district setting; default 7 calendar days, 三亚天涯区)', () => {
  it('exactly N days before the start is on time, N − 1 is late', () => {
    expect(leadVerdict('2026-12-01', '2026-12-08', calendar7)).toEqual({ onTime: true, aheadDays: 7, earliestStartOn: '2026-12-08' });
    expect(leadVerdict('2026-12-01', '2026-12-07', calendar7)).toEqual({ onTime: false, aheadDays: 6, earliestStartOn: '2026-12-08' });
    expect(leadVerdict('2026-12-01', '2026-12-20', calendar7).onTime).toBe(true);
  });

  it('counts across a month and a year end', () => {
    expect(earliestStart('2026-12-28', calendar7)).toBe('2027-01-04');
    expect(daysAhead('2026-12-28', '2027-01-03', 'calendar')).toBe(6);
  });

  it('in working days skips a weekend: Thursday + 3 working days is the next Tuesday', () => {
    // 2026-12-03 is a Thursday: Friday (1), Monday (2), Tuesday (3).
    expect(leadVerdict('2026-12-03', '2026-12-08', working3)).toEqual({ onTime: true, aheadDays: 3, earliestStartOn: '2026-12-08' });
    expect(leadVerdict('2026-12-03', '2026-12-07', working3)).toMatchObject({ onTime: false, aheadDays: 2 });
    // An activity on the weekend after the third working day is on time too.
    expect(leadVerdict('2026-12-03', '2026-12-12', working3).onTime).toBe(true);
  });

  it('in working days follows the holiday schedule, adjusted working Sundays included (国庆 2025)', () => {
    // 2025-09-26 Friday; 09-28 is an adjusted working Sunday (调休); 10-01…10-08 are holidays.
    expect(earliestStart('2025-09-26', working3)).toBe('2025-09-30');
    // From the last working day before the holiday, two working days land after the whole week off.
    expect(leadVerdict('2025-09-30', '2025-10-10', { days: 2, unit: 'working' })).toEqual({ onTime: true, aheadDays: 2, earliestStartOn: '2025-10-10' });
    expect(leadVerdict('2025-09-30', '2025-10-09', { days: 2, unit: 'working' })).toMatchObject({ onTime: false, aheadDays: 1 });
    expect(leadVerdict('2025-09-30', '2025-10-08', { days: 1, unit: 'working' })).toMatchObject({ onTime: false, aheadDays: 0, earliestStartOn: '2025-10-09' });
  });

  it('in working days follows a district’s own holiday entries for a year the schedule does not know', () => {
    const overrides = { '2031': { holidays: ['2031-01-02'], workdays: [] } };
    // 2031-01-01 Wednesday: without the entry the 2nd is the first working day after it; with it, the 3rd.
    expect(earliestStart('2031-01-01', { days: 1, unit: 'working' })).toBe('2031-01-02');
    expect(earliestStart('2031-01-01', { days: 1, unit: 'working' }, overrides)).toBe('2031-01-03');
  });

  it('a lead time of 0 allows the same day', () => {
    expect(earliestStart('2026-12-05', { days: 0, unit: 'working' })).toBe('2026-12-05');
    expect(earliestStart('2026-12-05', { days: 0, unit: 'calendar' })).toBe('2026-12-05');
  });

  it('says the rule and the earliest start in the refusal', () => {
    const v = leadVerdict('2026-12-01', '2026-12-03', calendar7);
    expect(lateMessage(calendar7, v, '2026-12-01')).toBe('按本区设置，重大活动须在活动开始 7 日前申报（2026-12-01 提交，活动最早可安排在 2026-12-08）');
    expect(lateMessage(working3, leadVerdict('2026-12-03', '2026-12-04', working3), '2026-12-03')).toContain('3 个工作日前申报');
  });
});

describe('what needs a declaration (thresholds at N − 1 and N)', () => {
  const base = { participants: 10, amount_fen: 0, foreign_related: false, activity_type: '文体活动' };
  const s = DEFAULT_DECLARATIONS;

  it('participants: 49 needs none, 50 does', () => {
    expect(declarationReasons({ ...base, participants: 49 }, s)).toEqual([]);
    expect(declarationReasons({ ...base, participants: 50 }, s)).toEqual(['参与人数 50 人，达到 50 人的申报门槛']);
  });

  it('money: ¥99,999.99 needs none, ¥100,000 does (amounts in fen, bigint as text too)', () => {
    expect(declarationReasons({ ...base, amount_fen: 9_999_999 }, s)).toEqual([]);
    expect(declarationReasons({ ...base, amount_fen: '10000000' }, s)).toEqual(['涉及金额 100000.00 元，达到 100000.00 元的申报门槛']);
  });

  it('foreign-related, and a type that is itself a listed kind', () => {
    expect(declarationReasons({ ...base, foreign_related: true }, s)).toEqual(['涉外活动']);
    expect(declarationReasons({ ...base, activity_type: '研讨会或展览' }, s)).toEqual(['活动类型“研讨会或展览”为申报事项']);
  });

  it('a threshold counts only when its kind is in the district’s list', () => {
    const only = { ...s, kinds: ['章程修改'] };
    expect(declarationReasons({ ...base, participants: 500, amount_fen: 50_000_000, foreign_related: true }, only)).toEqual([]);
    expect(declarationReasons({ ...base, participants: 500 }, { ...s, kinds: [PARTICIPANTS_KIND] })).toHaveLength(1);
    expect(declarationReasons({ ...base, amount_fen: 20_000_000 }, { ...s, kinds: [MONEY_KIND] })).toHaveLength(1);
    expect(declarationReasons({ ...base, foreign_related: true }, { ...s, kinds: [FOREIGN_KIND] })).toHaveLength(1);
  });

  it('follows the district’s own threshold', () => {
    const lower = { ...s, participantsThreshold: 30 };
    expect(declarationReasons({ ...base, participants: 29 }, lower)).toEqual([]);
    expect(declarationReasons({ ...base, participants: 30 }, lower)).toHaveLength(1);
  });
});

describe('summary due and kinds', () => {
  it('is due N calendar days after the end', () => {
    expect(summaryDueOn('2026-12-20', 15)).toBe('2027-01-04');
  });
  it('names kinds the district does not list', () => {
    expect(unknownKinds(['章程修改', '广场舞比赛'], DEFAULT_DECLARATIONS)).toEqual(['广场舞比赛']);
  });
});
