import ExcelJS from 'exceljs';
import { SKIP_MESSAGES } from './normalize.js';
import type { SkippedRow } from './columns.js';

export interface ReportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ReportCounts {
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Totals, notes and blank rows below the data: not records, not errors (not in `total`). */
  skipped: number;
}

/**
 * The per-row report of an import as .xlsx: a summary sheet, then row number, column and Chinese message; notes
 * (what was read from a cell in a way worth knowing, e.g. a founding month stored as its 1st day) and skipped rows
 * on their own sheets when there are any.
 */
export async function buildImportReport(
  problems: ReportProblem[],
  counts: ReportCounts,
  unknownHeaders: string[],
  extra: { skipped?: SkippedRow[]; notes?: ReportProblem[] } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet('导入结果');
  summary.columns = [{ width: 16 }, { width: 60 }];
  summary.addRows([
    ['总行数', counts.total],
    ['新增', counts.inserted],
    ['更新', counts.updated],
    ['未变化', counts.unchanged],
    ['未导入（有错误）', counts.rejected],
    ['跳过（合计、说明、空白行）', counts.skipped],
    ...(unknownHeaders.length ? [['未识别的列（已忽略）', unknownHeaders.join('、')]] : []),
  ]);
  // One sheet per kind of line: errors always (the office looks for it), notes and skipped rows when there are any.
  const addSheet = (name: string, last: string, rows: { row: number; column?: string; message: string }[], withColumn = true) => {
    const sheet = wb.addWorksheet(name);
    sheet.columns = [
      { header: '行号', key: 'row', width: 8 },
      ...(withColumn ? [{ header: '列', key: 'column', width: 20 }] : []),
      { header: last, key: 'message', width: 80 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
  };
  addSheet('错误明细', '问题', problems);
  if (extra.notes?.length) addSheet('提示', '说明', extra.notes);
  if (extra.skipped?.length) addSheet('跳过的行', '原因', extra.skipped.map((r) => ({ row: r.row, message: SKIP_MESSAGES[r.reason] })), false);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
