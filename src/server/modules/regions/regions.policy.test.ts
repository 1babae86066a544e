import { describe, expect, it } from 'vitest';
import { checkPopulation, inferKind, levelOfCode, parentCodeOf } from './regions.policy.js';

describe('division codes', () => {
  it('gives the level from the code length', () => {
    expect(['36', '3608', '360802', '360802003', '360802003009', '360802003009001'].map(levelOfCode)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(levelOfCode('3608020')).toBeNull();
    expect(levelOfCode('36a8')).toBeNull();
  });
  it('gives the parent code', () => {
    expect(parentCodeOf('360802003009')).toBe('360802003');
    expect(parentCodeOf('360802')).toBe('3608');
    expect(parentCodeOf('36')).toBeNull();
  });
});

describe('inferKind (DESIGN §2)', () => {
  it('reads the township kind from the name first', () => {
    expect(inferKind('360802003', '文山街道')).toBe('street');
    expect(inferKind('360802100', '兴桥镇')).toBe('town');
    expect(inferKind('340302200', '李楼乡')).toBe('township');
  });
  it('falls back on digits 7–9 when the name says nothing', () => {
    expect(inferKind('360802050', '某办事处')).toBe('street');
    expect(inferKind('360802150', '某地')).toBe('town');
    expect(inferKind('360802250', '某地')).toBe('township');
    expect(inferKind('360802400', '吉州区工业园小区')).toBe('township_other');
  });
  it('tells communities from villages', () => {
    expect(inferKind('360802003009', '仓口社区居委会')).toBe('community');
    expect(inferKind('360802003001', '仁山坪居委会')).toBe('community');
    expect(inferKind('360802100201', '兴桥村委会')).toBe('village');
    expect(inferKind('360802100205', '某某')).toBe('village');
    expect(inferKind('360802100105', '某某')).toBe('community');
  });
  it('knows the upper levels and grids', () => {
    expect(inferKind('36', '江西省')).toBe('province');
    expect(inferKind('3608', '吉安市')).toBe('city');
    expect(inferKind('360802', '吉州区')).toBe('district');
    expect(inferKind('360802003009001', '第一网格')).toBe('grid');
  });
});

describe('checkPopulation', () => {
  it('accepts whole numbers and null, refuses the rest', () => {
    expect(checkPopulation(0)).toBeNull();
    expect(checkPopulation(null)).toBeNull();
    expect(checkPopulation(-1)).toMatch(/整数/);
    expect(checkPopulation(1.5)).toMatch(/整数/);
    expect(checkPopulation(300_000_000)).toMatch(/范围/);
  });
});
