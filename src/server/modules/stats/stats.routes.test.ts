import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';
import type { NodeTargets, TargetItem, TargetsResponse } from '../../../shared/schemas/stats.js';

/**
 * A small hierarchy with known answers, in 文山街道 (a street) and 兴桥镇 (a town):
 * 仓口社区 5,000 residents, 10 organizations entered 2022, 2 in 2023, one of the 2022 ones deregistered 2023-09-01,
 * plus a grassroots group and one still being filed (neither counted); 新村 3,000 residents, 3 entered 2023;
 * 平安里 no population, 2 entered 2021; a village of 兴桥镇 1,200 residents, 4 entered 2022 and 1 in 2023.
 */
const PINGANLI = '360802003006';
let t: TestApp;
let admin: Client;
let village: string;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  village = (await db.selectFrom('regions').select('code').where('code', 'like', '360802100%').where('kind', '=', 'village').orderBy('code').executeTakeFirstOrThrow()).code;
  const setPopulation = (code: string, population: number) => db.updateTable('regions').set({ population }).where('code', '=', code).execute();
  await setPopulation(PLACES.cangkou, 5000);
  await setPopulation(PLACES.xincun, 3000);
  await setPopulation(village, 1200);
  const orgs = async (code: string, n: number, foundedOn: string) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await createTestOrg(db, { regionCode: code, foundedOn })).id);
    return ids;
  };
  const cangkou2022 = await orgs(PLACES.cangkou, 10, '2022-03-01');
  await orgs(PLACES.cangkou, 2, '2023-06-01');
  await createTestOrg(db, { regionCode: PLACES.cangkou, legalForm: 'grassroots', status: 'preparing', foundedOn: '2022-01-01' });
  await createTestOrg(db, { regionCode: PLACES.cangkou, status: 'filing', foundedOn: '2022-01-01' });
  await db.updateTable('orgs').set({ status: 'deregistered', closed_on: '2023-09-01' }).where('id', '=', cangkou2022[0]).execute();
  await orgs(PLACES.xincun, 3, '2023-02-01');
  await orgs(PINGANLI, 2, '2021-05-01');
  await orgs(village, 4, '2022-04-01');
  await orgs(village, 1, '2023-04-01');
  admin = await t.loginAs({ role: 'district_admin' });
});
afterAll(async () => t?.close());

const targets = async (c: Client, region: string, asOf: string): Promise<TargetsResponse> => {
  const res = await c.get(`/api/v1/stats/targets?region=${region}&asOf=${asOf}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const item = (n: NodeTargets, key: TargetItem['key']) => n.items.find((i) => i.key === key)!;
const child = (r: TargetsResponse, code: string) => r.children.find((c) => c.region.code === code)!;

describe('GET /stats/targets', () => {
  it('needs a session', async () => {
    expect((await t.anonymous().get(`/api/v1/stats/targets?region=${PLACES.jizhou}`)).statusCode).toBe(401);
  });

  it('computes each figure of a community at the end of 2023', async () => {
    const r = await targets(admin, PLACES.cangkou, '2023-12-31');
    expect(r.source).toBe('counters');
    expect(r.orgs).toBe(11);
    expect(item(r, 'orgsPer10k')).toMatchObject({ value: 22, target: 25, numerator: 11, denominator: 5000, status: 'behind', gap: -3 });
    // A street: 10% a year. 2 entered in 2023 over the 10 of the end of 2022.
    expect(item(r, 'growthRate')).toMatchObject({ value: 20, target: 10, numerator: 2, denominator: 10, status: 'met' });
    expect(item(r, 'orgsPerUrbanCommunity')).toMatchObject({ value: 11, target: 10, numerator: 11, denominator: 1, status: 'met' });
    expect(item(r, 'orgsPerRuralCommunity')).toMatchObject({ value: null, status: 'no-data' });
    // 年检率 of the 2022 reports as of the end of 2023: the 9 of 2022 still in operation owe one, none is concluded.
    expect(item(r, 'inspectionRate')).toMatchObject({ value: 0, target: 100, numerator: 0, denominator: 9, status: 'behind' });
    for (const key of ['partyCoverage', 'satisfaction'] as const) expect(item(r, key)).toMatchObject({ status: 'no-data', value: null });
    expect(r.items.map((i) => i.key)).toEqual(['orgsPer10k', 'growthRate', 'orgsPerUrbanCommunity', 'orgsPerRuralCommunity', 'inspectionRate', 'partyCoverage', 'satisfaction']);
  });

  it('counts the year before from the same history', async () => {
    const r = await targets(admin, PLACES.cangkou, '2022-12-31');
    expect(r.orgs).toBe(10);
    expect(item(r, 'growthRate')).toMatchObject({ value: null, status: 'no-data', numerator: 10, denominator: 0 });
  });

  it('counts any other date from the registry: the deregistration of September is still ahead on 30 June', async () => {
    const r = await targets(admin, PLACES.cangkou, '2023-06-30');
    expect(r.source).toBe('registry');
    expect(r.orgs).toBe(12);
    expect(item(r, 'growthRate')).toMatchObject({ numerator: 2, denominator: 10, value: 20 });
  });

  it('shows a node without population as 人口未录入 and never divides by zero; a street sums what is entered and says it is partial', async () => {
    const r = await targets(admin, PLACES.wenshan, '2023-12-31');
    const pinganli = child(r, PINGANLI);
    expect(pinganli.population).toBeNull();
    expect(item(pinganli, 'orgsPer10k')).toMatchObject({ value: null, status: 'no-data', note: '人口未录入', numerator: 2, denominator: null });
    expect(child(r, PLACES.xincun)).toMatchObject({ population: 3000, orgs: 3 });
    expect(item(child(r, PLACES.xincun), 'orgsPer10k')).toMatchObject({ value: 10, status: 'behind' });
    expect(r.population).toBe(8000);
    expect(r.populationPartial).toBe(true);
    expect(r.orgs).toBe(16);
    expect(item(r, 'orgsPer10k')).toMatchObject({ value: 20, numerator: 16, denominator: 8000, note: '部分下级人口未录入，仅按已录入部分计算' });
    // 2 + 3 entered in 2023 over the 10 + 2 of the end of 2022.
    expect(item(r, 'growthRate')).toMatchObject({ numerator: 5, denominator: 12, value: 41.67, target: 10 });
    const urban = await t.database.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', r.region.id).where('kind', '=', 'community').executeTakeFirstOrThrow();
    expect(item(r, 'orgsPerUrbanCommunity')).toMatchObject({ numerator: 16, denominator: Number(urban.n) });
  });

  it('holds a town to 5% and a village to the rural target', async () => {
    const r = await targets(admin, village, '2023-12-31');
    expect(item(r, 'growthRate')).toMatchObject({ value: 25, target: 5, status: 'met' });
    expect(item(r, 'orgsPerRuralCommunity')).toMatchObject({ value: 5, target: 5, status: 'met' });
    expect(item(r, 'orgsPer10k')).toMatchObject({ value: 41.67, status: 'met' });
  });

  it('weights the district growth target by the bases of its streets and towns, and reads the district setting', async () => {
    const r = await targets(admin, PLACES.jizhou, '2023-12-31');
    // Bases at the end of 2022: streets 12 (10% of them = 1.2), the town 4 (5% = 0.2): 1.4 / 16 = 8.75%.
    expect(item(r, 'growthRate')).toMatchObject({ numerator: 6, denominator: 16, value: 37.5, target: 8.75 });
    expect(r.orgs).toBe(21);
    const district = r.region.id;
    await t.database.db.insertInto('district_settings').values({ region_id: district, key: 'targets', value: JSON.stringify({ orgsPer10k: 30, growthStreet: 20 }), updated_at: new Date(), updated_by: null }).execute();
    const again = await targets(admin, PLACES.jizhou, '2023-12-31');
    expect(item(again, 'orgsPer10k').target).toBe(30);
    expect(item(again, 'growthRate').target).toBe(16.25);
    expect(item(child(again, PLACES.wenshan), 'growthRate').target).toBe(20);
    await t.database.db.deleteFrom('district_settings').where('region_id', '=', district).execute();
  });

  it('rejects a future date and answers 404 outside the subtree', async () => {
    expect((await admin.get(`/api/v1/stats/targets?region=${PLACES.jizhou}&asOf=2999-12-31`)).statusCode).toBe(400);
    const staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
    expect((await staff.get(`/api/v1/stats/targets?region=${PLACES.wenshan}`)).statusCode).toBe(404);
    const own = await targets(staff, PLACES.cangkou, '2023-12-31');
    expect(own.ancestors).toEqual([]);
  });
});

describe('drill-down, breakdown and spreadsheets', () => {
  it('lists the organizations behind a figure', async () => {
    const res = await admin.get(`/api/v1/stats/orgs?region=${PLACES.cangkou}&asOf=2023-12-31&pageSize=50`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(11);
    const added = (await admin.get(`/api/v1/stats/orgs?region=${PLACES.wenshan}&asOf=2023-12-31&scope=added`)).json();
    expect(added.total).toBe(5);
  });

  it('gives the yearly series and the composition', async () => {
    const res = await admin.get(`/api/v1/stats/breakdown?region=${PLACES.wenshan}&asOf=2023-12-31`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().years).toEqual([
      { year: 2021, total: 2, added: 2, closed: 0 },
      { year: 2022, total: 12, added: 10, closed: 0 },
      { year: 2023, total: 16, added: 5, closed: 1 },
    ]);
    expect(res.json().byCategory).toEqual([{ category: '文体活动', count: 16 }]);
  });

  it('exports the view with its path and date, and the yearly report', async () => {
    const res = await admin.get(`/api/v1/stats/targets.xlsx?region=${PLACES.wenshan}&asOf=2023-12-31`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('目标达成')!;
    const text = (sheet.getSheetValues() as unknown[][]).flat().join('|');
    expect(text).toContain('吉州区 / 文山街道');
    expect(text).toContain('2023-12-31');
    expect(text).toContain('人口未录入');
    const report = await admin.get(`/api/v1/stats/report.xlsx?region=${PLACES.jizhou}&year=2023`);
    expect(report.statusCode).toBe(200);
    const rwb = new ExcelJS.Workbook();
    await rwb.xlsx.load(report.rawPayload as never);
    const rows = (rwb.getWorksheet('2023年统计')!.getSheetValues() as unknown[][]).filter(Boolean);
    const total = rows.find((r) => String(r[2]).includes('（合计）'))!;
    expect(total[6]).toBe(21);
  });
});
