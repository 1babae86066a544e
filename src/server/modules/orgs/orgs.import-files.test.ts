import { open } from '../../lib/personal-data.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { makeResidentId, PLACES } from '../../../../test/factories.js';
import { finished, reportSheet, upload, workbook } from '../../../../test/sheets.js';
import { bigrams, quadgrams, toInitials, toPinyin, trigrams } from '../../lib/search-text.js';
import { searchColumns } from './orgs.mapping.js';
import { backfillOrgSearchColumns } from './orgs.search-backfill.js';

/**
 * Issue 11 item 5: rows as street offices and communities really keep them are imported, not lost. Each test is
 * one class of ledger habit, driven through the real upload, job and report routes.
 */
let t: TestApp;
let district: Client;
let street: Client;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
});
afterAll(async () => t?.close());

const HEADERS = ['序号', '组织名称', '组织类型', '服务类别', '所在社区（村）', '负责人', '身份证号', '联系电话', '成员人数', '成立时间'];
/** What a Chinese input method in full-width mode types. */
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

// Personal columns are stored sealed (migration 0015): opened here to compare with what the file held.
const stored = async (name: string) => {
  const row = await t.database.db.selectFrom('orgs as o').innerJoin('regions as r', 'r.id', 'o.region_id').select(['o.name', 'o.founded_on', 'o.leader_phone_enc', 'o.leader_id_number_enc', 'o.individual_members', 'r.code']).where('o.name', '=', name).executeTakeFirst();
  if (!row) return row;
  const { leader_phone_enc, leader_id_number_enc, ...rest } = row;
  return { ...rest, leader_phone: leader_phone_enc && open(leader_phone_enc), leader_id_number: leader_id_number_enc && open(leader_id_number_enc) };
};

async function importRows(c: Client, rows: (string | number | Date | null)[][]) {
  const res = await upload(c, '台账.xlsx', await workbook([HEADERS, ...rows]));
  expect(res.statusCode, res.body).toBe(202);
  return finished(c, res.json().id);
}

describe('ledger rows that were lost before', () => {
  it('reads founding months as the 1st of the month and says so in the report; text and serial dates too', async () => {
    const job = await importRows(street, [
      [1, '仓口年月合唱团', '备案', '文体活动', '仓口社区', null, null, null, null, '2015年6月'],
      [2, '仓口点号舞蹈队', '备案', '文体活动', '仓口社区', null, null, null, null, '2016.03'],
      [3, '仓口序列号书法社', '备案', '文体活动', '仓口社区', null, null, null, null, 42156],
      [4, '仓口文本日期棋社', '备案', '文体活动', '仓口社区', null, null, null, null, '2017/9/12'],
    ]);
    expect(job).toMatchObject({ status: 'done', total: 4, inserted: 4, rejected: 0, skipped: 0 });
    expect((await stored('仓口年月合唱团'))?.founded_on).toBe('2015-06-01');
    expect((await stored('仓口点号舞蹈队'))?.founded_on).toBe('2016-03-01');
    expect((await stored('仓口序列号书法社'))?.founded_on).toBe('2015-06-01');
    expect((await stored('仓口文本日期棋社'))?.founded_on).toBe('2017-09-12');
    const notes = await reportSheet(street, job.reportUrl, '提示');
    expect(notes).toEqual([
      { row: 2, column: '成立日期', message: expect.stringMatching(/只写了年月“2015年6月”.*2015-06-01/) },
      { row: 3, column: '成立日期', message: expect.stringMatching(/只写了年月“2016\.03”.*2016-03-01/) },
    ]);
  });

  it('normalizes full-width digits in a phone, an ID number and a member count before validating', async () => {
    const id = makeResidentId('360802', '19700101', 7);
    const job = await importRows(street, [
      [1, '仓口全角太极队', '备案', '文体活动', '仓口社区', '周敏', fullWidth(id), fullWidth('138 0013 8000'), '４５人', '２０１５－０６－０１'],
      [2, '仓口分机志愿队', '备案', '公益慈善', '仓口社区', '吴涛', null, '0796-8221234 转 801', 20, null],
      [3, '仓口空格电话队', '备案', '文体活动', '仓口社区', null, null, '138 0013 8000', null, null],
    ]);
    expect(job).toMatchObject({ inserted: 3, rejected: 0 });
    expect(await stored('仓口全角太极队')).toMatchObject({ leader_id_number: id, leader_phone: '13800138000', individual_members: 45, founded_on: '2015-06-01' });
    expect((await stored('仓口分机志愿队'))?.leader_phone).toBe('0796-8221234-801');
    expect((await stored('仓口空格电话队'))?.leader_phone).toBe('13800138000');
  });

  it('matches a community written without its official suffix when unique, and lists the candidates when not', async () => {
    const job = await importRows(district, [
      [1, '仓口无后缀读书会', '备案', '文体活动', '仓口', null, null, null, null, null],
      [2, '仓口全称读书会', '备案', '文体活动', '仓口社区居委会', null, null, null, null, null],
      [3, '仓口带街道读书会', '备案', '文体活动', '文山街道仓口社区', null, null, null, null, null],
      [4, '新村同名读书会', '备案', '文体活动', '新村', null, null, null, null, null],
      [5, '新村带街道读书会', '备案', '文体活动', '文山街道新村', null, null, null, null, null],
      [6, '北门同名读书会', '备案', '文体活动', '北门居委会', null, null, null, null, null],
    ]);
    expect(job).toMatchObject({ inserted: 4, rejected: 2 });
    for (const name of ['仓口无后缀读书会', '仓口全称读书会', '仓口带街道读书会']) expect((await stored(name))?.code, name).toBe(PLACES.cangkou);
    expect((await stored('新村带街道读书会'))?.code).toBe(PLACES.xincun);
    const problems = await reportSheet(district, job.reportUrl, '错误明细');
    expect(problems).toEqual([
      { row: 5, column: '所在社区', message: '“新村”对应多个社区：文山街道新村居委会、禾埠街道新村村委会，请填写区划代码或带上街道名称' },
      { row: 7, column: '所在社区', message: '“北门居委会”对应多个社区：北门街道北门居委会、白塘街道北门居委会，请填写区划代码或带上街道名称' },
    ]);
    // Inside one street's jurisdiction 新村 is unique.
    const inStreet = await importRows(street, [[1, '新村街道内读书会', '备案', '文体活动', '新村', null, null, null, null, null]]);
    expect(inStreet).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await stored('新村街道内读书会'))?.code).toBe(PLACES.xincun);
  });

  it('skips totals, notes and signature rows below the data and counts them as skipped, not as errors', async () => {
    const job = await importRows(street, [
      [1, '仓口合计前腰鼓队', '备案', '文体活动', '仓口社区', null, null, null, 30, null],
      [2, '仓口合计前秧歌队', '草根组织', '文体活动', '仓口社区', null, null, null, 25, null],
      [3, null, null, null, null, null, null, null, null, null],
      ['合计', null, null, null, null, null, null, null, 55, null],
      ['说明：本表由社区填写，成员名单另附。', null, null, null, null, null, null, null, null, null],
      ['填表人：张三', null, null, null, '审核人：李四', null, null, null, null, null],
      [null, '填表日期：2024年5月', null, null, null, null, null, null, null, null],
    ]);
    expect(job).toMatchObject({ status: 'done', total: 2, inserted: 2, rejected: 0, skipped: 5 });
    expect(await reportSheet(street, job.reportUrl, '错误明细')).toEqual([]);
    const skipped = await reportSheet(street, job.reportUrl, '跳过的行');
    expect(skipped.map((s) => s.row)).toEqual([4, 5, 6, 7, 8]);
    expect(skipped[1].message).toContain('合计');
  });
});

describe('ledger layouts', () => {
  it('finds the header under a title row and reads header variants with hints, marks and full-width brackets', async () => {
    const file = await workbook([
      ['文山街道社区社会组织台账（2024年）'],
      ['序号', '组织名', '组织形式（必填）', '类别*', '所在社区（村）', '联系电话（手机）', '成立年月', '成员数量'],
      [1, '仓口表头变体合唱团', '备案', '文体活动', '仓口', '１３９ ０００１ １１１１', '2019年5月', '３０人'],
    ]);
    const job = await finished(street, (await upload(street, '台账.xlsx', file)).json().id);
    expect(job).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await stored('仓口表头变体合唱团')).toMatchObject({ code: PLACES.cangkou, leader_phone: '13900011111', founded_on: '2019-05-01', individual_members: 30 });
  });
});

describe('traditional and simplified names', () => {
  const search = async (c: Client, q: string) => (await c.get(`/api/v1/orgs?q=${encodeURIComponent(q)}`)).json().items.map((o: { name: string }) => o.name);
  const create = (name: string) => street.post('/api/v1/orgs', { name, legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou });

  it('stores a name as written and finds it by a search in the other writing, through the real search routes', async () => {
    expect((await create('倉口社區書畫協會')).statusCode).toBe(201);
    const imported = await importRows(street, [[1, '仓口社区太极拳协会', '备案', '文体活动', '仓口社区', null, null, null, null, null]]);
    expect(imported.inserted).toBe(1);
    expect(await search(street, '仓口社区书画')).toEqual(['倉口社區書畫協會']);
    expect(await search(street, '書畫協會')).toEqual(['倉口社區書畫協會']);
    expect(await search(street, '太極拳協會')).toEqual(['仓口社区太极拳协会']);
    expect(await search(street, 'cangkoushequshuhua')).toEqual(['倉口社區書畫協會']);
    const pub = (await t.anonymous().get(`/api/v1/public/orgs?q=${encodeURIComponent('书画协会')}`)).json();
    expect(pub.items.map((o: { name: string }) => o.name)).toContain('倉口社區書畫協會');
  });

  it('brings rows stored before migration 0014 up to date at start-up (their grams were built from the written name)', async () => {
    expect((await create('倉口舊式燈謎社')).statusCode).toBe(201);
    const db = t.database.db;
    // As stored before 0014: grams and pinyin of the written name, no search_name.
    const name = '倉口舊式燈謎社';
    const old = [...bigrams(name), ...trigrams(toPinyin(name)), ...quadgrams(toPinyin(name)), ...trigrams(toInitials(name))];
    await db.updateTable('orgs').set({ search_name: null, search_grams: old, pinyin: toPinyin(name), initials: toInitials(name) }).where('name', '=', name).execute();
    expect(await search(street, '灯谜社')).toEqual([]);
    await sql`update search_backfills set last_id = 0, until_id = (select max(id) from orgs), updated = 0, done_at = null`.execute(db);
    const result = await backfillOrgSearchColumns(db, 50);
    expect(result.updated).toBeGreaterThanOrEqual(1);
    expect(await search(street, '灯谜社')).toEqual([name]);
    const row = await db.selectFrom('orgs').select(['search_grams', 'search_name', 'pinyin']).where('name', '=', name).executeTakeFirstOrThrow();
    const want = searchColumns(name, []);
    expect(new Set(row.search_grams)).toEqual(new Set(want.search_grams));
    expect(row.search_name).toBe('仓口旧式灯谜社');
    // Done once: a second start reads nothing.
    expect(await backfillOrgSearchColumns(db)).toEqual({ scanned: 0, updated: 0 });
  });
});

describe('files that are no .xlsx', () => {
  const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const zipWith = (entry: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry), Buffer.alloc(64)]);

  it('refuses an Excel 97–2003 .xls with how to save it as .xlsx, and other kinds with a clear 4xx', async () => {
    const xls = await upload(street, '台账.xls', OLE2);
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error).toMatchObject({ code: 'import.xls', message: expect.stringContaining('请在 Excel 中“另存为”Excel 工作簿（*.xlsx）后再导入') });
    const cases: [string, Buffer, string, RegExp][] = [
      ['台账.et', OLE2, 'import.wps_sheet', /WPS.*另存为.*xlsx/],
      ['台账.wps', OLE2, 'import.not_spreadsheet', /不是表格/],
      ['台账.numbers', zipWith('Index/Document.iwa'), 'import.numbers', /导出为.*Excel/],
      ['台账.docx', zipWith('word/document.xml'), 'import.not_spreadsheet', /Word/],
      ['台账.ods', zipWith('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), 'import.ods', /另存为/],
      ['台账.xls', Buffer.from('名称\t组织形式\n'), 'import.xls', /另存为/],
    ];
    for (const [filename, content, code, message] of cases) {
      const res = await upload(street, filename, content);
      expect(res.statusCode, filename).toBe(400);
      expect(res.json().error.code, filename).toBe(code);
      expect(res.json().error.message, filename).toMatch(message);
    }
  });
});
