import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { actingOrgId, ROLE_PERMISSIONS } from '../../lib/access.js';
import type { ChangePasswordBody, LoginBody, SessionUser } from '../../../shared/schemas/auth.js';
import { checkPasswordPolicy } from '../../../shared/password-policy.js';
import { findRegionPath } from '../regions/index.js';
import * as repo from './auth.repository.js';
import { afterFailedLogin, isLocked, isSessionExpired, type SessionLimits } from './auth.policy.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';

const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: SessionUser;
}

const BAD_CREDENTIALS = () => errors.badRequest('auth.invalid_credentials', '用户名或密码错误');

export async function login(
  db: Kysely<DB>,
  ctx: RequestContext,
  body: LoginBody,
  limits: SessionLimits,
  userAgent: string | null,
): Promise<LoginResult> {
  const now = new Date();
  const username = body.username.toLowerCase();
  const user = await repo.findUserForLogin(db, username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), body.password);
    await writeAudit(db, ctx, { action: 'auth.login_failed', actorName: username, newValue: { reason: 'unknown_user' } });
    throw BAD_CREDENTIALS();
  }
  if (isLocked(user.locked_until, now)) {
    await writeAudit(db, ctx, {
      action: 'auth.login_failed',
      actorId: user.id,
      actorName: username,
      entityType: 'user',
      entityId: user.id,
      newValue: { reason: 'locked' },
    });
    throw errors.locked(user.locked_until!);
  }
  const ok = await verifyPassword(user.password_hash, body.password);
  if (!ok || user.disabled) {
    // A disabled account's correct password does not count towards a lock.
    const next = ok ? null : afterFailedLogin(user.failed_logins, now);
    await db.transaction().execute(async (trx) => {
      if (next) await repo.updateLoginFailure(trx, user.id, next.failed, next.lockedUntil);
      await writeAudit(trx, ctx, {
        action: 'auth.login_failed',
        actorId: user.id,
        actorName: username,
        entityType: 'user',
        entityId: user.id,
        newValue: { reason: ok ? 'disabled' : 'bad_password', locked: next?.lockedUntil != null },
      });
    });
    if (ok) throw errors.badRequest('auth.disabled', '账号已停用，请联系系统管理员');
    if (next?.lockedUntil) throw errors.locked(next.lockedUntil);
    throw BAD_CREDENTIALS();
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await repo.updateLoginSuccess(trx, user.id, now);
    await repo.insertSession(trx, {
      id: sha256(token),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + limits.absoluteHours * 3_600_000),
      ip: ctx.ip,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await writeAudit(trx, ctx, { action: 'auth.login', actorId: user.id, actorName: username, entityType: 'user', entityId: user.id });
    // Expired sessions are cleared on the way, so the table does not grow without bound.
    await repo.deleteExpiredSessions(trx, now);
  });
  const resolved = await resolveSession(db, token, limits);
  if (!resolved) throw new Error('session vanished right after login');
  return { token, csrfToken, user: await describeActor(db, resolved.actor) };
}

export async function logout(db: Kysely<DB>, ctx: RequestContext, sessionId: string) {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sessionId);
    await writeAudit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.id });
  });
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

/** The session behind a cookie token, or null when unknown, expired (idle or absolute) or the user is disabled. */
export async function resolveSession(db: Kysely<DB>, token: string, limits: SessionLimits): Promise<ResolvedSession | null> {
  if (token.length > 200) return null;
  const sessionId = sha256(token);
  const row = await repo.findSessionWithActor(db, sessionId);
  if (!row) return null;
  const now = new Date();
  const times = { createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at) };
  if (row.disabled || isSessionExpired(times, limits, now)) {
    await repo.deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - times.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, sessionId, now);
  return {
    sessionId,
    csrfToken: row.csrf_token,
    actor: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      orgId: actingOrgId(row.role, row.org_id),
      region:
        row.region_id === null
          ? null
          : { id: row.region_id, code: row.region_code!, name: row.region_name!, level: row.region_level! },
    },
  };
}

export async function describeActor(db: Kysely<DB>, actor: Actor): Promise<SessionUser> {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    region: actor.region,
    regionPath: actor.region ? await findRegionPath(db, actor.region.id) : [],
    permissions: [...ROLE_PERMISSIONS[actor.role]],
    orgId: actor.orgId,
  };
}

export async function changePassword(db: Kysely<DB>, ctx: RequestContext, sessionId: string, body: ChangePasswordBody) {
  const actor = ctx.actor!;
  const user = await repo.findUserPasswordHash(db, actor.id);
  if (!user || !(await verifyPassword(user.password_hash, body.currentPassword))) {
    throw errors.validation({ currentPassword: '当前密码不正确' });
  }
  const policy = checkPasswordPolicy(body.newPassword, actor.username);
  if (policy) throw errors.validation({ newPassword: policy });
  const newHash = await hashPassword(body.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updatePasswordHash(trx, actor.id, newHash, new Date());
    // Other sessions of this user end: a changed password must shut out whoever knew the old one.
    await repo.deleteUserSessions(trx, actor.id, sessionId);
    await writeAudit(trx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id });
  });
}
