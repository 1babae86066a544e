import { describe, expect, it } from 'vitest';
import { daysLeftText, daysUntil, periodOf, reminderThreshold, reminderWindow } from './jobs.policy.js';

describe('reminderThreshold', () => {
  const t = [30, 7, 1];
  it('is the threshold of the day itself', () => {
    expect(reminderThreshold(30, t)).toBe(30);
    expect(reminderThreshold(7, t)).toBe(7);
    expect(reminderThreshold(1, t)).toBe(1);
  });
  it('is nothing before the widest window and after the due date', () => {
    expect(reminderThreshold(31, t)).toBeNull();
    expect(reminderThreshold(-1, t)).toBeNull();
    expect(reminderThreshold(3, [])).toBeNull();
  });
  it('is the nearest threshold reached when its day was missed (never the wider ones as well)', () => {
    expect(reminderThreshold(29, t)).toBe(30);
    expect(reminderThreshold(8, t)).toBe(30);
    expect(reminderThreshold(6, t)).toBe(7);
    expect(reminderThreshold(2, t)).toBe(7);
    expect(reminderThreshold(0, t)).toBe(1);
  });
  it('reads the district list in any order', () => {
    expect(reminderThreshold(5, [1, 14, 7])).toBe(7);
  });
});

describe('dates', () => {
  it('counts whole China days', () => {
    expect(daysUntil('2026-12-01', '2026-12-31')).toBe(30);
    expect(daysUntil('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysUntil('2026-03-10', '2026-03-09')).toBe(-1);
  });
  it('gives the window up to the widest threshold', () => {
    expect(reminderWindow('2026-12-01', [30, 7, 1])).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(reminderWindow('2026-12-01', [])).toBeNull();
  });
  it('keys a period by the China date of the tick', () => {
    // 2026-12-01 17:00 UTC is 01:00 on 2 December in Beijing.
    expect(periodOf(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
    expect(periodOf(new Date('2026-12-01T15:59:00Z'))).toBe('2026-12-01');
  });
  it('says the days left', () => {
    expect([0, 1, 7].map(daysLeftText)).toEqual(['今天到期', '明天到期', '还有 7 天到期']);
  });
});
