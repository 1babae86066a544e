import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './app.js';
import { changedTables, snapshotDatabase } from './db-snapshot.js';
import { createTestOrg, PLACES } from './factories.js';

/** Bad input gets a 4xx with the standard error body, never a 500, and changes nothing. */
let t: TestApp;
let staff: Client;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.loginAs({ role: 'community_staff' });
  admin = await t.loginAs({ role: 'sysadmin', regionCode: null });
});
afterAll(async () => t?.close());

async function snapshot() {
  const db = t.database.db;
  const [users, regions, population] = await Promise.all([
    db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('regions').select(['population']).where('code', '=', PLACES.cangkou).executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.n), regions: Number(regions.n), population: population.population };
}

function expectErrorBody(res: { statusCode: number; json(): { error: { code: string; message: string; fields?: Record<string, string> } } }) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json();
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  return body.error;
}

const populationUrl = `/api/v1/regions/${PLACES.cangkou}/population`;

describe('bad input', () => {
  it('unknown fields are named in the error', async () => {
    const before = await snapshot();
    const err = expectErrorBody(await staff.put(populationUrl, { population: 5, admin: true }));
    expect(err.fields).toEqual({ admin: '不允许的字段' });
    expect(await snapshot()).toEqual(before);
  });

  it('wrong types', async () => {
    const before = await snapshot();
    for (const payload of [{ population: 'many' }, { population: true }, { population: [1] }, { population: { n: 1 } }, {}]) {
      const err = expectErrorBody(await staff.put(populationUrl, payload));
      expect(err.fields).toHaveProperty('population');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('malformed JSON', async () => {
    const res = await staff.request({ method: 'PUT', url: populationUrl, payload: '{"population": 5', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(expectErrorBody(res).message).toBe('请求体不是有效的 JSON');
  });

  it('a body that is not JSON at all', async () => {
    const res = await staff.request({ method: 'PUT', url: populationUrl, payload: 'population=5', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
    expectErrorBody(res);
  });

  it('oversized bodies', async () => {
    const before = await snapshot();
    const res = await admin.post('/api/v1/users', { username: 'big-user', displayName: 'x'.repeat(2 * 1024 * 1024), role: 'auditor', regionCode: null, password: 'Big-Pass-12' });
    expect(res.statusCode).toBe(413);
    expectErrorBody(res);
    expect(await snapshot()).toEqual(before);
  });

  it('SQL and HTML in strings are data, not code', async () => {
    const before = await snapshot();
    for (const q of ["'; DROP TABLE regions; --", '<script>alert(1)</script>', "吉州' OR '1'='1", '\\', '%']) {
      const res = await staff.get(`/api/v1/regions?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
    }
    const grid = await staff.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '<b>网格</b>' });
    expect(grid.statusCode).toBe(201);
    expect(grid.json().name).toBe('<b>网格</b>');
    expect(grid.headers['content-type']).toContain('application/json');
    const sqlName = await admin.post('/api/v1/users', { username: 'x-user-1', displayName: "Robert'); DROP TABLE users;--", role: 'auditor', regionCode: null, password: 'Sql-Pass-123' });
    expect(sqlName.statusCode).toBe(201);
    const after = await snapshot();
    expect(after.users).toBe(before.users + 1);
  });

  it('bad path and query parameters', async () => {
    expectErrorBody(await staff.get('/api/v1/regions/36080200300x'));
    expectErrorBody(await admin.get('/api/v1/users/abc'));
    expectErrorBody(await admin.get('/api/v1/users?page=0'));
    expectErrorBody(await admin.get('/api/v1/users?pageSize=100000'));
    expectErrorBody(await admin.get('/api/v1/users?sort=password_hash'));
    expectErrorBody(await admin.get('/api/v1/users?evil=1'));
    expectErrorBody(await staff.get(`/api/v1/regions?q=${'长'.repeat(200)}`));
  });

  it('unknown API routes answer 404 with the error body', async () => {
    const res = await staff.get('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expectErrorBody(res);
  });
});

describe('bad input to applications', () => {
  const count = async () => Number((await t.database.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses malformed applications with field messages and stores nothing', async () => {
    const before = await count();
    const cases: [unknown, string][] = [
      [{ kind: 'adoption' }, 'kind'],
      [{ kind: 'filing', data: { org: { name: 'x' }, members: [] } }, 'data.org.name'],
      [{ kind: 'filing', data: { org: {}, members: [{ name: '', kind: 'individual' }] } }, 'data.members.0.name'],
      [{ kind: 'filing', data: { org: {}, members: [{ name: '张三', kind: 'robot' }] } }, 'data.members.0.kind'],
      [{ kind: 'registration', data: { org: {}, members: [], registrationType: '宗教类' } }, 'data.registrationType'],
      [{ kind: 'filing_change' }, 'orgId'],
      [{ kind: 'filing', data: { org: {}, members: [], extra: 1 } }, 'data.extra'],
    ];
    for (const [payload, field] of cases) {
      const err = expectErrorBody(await staff.post('/api/v1/applications', payload));
      expect(Object.keys(err.fields ?? {}), JSON.stringify(payload)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses bad reviews, batches and uploads', async () => {
    expectErrorBody(await staff.post('/api/v1/applications/1/review', { decision: 'maybe' }));
    expectErrorBody(await staff.post('/api/v1/applications/abc/review', { decision: 'approve' }));
    expectErrorBody(await staff.post('/api/v1/applications/review-batch', { ids: [], decision: 'approve' }));
    expectErrorBody(await staff.post('/api/v1/applications/review-batch', { ids: Array.from({ length: 101 }, (_, i) => i + 1), decision: 'approve' }));
    const draft = (await staff.post('/api/v1/applications', { kind: 'filing', data: { org: { name: '坏材料测试', regionCode: PLACES.cangkou }, members: [] } })).json();
    const b = 'badupload';
    const payload = `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncharter\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="virus.exe"\r\nContent-Type: application/octet-stream\r\n\r\nMZ\x90\x00\r\n--${b}--\r\n`;
    const err = expectErrorBody(await staff.request({ method: 'POST', url: `/api/v1/applications/${draft.id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } }));
    expect(err.fields?.file).toContain('PDF');
    expectErrorBody(await staff.patch(`/api/v1/applications/${draft.id}`, { version: 99, data: { org: {}, members: [] } }));
  });
});

describe('text PostgreSQL cannot store (issue 12 item 1)', () => {
  const snap = () => snapshotDatabase(t.database.db);

  it('a NUL in any text is a 400 naming the field, never a 500: login, search, public register, a new organization', async () => {
    const before = await snap();
    const anon = t.anonymous();
    const cases: [Promise<{ statusCode: number; json(): { error: { code: string; message: string; fields?: Record<string, string> } } }>, string, string][] = [
      [anon.post('/api/v1/auth/login', { username: 'adm\u0000in', password: 'x' }), 'username', '用户名不能包含控制字符'],
      [staff.get('/api/v1/orgs?q=%E8%88%9E%00'), 'q', '搜索内容不能包含控制字符'],
      [anon.get('/api/v1/public/orgs?q=%00'), 'q', '搜索内容不能包含控制字符'],
      [anon.post('/api/v1/public/signup', { username: 'nul-user', displayName: '张\u0000三', phone: '13800138000', password: 'Nul-Pass-2026', regionCode: PLACES.cangkou }), 'displayName', '姓名不能包含控制字符'],
      [staff.post('/api/v1/orgs', { name: '舞蹈队\u0000', legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou }), 'name', '不能包含控制字符'],
      [anon.post('/api/v1/auth/login', { username: 'x\ud800', password: 'x' }), 'username', '用户名含有无法识别的字符（编码不完整）'],
    ];
    for (const [pending, field, message] of cases) {
      const res = await pending;
      expect(res.statusCode).toBe(400);
      expect(expectErrorBody(res).fields?.[field]).toContain(message);
    }
    expect(changedTables(before, await snap())).toEqual([]);
  });

  it('and in a multipart file name', async () => {
    const org = await createTestOrg(t.database.db);
    const district = await t.loginAs({ role: 'district_admin' });
    const b = 'nulname';
    const payload = `--${b}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncharter\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="章程\u0000.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n\r\n--${b}--\r\n`;
    const before = await snap();
    const res = await district.request({ method: 'POST', url: `/api/v1/orgs/${org.id}/attachments`, payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    expect(res.statusCode).toBe(400);
    expect(expectErrorBody(res).fields).toEqual({ filename: '文件名不能包含控制字符' });
    expect(changedTables(before, await snap())).toEqual([]);
  });
});
