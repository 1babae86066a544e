import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { makeCreditCode, makeResidentId, PLACES } from '../../../../test/factories.js';
import { finished, reportSheet, upload, workbook } from '../../../../test/sheets.js';
import { LIBRARY_MESSAGE } from '../../../shared/zod.js';
import { waitForImports } from '../imports/index.js';
import { parseCsv } from '../../lib/sheets/read.js';
import { iterateOrgsForExport } from './orgs.repository.js';
import { UNLIMITED_SCOPE } from '../../lib/access.js';

let t: TestApp;
let street: Client;
beforeAll(async () => {
  t = await createTestApp();
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
});
afterAll(async () => t?.close());

const HEADERS = ['名称', '组织形式', '类别', '所在社区', '法定代表人', '身份证号码', '手机', '会员数', '成立时间', '统一社会信用代码'];

describe('organization import', () => {
  it('commits exactly the good rows, reports each bad row, and a second import creates no duplicates', async () => {
    const file = await workbook([
      HEADERS,
      ['仓口社区合唱团', '备案', '文体活动', '仓口社区', '赵丽', makeResidentId('360802', '19620304', 1), '13900001111', 30, new Date('2015-06-01'), null],
      ['新村七彩义工之家', '备案社区社会组织', '公益慈善', '新村', '钱明', null, '0796-8221234', '45人', '2016年3月8日', null],
      ['坏行一', '某种形式', '文体活动', '仓口社区', null, null, null, null, null, null],
      ['坏行二', '备案', '文体活动', '仓口社区', null, '360802198002301234', '123', null, '昨天', null],
      ['坏行三', '社会团体', '文体活动', '仓口社区', null, null, null, null, null, '53420000MJH2448304'],
      ['越界的组织', '备案', '文体活动', '东风社区居委会', null, null, null, null, null, null],
    ]);
    const res = await upload(street, '名单.xlsx', file);
    expect(res.statusCode).toBe(202);
    const job = await finished(street, res.json().id);
    expect(job).toMatchObject({ status: 'done', total: 6, inserted: 2, updated: 0, rejected: 4 });

    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await street.get(job.reportUrl)).rawPayload as unknown as ArrayBuffer);
    const rows = report.getWorksheet('错误明细')!.getSheetValues().slice(2) as unknown[][];
    const problems = rows.map((r) => ({ row: r[1], column: r[2], message: String(r[3]) }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 4, column: '组织形式', message: expect.stringContaining('无法识别') },
        { row: 5, column: '负责人身份证号', message: '身份证号中的出生日期无效' },
        { row: 5, column: '联系电话', message: expect.stringContaining('手机号') },
        { row: 5, column: '成立日期', message: expect.stringContaining('无法识别日期') },
        { row: 6, column: '统一社会信用代码', message: '统一社会信用代码第 18 位校验码不正确' },
        { row: 7, column: '所在社区', message: expect.stringContaining('辖区内没有') },
      ]),
    );

    const list = (await street.get(`/api/v1/orgs?q=${encodeURIComponent('仓口社区合唱团')}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ legalForm: 'filed', individualMembers: 30, foundedOn: '2015-06-01', region: { code: PLACES.cangkou } });
    const xincun = (await street.get(`/api/v1/orgs?q=${encodeURIComponent('七彩义工')}`)).json();
    expect(xincun.items[0]).toMatchObject({ individualMembers: 45, foundedOn: '2016-03-08', region: { code: PLACES.xincun } });

    const again = await finished(street, (await upload(street, '名单.xlsx', file)).json().id);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect((await street.get(`/api/v1/orgs?q=${encodeURIComponent('仓口社区合唱团')}`)).json().total).toBe(1);
  });

  it('gives the first rejected rows with the finished job, as the report words them (issue 22 item 2)', async () => {
    // Twelve rows without a name, one more with a bad phone: the drawer shows the first ten at the top.
    const bad = Array.from({ length: 12 }, (_, i) => [null, '备案', '文体活动', '仓口社区', `无名${i}`, null, null, null, null, null]);
    const file = await workbook([HEADERS, ['仓口首行象棋社', '备案', '文体活动', '仓口社区', '孙亮', null, '123', null, null, null], ...bad]);
    const job = await finished(street, (await upload(street, '前十行.xlsx', file)).json().id);
    expect(job).toMatchObject({ status: 'done', total: 13, rejected: 13 });
    expect(job.firstProblems).toHaveLength(10);
    const report = await reportSheet(street, job.reportUrl, '错误明细');
    expect(job.firstProblems).toEqual(report.slice(0, 10));
    expect(job.firstProblems[0]).toMatchObject({ row: 2, column: '联系电话' });
    expect(job.firstProblems[1]).toMatchObject({ row: 3, column: '名称' });
    for (const p of job.firstProblems) expect(p.message).not.toMatch(LIBRARY_MESSAGE);
    // While running and for a clean import there is nothing to list.
    const clean = await finished(street, (await upload(street, '干净.xlsx', await workbook([HEADERS, ['仓口清爽太极队', '备案', '文体活动', '仓口社区', null, null, null, null, null, null]]))).json().id);
    expect(clean).toMatchObject({ rejected: 0, firstProblems: [] });
  });

  it('updates a matched record by credit code and keeps the history', async () => {
    const code = makeCreditCode('1');
    const header = ['组织名称', '组织形式', '类别', '区划代码', '负责人', '个人会员数', '信用代码'];
    const first = await finished(street, (await upload(street, 'a.xlsx', await workbook([header, ['文山街道书画协会', '社会团体', '文体活动', PLACES.wenshan, '孙强', 50, code]]))).json().id);
    expect(first.inserted).toBe(1);
    const second = await finished(street, (await upload(street, 'b.xlsx', await workbook([header, ['文山街道书画艺术协会', '社团', '文体活动', PLACES.wenshan, '孙强', 60, code]]))).json().id);
    expect(second).toMatchObject({ inserted: 0, updated: 1 });
    const org = (await street.get(`/api/v1/orgs?q=${code}`)).json().items[0];
    expect(org).toMatchObject({ name: '文山街道书画艺术协会', formerNames: ['文山街道书画协会'], individualMembers: 60 });
    const history = (await street.get(`/api/v1/orgs/${org.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'import', reason: '表格导入', changes: { individualMembers: { from: 50, to: 60 } } });
  });

  it('reads CSV in UTF-8 and in GB18030', async () => {
    const csv = '名称,组织形式,类别,所在区划代码\n"仓口乒乓球队,老年组",草根,文体活动,' + PLACES.cangkou + '\n';
    const utf8 = await finished(street, (await upload(street, 'x.csv', Buffer.from('\uFEFF' + csv))).json().id);
    expect(utf8).toMatchObject({ inserted: 1, rejected: 0 });
    // The same kind of file saved by Excel on a Chinese Windows: GB18030, no BOM.
    const gb18030 = Buffer.from('c3fbb3c62cd7e9d6afd0cecabd2cc0e0b1f02ccbf9d4dac7f8bbaeb4fac2eb0ab2d6bfdaccf8c9feb6d32cb2ddb8f92ccec4cce5bbeeb6af2c3336303830323030333030390a', 'hex');
    const gbk = await finished(street, (await upload(street, 'y.csv', gb18030)).json().id);
    expect(gbk).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await street.get(`/api/v1/orgs?q=${encodeURIComponent('仓口跳绳队')}`)).json().total).toBe(1);
    expect((await street.get(`/api/v1/orgs?q=${encodeURIComponent('老年组')}`)).json().items[0].name).toBe('仓口乒乓球队,老年组');
    expect(parseCsv('a,"b,""c""",d\r\n1,2,3')).toEqual([['a', 'b,"c"', 'd'], ['1', '2', '3']]);
  });

  it('refuses a file that is not a spreadsheet with a clear 4xx, storing nothing', async () => {
    const before = await t.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const res = await upload(street, 'photo.png', png);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('import.not_spreadsheet');
    const noHeader = await upload(street, 'x.xlsx', await workbook([['甲', '乙'], ['1', '2']]));
    expect(noHeader.json().error.code).toBe('import.no_header');
    const after = await t.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('keeps one importer\'s job from another user', async () => {
    const res = await upload(street, 'c.csv', Buffer.from(`名称,组织形式,类别,所在区划代码\n仓口象棋社,草根,文体活动,${PLACES.cangkou}\n`));
    await waitForImports();
    const other = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await other.get(`/api/v1/imports/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe('template and export', () => {
  it('offers a template with Chinese headers, drop-down lists and an example row', async () => {
    const res = await street.get('/api/v1/orgs/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('社会组织')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('名称');
    expect(sheet.getRow(1).getCell(3).value).toBe('组织形式');
    expect(String(sheet.getRow(2).getCell(1).value)).toContain('示例');
    expect(sheet.getCell('C2').dataValidation.formulae?.[0]).toContain('备案社区社会组织');
    expect(sheet.getCell('D2').dataValidation.formulae?.[0]).toContain('文体活动');
  });

  it('walks an export page by page over every row, even when the consumer reuses the page\'s arrays', async () => {
    const stored = await t.database.db.selectFrom('orgs').select('id').orderBy('id').execute();
    expect(stored.length).toBeGreaterThan(4);
    const seen: number[] = [];
    for await (const page of iterateOrgsForExport(t.database.db, { scope: UNLIMITED_SCOPE }, 'masked', 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      for (const row of page) {
        seen.push(row[18]);
        (row as unknown[]).length = 18;
      }
    }
    expect(seen).toEqual(stored.map((r) => Number(r.id)));
  });

  it('exports the filtered list with personal data masked, and unmasked only when asked and audited', async () => {
    await finished(street, (await upload(street, 'd.xlsx', await workbook([HEADERS, ['仓口导出测试队', '备案', '文体活动', '仓口社区', '周敏', makeResidentId('360802', '19700101', 5), '13700001234', 20, null, null]]))).json().id);
    const res = await street.get(`/api/v1/orgs/export.xlsx?q=${encodeURIComponent('导出测试')}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('社会组织名录')!;
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('仓口导出测试队');
    expect(row.getCell(9).value).toMatch(/^3608\*{10}/);
    expect(row.getCell(10).value).toBe('137****1234');
    const clear = await street.get(`/api/v1/orgs/export.xlsx?q=${encodeURIComponent('导出测试')}&unmasked=true`);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(clear.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('社会组织名录')!.getRow(2).getCell(10).value).toBe('13700001234');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'org.export_unmasked').execute();
    expect(audit).toHaveLength(1);
    const hub = await t.loginAs({ role: 'hub_manager', regionCode: PLACES.cangkou });
    expect((await hub.get('/api/v1/orgs/export.xlsx')).statusCode).toBe(403);
  });
});
