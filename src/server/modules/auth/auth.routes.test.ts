import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createTestUser, TEST_PASSWORD } from '../../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const loginReq = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

async function auditActions(username: string) {
  const rows = await t.database.db.selectFrom('audit_log').select(['action']).where('actor_name', '=', username).orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('POST /api/v1/auth/login', () => {
  it('returns the CSRF token, the user and an HttpOnly SameSite=Lax session cookie', async () => {
    const user = await createTestUser(t.database.db, { role: 'street_reviewer' });
    const res = await loginReq(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.user).toMatchObject({ username: user.username, role: 'street_reviewer', region: { code: '360802003', name: '文山街道' } });
    expect(body.user.regionPath.map((r: { name: string }) => r.name)).toEqual(['江西省', '吉安市', '吉州区', '文山街道']);
    const cookie = res.cookies.find((c) => c.name === 'shezu_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(await auditActions(user.username)).toContain('auth.login');
  });

  it('sets Secure on the cookie when served behind https', async () => {
    const secure = await createTestApp({ secureCookies: true });
    try {
      const user = await createTestUser(secure.database.db, { role: 'auditor' });
      const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'shezu_sid')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password with the same message as an unknown user, and audits both', async () => {
    const user = await createTestUser(t.database.db, { role: 'auditor' });
    const wrong = await loginReq(user.username, 'Wrong-Pass-1');
    const unknown = await loginReq('nobody-here', 'Wrong-Pass-1');
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({ code: 'auth.invalid_credentials', message: '用户名或密码错误' });
    expect(unknown.json().error).toEqual(wrong.json().error);
    expect(await auditActions(user.username)).toEqual(['auth.login_failed']);
    expect(await auditActions('nobody-here')).toEqual(['auth.login_failed']);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    const user = await createTestUser(t.database.db, { role: 'auditor' });
    for (let i = 0; i < 4; i++) expect((await loginReq(user.username, 'Wrong-Pass-1')).statusCode).toBe(400);
    const fifth = await loginReq(user.username, 'Wrong-Pass-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    const right = await loginReq(user.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    const row = await t.database.db.selectFrom('users').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    // When the lock has passed, the right password works again and the count starts over.
    await t.database.db.updateTable('users').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', user.id).execute();
    expect((await loginReq(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account', async () => {
    const user = await createTestUser(t.database.db, { role: 'auditor' });
    await t.database.db.updateTable('users').set({ disabled: true }).where('id', '=', user.id).execute();
    const res = await loginReq(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('auth.disabled');
  });

  it('is rate-limited per client', async () => {
    const limited = await createTestApp({ rateLimit: { max: 1000, loginMax: 3, windowMs: 60_000 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x-user', password: 'y' } })).statusCode);
      }
      expect(codes).toEqual([400, 400, 400, 429, 429]);
      const res = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x-user', password: 'y' } });
      expect(res.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('GET /auth/me requires a session and returns the CSRF token again', async () => {
    expect((await t.anonymous().get('/api/v1/auth/me')).statusCode).toBe(401);
    const c = await t.loginAs({ role: 'community_staff' });
    const me = await c.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(c.csrfToken);
    expect(me.json().user.permissions).toContain('region.population.update');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await t.loginAs({ role: 'community_staff' });
    const res = await c.request({ method: 'PUT', url: '/api/v1/regions/360802003009/population', payload: { population: 1 }, headers: { 'x-csrf-token': 'forged' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const row = await t.database.db.selectFrom('regions').select('population').where('code', '=', '360802003009').executeTakeFirstOrThrow();
    expect(row.population).toBeNull();
  });

  it('ends after 30 idle minutes', async () => {
    const c = await t.loginAs({ role: 'auditor' });
    await t.database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', c.userId!).execute();
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', c.userId!).execute()).toHaveLength(0);
  });

  it('ends 12 hours after login however active', async () => {
    const c = await t.loginAs({ role: 'auditor' });
    await t.database.db
      .updateTable('sessions')
      .set({ created_at: new Date(Date.now() - 12 * 3_600_000 - 1000), last_seen_at: new Date() })
      .where('user_id', '=', c.userId!)
      .execute();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('stays alive while used within the idle limit', async () => {
    const c = await t.loginAs({ role: 'auditor' });
    await t.database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 29 * 60_000) }).where('user_id', '=', c.userId!).execute();
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    const s = await t.database.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', c.userId!).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(s.last_seen_at).getTime()).toBeLessThan(60_000);
  });

  it('stores only a hash of the token', async () => {
    const user = await createTestUser(t.database.db, { role: 'auditor' });
    const res = await loginReq(user.username, TEST_PASSWORD);
    const token = res.cookies.find((c) => c.name === 'shezu_sid')!.value;
    const hit = await t.database.db.selectFrom('sessions').select('id').where('id', '=', token).execute();
    expect(hit).toHaveLength(0);
  });

  it('logout ends the session and is audited', async () => {
    const c = await t.loginAs({ role: 'auditor' });
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await auditActions(c.username!)).toEqual(['auth.login', 'auth.logout']);
  });
});

describe('POST /api/v1/auth/password', () => {
  it('changes the password, keeps this session and ends the others', async () => {
    const user = await createTestUser(t.database.db, { role: 'auditor' });
    const a = await t.login(user.username);
    const b = await t.login(user.username);
    const res = await a.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-Pass-2027' });
    expect(res.statusCode).toBe(200);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await loginReq(user.username, 'New-Pass-2027')).statusCode).toBe(200);
    const stored = await sql<{ h: string }>`select password_hash as h from users where id = ${user.id}`.execute(t.database.db);
    expect(stored.rows[0].h).toMatch(/^\$argon2id\$/);
  });

  it('gives field messages for a wrong current password and a weak new one', async () => {
    const c = await t.loginAs({ role: 'auditor' });
    const wrong = await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'New-Pass-2027' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: '当前密码不正确' });
    const weak = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.json().error.fields).toEqual({ newPassword: '密码至少 8 位' });
  });
});
