import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';
import { todayInChina } from '../../lib/working-days.js';
import { activityCountsByOrg, dormantOrgs, findLiveActivities, monthsBefore } from './index.js';

let t: TestApp;
let staff: Client;
let street: Client;
let active: number;
let silent: number;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  active = (await createTestOrg(db, { name: '仓口社区太极拳队' })).id;
  silent = (await createTestOrg(db, { name: '仓口社区书法协会' })).id;
  // A registered social group that entered the register three years ago and never had an activity.
  await sql`update orgs set legal_form = 'social_group', recorded_on = ${monthsBefore(todayInChina(), 36)}::date where id = ${silent}`.execute(db);
  await sql`update orgs set recorded_on = ${monthsBefore(todayInChina(), 36)}::date where id = ${active}`.execute(db);
  const day = monthsBefore(todayInChina(), 1);
  for (const [type, n] of [['文体活动', 20], ['文体活动', 30], ['志愿服务', 12]] as const) {
    const res = await staff.post(`/api/v1/orgs/${active}/activities`, { startsAt: `${day}T09:00+08:00`, endsAt: `${day}T10:00+08:00`, title: '晨练', activityType: type, place: '广场', participants: n });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('dormancy (issue 13 item 2)', () => {
  it('flags a registered social group without activity on its record, citing art. 29; not one with a recent activity', async () => {
    const flag = (await staff.get(`/api/v1/orgs/${silent}/dormancy`)).json();
    expect(flag).toMatchObject({ dormant: true, months: 12, lastActivityOn: null, inOperation: true, statutory: { article: '第二十九条', met: true } });
    expect(flag.message).toMatch(/社会团体登记管理条例第二十九条/);
    const ok = (await staff.get(`/api/v1/orgs/${active}/dormancy`)).json();
    expect(ok).toMatchObject({ dormant: false, statutory: null, message: null, lastActivityOn: monthsBefore(todayInChina(), 1) });
  });

  it('follows the district setting', async () => {
    const district = await t.database.db.selectFrom('regions').select('id').where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
    await t.database.db.insertInto('district_settings').values({ region_id: district.id, key: 'ledger', value: JSON.stringify({ activityTypes: ['文体活动', '志愿服务'], dormancyMonths: 1 }), updated_at: new Date(), updated_by: null }).execute();
    try {
      // The last activity was exactly one month ago: not yet dormant under a one-month setting.
      expect((await staff.get(`/api/v1/orgs/${active}/dormancy`)).json()).toMatchObject({ dormant: false, months: 1 });
      const later = await dormantOrgs(t.database.db, { region: { id: Number(district.id), level: 3, level3_id: Number(district.id) }, asOf: monthsBefore(todayInChina(), -1).replace(/-\d\d$/, '-28') });
      expect(later.items.map((o) => o.id)).toEqual(expect.arrayContaining([active, silent]));
    } finally {
      await t.database.db.deleteFrom('district_settings').where('key', '=', 'ledger').execute();
    }
  });

  it('counts dormant organizations per child node, with the list behind the count', async () => {
    const res = await street.get(`/api/v1/ledger/dormant?region=${PLACES.wenshan}&list=1`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const cangkou = body.nodes.find((n: { region: { code: string } | null }) => n.region?.code === PLACES.cangkou);
    expect(cangkou).toMatchObject({ dormant: 1, inOperation: 2 });
    expect(body.total).toMatchObject({ dormant: 1 });
    expect(body.items).toEqual([expect.objectContaining({ id: silent, name: '仓口社区书法协会', statutoryMet: true, lastActivityOn: null })]);
    expect(body.itemsTotal).toBe(1);
    // Outside the reader's subtree: 404.
    expect((await staff.get(`/api/v1/ledger/dormant?region=${PLACES.xincun}`)).statusCode).toBe(404);
  });
});

describe('ledger views', () => {
  it('gives totals per child node, month and type from the kept month totals', async () => {
    const res = await street.get(`/api/v1/ledger?region=${PLACES.wenshan}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const month = monthsBefore(todayInChina(), 1).slice(0, 7);
    expect(body.months).toHaveLength(12);
    expect(body.types.slice(0, 2)).toEqual(['文体活动', '志愿服务']);
    expect(body.total).toMatchObject({ activities: 3, participants: 62 });
    const node = body.nodes.find((n: { region: { code: string } | null }) => n.region?.code === PLACES.cangkou);
    expect(node.total).toMatchObject({ activities: 3, participants: 62 });
    expect(node.byType.find((x: { type: string }) => x.type === '文体活动')).toMatchObject({ activities: 2, participants: 50 });
    expect(node.byMonth.find((x: { month: string }) => x.month === month)).toMatchObject({ activities: 3 });
    const xincun = body.nodes.find((n: { region: { code: string } | null }) => n.region?.code === PLACES.xincun);
    expect(xincun.total.activities).toBe(0);
    expect((await street.get(`/api/v1/ledger?region=${PLACES.wenshan}&from=2026-05-01&to=2026-01-01`)).json().error.fields.from).toBeDefined();
  });

  it('lists every organization of a community with its counts', async () => {
    const res = await staff.get(`/api/v1/ledger/orgs?region=${PLACES.cangkou}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items;
    expect(rows.find((r: { id: number }) => r.id === active)).toMatchObject({ total: { activities: 3 }, dormant: false });
    expect(rows.find((r: { id: number }) => r.id === silent)).toMatchObject({ total: { activities: 0 }, dormant: true });
  });
});

describe('reads for other modules', () => {
  it('counts live activities per organization and lists them in a period', async () => {
    const counts = await activityCountsByOrg(t.database.db, { orgIds: [active, silent] });
    expect(counts.get(active)).toMatchObject({ activities: 3, participants: 62 });
    expect(counts.get(silent)).toBeUndefined();
    const day = monthsBefore(todayInChina(), 1);
    expect(await findLiveActivities(t.database.db, { orgIds: [active], from: day, to: day })).toHaveLength(3);
    expect(await findLiveActivities(t.database.db, { orgIds: [active], from: todayInChina() })).toHaveLength(0);
  });
});
