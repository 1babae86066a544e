import type { RegionKind } from '../../../shared/enums.js';

/** Code lengths per level (GB/T 2260 and the statistical division codes); grids extend a community code by 3 digits. */
const LEVEL_BY_LENGTH: Record<number, number> = { 2: 1, 4: 2, 6: 3, 9: 4, 12: 5, 15: 6 };
const LENGTH_BY_LEVEL: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12, 6: 15 };

export function levelOfCode(code: string): number | null {
  return /^[0-9]+$/.test(code) ? (LEVEL_BY_LENGTH[code.length] ?? null) : null;
}

export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  if (level === null || level === 1) return null;
  return code.slice(0, LENGTH_BY_LEVEL[level - 1]);
}

/**
 * The kind of a node (DESIGN §2). The name is the clearest evidence (…街道, …镇, …乡, …社区居委会, …村委会);
 * where it says nothing, the code decides: township digits 7–9 001–099 street, 100–199 town, 200–399 township,
 * else other; village digits 10–12 001–199 community, 200–399 village. Administrators can override it.
 */
export function inferKind(code: string, name: string): RegionKind {
  const level = levelOfCode(code);
  switch (level) {
    case 1:
      return 'province';
    case 2:
      return 'city';
    case 3:
      return 'district';
    case 4: {
      if (/街道(办事处)?$/.test(name)) return 'street';
      if (/镇$/.test(name)) return 'town';
      if (/乡$|苏木$/.test(name)) return 'township';
      const n = Number(code.slice(6, 9));
      if (n < 100) return 'street';
      if (n < 200) return 'town';
      if (n < 400) return 'township';
      return 'township_other';
    }
    case 5: {
      if (/村(民)?委员会$|村委会$|村$|嘎查$/.test(name)) return 'village';
      if (/社区|居(民)?委员会$|居委会$/.test(name)) return 'community';
      const n = Number(code.slice(9, 12));
      return n >= 200 && n < 400 ? 'village' : 'community';
    }
    case 6:
      return 'grid';
    default:
      throw new Error(`not a division code: ${code}`);
  }
}

/** Population entered by hand: a whole number of people, plausible for one node. */
export function checkPopulation(value: number | null): string | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0) return '人口须为不小于 0 的整数';
  if (value > 200_000_000) return '人口数超出合理范围';
  return null;
}
