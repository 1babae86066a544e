import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, makeResidentId, PLACES } from '../../../../test/factories.js';

let t: TestApp;
let district: Client;
let street: Client;
let community: Client;
let xiyanghong: number;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  xiyanghong = (
    await createTestOrg(t.database.db, {
      name: '平安夕阳红老年人协会',
      category: '文体活动',
      regionCode: PLACES.wenshan + '006',
      leaderName: '李桂英',
      leaderIdNumber: makeResidentId('360802', '19550312', 21),
      leaderPhone: '13807961234',
      purpose: '丰富社区老年人文化生活',
    })
  ).id;
});
afterAll(async () => t?.close());

const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((o) => o.id);

describe('GET /api/v1/orgs search', () => {
  it.each([['夕阳红'], ['xiyanghong'], ['xyh'], ['paxyhlnrxh'], ['XiYangHong']])('finds 平安夕阳红老年人协会 by %s', async (q) => {
    const res = await street.get(`/api/v1/orgs?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toContain(xiyanghong);
  });

  it('finds by credit code and by a former name', async () => {
    const code = makeCreditCode('1');
    const org = await createTestOrg(t.database.db, { name: '吉州区书法家协会', legalForm: 'social_group', creditCode: code, regionCode: PLACES.jizhou, category: '文体活动' });
    expect(ids(await district.get(`/api/v1/orgs?q=${code}`))).toEqual([org.id]);
    expect(ids(await district.get(`/api/v1/orgs?q=${code.slice(0, 10)}`))).toContain(org.id);
    const row = (await district.get(`/api/v1/orgs/${org.id}`)).json();
    const renamed = await district.patch(`/api/v1/orgs/${org.id}`, { version: row.version, name: '吉州区书法艺术协会', reason: '章程修改' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().formerNames).toEqual(['吉州区书法家协会']);
    expect(ids(await district.get(`/api/v1/orgs?q=${encodeURIComponent('书法家')}`))).toEqual([org.id]);
    expect(ids(await district.get('/api/v1/orgs?q=shufajia'))).toEqual([org.id]);
  });

  it('returns only organizations inside the jurisdiction', async () => {
    const gunan = await createTestOrg(t.database.db, { name: '古南夕阳红舞蹈队', regionCode: PLACES.gunanCommunity });
    const all = await district.get(`/api/v1/orgs?q=${encodeURIComponent('夕阳红')}`);
    expect(ids(all)).toEqual(expect.arrayContaining([xiyanghong, gunan.id]));
    const mine = await street.get(`/api/v1/orgs?q=${encodeURIComponent('夕阳红')}`);
    expect(ids(mine)).not.toContain(gunan.id);
    expect((await street.get(`/api/v1/orgs/${gunan.id}`)).statusCode).toBe(404);
    expect((await street.get(`/api/v1/orgs?region=${PLACES.gunan}`)).statusCode).toBe(404);
  });

  it('filters, sorts, pages and counts per filter value', async () => {
    for (const [name, category] of [['仓口读书会', '文体活动'], ['仓口便民服务队', '生活服务'], ['仓口调解会', '权益维护']]) {
      await createTestOrg(t.database.db, { name, category });
    }
    const res = await community.get('/api/v1/orgs?facets=true&sort=-name&pageSize=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(3);
    const categoryFacet = Object.fromEntries(body.facets.category.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(categoryFacet['生活服务']).toBeGreaterThanOrEqual(1);
    const filtered = await community.get(`/api/v1/orgs?category=${encodeURIComponent('权益维护')}`);
    expect(filtered.json().items.every((o: { category: string }) => o.category === '权益维护')).toBe(true);
    const page2 = await community.get('/api/v1/orgs?sort=-name&pageSize=2&page=2');
    expect(page2.json().items[0].id).not.toBe(body.items[0].id);
  });
});

describe('POST /api/v1/orgs', () => {
  const base = { name: '仓口社区老年书画社', legalForm: 'filed', category: '文体活动', regionCode: PLACES.cangkou };

  it('creates a record with masked personal data and a history entry', async () => {
    const res = await community.post('/api/v1/orgs', { ...base, leaderName: '王建国', leaderIdNumber: makeResidentId('360802', '19600505', 7), leaderPhone: '13912345678', individualMembers: 25 });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ name: base.name, legalForm: 'filed', status: 'active', region: { code: PLACES.cangkou }, version: 1 });
    expect(org.leaderIdNumber).toMatch(/^3608\*{10}\d{3}[0-9X]$/);
    expect(org.leaderPhone).toBe('139****5678');
    const history = (await community.get(`/api/v1/orgs/${org.id}/history`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0].changes.name).toEqual({ from: null, to: base.name });
    expect(JSON.stringify(history)).not.toContain('13912345678');
  });

  it('gives a Chinese message for every broken rule', async () => {
    const res = await district.post('/api/v1/orgs', {
      ...base,
      name: '吉州区某协会',
      legalForm: 'social_group',
      creditCode: '53420000MJH2448304',
      leaderIdNumber: '360802198002301234',
      leaderPhone: '12345',
      category: '不存在的类别',
      foundedOn: '2999-01-01',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields.creditCode).toBe('统一社会信用代码第 18 位校验码不正确');
    expect(fields.leaderIdNumber).toBe('身份证号中的出生日期无效');
    expect(fields.leaderPhone).toMatch(/手机号/);
    expect(fields.category).toMatch(/类别/);
    expect(fields.foundedOn).toBe('成立日期不能晚于今天');
  });

  it('checks the credit code against civil affairs, the form and a real area', async () => {
    const ok = makeCreditCode('1');
    const asService = await district.post('/api/v1/orgs', { ...base, name: '甲协会', legalForm: 'social_service', creditCode: ok, regionCode: PLACES.jizhou });
    expect(asService.json().error.fields.creditCode).toMatch(/第 2 位/);
    const missing = await district.post('/api/v1/orgs', { ...base, name: '乙协会', legalForm: 'social_group', regionCode: PLACES.jizhou });
    expect(missing.json().error.fields.creditCode).toBe('登记的社会组织须填写统一社会信用代码');
    const filedWithCode = await district.post('/api/v1/orgs', { ...base, name: '丙队', creditCode: ok });
    expect(filedWithCode.json().error.fields.creditCode).toMatch(/备案或草根组织/);
    const fakeArea = makeCreditCode('1', '999999');
    const bad = await district.post('/api/v1/orgs', { ...base, name: '丁协会', legalForm: 'social_group', creditCode: fakeArea, regionCode: PLACES.jizhou });
    expect(bad.json().error.fields.creditCode).toMatch(/第 3–8 位/);
    const good = await district.post('/api/v1/orgs', { ...base, name: '戊协会', legalForm: 'social_group', creditCode: ok, regionCode: PLACES.jizhou });
    expect(good.statusCode).toBe(201);
    const dup = await district.post('/api/v1/orgs', { ...base, name: '己协会', legalForm: 'social_group', creditCode: ok, regionCode: PLACES.jizhou });
    expect(dup.json().error.fields.creditCode).toMatch(/已属于/);
  });

  it('warns about the same kind in one community and flags prohibited kinds, without blocking', async () => {
    const first = await community.post('/api/v1/orgs', { ...base, name: '仓口社区腰鼓队' });
    expect(first.statusCode).toBe(201);
    const second = await community.post('/api/v1/orgs', { ...base, name: '仓口社区腰鼓协会' });
    expect(second.statusCode).toBe(201);
    const similar = second.json().warnings.find((w: { code: string }) => w.code === 'similar_org');
    expect(similar.orgs.map((o: { id: number }) => o.id)).toContain(first.json().id);
    const qigong = await community.post('/api/v1/orgs', { ...base, name: '仓口健身气功站' });
    expect(qigong.json().warnings.map((w: { code: string }) => w.code)).toContain('prohibited_kind');
  });

  it('refuses a region outside the jurisdiction and a filed organization above a community', async () => {
    expect((await community.post('/api/v1/orgs', { ...base, name: '越界组织', regionCode: PLACES.xincun })).statusCode).toBe(404);
    const high = await district.post('/api/v1/orgs', { ...base, name: '区级备案组织', regionCode: PLACES.jizhou });
    expect(high.json().error.fields.regionCode).toMatch(/街道/);
    expect((await street.post('/api/v1/orgs', { ...base, name: '文山街道天马艺术团', regionCode: PLACES.wenshan })).statusCode).toBe(201);
  });
});

describe('PATCH /api/v1/orgs/{id} and history', () => {
  it('keeps old values, who, when and why; refuses a stale version', async () => {
    const org = await createTestOrg(t.database.db, { name: '仓口太极拳队', individualMembers: 20 });
    const res = await community.patch(`/api/v1/orgs/${org.id}`, { version: 1, individualMembers: 32, reason: '新会员加入' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ individualMembers: 32, version: 2 });
    const stale = await community.patch(`/api/v1/orgs/${org.id}`, { version: 1, individualMembers: 40 });
    expect(stale.statusCode).toBe(409);
    const history = (await community.get(`/api/v1/orgs/${org.id}/history`)).json().items;
    // Who: the display name, as the application timelines show it (issue 22 item 10), not the login name.
    expect(history[0]).toMatchObject({ version: 2, reason: '新会员加入', actorName: '测试community_staff', changes: { individualMembers: { from: 20, to: 32 } } });
    expect(history[0].actorName).not.toBe(community.username);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.update').where('entity_id', '=', String(org.id)).execute();
    expect(audit).toHaveLength(1);
  });
});

describe('personal data', () => {
  it('reveals a field on request, to permitted roles only, and audits each reveal', async () => {
    const id = makeResidentId('360802', '19700707', 9);
    const federation = await createTestOrg(t.database.db, { name: '仓口社区社会组织联合会', category: '枢纽型', regionCode: PLACES.cangkou });
    const org = await createTestOrg(t.database.db, { name: '仓口志愿服务队', leaderIdNumber: id, leaderPhone: '13600001111', hubOrgId: federation.id });
    const res = await community.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderIdNumber' });
    expect(res.json()).toEqual({ field: 'leaderIdNumber', value: id });
    // A hub manager sees a member's record, masked, and may not reveal.
    const hub = await t.loginAs({ role: 'hub_manager', regionCode: PLACES.cangkou });
    await t.database.db.updateTable('users').set({ org_id: federation.id }).where('id', '=', hub.userId!).execute();
    expect((await hub.get(`/api/v1/orgs/${org.id}`)).json().leaderPhone).toBe('136****1111');
    expect((await hub.post(`/api/v1/orgs/${org.id}/reveal`, { field: 'leaderPhone' })).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.personal.reveal').where('entity_id', '=', String(org.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_name).toBe(community.username);
    const list = (await community.get(`/api/v1/orgs?q=${encodeURIComponent('仓口志愿')}`)).json();
    expect(list.items[0].leaderPhone).toBe('136****1111');
  });
});

describe('hub managers (以社管社)', () => {
  it('see their hub and its member organizations only', async () => {
    const hub = await createTestOrg(t.database.db, { name: '文山街道社区社会组织联合会', category: '枢纽型', regionCode: PLACES.wenshan });
    const member = await createTestOrg(t.database.db, { name: '仓口社区联合会会员舞蹈队', regionCode: PLACES.cangkou, hubOrgId: hub.id });
    const outsider = await createTestOrg(t.database.db, { name: '仓口社区非会员合唱队', regionCode: PLACES.cangkou });
    const manager = await t.loginAs({ role: 'hub_manager', regionCode: PLACES.wenshan });
    await t.database.db.updateTable('users').set({ org_id: hub.id }).where('id', '=', manager.userId!).execute();
    const list = (await manager.get('/api/v1/orgs?pageSize=200')).json();
    expect(list.items.map((o: { id: number }) => o.id).sort()).toEqual([hub.id, member.id].sort());
    expect((await manager.get(`/api/v1/orgs/${member.id}`)).statusCode).toBe(200);
    expect((await manager.get(`/api/v1/orgs/${outsider.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/v1/orgs/${outsider.id}/history`)).statusCode).toBe(404);
    // Without a hub an account sees no organization at all.
    const unassigned = await t.loginAs({ role: 'hub_manager', regionCode: PLACES.wenshan });
    expect((await unassigned.get('/api/v1/orgs')).json().total).toBe(0);
  });
});
