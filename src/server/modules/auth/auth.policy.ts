/** Account lockout and session lifetimes (issue #3). Pure rules, no I/O. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** After a failed attempt: the new failure count and, at the limit, the time the lock ends. */
export function afterFailedLogin(failedBefore: number, now: Date): { failed: number; lockedUntil: Date | null } {
  const failed = failedBefore + 1;
  if (failed >= MAX_FAILED_LOGINS) return { failed: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  return { failed, lockedUntil: null };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

export function isSessionExpired(s: SessionTimes, limits: SessionLimits, now: Date): boolean {
  const idle = now.getTime() - s.lastSeenAt.getTime() > limits.idleMinutes * 60_000;
  const absolute = now.getTime() - s.createdAt.getTime() > limits.absoluteHours * 3_600_000;
  return idle || absolute;
}
