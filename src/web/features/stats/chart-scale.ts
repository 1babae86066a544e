import type { TargetItem } from '../../../shared/schemas/stats.js';

/** A round step for an axis reaching x: 1, 2 or 5 times a power of ten. */
function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/**
 * The end of a value axis: past the largest value that says something and always past the target, so the
 * target line and its label stay inside the chart (issue 22 item 7: the street ranking stopped below its target
 * of 25). Rates over a small base (2 new over 1 = 200%) do not stretch it for everyone else (item 4); their bars
 * are drawn to the end of the axis and labelled with their own value and fraction.
 */
export function axisMax(items: { value: number; smallBase?: boolean }[], target: number | undefined): number {
  const shown = items.filter((i) => !i.smallBase).map((i) => i.value);
  const top = Math.max(0, ...shown, target === undefined ? 0 : target * 1.15);
  return niceCeil(top || 1);
}

/** A bar's value on an axis ending at max: a small-base rate beyond it is drawn up to the end. */
export const clampToAxis = (i: Pick<TargetItem, 'value' | 'smallBase'>, max: number) => (i.value === null ? null : i.smallBase ? Math.min(i.value, max) : i.value);
