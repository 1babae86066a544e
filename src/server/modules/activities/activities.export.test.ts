import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';
import { finished, multipart, workbook } from '../../../../test/sheets.js';
import { renderLedgerPdf } from './activities.print.js';
import type { LedgerRow } from './activities.io.repository.js';

let t: TestApp;
let staff: Client;
let street: Client;
let choirId: number;
const HEADERS = ['组织名称', '开始时间', '结束时间', '活动名称', '活动类型', '活动地点', '参与人数', '志愿者人数', '志愿服务时长（小时）', '涉及金额（元）', '是否涉外'];

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  choirId = (await createTestOrg(t.database.db, { name: '仓口导出合唱团' })).id;
  await createTestOrg(t.database.db, { name: '仓口导出书画社' });
  const file = await workbook([
    HEADERS,
    ['仓口导出合唱团', '2026-01-10 09:00', '2026-01-10 11:00', '新年合唱', '文体活动', '社区活动室', 30, 2, 4, null, '否'],
    ['仓口导出合唱团', '2026-02-14 14:30', null, '元宵排练', '文体活动', '社区活动室', 25, 0, 0, null, '否'],
    ['仓口导出书画社', '2026-03-01 09:00', '2026-03-01 17:00', '爱心书画义卖', '慈善募捐', '仓口社区广场', 60, 6, 36, '8800.5', '否'],
  ]);
  const body = multipart('台账.xlsx', file);
  const res = await staff.request({ method: 'POST', url: '/api/v1/activities/import', payload: body.payload, headers: body.headers });
  expect((await finished(staff, res.json().id)).inserted).toBe(3);
});
afterAll(async () => t?.close());

const sheetOf = async (payload: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return (wb.getWorksheet('活动台账')!.getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1));
};

describe('activity export', () => {
  it('exports the reach in date order with the import columns, filters by period and organization, and is audited', async () => {
    const res = await street.get('/api/v1/activities/export.xlsx');
    expect(res.statusCode).toBe(200);
    const rows = await sheetOf(res.rawPayload);
    expect(rows[0].slice(0, 5)).toEqual(['组织名称', '统一社会信用代码/备案编号', '开始时间', '结束时间', '活动名称']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[10], r[11] ?? ''])).toEqual([
      ['仓口导出合唱团', '2026-01-10 09:00', '2026-01-10 11:00', '新年合唱', 4, ''],
      ['仓口导出合唱团', '2026-02-14 14:30', '2026-02-14 14:30', '元宵排练', 0, ''],
      ['仓口导出书画社', '2026-03-01 09:00', '2026-03-01 17:00', '爱心书画义卖', 36, '8800.50'],
    ]);
    const feb = await sheetOf((await street.get('/api/v1/activities/export.xlsx?from=2026-02-01&to=2026-03-31')).rawPayload);
    expect(feb.slice(1).map((r) => r[4])).toEqual(['元宵排练', '爱心书画义卖']);
    const one = await sheetOf((await street.get(`/api/v1/activities/export.xlsx?org=${choirId}`)).rawPayload);
    expect(one.slice(1).map((r) => r[4])).toEqual(['新年合唱', '元宵排练']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'activity.export').execute();
    expect(audit).toHaveLength(3);
  });

  it('imports its own export back without a single change', async () => {
    const res = await staff.get('/api/v1/activities/export.xlsx');
    const body = multipart('导出.xlsx', res.rawPayload);
    const job = await finished(staff, (await staff.request({ method: 'POST', url: '/api/v1/activities/import', payload: body.payload, headers: body.headers })).json().id);
    expect(job).toMatchObject({ total: 3, inserted: 0, unchanged: 3, rejected: 0 });
  });

  it('answers 404 for a node or an organization outside the reach, and an empty sheet for a community with none', async () => {
    expect((await staff.get(`/api/v1/activities/export.xlsx?region=${PLACES.gunan}`)).statusCode).toBe(404);
    const outside = await createTestOrg(t.database.db, { name: '古南导出舞蹈队', regionCode: PLACES.gunanCommunity });
    expect((await staff.get(`/api/v1/activities/export.xlsx?org=${outside.id}`)).statusCode).toBe(404);
    const empty = await sheetOf((await street.get(`/api/v1/activities/export.xlsx?region=${PLACES.xincun}`)).rawPayload);
    expect(empty).toHaveLength(1);
    expect((await street.get('/api/v1/activities/export.xlsx?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400);
  });
});

describe('printed ledger', () => {
  it('prints the community and period with numbered rows, signature lines and page numbers', async () => {
    const res = await staff.get('/api/v1/ledger/print.pdf?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain('/Title');
    const audit = await t.database.db.selectFrom('audit_log').select('new_value').where('action', '=', 'activity.print').execute();
    expect(audit).toHaveLength(1);
    expect((await staff.get(`/api/v1/ledger/print.pdf?region=${PLACES.gunan}`)).statusCode).toBe(404);
    const leader = await t.loginAs({ role: 'auditor', regionCode: null });
    expect((await leader.get('/api/v1/ledger/print.pdf')).statusCode).toBe(403);
  });

  it('breaks a long ledger over pages, repeating nothing but the head and numbering every page', async () => {
    const row = (i: number): LedgerRow => ({
      id: i, org_name: `仓口社区第${i}支志愿服务队`, org_code: null, starts_at: new Date(), ends_at: new Date(), held_on: '2026-03-01', title: `第 ${i} 次社区清洁行动`,
      activity_type: '志愿服务', place: '仓口社区', participants: 20, beneficiaries: 0, volunteers: 20, volunteer_minutes: 1200, amount_fen: 0, foreign_related: false, description: null,
    });
    const pdf = await renderLedgerPdf({ unit: '仓口社区居委会', org: null, from: '2026-01-01', to: '2026-12-31', rows: Array.from({ length: 120 }, (_, i) => row(i)) });
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(8);
  });
});
