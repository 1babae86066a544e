import ExcelJS from 'exceljs';

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
}

/** The per-row report of an import as .xlsx: a summary sheet, then row number, column and Chinese message. */
export async function buildImportReport(problems: ReportProblem[], counts: ReportCounts, unknownHeaders: string[]): Promise<Buffer> {
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
