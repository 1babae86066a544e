import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { finished, multipart, reportSheet, workbook } from '../../../../test/sheets.js';
import { parseSheetDateTime } from './activities.sheet.js';

let t: TestApp;
let staff: Client;
const HEADERS = ['组织名称', '统一社会信用代码/备案编号', '开始时间', '结束时间', '活动名称', '活动类型', '活动地点', '参与人数', '受益人数', '志愿者人数', '志愿服务时长（小时）', '涉及金额（元）', '是否涉外', '活动简介'];
const code = makeCreditCode('1');
beforeAll(async () => {
  t = await createTestApp();
  staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  await createTestOrg(t.database.db, { name: '仓口社区台账合唱团' });
  await createTestOrg(t.database.db, { name: '仓口社区台账志愿队', legalForm: 'social_group', creditCode: code, category: '公益慈善' });
  await createTestOrg(t.database.db, { name: '古南社区台账舞蹈队', regionCode: PLACES.gunanCommunity });
});
afterAll(async () => t?.close());

const importFile = (c: Client, file: Buffer) => {
  const body = multipart('台账.xlsx', file);
  return c.request({ method: 'POST', url: '/api/v1/activities/import', payload: body.payload, headers: body.headers });
};
const live = (name: string) =>
  t.database.db.selectFrom('activities as a').innerJoin('orgs as o', 'o.id', 'a.org_id').selectAll('a').where('o.name', '=', name).where('a.deleted_at', 'is', null).orderBy('a.starts_at').execute();

describe('parseSheetDateTime', () => {
  it('reads the forms ledgers hold, as China wall-clock time', () => {
    expect(parseSheetDateTime('2026-03-05 09:00')).toMatchObject({ iso: '2026-03-05T09:00:00+08:00', hasTime: true });
    expect(parseSheetDateTime('2026/3/5 9:30:00')).toMatchObject({ iso: '2026-03-05T09:30:00+08:00' });
    expect(parseSheetDateTime('2026年3月5日14时30分')).toMatchObject({ iso: '2026-03-05T14:30:00+08:00' });
    expect(parseSheetDateTime('２０２６年３月５日 ８:００')).toMatchObject({ iso: '2026-03-05T08:00:00+08:00' });
    expect(parseSheetDateTime('2026-03-05')).toMatchObject({ iso: '2026-03-05T00:00:00+08:00', hasTime: false });
    expect(parseSheetDateTime(new Date(Date.UTC(2026, 2, 5, 9, 15)))).toMatchObject({ iso: '2026-03-05T09:15:00+08:00' });
    expect(parseSheetDateTime(46086.375)).toMatchObject({ iso: '2026-03-05T09:00:00+08:00' });
    expect(parseSheetDateTime('2026-03')).toBe('invalid');
    expect(parseSheetDateTime('2026-02-30 09:00')).toBe('invalid');
    expect(parseSheetDateTime('2026-03-05 25:00')).toBe('invalid');
    expect(parseSheetDateTime('昨天')).toBe('invalid');
    expect(parseSheetDateTime(null)).toBeNull();
  });
});

describe('activity import', () => {
  it('writes the good rows with totals and last activity day, reports each bad row in Chinese, and never duplicates', async () => {
    const file = await workbook([
      ['仓口社区活动台账（2026 年）'],
      HEADERS,
      ['仓口社区台账合唱团', null, '2026-03-05 09:00', '2026-03-05 11:30', '迎春合唱', '文体活动', '社区活动室', 30, 50, 3, 7.5, null, '否', '排练与演出'],
      [null, code, new Date(Date.UTC(2026, 3, 12, 8, 0)), null, '清洁家园', '志愿服务', '仓口社区', '25人', null, 25, '50小时', null, null, null],
      ['仓口社区台账志愿队', null, '2026年4月20日', '2026年4月20日', '爱心义卖', '慈善募捐', '仓口社区广场', 80, 200, 10, 20, '12,345.60', '否', null],
      ['不存在的组织', null, '2026-03-06', null, '活动', '文体活动', '某处', 10, null, null, null, null, null, null],
      ['古南社区台账舞蹈队', null, '2026-03-06', null, '越界活动', '文体活动', '古南', 10, null, null, null, null, null, null],
      ['仓口社区台账合唱团', null, '2026-03-07', null, '类型不对', '广场舞', '社区活动室', 10, null, null, null, null, null, null],
      ['仓口社区台账合唱团', null, '下周三', null, '日期不对', '文体活动', '社区活动室', 10, null, null, null, null, null, null],
      ['仓口社区台账合唱团', null, '2026-03-08 15:00', '2026-03-08 09:00', '时间倒置', '文体活动', '社区活动室', 10, null, null, null, null, null, null],
      ['仓口社区台账合唱团', null, '2026-03-09', null, '负数', '文体活动', '社区活动室', -5, null, null, -2, '-10', null, null],
      ['合计', null, null, null, null, null, null, 165, null, null, null, null, null, null],
    ]);
    const res = await importFile(staff, file);
    expect(res.statusCode).toBe(202);
    const job = await finished(staff, res.json().id);
    expect(job).toMatchObject({ kind: 'activities', status: 'done', total: 9, inserted: 3, unchanged: 0, rejected: 6, skipped: 1 });
    const problems = await reportSheet(staff, job.reportUrl, '错误明细');
    expect(problems).toEqual(
      expect.arrayContaining([
        { row: 6, column: '组织名称', message: expect.stringContaining('本区没有名为“不存在的组织”') },
        { row: 7, column: '组织名称', message: expect.stringContaining('不在您的辖区内') },
        { row: 8, column: '活动类型', message: expect.stringContaining('“广场舞”不是本区的活动类型，应为：文体活动、志愿服务') },
        { row: 9, column: '开始时间', message: expect.stringContaining('无法识别时间“下周三”') },
        { row: 10, column: '结束时间', message: '结束时间不能早于开始时间' },
        { row: 11, column: '参与人数', message: '参与人数不能为负数' },
        { row: 11, column: '志愿服务时长（小时）', message: '志愿服务时长不能为负数' },
        { row: 11, column: '涉及金额（元）', message: '涉及金额不能为负数' },
      ]),
    );

    const choir = await live('仓口社区台账合唱团');
    expect(choir).toHaveLength(1);
    expect(choir[0]).toMatchObject({ held_on: '2026-03-05', participants: 30, beneficiaries: 50, volunteers: 3, volunteer_minutes: 450, entered_as: 'import', import_job_id: job.id, entered_by: staff.userId });
    expect(new Date(choir[0].starts_at).toISOString()).toBe('2026-03-05T01:00:00.000Z');
    // Placed like its organization: the community and its ancestors.
    const cangkou = await t.database.db.selectFrom('regions').selectAll().where('code', '=', PLACES.cangkou).executeTakeFirstOrThrow();
    expect([choir[0].region_id, choir[0].level3_id, choir[0].level4_id, choir[0].level5_id].map(Number)).toEqual([cangkou.id, cangkou.level3_id, cangkou.level4_id, cangkou.level5_id].map(Number));
    const team = await live('仓口社区台账志愿队');
    expect(team.map((a) => [a.held_on, a.participants, a.volunteer_minutes, Number(a.amount_fen)])).toEqual([
      ['2026-04-12', 25, 3000, 0],
      ['2026-04-20', 80, 1200, 1_234_560],
    ]);
    // A day alone as the end lasts to that day's end; a blank end is the start.
    expect(new Date(team[1].ends_at).toISOString()).toBe('2026-04-20T15:59:00.000Z');
    expect(new Date(team[0].ends_at).getTime()).toBe(new Date(team[0].starts_at).getTime());

    // The kept counters equal a recount from the activities, and each organization's last activity day is set.
    const kept = await sql<{ k: string }>`select string_agg(concat_ws('|', region_id, month, activity_type, activities, participants, volunteer_minutes), ',' order by 1) as k from ledger_month_totals where activities <> 0`.execute(t.database.db);
    const recount = await sql<{ k: string }>`select string_agg(k, ',' order by k) as k from (select concat_ws('|', region_id, date_trunc('month', held_on)::date, activity_type, count(*), sum(participants), sum(volunteer_minutes)) as k from activities where deleted_at is null group by region_id, date_trunc('month', held_on), activity_type) s`.execute(t.database.db);
    expect(kept.rows[0].k).toBe(recount.rows[0].k);
    const last = await t.database.db.selectFrom('orgs').select(['name', 'last_activity_on']).where('name', 'in', ['仓口社区台账合唱团', '仓口社区台账志愿队']).orderBy('name').execute();
    expect(last.map((o) => o.last_activity_on)).toEqual(['2026-03-05', '2026-04-20']);
    const audits = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_id', '=', job.id).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['activity.import', 'activity.import_file']);

    const again = await finished(staff, (await importFile(staff, file)).json().id);
    expect(again).toMatchObject({ inserted: 0, unchanged: 3, rejected: 6 });
    expect(await live('仓口社区台账合唱团')).toHaveLength(1);
  });

  it('lets a hub manager import for its federation and members only', async () => {
    const hub = await createTestOrg(t.database.db, { name: '仓口社区台账联合会', category: '枢纽型' });
    const member = await createTestOrg(t.database.db, { name: '仓口社区台账会员书画社', hubOrgId: hub.id });
    const user = await createTestUser(t.database.db, { role: 'hub_manager', regionCode: PLACES.cangkou });
    await t.database.db.updateTable('users').set({ org_id: hub.id }).where('id', '=', user.id).execute();
    const manager = await t.login(user.username);
    const file = await workbook([
      HEADERS,
      [member.name, null, '2026-05-01 09:00', null, '会员交流', '文体活动', '社区活动室', 12, null, null, null, null, null, null],
      ['仓口社区台账合唱团', null, '2026-05-02 09:00', null, '非会员', '文体活动', '社区活动室', 12, null, null, null, null, null, null],
    ]);
    const job = await finished(manager, (await importFile(manager, file)).json().id);
    expect(job).toMatchObject({ inserted: 1, rejected: 1 });
    expect(await reportSheet(manager, job.reportUrl, '错误明细')).toEqual([{ row: 3, column: '组织名称', message: expect.stringContaining('不在您的辖区内') }]);
    expect((await live(member.name))[0]).toMatchObject({ entered_by: user.id, entered_as: 'import' });
  });

  it('refuses roles without activity.import and files without the header', async () => {
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await importFile(street, await workbook([HEADERS]))).statusCode).toBe(403);
    // A body whose multipart boundary is not the one its header names is refused as an incomplete upload.
    const a = multipart('a.csv', Buffer.from('组织名称,开始时间\n甲,2026-01-01\n'));
    const b = multipart('a.csv', Buffer.from(''));
    const garbled = await staff.request({ method: 'POST', url: '/api/v1/activities/import', payload: a.payload, headers: b.headers });
    expect(garbled.statusCode, garbled.body).toBe(400);
    const res = await importFile(staff, await workbook([['甲', '乙'], ['1', '2']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('开始时间');
  });

  it('hands out a template whose example row is refused only for its made-up organization', async () => {
    const res = await staff.get('/api/v1/activities/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('活动台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(sheet.getCell(2, 6).dataValidation.formulae[0]).toContain('慈善募捐');
    const job = await finished(staff, (await importFile(staff, res.rawPayload)).json().id);
    expect(job).toMatchObject({ total: 1, rejected: 1 });
    expect(await reportSheet(staff, job.reportUrl, '错误明细')).toEqual([{ row: 2, column: '组织名称', message: expect.stringContaining('本区没有名为') }]);
  });
});
