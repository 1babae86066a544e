import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { createTestOrg, makeResidentId, PLACES } from './factories.js';
import { installLeakScan, LeakScanner } from './leak-scan.js';

/**
 * The leak scan itself (test/leak-scan.ts): it is live in the test app (a log line or an answer with an ID number in
 * full fails the request that caused it, with the route and the field), it lets the audited reveal through to a role
 * that may reveal, and it reads spreadsheets, CSV and PDF downloads.
 */
const ID = makeResidentId('360802', '19650505', 7);

describe('in the test app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('fails the next request after a log line with an ID number in full, naming the field', async () => {
    t.app.log.info({ leader: { idNumber: ID } }, 'leak trial');
    await expect(t.anonymous().get('/api/v1/health')).rejects.toThrow(/log "leak trial" → leader\.idNumber: resident_id 360\*+\d{4}/);
    t.leakScanner.countPlanted(1);
    // Reported once: the next request is clean again.
    expect((await t.anonymous().get('/api/v1/health')).statusCode).toBe(200);
  });

  it('finds the log clean after a search for an ID number or a phone (the logged address is masked)', async () => {
    const staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
    for (const q of [ID, '13600004444', '0796-8224444']) expect((await staff.get(`/api/v1/orgs?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
    expect((await staff.get('/api/v1/health')).statusCode).toBe(200);
  });

  it('lets the audited reveal and the unmasked export through to a role that may reveal, and the masked record stays masked', async () => {
    const org = await createTestOrg(t.database.db, { name: '扫描测试舞蹈队', regionCode: PLACES.cangkou, leaderIdNumber: ID, leaderPhone: '13600002222' });
    const staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
    expect((await staff.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderIdNumber' })).json()).toEqual({ field: 'leaderIdNumber', value: ID });
    const reveal = await staff.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderPhone' });
    expect(reveal.headers['cache-control']).toBe('no-store');
    expect((await staff.get('/api/v1/orgs/export.xlsx?unmasked=true')).statusCode).toBe(200);
    const record = await staff.get(`/api/v1/orgs/${org.id}`);
    expect(record.body).not.toContain(ID);
    expect(record.headers['cache-control']).not.toBe('no-store');
  });
});

describe('on its own', () => {
  const scanned = async (route: (app: FastifyInstance) => void, url = '/api/x') => {
    const scanner = new LeakScanner();
    const app: FastifyInstance = Fastify({ logger: false });
    installLeakScan(app, scanner);
    route(app);
    await app.ready();
    await app.inject({ method: 'GET', url });
    await app.close();
    try {
      scanner.assertClean();
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('names the JSON path of a leak in an answer', async () => {
    expect(await scanned((app) => app.get('/api/x', async () => ({ items: [{ name: '甲' }, { leaderPhone: '13600003333' }] })))).toContain('GET /api/x → items[1].leaderPhone: mobile 136****3333');
    expect(await scanned((app) => app.get('/api/x', async () => ({ leaderPhone: '136****3333' })))).toBe('');
  });

  it('reads xlsx cells, CSV lines and PDF text, also when streamed', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名录').addRow(['甲', `电话 0796-8223456`]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await scanned((app) => app.get('/api/x', (_q, reply) => reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(xlsx)))).toContain('名录!B1: landline');
    expect(await scanned((app) => app.get('/api/x', (_q, reply) => reply.type('text/csv').send(`名称,身份证号\n甲,${ID}\n`)))).toContain('line 2: resident_id');
    const pdf = new PDFDocument();
    pdf.text(`ID ${ID}`);
    pdf.end();
    expect(await scanned((app) => app.get('/api/x', (_q, reply) => reply.type('application/pdf').send(pdf)))).toContain('GET /api/x → line 1: resident_id');
  });
});
