import { describe, expect, it } from 'vitest';
import type { ApplicationData } from '../src/shared/schemas/applications.js';
import { dataPathOf, keepValid } from '../src/web/features/applications/wizard/keep-valid.js';

// Issue 22 item 3: a draft saves what passes its rules even when one field elsewhere does not.
const saved: ApplicationData = { org: { name: '仓口社区银发合唱团', leaderIdNumber: '360802196205040017' }, members: [], charter: '旧章程', reason: null };
const typed: ApplicationData = {
  org: { name: '仓口社区银发合唱团', leaderIdNumber: '360802196205040001', leaderPhone: '13907961234' },
  members: Array.from({ length: 22 }, (_, i) => ({ name: `队员${i + 1}`, kind: 'individual' as const, phone: i === 4 ? '1380013' : null })),
  charter: '新章程',
  reason: null,
};

describe('keepValid', () => {
  it('keeps the whole list and every good field; a bad field falls back to its saved value, a bad phone to none', () => {
    const out = keepValid(typed, [['org', 'leaderIdNumber'], ['members', 4, 'phone']], saved);
    expect(out.members).toHaveLength(22);
    expect(out.members[4]).toEqual({ name: '队员5', kind: 'individual', phone: null });
    expect(out.org.leaderIdNumber).toBe('360802196205040017');
    expect(out.org.leaderPhone).toBe('13907961234');
    expect(out.charter).toBe('新章程');
  });

  it('drops a field never saved, a row with a bad name, and restores a refused whole list or top-level value', () => {
    const out = keepValid(typed, [['org', 'leaderPhone'], ['members', 0, 'name'], ['charter']], saved);
    expect('leaderPhone' in out.org).toBe(false);
    expect(out.members).toHaveLength(21);
    expect(out.members[0].name).toBe('队员2');
    expect(out.charter).toBe('旧章程');
    expect(keepValid(typed, [['members']], saved).members).toEqual([]);
  });

  it('counts member rows as the API does, without the empty ones', () => {
    const v = { members: [{ name: '甲' }, { name: ' ' }, { name: '乙' }] };
    expect(dataPathOf(['members', 2, 'phone'], v)).toEqual(['members', 1, 'phone']);
    expect(dataPathOf(['org', 'name'], v)).toEqual(['org', 'name']);
  });
});
