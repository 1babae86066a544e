import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';
import { todayInChina } from '../../lib/working-days.js';
import { chineseDate } from '../../lib/pdf.js';
import { removalNumber } from './credit.print.service.js';

let t: TestApp;
let admin: Client;
let leader: Client;
let orgId: number;
let entryId: number;

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shezu-credit-route-'));
  const file = path.join(dir, 'n.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  orgId = (await createTestOrg(t.database.db, { name: '文山街道乐龄互助会' })).id;
  leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
  await t.database.db.updateTable('users').set({ org_id: orgId }).where('id', '=', leader.userId!).execute();
  const res = await admin.post('/api/v1/credit', { orgId, ground: 'credit.dishonest.defaulter', factOn: todayInChina(), facts: '经人民法院公布，该会被列为失信被执行人（（2026）赣0802执123号）。' });
  expect(res.statusCode).toBe(201);
  entryId = res.json().id;
});
afterAll(async () => t?.close());

describe('credit letters as A4 PDFs', () => {
  it('prints the notice as issued: number, organization, facts, basis, rights, the deadline and the office', async () => {
    const entry = (await admin.get(`/api/v1/credit/${entryId}`)).json();
    const res = await admin.get(`/api/v1/credit/${entryId}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('列入严重违法失信名单告知书');
    expect(text).toContain(entry.notice.no);
    expect(text).toContain('文山街道乐龄互助会');
    expect(text).toContain('失信被执行人');
    expect(text).toContain(entry.notice.basis.text.replace(/\s+/g, ''));
    expect(text).toContain(`截止日期：${chineseDate(entry.notice.objectionDueOn)}`);
    expect(text).toContain(entry.notice.issuer);
    // The organization's own leader may print it; another organization's leader may not see the entry at all.
    expect((await leader.get(`/api/v1/credit/${entryId}/notice.pdf`)).statusCode).toBe(200);
    const other = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    expect((await other.get(`/api/v1/credit/${entryId}/notice.pdf`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/credit/999999/notice.pdf')).statusCode).toBe(404);
    expect((await admin.get('/api/v1/credit/x/notice.pdf')).statusCode).toBe(400);
  });

  it('refuses the removal decision before removal and prints it once the entry is removed', async () => {
    const early = await admin.get(`/api/v1/credit/${entryId}/removal.pdf`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('credit_entry.not_removed');
    // An abnormal entry listed at once and removed on verified compliance.
    const created = (await admin.post('/api/v1/credit', { orgId, ground: 'credit.abnormal.other', factOn: todayInChina(), facts: '未按规定公开年度工作报告。', basisNote: '《社会团体登记管理条例》第三十条' })).json();
    const listed = await admin.post(`/api/v1/credit/${created.id}/list`, { reason: '该会书面放弃陈述申辩', version: created.version });
    expect(listed.statusCode).toBe(200);
    const removed = await admin.post(`/api/v1/credit/${created.id}/compliance`, { verifiedOn: todayInChina(), evidence: '已在平台公开年度工作报告', removeNow: true, version: listed.json().version });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().status).toBe('removed');
    const res = await admin.get(`/api/v1/credit/${created.id}/removal.pdf`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('移出活动异常名录决定书');
    expect(text).toContain(removalNumber(created.noticeNo));
    expect(text).toContain('已在平台公开年度工作报告');
    expect(text).toContain(`自${chineseDate(removed.json().removedOn)}起`);
  });
});
