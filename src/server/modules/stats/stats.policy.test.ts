import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS } from '../../../shared/schemas/targets.js';
import { addFigure, emptyCounts, growthClassOf, growthTarget, placesOf, statusOf, targetItems, weightedGrowth, type TreeNode } from './stats.policy.js';

const node = (id: number, parent: number | null, level: number, kind = '', population: number | null = null): TreeNode => ({
  id, parent_id: parent, level, kind, population, population_is_demo: false,
});

describe('statusOf (met / close / behind)', () => {
  it('is met at the target, close within the margin, behind below it', () => {
    expect(statusOf(25, 25, 10)).toBe('met');
    expect(statusOf(22.5, 25, 10)).toBe('close');
    expect(statusOf(22.49, 25, 10)).toBe('behind');
  });
});

describe('growth targets (seed 004 三(一)1: streets ≥ 10%, towns and townships ≥ 5%)', () => {
  it('classes township-level nodes by kind', () => {
    expect(growthClassOf('street')).toBe('street');
    expect(['town', 'township', 'township_other'].map(growthClassOf)).toEqual(['township', 'township', 'township']);
    expect(growthClassOf('')).toBe('none');
  });
  it('holds a street and a town to their own rate and a district to the base-weighted mix', () => {
    const c = emptyCounts();
    c.base.street = 30;
    c.base.township = 10;
    expect(growthTarget(DEFAULT_TARGETS, c, 'street')).toBe(10);
    expect(growthTarget(DEFAULT_TARGETS, c, 'township')).toBe(5);
    expect(growthTarget(DEFAULT_TARGETS, c, null)).toBe(8.75);
    expect(growthTarget(DEFAULT_TARGETS, emptyCounts(), null)).toBe(10);
  });
  it('weights districts by their bases', () => {
    const a = emptyCounts();
    a.base.street = 100;
    const b = emptyCounts();
    b.base.township = 100;
    expect(weightedGrowth([{ t: DEFAULT_TARGETS, counts: a }, { t: DEFAULT_TARGETS, counts: b }], 10)).toBe(7.5);
    expect(weightedGrowth([], 10)).toBe(10);
  });
});

describe('placesOf (population summed upward)', () => {
  it('sums children when a node has no figure of its own and says when only part is known', () => {
    const places = placesOf([node(1, null, 4), node(2, 1, 5, 'community', 3000), node(3, 1, 5, 'village', null), node(4, 1, 5, 'community', 2000)]);
    expect(places.get(1)).toMatchObject({ population: 5000, partial: true, urbanCommunities: 2, ruralCommunities: 1 });
  });
  it('prefers a node\'s own figure', () => {
    const places = placesOf([node(1, null, 4, '', 9000), node(2, 1, 5, 'community', 3000)]);
    expect(places.get(1)).toMatchObject({ population: 9000, partial: false });
  });
  it('has no population when nothing below is entered', () => {
    expect(placesOf([node(1, null, 4), node(2, 1, 5, 'community')]).get(1)?.population).toBeNull();
  });
});

describe('targetItems', () => {
  it('computes per-10,000 and per-community figures and never divides by zero', () => {
    const c = emptyCounts();
    addFigure(c, { tk: 'street', vk: 'community', in_register: 30, added: 3, base: 27 });
    addFigure(c, { tk: 'town', vk: 'village', in_register: 10, added: 1, base: 9 });
    const items = targetItems(c, { population: 16_000, partial: false, isDemo: false, urbanCommunities: 3, ruralCommunities: 2 }, DEFAULT_TARGETS, 8);
    const by = Object.fromEntries(items.map((i) => [i.key, i]));
    expect(by.orgsPer10k).toMatchObject({ value: 25, status: 'met', numerator: 40, denominator: 16_000 });
    expect(by.growthRate).toMatchObject({ value: 11.11, target: 8, status: 'met' });
    expect(by.orgsPerUrbanCommunity).toMatchObject({ value: 10, status: 'met' });
    expect(by.orgsPerRuralCommunity).toMatchObject({ value: 5, status: 'met' });
    const none = targetItems(emptyCounts(), { population: null, partial: false, isDemo: false, urbanCommunities: 0, ruralCommunities: 0 }, DEFAULT_TARGETS, 10);
    expect(none.find((i) => i.key === 'orgsPer10k')).toMatchObject({ value: null, status: 'no-data', note: '人口未录入' });
    expect(none.find((i) => i.key === 'growthRate')?.status).toBe('no-data');
  });
});

describe('small bases (issue 22 item 4)', () => {
  it('marks a growth of 2 over 1 as a small base, keeps its fraction, and not a growth over 5', async () => {
    const { targetItems, emptyCounts } = await import('./stats.policy.js');
    const { DEFAULT_TARGETS } = await import('../../../shared/schemas/targets.js');
    const places = { population: 1000, partial: false, isDemo: false, urbanCommunities: 1, ruralCommunities: 0 };
    const small = { ...emptyCounts(), inRegister: 3, added: { street: 2, township: 0, none: 0 }, base: { street: 1, township: 0, none: 0 } };
    const g = targetItems(small, places, DEFAULT_TARGETS, 10).find((i) => i.key === 'growthRate')!;
    expect(g).toMatchObject({ value: 200, numerator: 2, denominator: 1, smallBase: true });
    const big = { ...small, added: { street: 2, township: 0, none: 0 }, base: { street: 5, township: 0, none: 0 } };
    expect(targetItems(big, places, DEFAULT_TARGETS, 10).find((i) => i.key === 'growthRate')!.smallBase).toBe(false);
    expect(targetItems(emptyCounts(), { ...places, population: null }, DEFAULT_TARGETS, 10)[0]).toMatchObject({ noteCode: 'noPopulation', note: '人口未录入' });
  });
});
