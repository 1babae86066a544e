/**
 * What an uploaded file is, from its bytes (the name only refines the message): offices send what their machines
 * save — Excel 97–2003 .xls, WPS .et, Apple .numbers, a Word file by mistake. Readable kinds are .xlsx and text
 * (CSV); every other kind gets a 4xx that says how to make an .xlsx of it (issue 11 item 5).
 */
export type SheetFileKind = { kind: 'xlsx' } | { kind: 'text' } | { kind: 'refused'; code: string; message: string };

export const SAVE_AS_XLSX = '请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入';

const ZIP = 0x04034b50;
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const refused = (code: string, message: string): SheetFileKind => ({ kind: 'refused', code, message });

export function sniffSheetFile(buf: Buffer, filename: string): SheetFileKind {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE2)) {
    // The compound-file format holds .xls, WPS .et/.wps and old Word .doc alike.
    if (ext === 'et' || ext === 'ett') return refused('import.wps_sheet', `这是 WPS 表格文件（.${ext}），请在 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入`);
    if (ext === 'doc' || ext === 'wps') return refused('import.not_spreadsheet', `这是文字处理文档（.${ext}），不是表格：请把名单放进 Excel 表格，保存为 .xlsx 后再导入`);
    return refused('import.xls', `这是 Excel 97–2003 工作簿（.xls），平台不读取这种旧格式：${SAVE_AS_XLSX}`);
  }
  if (buf.length > 4 && buf.readUInt32LE(0) === ZIP) {
    // An .xlsx names its workbook part in the zip directory; .numbers, .docx, .ods and plain zips do not.
    // Part names are in each entry's header and in the directory at the end: the first and last 64 KB hold them.
    const head = buf.subarray(0, 65536).toString('latin1') + buf.subarray(Math.max(0, buf.length - 65536)).toString('latin1');
    if (head.includes('xl/workbook')) return { kind: 'xlsx' };
    if (ext === 'numbers' || head.includes('Index/Document.iwa')) return refused('import.numbers', `这是 Numbers 表格（.numbers）：请在 Numbers 中选择“文件 → 导出为 → Excel”，导出 .xlsx 后再导入`);
    if (ext === 'ods' || head.includes('opendocument.spreadsheet')) return refused('import.ods', `这是 OpenDocument 表格（.ods）：${SAVE_AS_XLSX}`);
    if (head.includes('word/document')) return refused('import.not_spreadsheet', '这是 Word 文档，不是表格：请把名单放进 Excel 表格，保存为 .xlsx 后再导入');
    return refused('import.not_spreadsheet', '文件不是表格：请上传 .xlsx 或 .csv 文件（可先下载导入模板）');
  }
  if (ext === 'xls') return refused('import.xls', `文件扩展名为 .xls，但内容不是 Excel 工作簿：${SAVE_AS_XLSX}`);
  if (ext === 'et' || ext === 'numbers') return refused('import.not_spreadsheet', `无法读取该文件：${SAVE_AS_XLSX}`);
  // Text has no NUL bytes (UTF-16 has: Excel's “Unicode 文本” is refused below as not CSV).
  if (ext === 'csv' || !buf.subarray(0, 4096).includes(0)) return { kind: 'text' };
  return refused('import.not_spreadsheet', '文件不是表格：请上传 .xlsx 或 .csv 文件（可先下载导入模板）');
}
