import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, makeResidentId, PLACES } from '../../../../test/factories.js';

let t: TestApp;
let filed: number;
let grassroots: number;
let filing: number;
beforeAll(async () => {
  t = await createTestApp({ rateLimit: { max: 1_000_000, loginMax: 1_000_000, windowMs: 60_000 } });
  filed = (await createTestOrg(t.database.db, { name: '新村社区七彩义工之家', category: '公益慈善', regionCode: PLACES.xincun, leaderName: '钱明', leaderIdNumber: makeResidentId('360802', '19650101', 3), leaderPhone: '13911112222', purpose: '邻里互助', certificateNo: '吉州备字2024第001号' })).id;
  grassroots = (await createTestOrg(t.database.db, { name: '新村广场舞草根队', legalForm: 'grassroots', regionCode: PLACES.xincun })).id;
  filing = (await createTestOrg(t.database.db, { name: '新村待备案读书会', status: 'filing', regionCode: PLACES.xincun })).id;
  await createTestOrg(t.database.db, { name: '吉州区义工联合会', legalForm: 'social_group', creditCode: makeCreditCode('1'), regionCode: PLACES.jizhou, category: '枢纽型' });
});
afterAll(async () => t?.close());

describe('public register', () => {
  it('searches without a login and shows no personal data', async () => {
    const res = await t.anonymous().get(`/api/v1/public/orgs?q=${encodeURIComponent('七彩')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { id: number }) => o.id)).toEqual([filed]);
    const page = await t.anonymous().get(`/api/v1/public/orgs/${filed}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ name: '新村社区七彩义工之家', legalForm: 'filed', category: '公益慈善', status: 'active', purpose: '邻里互助', certificateNo: '吉州备字2024第001号' });
    expect(page.json().regionPath).toContain('新村居委会');
    for (const secret of ['钱明', '13911112222', '1391', '19650101', 'leader']) expect(page.body).not.toContain(secret);
  });

  it('keeps grassroots organizations and pending filings out', async () => {
    expect((await t.anonymous().get(`/api/v1/public/orgs/${grassroots}`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/v1/public/orgs/${filing}`)).statusCode).toBe(404);
    const list = (await t.anonymous().get(`/api/v1/public/orgs?region=${PLACES.xincun}&pageSize=100`)).json();
    expect(list.items.map((o: { id: number }) => o.id)).toEqual([filed]);
  });

  it('finds by pinyin initials and filters by form', async () => {
    const res = await t.anonymous().get('/api/v1/public/orgs?q=ygl&form=social_group');
    expect(res.json().items.map((o: { name: string }) => o.name)).toEqual(['吉州区义工联合会']);
  });

  it('is rate-limited', async () => {
    const limited = await createTestApp();
    try {
      const codes = new Set<number>();
      for (let i = 0; i < 125; i++) codes.add((await limited.anonymous().get('/api/v1/public/orgs')).statusCode);
      expect(codes).toEqual(new Set([200, 429]));
    } finally {
      await limited.close();
    }
  });
});

describe('public register: the office\'s own region first (issue 22 item 10)', () => {
  let local: TestApp;
  beforeAll(async () => {
    // The office is 古南街道's here: its organizations come before 文山街道's whatever their names.
    local = await createTestApp({ homeRegion: PLACES.gunan, rateLimit: { max: 1_000_000, loginMax: 1_000_000, windowMs: 60_000 } });
    await createTestOrg(local.database.db, { name: '阿姨互助会', regionCode: PLACES.wenshan });
    await createTestOrg(local.database.db, { name: '资深棋友会', regionCode: PLACES.gunanCommunity });
  });
  afterAll(async () => local?.close());

  it('lists the home region\'s organizations first, then the others, each by pinyin', async () => {
    const names = (await local.anonymous().get('/api/v1/public/orgs?pageSize=100')).json().items.map((o: { name: string }) => o.name);
    expect(names).toEqual(['资深棋友会', '阿姨互助会']);
    // When every organization is in the home region (the other app's is the whole district, the demo's), pinyin alone.
    const plain = (await t.anonymous().get(`/api/v1/public/orgs?region=${PLACES.jizhou}&pageSize=100`)).json().items.map((o: { name: string }) => o.name);
    expect(plain).toEqual([...plain].sort((a, b) => a.localeCompare(b, 'zh-CN-u-co-pinyin')));
  });

  it('offers the districts with public organizations, with their province and city, for the region filter', async () => {
    const res = await local.anonymous().get('/api/v1/public/places');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ home: PLACES.gunan, items: [{ code: PLACES.jizhou, name: '吉州区', path: '江西省 吉安市', count: 2 }] });
  });
});
