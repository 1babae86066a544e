import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { Actor, RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { isInJurisdiction, regionScope } from '../../lib/access.js';
import { OrgFields } from '../../../shared/schemas/orgs.js';
import { findRegionByCode, findRegionsByName } from '../regions/index.js';
import * as repo from './orgs.repository.js';
import { ORG_SHEET_COLUMNS, mapHeaders, parseDate, parseLegalForm, parseStatus } from './orgs.sheet.js';
import { applyOrgUpdate, fieldsOf, insertPreparedOrg, OrgValidationError, prepareOrg } from './orgs.service.js';

export interface SheetRow {
  rowNumber: number;
  values: Map<string, unknown>;
}

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

const HEADER_OF = new Map(ORG_SHEET_COLUMNS.map((c) => [c.key, c.header]));
const headerOf = (key: string) => HEADER_OF.get(key) ?? (key === 'hubOrgId' ? '所属联合会' : key);

/** Cell values as text, numbers or dates, whatever Excel wrapped them in. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return v;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** UTF-8 (with or without BOM), else GB18030: what Excel on a Chinese Windows saves as CSV. */
function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

const isXlsx = (buf: Buffer) => buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50;

/** Reads the first sheet; the header row is the first one that names the organization. */
export async function readOrgSheet(buf: Buffer, filename: string): Promise<{ rows: SheetRow[]; unknownHeaders: string[] }> {
  let grid: { rowNumber: number; cells: unknown[] }[] = [];
  if (isXlsx(buf)) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' });
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const cells: unknown[] = [];
          (row as ExcelJS.Row).eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellValue(cell.value)));
          grid.push({ rowNumber: (row as ExcelJS.Row).number, cells });
        }
        break; // the first worksheet only
      }
    } catch {
      throw errors.badRequest('import.unreadable', '无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密');
    }
  } else if (/\.csv$/i.test(filename) || !buf.subarray(0, 2048).includes(0)) {
    const text = decodeText(buf);
    if (!/[,，]/.test(text.split(/\r?\n/, 1)[0] ?? '')) throw notSpreadsheet();
    grid = parseCsv(text).map((cells, i) => ({ rowNumber: i + 1, cells }));
  } else {
    throw notSpreadsheet();
  }
  const headerIndex = grid.findIndex((r) => mapHeaders(r.cells.map((c) => String(c ?? ''))).byIndex.size >= 2 && r.cells.some((c) => /名称/.test(String(c ?? ''))));
  if (headerIndex < 0) throw errors.badRequest('import.no_header', '未找到表头：第一行应包含“名称”“组织形式”“类别”等列，请使用下载的模板');
  const { byIndex, unknown } = mapHeaders(grid[headerIndex].cells.map((c) => String(c ?? '')));
  const rows: SheetRow[] = [];
  for (const r of grid.slice(headerIndex + 1)) {
    const values = new Map<string, unknown>();
    for (const [i, key] of byIndex) {
      const v = r.cells[i];
      if (v !== null && v !== undefined && String(v).trim() !== '') values.set(key, typeof v === 'string' ? v.trim() : v);
    }
    if (values.size > 0) rows.push({ rowNumber: r.rowNumber, values });
  }
  return { rows, unknownHeaders: unknown };
}

const notSpreadsheet = () => errors.badRequest('import.not_spreadsheet', '文件不是表格：请上传 .xlsx 或 .csv 文件（可先下载导入模板）');

/** Turns one sheet row into API fields; problems are reported by column. */
async function rowToFields(db: Db, actor: Actor, row: SheetRow): Promise<{ fields?: Partial<OrgFields>; regionCode?: string; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const v = row.values;
  const text = (key: string) => (v.has(key) ? String(v.get(key)).trim() : undefined);
  const out: Record<string, unknown> = {};
  for (const key of ['name', 'address', 'leaderName', 'purpose', 'activities', 'venue', 'certificateNo', 'category']) {
    if (text(key) !== undefined) out[key] = text(key);
  }
  const code = text('creditCode');
  if (code !== undefined) out.creditCode = code.toUpperCase();
  const form = text('legalForm');
  if (form !== undefined) {
    const parsed = parseLegalForm(form);
    if (parsed) out.legalForm = parsed;
    else problems.push({ row: row.rowNumber, column: '组织形式', message: `无法识别“${form}”，应为社会团体、社会服务机构、基金会、备案社区社会组织或草根组织` });
  }
  const status = text('status');
  if (status !== undefined) {
    const parsed = parseStatus(status);
    if (parsed) out.status = parsed;
    else problems.push({ row: row.rowNumber, column: '状态', message: `无法识别状态“${status}”` });
  }
  for (const key of ['leaderIdNumber', 'leaderPhone'] as const) {
    const raw = v.get(key);
    if (raw === undefined) continue;
    // A masked value (from an export) means "keep what is stored".
    if (String(raw).includes('*')) continue;
    if (typeof raw === 'number' && key === 'leaderIdNumber') {
      problems.push({ row: row.rowNumber, column: headerOf(key), message: '身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为文本格式后重新填写' });
      continue;
    }
    out[key] = String(raw).trim().toUpperCase();
  }
  for (const key of ['individualMembers', 'unitMembers'] as const) {
    const raw = v.get(key);
    if (raw === undefined) continue;
    const n = Number(String(raw).replace(/[人个,，\s]/g, ''));
    if (Number.isInteger(n) && n >= 0) out[key] = n;
    else problems.push({ row: row.rowNumber, column: headerOf(key), message: `“${raw}”不是整数` });
  }
  if (v.has('foundedOn')) {
    const d = parseDate(v.get('foundedOn'));
    if (d === 'invalid') problems.push({ row: row.rowNumber, column: '成立日期', message: `无法识别日期“${String(v.get('foundedOn'))}”，请写成 2024-05-01` });
    else if (d) out.foundedOn = d;
  }
  let regionCode = text('regionCode');
  if (!regionCode && text('regionName')) {
    const found = await findRegionsByName(db, regionScope(actor), text('regionName')!);
    if (found.length === 1) regionCode = found[0].code;
    else problems.push({ row: row.rowNumber, column: '所在社区', message: found.length === 0 ? `辖区内没有名为“${text('regionName')}”的社区、村或街道` : `“${text('regionName')}”有多个同名区划，请填写所在区划代码` });
  }
  return { fields: out as Partial<OrgFields>, regionCode, problems };
}

export interface ImportCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** One row: match (credit code, else name + community), validate, insert or update. Problems are returned, never thrown. */
async function importRow(trx: Transaction<DB>, ctx: RequestContext, row: SheetRow): Promise<'inserted' | 'updated' | 'unchanged' | RowProblem[]> {
  const actor = ctx.actor!;
  const { fields, regionCode, problems } = await rowToFields(trx, actor, row);
  const region = regionCode ? await findRegionByCode(trx, regionCode) : undefined;
  let existing = fields!.creditCode ? await repo.findOrgByCreditCode(trx, fields!.creditCode) : undefined;
  if (!existing && fields!.name && region) existing = await repo.findOrgByNameInRegion(trx, fields!.name, Number(region.id));
  // An organization outside the actor's subtree is never matched (or revealed): the row is treated as new.
  if (existing && !isInJurisdiction(actor, existing)) existing = undefined;
  const baseRegion = existing ? await repo.regionCodeOf(trx, existing.region_id) : undefined;
  const merged = { ...(existing ? fieldsOf(existing, baseRegion!) : { status: 'active' }), ...fields, ...(regionCode ? { regionCode } : {}) };
  const regionColumn = row.values.has('regionCode') ? 'regionCode' : 'regionName';
  const reported = new Set(problems.map((p) => p.column));
  const add = (key: string, message: string) => {
    const column = headerOf(key === 'regionCode' ? regionColumn : key);
    // One message per cell: the first problem found in it.
    if (!reported.has(column)) {
      reported.add(column);
      problems.push({ row: row.rowNumber, column, message });
    }
  };
  // Every problem of the row is reported at once, so the office fixes the file in one pass.
  const parsed = OrgFields.safeParse(merged);
  let prepared;
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = String(i.path[0] ?? '');
      add(key, key === 'regionCode' && !regionCode ? '请填写所在区划代码或所在社区' : i.message);
    }
  } else {
    try {
      prepared = await prepareOrg(trx, actor, parsed.data, existing);
    } catch (err) {
      if (!(err instanceof OrgValidationError)) throw err;
      for (const [key, message] of Object.entries(err.fields)) add(key, message);
    }
  }
  if (problems.length || !parsed.success || !prepared) return problems;
  if (!existing) {
    await insertPreparedOrg(trx, ctx, parsed.data, prepared, 'import');
    return 'inserted';
  }
  const changed = await applyOrgUpdate(trx, ctx, existing, parsed.data, prepared, { version: existing.version, reason: '表格导入', action: 'import' });
  return changed ? 'updated' : 'unchanged';
}

const BATCH = 500;

/**
 * Imports rows in batches of a few hundred per transaction (PGlite serializes queries: keep them short).
 * Valid rows are committed, invalid ones reported; a batch that fails for another reason is retried row by row.
 */
export async function importOrgRows(
  db: Kysely<DB>,
  ctx: RequestContext,
  rows: SheetRow[],
  onProgress: (counts: ImportCounts, processed: number) => Promise<void> | void = () => {},
): Promise<{ counts: ImportCounts; problems: RowProblem[] }> {
  const counts: ImportCounts = { total: rows.length, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const problems: RowProblem[] = [];
  const tally = (r: Awaited<ReturnType<typeof importRow>>) => {
    if (Array.isArray(r)) {
      counts.rejected++;
      problems.push(...r);
    } else counts[r]++;
  };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    try {
      const results = await db.transaction().execute(async (trx) => {
        const out: Awaited<ReturnType<typeof importRow>>[] = [];
        for (const row of batch) out.push(await importRow(trx, ctx, row));
        return out;
      });
      results.forEach(tally);
    } catch {
      for (const row of batch) {
        try {
          tally(await db.transaction().execute((trx) => importRow(trx, ctx, row)));
        } catch (err) {
          tally([{ row: row.rowNumber, column: '', message: `保存失败：${err instanceof Error ? err.message : String(err)}` }]);
        }
      }
    }
    await onProgress(counts, Math.min(i + BATCH, rows.length));
  }
  return { counts, problems };
}

/** The per-row report as .xlsx: row number, column, Chinese message. */
export async function buildReport(problems: RowProblem[], counts: ImportCounts, unknownHeaders: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('导入结果');
  summary.columns = [{ width: 16 }, { width: 60 }];
  summary.addRows([
    ['总行数', counts.total],
    ['新增', counts.inserted],
    ['更新', counts.updated],
    ['未变化', counts.unchanged],
    ['未导入（有错误）', counts.rejected],
    ...(unknownHeaders.length ? [['未识别的列（已忽略）', unknownHeaders.join('、')]] : []),
  ]);
  const sheet = wb.addWorksheet('错误明细');
  sheet.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 20 },
    { header: '问题', key: 'message', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const p of problems) sheet.addRow(p);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const newJobId = () => randomUUID();
