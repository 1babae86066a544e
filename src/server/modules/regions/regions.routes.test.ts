import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';

let t: TestApp;
let district: Client;
let street: Client;
let community: Client;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
});
afterAll(async () => t?.close());

describe('GET /api/v1/regions', () => {
  it('requires a session', async () => {
    expect((await t.anonymous().get('/api/v1/regions?q=jzq')).statusCode).toBe(401);
  });

  it.each([['jzq'], ['jizhou'], ['吉州'], ['360802'], ['JiZhou']])('finds 吉州区 by %s', async (q) => {
    const res = await district.get(`/api/v1/regions?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ code: '360802', name: '吉州区', path: '江西省 / 吉安市 / 吉州区' });
  });

  it('finds by a Chinese substring inside the name', async () => {
    const res = await district.get(`/api/v1/regions?q=${encodeURIComponent('仓口')}`);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual([PLACES.cangkou]);
  });

  it('searches only inside the jurisdiction', async () => {
    const res = await street.get(`/api/v1/regions?q=${encodeURIComponent('社区')}`);
    const codes: string[] = res.json().items.map((r: { code: string }) => r.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith(PLACES.wenshan))).toBe(true);
    const none = await street.get('/api/v1/regions?q=jzq');
    expect(none.json().items).toEqual([]);
  });

  // Names typed in traditional characters find the simplified names of the code file, as in the organization registry.
  it.each([['倉口社區'], ['倉口社区'], ['仓口社區'], ['倉口']])('finds 仓口社区居委会 by %s', async (q) => {
    const res = await district.get(`/api/v1/regions?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual([PLACES.cangkou]);
  });

  it('keeps plain queries as they were: the same hits for a simplified query and its traditional form', async () => {
    const codes = async (q: string) =>
      (await district.get(`/api/v1/regions?q=${encodeURIComponent(q)}`)).json().items.map((r: { code: string }) => r.code);
    expect(await codes('文山街道')).toEqual([PLACES.wenshan]);
    expect(await codes('文山街道倉口')).toEqual([]);
    const communities = await codes('社区');
    expect(communities.length).toBeGreaterThan(1);
    expect(await codes('社區')).toEqual(communities);
    expect(await codes('cangkou')).toEqual([PLACES.cangkou]);
  });

  it('matches LIKE wildcards literally', async () => {
    const res = await district.get(`/api/v1/regions?q=${encodeURIComponent('%_')}`);
    expect(res.json().items).toEqual([]);
  });

  it('lists the roots of the view without q', async () => {
    const res = await street.get('/api/v1/regions');
    expect(res.json().items.map((r: { code: string }) => r.code)).toEqual([PLACES.wenshan]);
  });
});

describe('GET /api/v1/regions/{code} and /children', () => {
  it('shows a node with its ancestors down from the user node', async () => {
    const res = await street.get(`/api/v1/regions/${PLACES.cangkou}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: PLACES.cangkou, name: '仓口社区居委会', level: 5, kind: 'community', parentCode: PLACES.wenshan });
    expect(res.json().ancestors.map((a: { name: string }) => a.name)).toEqual(['文山街道']);
  });

  it('lists the communities of 文山街道', async () => {
    const res = await district.get(`/api/v1/regions/${PLACES.wenshan}/children`);
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((r: { name: string }) => r.name);
    expect(names).toContain('仓口社区居委会');
    expect(res.json().total).toBe(names.length);
  });

  it('answers 404 outside the jurisdiction, never the data', async () => {
    for (const code of [PLACES.gunan, PLACES.jizhou, PLACES.city]) {
      const res = await street.get(`/api/v1/regions/${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('region.not_found');
      expect(res.body).not.toContain('古南');
    }
    expect((await street.get(`/api/v1/regions/${PLACES.gunan}/children`)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    expect((await district.get('/api/v1/regions/360802999999')).statusCode).toBe(404);
    const bad = await district.get('/api/v1/regions/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('code');
  });
});

describe('population', () => {
  it('is entered per node, audited, and summed upward', async () => {
    const a = await community.put(`/api/v1/regions/${PLACES.cangkou}/population`, { population: 6200 });
    expect(a.statusCode).toBe(200);
    expect(a.json().population).toBe(6200);
    const b = await street.put(`/api/v1/regions/${PLACES.xincun}/population`, { population: 3800 });
    expect(b.statusCode).toBe(200);

    const wenshan = (await district.get(`/api/v1/regions/${PLACES.wenshan}`)).json();
    expect(wenshan.population).toBeNull();
    expect(wenshan.populationBelow).toBe(10_000);
    const jizhou = (await district.get(`/api/v1/regions/${PLACES.jizhou}`)).json();
    expect(jizhou.populationBelow).toBe(10_000);
    const children = (await district.get(`/api/v1/regions/${PLACES.jizhou}/children`)).json();
    expect(children.items.find((r: { code: string }) => r.code === PLACES.wenshan).populationBelow).toBe(10_000);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'region.population.update')
      .where('entity_id', '=', PLACES.cangkou)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ old_value: { population: null }, new_value: { population: 6200 }, actor_name: community.username });

    const cleared = await community.put(`/api/v1/regions/${PLACES.cangkou}/population`, { population: null });
    expect(cleared.json().population).toBeNull();
  });

  it('refuses bad values with a field message and changes nothing', async () => {
    for (const population of [-5, 1.5, '100', 300_000_000]) {
      const res = await community.put(`/api/v1/regions/${PLACES.cangkou}/population`, { population });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toHaveProperty('population');
    }
  });

  it('refuses a node outside the jurisdiction', async () => {
    const res = await community.put(`/api/v1/regions/${PLACES.xincun}/population`, { population: 1 });
    expect(res.statusCode).toBe(404);
    const row = await t.database.db.selectFrom('regions').select('population').where('code', '=', PLACES.xincun).executeTakeFirstOrThrow();
    expect(row.population).toBe(3800);
  });
});

describe('grids', () => {
  it('are created under a community with the next code and become part of the subtree', async () => {
    const res = await community.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '第一网格' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: `${PLACES.cangkou}001`, level: 6, kind: 'grid', name: '第一网格' });
    const second = await community.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '第二网格' });
    expect(second.json().code).toBe(`${PLACES.cangkou}002`);
    // the community's own subtree filter reaches the grid
    expect((await community.get(`/api/v1/regions/${PLACES.cangkou}002`)).statusCode).toBe(200);
    const kids = (await community.get(`/api/v1/regions/${PLACES.cangkou}/children`)).json();
    expect(kids.items.map((r: { name: string }) => r.name)).toEqual(['第一网格', '第二网格']);
  });

  it('named in traditional characters are found by the name as typed, beside the simplified ones', async () => {
    const res = await community.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '第三網格' });
    expect(res.statusCode).toBe(201);
    const names = async (q: string) =>
      (await community.get(`/api/v1/regions?q=${encodeURIComponent(q)}`)).json().items.map((r: { name: string }) => r.name);
    expect(await names('第三網格')).toEqual(['第三網格']);
    expect(await names('網格')).toEqual(['第一网格', '第二网格', '第三網格']);
  });

  it('refuses a duplicate name and a parent that is not a community', async () => {
    const dup = await community.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '第一网格' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual({ name: '同名网格已存在' });
    const street400 = await street.post(`/api/v1/regions/${PLACES.wenshan}/grids`, { name: '网格甲' });
    expect(street400.statusCode).toBe(400);
    const short = await community.post(`/api/v1/regions/${PLACES.cangkou}/grids`, { name: '甲' });
    expect(short.json().error.fields).toEqual({ name: '网格名称至少 2 个字' });
  });
});

describe('GET /api/v1/public/communities (no login)', () => {
  it('finds communities by name, pinyin and code with their path, and nothing above or below them', async () => {
    const anon = t.anonymous();
    for (const q of ['仓口', '倉口社區', 'cangkou', '360802003009']) {
      const res = await anon.get(`/api/v1/public/communities?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items[0]).toEqual({ code: '360802003009', name: '仓口社区居委会', path: expect.stringContaining('文山街道 / 仓口社区居委会') });
      expect(res.body).not.toContain('population');
    }
    const streets = (await anon.get(`/api/v1/public/communities?q=${encodeURIComponent('文山街道')}`)).json().items;
    expect(streets).toEqual([]);
    expect((await anon.get('/api/v1/public/communities')).statusCode).toBe(400);
  });
});
