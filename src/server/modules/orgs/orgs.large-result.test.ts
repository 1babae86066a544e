import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { insertOrgsBulk, type BulkOrg } from './orgs.bulk.js';
import { COUNT_CAP } from './orgs.repository.js';

/** Common words match thousands: totals are capped, and the first pages come from the pinyin index, in order. */
let t: TestApp;
let district: Client;
const N = COUNT_CAP + 50;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  const communities = [PLACES.cangkou, PLACES.xincun, PLACES.gunanCommunity];
  const orgs: BulkOrg[] = Array.from({ length: N }, (_, i) => ({
    regionCode: communities[i % 3],
    recordedAt: new Date('2020-01-01'),
    row: {
      // Names whose pinyin order differs from insertion order.
      name: `${['张', '安', '李', '白', '周'][i % 5]}家合唱团${i}`,
      former_names: [], credit_code: null, legal_form: 'filed', category: '文体活动',
      address: null, leader_name: null, leader_id_number: null, leader_phone: null, individual_members: i % 100, unit_members: null,
      founded_on: null, purpose: null, activities: null, venue: null, hub_org_id: null, status: 'active',
      is_demo_site: false, is_brand: false, is_incubating: false, certificate_no: null, created_by: null,
    },
  }));
  await insertOrgsBulk(t.database.db, orgs, 'test');
}, 180_000);
afterAll(async () => t?.close());

describe('large results', () => {
  it('caps the total and still returns the first pages in pinyin order', async () => {
    const res = await district.get(`/api/v1/orgs?q=${encodeURIComponent('合唱团')}&pageSize=50`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(COUNT_CAP);
    expect(body.totalCapped).toBe(true);
    const expected = await t.database.db
      .selectFrom('orgs')
      .select(['id'])
      .where('name', 'like', '%合唱团%')
      .orderBy('pinyin')
      .orderBy('id')
      .limit(50)
      .execute();
    expect(body.items.map((o: { id: number }) => o.id)).toEqual(expected.map((e) => Number(e.id)));
    const desc = (await district.get(`/api/v1/orgs?q=hechangtuan&sort=-name&pageSize=5&page=3`)).json();
    const expectedDesc = await t.database.db.selectFrom('orgs').select('id').where('name', 'like', '%合唱团%').orderBy('pinyin', 'desc').orderBy('id', 'desc').offset(10).limit(5).execute();
    expect(desc.items.map((o: { id: number }) => o.id)).toEqual(expectedDesc.map((e) => Number(e.id)));
  });

  it('counts exactly below the cap, inside the jurisdiction', async () => {
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    const res = (await street.get(`/api/v1/orgs?q=${encodeURIComponent('周家合唱')}`)).json();
    // 周 is every 5th name, and two of the three communities lie in 文山街道.
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => i % 5 === 4 && i % 3 !== 2).length;
    expect(res.total).toBe(expected);
    expect(res.totalCapped).toBe(false);
  });
});
