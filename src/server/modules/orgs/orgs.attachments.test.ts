import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';

let t: TestApp;
let staff: Client;
let orgId: number;
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  orgId = (await createTestOrg(t.database.db, { name: '仓口社区老年书画社' })).id;
});
afterAll(async () => t?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipartWith(fields: Record<string, string>, file: { filename: string; content: Buffer }) {
  const boundary = '----att' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (c: Client, kind: string, filename: string, content: Buffer) => {
  const body = multipartWith({ kind }, { filename, content });
  return c.request({ method: 'POST', url: `/api/v1/orgs/${orgId}/attachments`, payload: body.payload, headers: body.headers });
};

describe('attachments', () => {
  it('uploads, lists, downloads and removes a charter, with history and audit', async () => {
    const res = await upload(staff, 'charter', '章程.pdf', PDF);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'charter', filename: '章程.pdf', mimeType: 'application/pdf', sizeBytes: PDF.length, uploadedBy: staff.username });
    const list = (await staff.get(`/api/v1/orgs/${orgId}/attachments`)).json();
    expect(list.items).toHaveLength(1);
    const file = await staff.get(`/api/v1/orgs/${orgId}/attachments/${list.items[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await staff.delete(`/api/v1/orgs/${orgId}/attachments/${list.items[0].id}`)).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/orgs/${orgId}/attachments`)).json().items).toEqual([]);
    const history = (await staff.get(`/api/v1/orgs/${orgId}/history`)).json().items.map((h: { action: string }) => h.action);
    expect(history.slice(0, 2)).toEqual(['attachment.remove', 'attachment.add']);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(orgId)).where('action', 'like', 'org.attachment%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['org.attachment.add', 'org.attachment.remove']);
  });

  it('refuses unknown kinds, files that are not documents, and empty files, with field messages', async () => {
    expect((await upload(staff, 'selfie', 'a.pdf', PDF)).json().error.fields).toHaveProperty('kind');
    const exe = await upload(staff, 'other', 'virus.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.fields.file).toMatch(/PDF/);
    expect((await upload(staff, 'other', 'empty.pdf', Buffer.alloc(0))).json().error.fields.file).toBe('文件是空的');
  });

  it('keeps other places out', async () => {
    const other = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    expect((await upload(other, 'charter', 'x.pdf', PDF)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/orgs/${orgId}/attachments`)).statusCode).toBe(404);
  });
});
