import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { errors } from '../errors.js';
import { sniffSheetFile } from './file-kind.js';

/** One row of a sheet as read: its row number in the file (what the office sees in Excel) and its cell values. */
export interface GridRow {
  rowNumber: number;
  cells: unknown[];
}

/** Cell values as text, numbers or dates, whatever Excel wrapped them in. */
export function cellValue(v: ExcelJS.CellValue): unknown {
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
export function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
  _parseStyles(entry: NodeJS.ReadableStream): unknown;
  _parseWorkbook(entry: NodeJS.ReadableStream): unknown;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>) {
  const decoder = new StringDecoder('utf8');
  for await (const c of chunks) yield typeof c === 'string' ? c : decoder.write(c);
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * ExcelJS's streaming reader decodes each chunk of XML on its own (exceljs lib/utils/parse-sax.js calls
 * bufferToString per chunk), so a Chinese character split between two chunks turns into U+FFFD: in a 5,000-row
 * file, "备案" came out as "���案" in one row of about 2,000 and the row was refused. The reader's parts get their
 * XML as text decoded across chunk boundaries instead (parse-sax passes strings through).
 */
function utf8SafeReader(reader: ExcelJS.stream.xlsx.WorkbookReader) {
  const r = reader as unknown as ReaderInternals;
  const { _parseWorksheet, _parseSharedStrings, _parseStyles, _parseWorkbook } = r;
  if (typeof _parseWorksheet !== 'function' || typeof _parseSharedStrings !== 'function') throw new Error('ExcelJS WorkbookReader internals changed: check the exceljs version');
  r._parseWorksheet = function (iterator, sheetNo) {
    return _parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  };
  for (const name of ['_parseSharedStrings', '_parseStyles', '_parseWorkbook'] as const) {
    const original = { _parseSharedStrings, _parseStyles, _parseWorkbook }[name];
    r[name] = function (entry) {
      entry.setEncoding('utf8');
      return original.call(this, entry);
    };
  }
  return reader;
}

/** Rows read between two yields to the event loop: a 100k-row file must not hold up other users' requests. */
const YIELD_EVERY = 2_000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads the first worksheet of an .xlsx (streaming, shared strings and styles cached: styles tell dates from numbers)
 * or a CSV, as rows of cell values. What the file is comes from its bytes (file-kind.ts): an .xls, .et, .numbers,
 * .ods or Word file, or anything that is no table, is a 400 that says how to save it as .xlsx.
 */
export async function readGrid(buf: Buffer, filename: string): Promise<GridRow[]> {
  const file = sniffSheetFile(buf, filename);
  if (file.kind === 'refused') throw errors.badRequest(file.code, file.message);
  const grid: GridRow[] = [];
  if (file.kind === 'xlsx') {
    const reader = utf8SafeReader(new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore' }));
    try {
      for await (const sheet of reader) {
        for await (const row of sheet) {
          const r = row as ExcelJS.Row;
          const cells: unknown[] = [];
          const values = r.values as ExcelJS.CellValue[];
          // row.values is 1-based and sparse; reading it avoids building a Cell object per cell (eachCell does).
          for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c]);
          grid.push({ rowNumber: r.number, cells });
          if (grid.length % YIELD_EVERY === 0) await yieldToOthers();
        }
        break; // the first worksheet only
      }
    } catch {
      throw errors.badRequest('import.unreadable', '无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密');
    }
  } else {
    const text = decodeText(buf);
    if (!/[,，]/.test(text.split(/\r?\n/, 1)[0] ?? '')) throw notSpreadsheet();
    parseCsv(text).forEach((cells, i) => grid.push({ rowNumber: i + 1, cells }));
  }
  return grid;
}

const notSpreadsheet = () => errors.badRequest('import.not_spreadsheet', '文件不是表格：请上传 .xlsx 或 .csv 文件（可先下载导入模板）');
