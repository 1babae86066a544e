import chineseDays from 'chinese-days';
import schedule from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { WorkdayOverrides } from '../../shared/schemas/settings.js';

/**
 * Working days in mainland China: weekends and statutory holidays off, adjusted weekend days (调休) on.
 * The schedule comes from `chinese-days`; a year it does not know yet (the State Council publishes each year's
 * notice in the autumn before) falls back to the district's override, and without one to plain weekends with a
 * warning (STACK-NOTES: the package calls 2027-01-01 a working day).
 */
const PACKAGE_YEARS = new Set(Object.keys((schedule as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4))));
export const COVERED_THROUGH = Math.max(...PACKAGE_YEARS);

export function isYearCovered(year: number, overrides: WorkdayOverrides = {}): boolean {
  return PACKAGE_YEARS.has(year) || String(year) in overrides;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

export function isWorkingDay(date: string, overrides: WorkdayOverrides = {}): boolean {
  const override = overrides[date.slice(0, 4)];
  if (override) {
    if (override.workdays.includes(date)) return true;
    if (override.holidays.includes(date)) return false;
    return !isWeekend(date);
  }
  if (PACKAGE_YEARS.has(Number(date.slice(0, 4)))) return chineseDays.isWorkday(date);
  return !isWeekend(date);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface DueDate {
  due: string;
  /** Years the count passed through whose schedule nobody knows yet: the date may move. */
  uncertainYears: number[];
}

/**
 * The n-th working day after `start` (the day of receipt is not counted, as administrative time limits are
 * reckoned from the next day).
 */
export function addWorkingDays(start: string, n: number, overrides: WorkdayOverrides = {}): DueDate {
  let date = start;
  let counted = 0;
  const uncertain = new Set<number>();
  while (counted < n) {
    date = addDays(date, 1);
    const year = Number(date.slice(0, 4));
    if (!isYearCovered(year, overrides)) uncertain.add(year);
    if (isWorkingDay(date, overrides)) counted++;
  }
  return { due: date, uncertainYears: [...uncertain] };
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, overrides: WorkdayOverrides = {}): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  let [a, b] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  while (a < b) {
    a = addDays(a, 1);
    if (isWorkingDay(a, overrides)) count++;
  }
  return sign * count;
}

/** Today in China (the offices' calendar), as YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
