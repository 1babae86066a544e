import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, readGrid } from './read.js';
import { mapHeaders, readRecords } from './columns.js';

async function streamedXlsx(rows: unknown[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('readGrid', () => {
  it('reads every Chinese character of a large sheet exactly, whatever the chunk boundaries', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [`仓口社区合唱团${i}`, '备案社区社会组织', '文体活动', i]);
    const grid = await readGrid(await streamedXlsx([['名称', '组织形式', '类别', '序号'], ...rows]), 'a.xlsx');
    expect(grid).toHaveLength(6001);
    const wrong = grid.slice(1).filter((r, i) => r.cells[0] !== rows[i][0] || r.cells[1] !== '备案社区社会组织' || r.cells[2] !== '文体活动');
    expect(wrong).toEqual([]);
  });

  it('reads shared strings (as Excel saves) exactly too', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(['名称', '组织形式']);
    for (let i = 0; i < 6000; i++) sheet.addRow([`新村七彩义工之家第${i}队`, i % 2 ? '备案' : '草根']);
    const grid = await readGrid(Buffer.from(await wb.xlsx.writeBuffer()), 'b.xlsx');
    expect(grid.slice(1).filter((r, i) => r.cells[0] !== `新村七彩义工之家第${i}队`)).toEqual([]);
  });

  it('parses CSV with quotes and refuses what is not a table', async () => {
    expect(parseCsv('a,"b,""c""",d\r\n1,2,3')).toEqual([['a', 'b,"c"', 'd'], ['1', '2', '3']]);
    await expect(readGrid(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'x.png')).rejects.toMatchObject({ code: 'import.not_spreadsheet' });
  });
});

describe('readRecords', () => {
  const columns = [
    { key: 'name', header: '名称', variants: ['组织名称'], width: 10 },
    { key: 'phone', header: '联系电话', variants: ['手机'], width: 10 },
  ];
  it('skips a title above the header, maps variants once, drops empty rows and reports unknown headers', () => {
    const grid = [
      { rowNumber: 1, cells: ['2024 年社区社会组织名单'] },
      { rowNumber: 2, cells: ['组织名称', '手机 ', '备注', '名称'] },
      { rowNumber: 3, cells: [' 合唱团 ', 13800001111, 'x', '另一个'] },
      { rowNumber: 4, cells: ['', null] },
    ];
    const out = readRecords(grid, { columns, hint: /名称/, noHeaderMessage: '' })!;
    expect(out.unknownHeaders).toEqual(['备注']);
    expect(out.rows).toEqual([{ rowNumber: 3, values: new Map<string, unknown>([['name', '合唱团'], ['phone', 13800001111]]) }]);
    expect(readRecords([{ rowNumber: 1, cells: ['甲', '乙'] }], { columns, hint: /名称/, noHeaderMessage: '' })).toBeNull();
    expect(mapHeaders(columns, ['名称（必填）', '*手机']).byIndex).toEqual(new Map([[0, 'name'], [1, 'phone']]));
  });
});
