import { describe, expect, it } from 'vitest';
import { heldOnOf, isDormantSince, monthsAfter, monthsBefore, statutoryGroundMet } from './activities.policy.js';

describe('ledger rules', () => {
  it('counts an activity on the day it starts in China time', () => {
    expect(heldOnOf('2026-05-31T23:30+08:00')).toBe('2026-05-31');
    expect(heldOnOf('2026-05-31T16:30Z')).toBe('2026-06-01');
  });

  it('moves by calendar months, keeping the day where the month has it', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 12)).toBe('2025-01-15');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
    expect(monthsAfter('2025-12-31', 2)).toBe('2026-02-28');
  });

  it('is dormant only after N full months without activity: the day itself still counts', () => {
    expect(isDormantSince('2025-06-01', '2026-06-01', 12)).toBe(false);
    expect(isDormantSince('2025-05-31', '2026-06-01', 12)).toBe(true);
    expect(isDormantSince('2026-05-01', '2026-06-01', 1)).toBe(false);
    expect(isDormantSince('2026-04-30', '2026-06-01', 1)).toBe(true);
  });

  it('meets art. 29 for a social group in operation with no activity a year after registration (not at exactly a year)', () => {
    const group = { legal_form: 'social_group', status: 'active', last_activity_on: null, recorded_on: '2025-06-01' };
    expect(statutoryGroundMet(group, '2026-06-01')).toBe(false);
    expect(statutoryGroundMet(group, '2026-06-02')).toBe(true);
    expect(statutoryGroundMet({ ...group, last_activity_on: '2025-07-01' }, '2026-09-01')).toBe(false);
    expect(statutoryGroundMet({ ...group, legal_form: 'filed' }, '2027-06-02')).toBe(false);
    expect(statutoryGroundMet({ ...group, status: 'deregistering' }, '2027-06-02')).toBe(false);
  });
});
