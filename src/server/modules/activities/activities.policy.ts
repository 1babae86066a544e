/**
 * The ledger's pure rules (issue 13 items 1 and 2): the day an activity counts in, month arithmetic, and dormancy.
 * Dormant = in operation with no live activity for the district's `ledger.dormancyMonths` (default 12); for a
 * registered social group, one year without activity after registration is a statutory ground for revocation
 * (社会团体登记管理条例 art. 29: 自取得登记证书之日起1年未开展活动的…撤销登记).
 */

/** The day an activity counts in: its start, China time (UTC+8, no daylight saving). */
export function heldOnOf(startsAt: string | Date): string {
  const t = typeof startsAt === 'string' ? Date.parse(startsAt) : startsAt.getTime();
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The same day `n` months earlier (31 March less one month is 28/29 February). */
export function monthsBefore(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
export const monthsAfter = (day: string, n: number) => monthsBefore(day, -n);

/** In operation (DESIGN §3): 正常 or 变更中; an organization being set up or wound up is not dormant. */
export const IN_OPERATION = ['active', 'changing'] as const;
export const isInOperation = (status: string) => (IN_OPERATION as readonly string[]).includes(status);

/**
 * Dormant on `asOf` when the day counted from lies before `asOf` less N months: an activity on exactly that day
 * still counts (N full months have not passed without one).
 */
export const isDormantSince = (since: string, asOf: string, months: number) => since < monthsBefore(asOf, months);

/** art. 29 met: a social group in operation that never had a live activity, registered more than a year before `asOf`. */
export function statutoryGroundMet(o: { legal_form: string; status: string; last_activity_on: string | null; recorded_on: string | null }, asOf: string): boolean {
  return o.legal_form === 'social_group' && isInOperation(o.status) && o.last_activity_on === null && o.recorded_on !== null && o.recorded_on < monthsBefore(asOf, 12);
}
