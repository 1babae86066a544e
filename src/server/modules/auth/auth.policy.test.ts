import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isLocked, isSessionExpired } from './auth.policy.js';

const now = new Date('2026-11-25T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('lockout', () => {
  it('locks at the fifth failure for 15 minutes', () => {
    expect(afterFailedLogin(3, now)).toEqual({ failed: 4, lockedUntil: null });
    expect(afterFailedLogin(4, now)).toEqual({ failed: 0, lockedUntil: new Date('2026-11-25T10:15:00Z') });
  });
  it('is locked only until the time passes', () => {
    expect(isLocked(new Date('2026-11-25T10:01:00Z'), now)).toBe(true);
    expect(isLocked(new Date('2026-11-25T09:59:00Z'), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});

describe('session expiry', () => {
  const limits = { idleMinutes: 30, absoluteHours: 12 };
  it('expires after 30 idle minutes', () => {
    expect(isSessionExpired({ createdAt: minutesAgo(60), lastSeenAt: minutesAgo(29) }, limits, now)).toBe(false);
    expect(isSessionExpired({ createdAt: minutesAgo(60), lastSeenAt: minutesAgo(31) }, limits, now)).toBe(true);
  });
  it('expires 12 hours after creation however active', () => {
    expect(isSessionExpired({ createdAt: minutesAgo(12 * 60 + 1), lastSeenAt: minutesAgo(0) }, limits, now)).toBe(true);
  });
});
