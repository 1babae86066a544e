import { describe, expect, it } from 'vitest';
import { addWorkingDays, COVERED_THROUGH, isWorkingDay, workingDaysBetween } from './working-days.js';

describe('working days (chinese-days schedule)', () => {
  it('counts across the 2026 National Day holiday and the adjusted working Saturday 2026-10-10', () => {
    // Received Wednesday 30 September: 1–7 October are off, the 8th and 9th count, Saturday the 10th is an
    // adjusted working day, Sunday the 11th is off, then Monday 12th and Tuesday 13th.
    expect(addWorkingDays('2026-09-30', 5)).toEqual({ due: '2026-10-13', uncertainYears: [] });
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-11')).toBe(false);
    // Without the holiday schedule the same count would end on 7 October.
    expect(addWorkingDays('2026-09-30', 5).due).not.toBe('2026-10-07');
  });

  it('counts ordinary weeks as five working days', () => {
    expect(addWorkingDays('2026-11-20', 5).due).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-21', 1).due).toBe('2026-11-23');
    expect(workingDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(workingDaysBetween('2026-11-27', '2026-11-20')).toBe(-5);
  });

  it('warns when a deadline reaches a year the package does not cover, and uses an entered schedule', () => {
    const next = COVERED_THROUGH + 1;
    const lastDay = `${COVERED_THROUGH}-12-31`;
    const plain = addWorkingDays(lastDay, 3);
    expect(plain.uncertainYears).toEqual([next]);
    const newYear = `${next}-01-01`;
    const overrides = { [String(next)]: { holidays: [newYear, `${next}-01-02`], workdays: [] } };
    const withSchedule = addWorkingDays(lastDay, 1, overrides);
    expect(withSchedule.uncertainYears).toEqual([]);
    expect(isWorkingDay(newYear, overrides)).toBe(false);
  });
});
