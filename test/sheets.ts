import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client } from './app.js';
import { waitForImports } from '../src/server/modules/imports/index.js';

/** Test plumbing for spreadsheet imports: a file as a multipart upload, a workbook from rows, a finished job. */
export function multipart(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----shezu' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(c: Client, filename: string, content: Buffer) {
  const body = multipart(filename, content);
  return c.request({ method: 'POST', url: '/api/v1/orgs/import', payload: body.payload, headers: body.headers });
}

export async function finished(c: Client, id: string) {
  await waitForImports();
  const res = await c.get(`/api/v1/imports/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

export async function workbook(rows: (string | number | Date | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of one sheet of a downloaded import report, as { row, column, message } (skipped rows: column ''). */
export async function reportSheet(c: Client, reportUrl: string, name: string) {
  const report = new ExcelJS.Workbook();
  await report.xlsx.load((await c.get(reportUrl)).rawPayload as unknown as ArrayBuffer);
  const sheet = report.getWorksheet(name);
  if (!sheet) return [];
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  return rows.filter(Boolean).map((r) => (r.length > 3 ? { row: r[1], column: r[2], message: String(r[3]) } : { row: r[1], column: '', message: String(r[2]) }));
}
