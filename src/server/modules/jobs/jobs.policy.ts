import { addDays } from '../../lib/working-days.js';

/** Pure rules of the scheduled jobs (issue 13 item 6). */

/** Whole days from `today` to `dueOn` (both YYYY-MM-DD, China dates): 0 on the due date, negative once past. */
export function daysUntil(today: string, dueOn: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * The reminder an item is due for today: the nearest threshold of the district's `reminders.daysBefore` (30, 7, 1)
 * that the days left have reached — the smallest d with daysLeft ≤ d — or null when the item is past due or not yet
 * inside the widest window.
 *
 * Decision (issue 13 item 6): a threshold whose day the job missed (the server was down) is still sent on the next
 * run while the item is inside its window; but once a nearer threshold is reached only that one is sent — a person
 * 5 days before the due date gets the 7-day reminder, not the 30-day one as well. Each (item, recipient, threshold)
 * is logged once (reminder_log), so running the job again sends nothing new.
 */
export function reminderThreshold(daysLeft: number, thresholds: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const reached = thresholds.filter((d) => daysLeft <= d);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/** The widest reminder window: items due from today through today + max(daysBefore). */
export function reminderWindow(today: string, thresholds: readonly number[]): { from: string; to: string } | null {
  if (thresholds.length === 0) return null;
  return { from: today, to: addDays(today, Math.max(...thresholds)) };
}

/** How long past due an item may be and still get its one overdue notice (a year: last year's annual report). */
export const OVERDUE_LOOKBACK_DAYS = 366;

/** What a reminder says of the days left. */
export function daysLeftText(daysLeft: number): string {
  return daysLeft === 0 ? '今天到期' : daysLeft === 1 ? '明天到期' : `还有 ${daysLeft} 天到期`;
}

/** A job's period key: the China date of the tick (every job runs at most once a day). */
export function periodOf(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

export const PERIOD_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
