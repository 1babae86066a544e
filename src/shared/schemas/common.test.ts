import { describe, expect, it } from 'vitest';
import { DateText, isCalendarDate } from './common.js';

describe('DateText', () => {
  it('takes days of the calendar only', () => {
    for (const day of ['2026-02-28', '2024-02-29', '2026-12-31', '0001-01-01', '9999-12-31']) expect(isCalendarDate(day), day).toBe(true);
    for (const day of ['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-05-00', '0000-01-01']) expect(isCalendarDate(day), day).toBe(false);
  });

  it('says so in Chinese', () => {
    expect(DateText.safeParse('2026-02-30').error?.issues[0]?.message).toBe('没有这一天，请检查日期');
    expect(DateText.safeParse('2026/02/03').error?.issues[0]?.message).toBe('日期格式应为 YYYY-MM-DD');
    expect(DateText.parse('2026-02-03')).toBe('2026-02-03');
  });
});
