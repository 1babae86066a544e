import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';

let t: TestApp;
let auditor: Client;
beforeAll(async () => {
  t = await createTestApp();
  auditor = await t.loginAs({ role: 'auditor' });
});
afterAll(async () => t?.close());

describe('GET /api/v1/audit', () => {
  it('lists login, population changes and logout with who, when, old and new values', async () => {
    const staff = await t.loginAs({ role: 'community_staff' });
    await staff.put(`/api/v1/regions/${PLACES.cangkou}/population`, { population: 4321 });
    await staff.post('/api/v1/auth/logout');
    const res = await auditor.get(`/api/v1/audit?actor=${staff.username}`);
    expect(res.statusCode).toBe(200);
    const actions = res.json().items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['auth.logout', 'region.population.update', 'auth.login']);
    const change = res.json().items[1];
    expect(change).toMatchObject({ entityType: 'region', entityId: PLACES.cangkou, newValue: { population: 4321 }, regionCode: PLACES.cangkou });
    expect(change.requestId).toEqual(expect.any(String));
    expect(change.ip).toBe('127.0.0.1');
  });

  it('filters by action, region and date', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const res = await auditor.get(`/api/v1/audit?action=region.population&region=${PLACES.wenshan}&from=${today}&to=${today}`);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(res.json().items.every((e: { action: string }) => e.action === 'region.population.update')).toBe(true);
    const past = await auditor.get('/api/v1/audit?to=2020-01-01');
    expect(past.json()).toEqual({ items: [], total: 0 });
    const bad = await auditor.get('/api/v1/audit?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ from: '日期格式应为 YYYY-MM-DD' });
  });

  it('is for audit administrators only', async () => {
    for (const role of ['sysadmin', 'district_admin'] as const) {
      const c = await t.loginAs({ role });
      expect((await c.get('/api/v1/audit')).statusCode).toBe(403);
      expect((await c.get('/api/v1/audit/export.xlsx')).statusCode).toBe(403);
    }
  });

  it('exports the filtered log to .xlsx and audits the export', async () => {
    const res = await auditor.get('/api/v1/audit/export.xlsx?action=auth.login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(4).value).toBe('操作');
    expect(sheet.rowCount).toBeGreaterThan(1);
    expect(sheet.getRow(2).getCell(4).value).toBe('登录成功');
    const exported = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.export').execute();
    expect(exported.length).toBeGreaterThan(0);
  });
});

describe('audit_log is append-only in the database itself', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.database.db;
    await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const n = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(0);
  });
});
