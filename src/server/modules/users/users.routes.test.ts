import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestUser, PLACES, TEST_PASSWORD } from '../../../../test/factories.js';

let t: TestApp;
let admin: Client; // system administrator for the whole system
let wenshanAdmin: Client; // system administrator of 文山街道 only
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'sysadmin', regionCode: null });
  wenshanAdmin = await t.loginAs({ role: 'sysadmin', regionCode: PLACES.wenshan });
});
afterAll(async () => t?.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  username: `u${Math.random().toString(36).slice(2, 10)}`,
  displayName: '张晓梅',
  role: 'community_staff',
  regionCode: PLACES.cangkou,
  phone: '13812345678',
  password: 'Good-Pass-1',
  ...over,
});

describe('POST /api/v1/users', () => {
  it('creates an account that can log in, and audits it without the password', async () => {
    const body = newUser();
    const res = await admin.post('/api/v1/users', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: body.username, role: 'community_staff', region: { code: PLACES.cangkou }, disabled: false });
    await t.login(body.username, 'Good-Pass-1');
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', String(res.json().id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.new_value)).not.toContain('Good-Pass-1');
  });

  it('gives Chinese field messages for bad fields', async () => {
    const res = await admin.post('/api/v1/users', newUser({ username: 'A', displayName: '张', phone: '123', password: 'weak' }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['displayName', 'phone', 'username']);
    const weak = await admin.post('/api/v1/users', newUser({ password: 'weakpassword' }));
    expect(weak.json().error.fields).toEqual({ password: '密码须包含大写字母、小写字母、数字、符号中的至少三类' });
  });

  it('checks the role against the level of the node', async () => {
    const res = await admin.post('/api/v1/users', newUser({ role: 'street_reviewer', regionCode: PLACES.cangkou }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.regionCode).toMatch(/街道\/乡镇/);
    const none = await admin.post('/api/v1/users', newUser({ role: 'district_admin', regionCode: null }));
    expect(none.json().error.fields.regionCode).toMatch(/必须指定所属区划/);
  });

  it('refuses a duplicate username with 409', async () => {
    const body = newUser();
    expect((await admin.post('/api/v1/users', body)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/users', { ...body, username: body.username.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ username: '该用户名已被使用' });
  });

  it('lets a scoped administrator create accounts only inside its subtree', async () => {
    expect((await wenshanAdmin.post('/api/v1/users', newUser())).statusCode).toBe(201);
    const outside = await wenshanAdmin.post('/api/v1/users', newUser({ regionCode: PLACES.gunanCommunity }));
    expect(outside.statusCode).toBe(404);
    const global = await wenshanAdmin.post('/api/v1/users', newUser({ role: 'auditor', regionCode: null }));
    expect(global.statusCode).toBe(400);
  });
});

describe('GET /api/v1/users', () => {
  it('lists with paging, filter and sort', async () => {
    for (let i = 0; i < 3; i++) await createTestUser(t.database.db, { role: 'street_reviewer', regionCode: PLACES.wenshan, username: `page-test-${i}` });
    const res = await admin.get('/api/v1/users?q=page-test&pageSize=2&page=1&sort=-username');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(3);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['page-test-2', 'page-test-1']);
    const byRole = await admin.get('/api/v1/users?role=street_reviewer&q=page-test');
    expect(byRole.json().total).toBe(3);
  });

  it('shows a scoped administrator only the accounts in its subtree', async () => {
    const inside = await createTestUser(t.database.db, { role: 'community_staff', regionCode: PLACES.cangkou });
    const outside = await createTestUser(t.database.db, { role: 'community_staff', regionCode: PLACES.gunanCommunity });
    const list = (await wenshanAdmin.get('/api/v1/users?pageSize=200')).json();
    const names = list.items.map((u: { username: string }) => u.username);
    expect(names).toContain(inside.username);
    expect(names).not.toContain(outside.username);
    expect(list.items.every((u: { region: { code: string } | null }) => u.region?.code.startsWith(PLACES.wenshan))).toBe(true);
    expect((await wenshanAdmin.get(`/api/v1/users/${outside.id}`)).statusCode).toBe(404);
  });
});

describe('PATCH /api/v1/users/{id} and actions', () => {
  it('disables an account and ends its sessions', async () => {
    const user = await createTestUser(t.database.db, { role: 'community_staff' });
    const c = await t.login(user.username);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.disable').where('entity_id', '=', String(user.id)).executeTakeFirstOrThrow();
    expect(audit.old_value).toMatchObject({ disabled: false });
  });

  it('refuses to let administrators disable themselves', async () => {
    const res = await admin.patch(`/api/v1/users/${admin.userId}`, { disabled: true });
    expect(res.statusCode).toBe(400);
  });

  it('resets a password and unlocks', async () => {
    const user = await createTestUser(t.database.db, { role: 'community_staff' });
    await t.database.db.updateTable('users').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', user.id).execute();
    const listed = (await admin.get(`/api/v1/users/${user.id}`)).json();
    expect(listed.lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/v1/users/${user.id}/unlock`)).json().lockedUntil).toBeNull();
    expect((await admin.post(`/api/v1/users/${user.id}/password`, { password: 'Reset-Pass-9' })).statusCode).toBe(200);
    await t.login(user.username, 'Reset-Pass-9');
    await expect(t.login(user.username, TEST_PASSWORD)).rejects.toThrow();
  });

  it('moves an account to another node after checking the role', async () => {
    const user = await createTestUser(t.database.db, { role: 'community_staff' });
    const moved = await admin.patch(`/api/v1/users/${user.id}`, { regionCode: PLACES.xincun });
    expect(moved.json().region.code).toBe(PLACES.xincun);
    const bad = await admin.patch(`/api/v1/users/${user.id}`, { role: 'street_reviewer' });
    expect(bad.statusCode).toBe(400);
  });
});
