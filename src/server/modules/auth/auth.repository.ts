import type { Db } from '../../db/types.js';


export function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'failed_logins', 'locked_until', 'disabled', 'region_id'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export function findUserPasswordHash(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'password_hash']).where('id', '=', userId).executeTakeFirst();
}

export async function updateLoginFailure(db: Db, userId: number, failed: number, lockedUntil: Date | null) {
  await db
    .updateTable('users')
    .set({ failed_logins: failed, ...(lockedUntil ? { locked_until: lockedUntil } : {}) })
    .where('id', '=', userId)
    .execute();
}

export async function updateLoginSuccess(db: Db, userId: number, now: Date) {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: number; csrfToken: string; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      // The server's clock, not the database's: expiry is judged in JS (isSessionExpired) against the same clock.
      created_at: s.createdAt,
      last_seen_at: s.createdAt,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** The session with its user and the user's node, in one query. */
export function findSessionWithActor(db: Db, sessionId: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('regions as r', 'r.id', 'u.region_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.org_id',
      'u.disabled',
      'r.id as region_id',
      'r.code as region_code',
      'r.name as region_name',
      'r.level as region_level',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: number, exceptSessionId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function updatePasswordHash(db: Db, userId: number, passwordHash: string, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
