import { describe, expect, it } from 'vitest';
import { apportion, canonicalPlanText, drawSample, planSeed, rankInspectors, totalQuota, type DrawMember } from '../../../shared/inspection-draw.js';
import { pickInspectors, ratioProblems, recusalReason, resultProblems } from './inspections.policy.js';

const plan = { id: 7, districtCode: '360802', year: 2026, kind: 'yearly', ratioBp: 300, includeFiled: false, publishedOn: '2026-03-02' };
const population = (n: number, strata: string[]): DrawMember[] => Array.from({ length: n }, (_, i) => ({ key: `51360802MJ${String(i).padStart(6, '0')}X`, stratum: strata[i % strata.length]! }));

describe('the draw (民发〔2017〕45号 art. 5)', () => {
  it('takes ceil(ratio × N): never below the ratio, none of an empty population', () => {
    expect(totalQuota(300, 100)).toBe(3);
    expect(totalQuota(300, 101)).toBe(4);
    expect(totalQuota(300, 1)).toBe(1);
    expect(totalQuota(350, 200)).toBe(7);
    expect(totalQuota(300, 0)).toBe(0);
  });

  it('apportions the quota by largest remainder, ties to the stratum that sorts first', () => {
    // 10 over 50/30/20 of 100: 5, 3, 2 exactly.
    expect(Object.fromEntries(apportion(10, new Map([['a', 50], ['b', 30], ['c', 20]])))).toEqual({ a: 5, b: 3, c: 2 });
    // 4 over 5/3/2 of 10: exact 2, 1.2, 0.8 → floors 2,1,0, the one left to c (remainder 8 beats 2).
    expect(Object.fromEntries(apportion(4, new Map([['a', 5], ['b', 3], ['c', 2]])))).toEqual({ a: 2, b: 1, c: 1 });
    // 1 over three equal strata: the first in order.
    expect(Object.fromEntries(apportion(1, new Map([['z', 1], ['m', 1], ['b', 1]])))).toEqual({ b: 1, m: 0, z: 0 });
    const q = apportion(7, new Map([['a', 13], ['b', 29], ['c', 58], ['d', 1]]));
    expect([...q.values()].reduce((s, v) => s + v, 0)).toBe(7);
  });

  it('gives the same sample for the same seed and list, in any order; another seed another sample', async () => {
    const list = population(120, ['360802003|social_group', '360802003|social_service', '360802001|social_group']);
    const seed = await planSeed(plan, list);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(await planSeed(plan, [...list].reverse())).toBe(seed);
    const a = await drawSample(seed, 300, list);
    const b = await drawSample(seed, 300, [...list].reverse());
    expect(a.sample.map((m) => m.key)).toEqual(b.sample.map((m) => m.key));
    expect(a.total).toBe(4);
    expect(a.quotas.map((q) => q.quota)).toEqual([2, 1, 1]);
    const other = await drawSample(await planSeed({ ...plan, publishedOn: '2026-03-03' }, list), 300, list);
    expect(other.sample.map((m) => m.key)).not.toEqual(a.sample.map((m) => m.key));
  });

  it('ranks within a stratum by SHA-256(seed | key) and hashes the canonical text', async () => {
    const list = population(3, ['s']);
    const text = canonicalPlanText(plan, list);
    expect(text.split('\n').slice(0, 9)).toEqual(['shezu-inspection-draw v1', 'plan:7', 'district:360802', 'year:2026', 'kind:yearly', 'ratioBp:300', 'includeFiled:false', 'publishedOn:2026-03-02', 'population:3']);
    const { createHash } = await import('node:crypto');
    expect(await planSeed(plan, list)).toBe(createHash('sha256').update(text).digest('hex'));
    const { sample } = await drawSample('abc', 5000, list);
    const expected = list.map((m) => ({ key: m.key, h: createHash('sha256').update(`abc|${m.key}`).digest('hex') })).sort((x, y) => (x.h < y.h ? -1 : 1));
    expect(sample.map((m) => m.key)).toEqual(expected.slice(0, 2).map((m) => m.key));
  });

  it('orders the inspectors by the seed too', async () => {
    expect(await rankInspectors('s1', 'k', [1, 2, 3, 4])).toEqual(await rankInspectors('s1', 'k', [4, 3, 2, 1]));
    const orders = new Set(await Promise.all(['s1', 's2', 's3', 's4', 's5'].map(async (s) => (await rankInspectors(s, 'k', [1, 2, 3, 4, 5, 6])).join())));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('inspectors and recusal (art. 10)', () => {
  const org = { id: 10, hubOrgId: 20, communityId: 30 };
  it('recuses the organization’s own people, its hub federation’s and its community’s staff', () => {
    expect(recusalReason({ orgId: 10, regionId: null }, org)).toBe('系该组织的负责人或成员');
    expect(recusalReason({ orgId: 20, regionId: null }, org)).toBe('任职于该组织所属的枢纽型社会组织');
    expect(recusalReason({ orgId: null, regionId: 30 }, org)).toBe('系该组织所在社区的工作人员');
    expect(recusalReason({ orgId: 11, regionId: 31 }, org)).toBeNull();
    expect(recusalReason({ orgId: null, regionId: 30 }, { ...org, communityId: null })).toBeNull();
  });

  it('walks the order until enough are active, keeping the recused with their reason', () => {
    const facts = new Map([[1, { orgId: 10, regionId: null }], [2, { orgId: null, regionId: 5 }], [3, { orgId: null, regionId: 30 }], [4, { orgId: null, regionId: 6 }], [5, { orgId: null, regionId: 7 }]]);
    const picked = pickInspectors([1, 2, 3, 4, 5], 2, facts, org);
    expect(picked).toEqual([
      { userId: 1, status: 'recused', reason: '系该组织的负责人或成员', drawOrder: 1 },
      { userId: 2, status: 'active', reason: null, drawOrder: 2 },
      { userId: 3, status: 'recused', reason: '系该组织所在社区的工作人员', drawOrder: 3 },
      { userId: 4, status: 'active', reason: null, drawOrder: 4 },
    ]);
    // A replacement skips those already on the item.
    expect(pickInspectors([1, 2, 3, 4, 5], 1, facts, org, new Set([1, 2, 3, 4]))).toEqual([{ userId: 5, status: 'active', reason: null, drawOrder: 5 }]);
  });
});

describe('plan ratio and result rules', () => {
  it('keeps a yearly plan at or above the ratio in force; an ad-hoc plan names its own', () => {
    expect(ratioProblems('yearly', 2.99, 3)).toEqual({ percent: '年度定期抽查比例不得低于 3%' });
    expect(ratioProblems('yearly', 3, 3)).toEqual({});
    expect(ratioProblems('yearly', 4, 5)).toEqual({ percent: '年度定期抽查比例不得低于 5%' });
    expect(ratioProblems('yearly', undefined, 3)).toEqual({});
    expect(ratioProblems('adhoc', undefined, 3)).toEqual({ percent: '不定期抽查请填写抽查比例' });
    expect(ratioProblems('adhoc', 1, 3)).toEqual({});
  });

  const ok = { status: 'ok' as const, note: '' };
  const checklist = { annual_report: ok, disclosure: ok, governance: ok, finances: ok, activities: ok };
  it('asks a problem result for its problems, findings and a later deadline', () => {
    expect(resultProblems({ checklist, result: 'no_problem' }, '2026-05-01')).toEqual({});
    expect(resultProblems({ checklist, result: 'problems' }, '2026-05-01')).toEqual({ result: '发现问题时请在检查项中标出问题', findings: '请写明发现的问题和整改要求', rectifyBy: '发现问题时请设定整改期限' });
    const flagged = { ...checklist, finances: { status: 'problem' as const, note: '' } };
    expect(resultProblems({ checklist: flagged, result: 'problems', findings: '账目不清', rectifyBy: '2026-05-01' }, '2026-05-01')).toEqual({ 'checklist.finances.note': '请写明发现的问题', rectifyBy: '整改期限应晚于今天' });
    expect(resultProblems({ checklist: flagged, result: 'no_problem' }, '2026-05-01')).toMatchObject({ result: '检查项中标有问题，结果应为“发现问题”' });
  });
});
