import { describe, expect, it } from 'vitest';
import { canTake, dueOnOf, isOverdue, levelOf, outcomesFor, ownerNodeOf, rectificationOverdue, termOverdueOn } from './risks.policy.js';

const place = { region_id: 9, level3_id: 3, level4_id: 4, level5_id: 5 };

describe('risk rules', () => {
  it('raises a source level to the district floor, never lowers it', () => {
    expect(levelOf('dormant', 'low', { dormant: 2 })).toBe('medium');
    expect(levelOf('dormant', 'high', { dormant: 1 })).toBe('high');
    expect(levelOf('unreachable', 'low', { unreachable: 3 })).toBe('high');
    // A floor missing or out of range counts as low.
    expect(levelOf('complaint', 'low', {})).toBe('low');
    expect(levelOf('complaint', 'medium', { complaint: 7 })).toBe('medium');
  });

  it('dates the due day from detection plus the kind days, or the deadline the evidence sets', () => {
    expect(dueOnOf('annual_report_overdue', '2026-06-01', { annual_report_overdue: 30 })).toBe('2026-07-01');
    expect(dueOnOf('dormant', '2026-12-31', { dormant: 1 })).toBe('2027-01-01');
    expect(dueOnOf('inspection_problem', '2026-06-01', { inspection_problem: 30 }, '2026-06-15')).toBe('2026-06-15');
  });

  it('gives a filed organization to its community and a registered one to the district or its street by kind', () => {
    expect(ownerNodeOf('dormant', { ...place, legal_form: 'filed' })).toBe(5);
    expect(ownerNodeOf('annual_report_overdue', { ...place, legal_form: 'grassroots' })).toBe(5);
    expect(ownerNodeOf('annual_report_overdue', { ...place, legal_form: 'social_group' })).toBe(3);
    expect(ownerNodeOf('credit_entry', { ...place, legal_form: 'foundation' })).toBe(3);
    expect(ownerNodeOf('dormant', { ...place, legal_form: 'social_service' })).toBe(4);
    // Placed directly under the district: no street, so the district.
    expect(ownerNodeOf('complaint', { region_id: 3, level3_id: 3, level4_id: null, level5_id: null, legal_form: 'social_group' })).toBe(3);
    // A filed organization placed at a street follows the street.
    expect(ownerNodeOf('dormant', { region_id: 4, level3_id: 3, level4_id: 4, level5_id: null, legal_form: 'filed' })).toBe(4);
  });

  it('takes the steps in order, may skip the reminder, and closes from any open step', () => {
    expect(canTake('remind', 'open')).toBe(true);
    expect(canTake('interviewNotice', 'open')).toBe(true);
    expect(canTake('interviewRecord', 'open')).toBe(false);
    expect(canTake('interviewRecord', 'interview_noticed')).toBe(true);
    expect(canTake('report', 'interview_noticed')).toBe(false);
    expect(canTake('report', 'rectifying')).toBe(true);
    expect(canTake('verify', 'rectifying')).toBe(false);
    expect(canTake('verify', 'reported')).toBe(true);
    expect(canTake('close', 'reported')).toBe(true);
    expect(canTake('close', 'closed')).toBe(false);
    expect(canTake('remind', 'closed')).toBe(false);
  });

  it('closes as fixed only on evidence, and as not fixed only past an unremedied deadline', () => {
    const base = { status: 'rectifying' as const, signal_ended_on: null, rectify_due_on: '2026-06-30', remedied_on: null };
    expect(outcomesFor(base, '2026-06-30')).toEqual(['org_deregistered', 'false_alarm', 'transferred']);
    expect(outcomesFor(base, '2026-07-01')).toEqual(['not_fixed_credit', 'org_deregistered', 'false_alarm', 'transferred']);
    expect(outcomesFor({ ...base, status: 'verified', remedied_on: '2026-06-20' }, '2026-07-01')).toContain('fixed');
    expect(outcomesFor({ ...base, status: 'open', rectify_due_on: null, signal_ended_on: '2026-05-01' }, '2026-07-01')[0]).toBe('fixed');
    expect(outcomesFor({ ...base, status: 'closed' }, '2026-07-01')).toEqual([]);
    expect(isOverdue({ status: 'open', due_on: '2026-06-30' }, '2026-07-01')).toBe(true);
    expect(isOverdue({ status: 'open', due_on: '2026-06-30' }, '2026-06-30')).toBe(false);
    expect(isOverdue({ status: 'closed', due_on: '2026-06-30' }, '2026-07-01')).toBe(false);
  });

  it('finds the rectification overdue the day after its deadline, remedied by a later verification', () => {
    const item = { interviewed_on: '2026-06-01', rectify_due_on: '2026-06-30', remedied_on: null };
    expect(rectificationOverdue(item, '2026-06-30')).toBeNull();
    expect(rectificationOverdue(item, '2026-07-01')).toEqual({ factOn: '2026-07-01', remediedOn: null });
    // Verified in time: no fact at all.
    expect(rectificationOverdue({ ...item, remedied_on: '2026-06-30' }, '2026-08-01')).toBeNull();
    // Verified late: the fact stands, remedied from that day on (not before it).
    expect(rectificationOverdue({ ...item, remedied_on: '2026-07-10' }, '2026-07-05')).toEqual({ factOn: '2026-07-01', remediedOn: null });
    expect(rectificationOverdue({ ...item, remedied_on: '2026-07-10' }, '2026-07-10')).toEqual({ factOn: '2026-07-01', remediedOn: '2026-07-10' });
    // As of a day before the interview: nothing yet.
    expect(rectificationOverdue({ ...item, interviewed_on: '2026-08-01' }, '2026-07-15')).toBeNull();
  });

  it('finds 换届 overdue once the last election plus the term lies before the day', () => {
    expect(termOverdueOn('2021-06-15', 5, '2026-06-15')).toBeNull();
    expect(termOverdueOn('2021-06-15', 5, '2026-06-16')).toBe('2026-06-16');
    expect(termOverdueOn('2024-02-29', 1, '2025-03-02')).toBe('2025-03-02');
    expect(termOverdueOn(null, 5, '2030-01-01')).toBeNull();
  });
});
