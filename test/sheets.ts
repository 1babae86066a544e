import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client } from './app.js';
import { waitForImports } from '../src/server/modules/imports/index.js';
import { makeResidentId } from './factories.js';

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

/**
 * A large registry import file, streamed as an office's own export of tens of thousands of rows would be: row i is
 * `${prefix}${i}`, a filed organization at codes[i % codes.length], or one of a legal form that does not exist
 * where `bad(i)` (refused, reported, never stored).
 */
export async function bigRegistryFile(rows: number, prefix: string, bad: (i: number) => boolean, codes: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('名单');
  sheet.addRow(['名称', '组织形式', '类别', '所在区划代码', '负责人', '负责人身份证号', '联系电话', '个人会员数']).commit();
  for (let i = 0; i < rows; i++) {
    sheet.addRow([`${prefix}${i}`, bad(i) ? '某种形式' : '备案', '文体活动', codes[i % codes.length], '李桂英', makeResidentId('360802', '19620304', i), '13807961234', 20 + (i % 30)]).commit();
  }
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
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
