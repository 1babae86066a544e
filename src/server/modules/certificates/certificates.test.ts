import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { submitFiling } from '../../../../test/applications.js';

let t: TestApp;
let leader: Client;
let number: string;
beforeAll(async () => {
  t = await createTestApp();
  leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
  const community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  const id = await submitFiling(leader, PLACES.cangkou, '仓口社区银发书画社');
  await community.post(`/api/v1/applications/${id}/review`, { decision: 'approve', opinion: '同意' });
  number = (await street.post(`/api/v1/applications/${id}/review`, { decision: 'approve', opinion: '准予备案' })).json().certificateNo;
});
afterAll(async () => t?.close());

/** The text a reader of the PDF gets back (poppler's pdftotext, installed by the pretest step and CI). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shezu-cert-'));
  const file = path.join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('certificate PDF', () => {
  it('renders Chinese text with the embedded font: title, name, issuer, number and the verification address', async () => {
    const res = await leader.get(`/api/v1/certificates/${number}.pdf`);
    expect(res.statusCode).toBe(200);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The font is embedded (a subset of Noto Sans SC), not expected from the reader's system.
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/NotoSansSC/);
    const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
    expect(text).toContain('社区社会组织备案证明');
    expect(text).toContain('仓口社区银发书画社');
    expect(text).toContain('备案社区社会组织');
    expect(text).toContain('吉州区文山街道办事处');
    expect(text).toContain('王秀兰');
    expect(text).toContain(number);
    expect(text).toContain(`/verify/${number}`);
  });

  it('is refused to other leaders and outside the jurisdiction, and a wrong number is 404 or 400', async () => {
    const other = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    expect((await other.get(`/api/v1/certificates/${number}.pdf`)).statusCode).toBe(404);
    const gunan = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.gunan });
    expect((await gunan.get(`/api/v1/certificates/${number}.pdf`)).statusCode).toBe(404);
    expect((await leader.get('/api/v1/certificates/BA-360802-2026-00001-ZZZZ.pdf')).statusCode).toBe(404);
    expect((await leader.get('/api/v1/certificates/not-a-number.pdf')).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/v1/public/certificates/BA-360802-2026-00001-ZZZZ')).statusCode).toBe(404);
    expect((await t.anonymous().get('/api/v1/public/certificates/1%20or%201=1')).statusCode).toBe(400);
  });

  it('verifies a number typed without dashes, with full-width dashes or letters, spaces or lower case (issue 22 item 6)', async () => {
    const typed = [
      number.replace(/-/g, ''),
      number.replace(/-/g, '－'),
      number.replace(/-/g, ' — '),
      ` ${number.toLowerCase()} `,
      number.replace(/[A-Z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/-/g, 'ー'),
    ];
    for (const form of typed) {
      const res = await t.anonymous().get(`/api/v1/public/certificates/${encodeURIComponent(form)}`);
      expect(res.statusCode, form).toBe(200);
      expect(res.json().number).toBe(number);
    }
  });

  it('audits every download', async () => {
    await leader.get(`/api/v1/certificates/${number}.pdf`);
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'certificate.download').where('entity_id', '=', number).execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});
