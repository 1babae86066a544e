import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { zipCaughtUp } from '../xlsx-stream.js';

export interface ExportColumn {
  header: string;
  width: number;
}

/**
 * How a module takes a list out as .xlsx: its columns, and its rows a page at a time, each row an array of cell
 * values in column order (strings, numbers, dates; '' for an empty cell).
 */
export interface SheetExport {
  sheetName: string;
  columns: readonly ExportColumn[];
  pages: AsyncIterable<unknown[][]>;
}

/**
 * Streams a sheet: one page in memory at a time, and the zip caught up after each (lib/xlsx-stream.ts), so memory
 * stays flat at any row count. No styles table and no shared strings: ExcelJS then writes each row straight to
 * XML with inline strings, instead of building a style object per cell and a string table that grows with the
 * file; a text cell stays text in Excel (an 18-digit ID number is not turned into a number) and dates are written as
 * text. Errors after the headers are sent end the download (the client sees a broken file, never a partial one
 * that looks whole).
 */
export function streamSheet(def: SheetExport): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(def.sheetName);
  sheet.columns = def.columns.map((c) => ({ header: c.header, width: c.width }));
  (async () => {
    try {
      for await (const rows of def.pages) {
        for (const r of rows) sheet.addRow(r).commit();
        await zipCaughtUp(sheet);
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}
