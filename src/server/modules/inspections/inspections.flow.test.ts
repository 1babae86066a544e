import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { drawSample, planSeed, rankInspectors } from '../../../shared/inspection-draw.js';
import { todayInChina, addDays } from '../../lib/working-days.js';
import { riskSignalSources } from '../signals/index.js';
import './index.js';

let t: TestApp;
let admin: Client;
let street: Client;
let experts: Client[];
const YEAR = Number(todayInChina().slice(0, 4));
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'district_admin' });
  street = await t.loginAs({ role: 'street_reviewer' });
  experts = [await t.loginAs({ role: 'expert' }), await t.loginAs({ role: 'expert' }), await t.loginAs({ role: 'expert' })];
  // 40 registered organizations over two streets and two forms, a filed one and a deregistered one that do not count.
  const places = [PLACES.cangkou, PLACES.xincun, PLACES.gunanCommunity];
  for (let i = 0; i < 40; i++) {
    const legalForm = i % 2 === 0 ? 'social_service' : 'social_group';
    await createTestOrg(t.database.db, { name: `吉州抽查测试${i}号协会`, legalForm, creditCode: makeCreditCode(legalForm === 'social_group' ? '1' : '2'), category: '公益慈善', regionCode: places[i % 3]! });
  }
  await createTestOrg(t.database.db, { name: '不计入的备案队', regionCode: PLACES.cangkou });
  await createTestOrg(t.database.db, { name: '已注销的协会', legalForm: 'social_group', creditCode: makeCreditCode('1'), category: '公益慈善', status: 'deregistered' });
});
afterAll(async () => t?.close());

const CHECKLIST = { annual_report: { status: 'ok', note: '' }, disclosure: { status: 'ok', note: '' }, governance: { status: 'ok', note: '' }, finances: { status: 'ok', note: '' }, activities: { status: 'ok', note: '' } };
type Item = { id: number; orgId: number; version: number; inspectors: { userId: number; status: string; reason: string | null }[] };

describe('random inspection: plan, publish, draw, check', () => {
  let planId: number;
  let items: Item[];

  it('creates a yearly plan at or above the ratio in force, once per year, citing its rule', async () => {
    const low = await admin.post('/api/v1/inspections/plans', { kind: 'yearly', year: YEAR, title: '年度抽查', percent: 2 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.fields.percent).toBe('年度定期抽查比例不得低于 3%');
    const res = await admin.post('/api/v1/inspections/plans', { kind: 'yearly', year: YEAR, title: `吉州区${YEAR}年度社会组织抽查` });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ status: 'draft', percent: 3, includeFiled: false, minInspectors: 2, publishDays: 20, populationSize: 40, seed: null, total: 2 });
    expect(plan.basis).toMatch(/^依据：年度定期抽查比例（《社会组织抽查暂行办法》（民发〔2017〕45号），第五条），/);
    expect(plan.strata.map((s: { streetName: string; legalForm: string; size: number }) => `${s.streetName}·${s.legalForm}·${s.size}`).sort()).toEqual(
      ['古南街道·社会团体·6', '古南街道·社会服务机构·7', '文山街道·社会团体·14', '文山街道·社会服务机构·13'].sort(),
    );
    planId = plan.id;
    expect((await admin.post('/api/v1/inspections/plans', { kind: 'yearly', year: YEAR, title: '再来一个' })).statusCode).toBe(409);
    expect((await street.post('/api/v1/inspections/plans', { kind: 'adhoc', year: YEAR, title: '街道', percent: 5 })).statusCode).toBe(403);
    expect((await street.get(`/api/v1/inspections/plans/${planId}`)).statusCode).toBe(200);
  });

  it('draws only after publishing, from the seed anyone can recompute', async () => {
    const plan = (await admin.get(`/api/v1/inspections/plans/${planId}`)).json();
    expect((await admin.post(`/api/v1/inspections/plans/${planId}/draw`, { version: plan.version })).statusCode).toBe(409);
    expect((await t.anonymous().get(`/api/v1/public/inspections/plans/${planId}`)).statusCode).toBe(404);
    const published = (await admin.post(`/api/v1/inspections/plans/${planId}/publish`, { version: plan.version })).json();
    expect(published).toMatchObject({ status: 'published', publishedOn: todayInChina() });
    const pub = (await t.anonymous().get(`/api/v1/public/inspections/plans/${planId}`)).json();
    expect(pub.population).toHaveLength(40);
    expect(pub.sample).toEqual([]);
    const seed = await planSeed({ id: pub.id, districtCode: pub.districtCode, year: pub.year, kind: pub.kind, ratioBp: pub.ratioBp, includeFiled: pub.includeFiled, publishedOn: pub.publishedOn }, pub.population);
    expect(seed).toBe(published.seed);
    expect(pub.seed).toBe(published.seed);

    // Make the first inspector the seed will pick for the first sampled organization its own member: they must be recused.
    const expected = await drawSample(seed, pub.ratioBp, pub.population);
    const first = expected.sample[0]!;
    const poolIds = [admin.userId!, street.userId!, ...experts.map((e) => e.userId!)];
    const ordered = await rankInspectors(seed, first.key, poolIds);
    const firstOrg = await t.database.db.selectFrom('inspection_population').select('org_id').where('plan_id', '=', planId).where('draw_key', '=', first.key).executeTakeFirstOrThrow();
    await t.database.db.updateTable('users').set({ org_id: Number(firstOrg.org_id) }).where('id', '=', ordered[0]!).execute();

    const drawn = await admin.post(`/api/v1/inspections/plans/${planId}/draw`, { version: published.version });
    expect(drawn.statusCode, drawn.body).toBe(200);
    items = drawn.json().items;
    expect(items).toHaveLength(2);
    const after = (await t.anonymous().get(`/api/v1/public/inspections/plans/${planId}`)).json();
    expect(after.sample.map((s: { key: string }) => s.key).sort()).toEqual(expected.sample.map((s) => s.key).sort());
    for (const item of items) expect(item.inspectors.filter((x) => x.status === 'active')).toHaveLength(2);
    const recusedItem = items.find((i) => i.orgId === Number(firstOrg.org_id))!;
    expect(recusedItem.inspectors[0]).toMatchObject({ userId: ordered[0], status: 'recused', reason: '系该组织的负责人或成员' });
    expect(recusedItem.inspectors.filter((x) => x.status === 'active').map((x) => x.userId)).toEqual(ordered.slice(1, 3));
    expect((await admin.post(`/api/v1/inspections/plans/${planId}/draw`, { version: drawn.json().version })).statusCode).toBe(409);
  });

  it('shows an expert only the items assigned to them', async () => {
    const all = new Set(items.flatMap((i) => i.inspectors.filter((x) => x.status === 'active').map((x) => x.userId)));
    const idle = experts.find((e) => !all.has(e.userId!));
    const busy = experts.find((e) => all.has(e.userId!));
    if (idle) expect((await idle.get(`/api/v1/inspections/items/${items[0]!.id}`)).statusCode).toBe(404);
    if (busy) {
      const mine = (await busy.get('/api/v1/inspections/my-items')).json().items as Item[];
      expect(mine.length).toBeGreaterThan(0);
      expect((await busy.get(`/api/v1/inspections/items/${mine[0]!.id}`)).json().mine).toBe(true);
      const other = items.find((i) => !mine.some((m) => m.id === i.id));
      if (other) expect((await busy.get(`/api/v1/inspections/items/${other.id}`)).statusCode).toBe(404);
    }
    expect((await experts[0]!.get(`/api/v1/inspections/plans/${planId}`)).statusCode).toBe(403);
  });

  const clientOf = (userId: number) => [admin, street, ...experts].find((c) => c.userId === userId)!;

  it('lets only the item’s inspectors record a result; a problem is a risk signal until verified', async () => {
    const item = items[0]!;
    const active = item.inspectors.filter((x) => x.status === 'active').map((x) => x.userId);
    const outsider = [admin, street, ...experts].find((c) => !active.includes(c.userId!) && c !== admin && c.userId !== item.inspectors.find((x) => x.status === 'recused')?.userId);
    const body = {
      version: item.version, mode: 'on_site', result: 'problems', findings: '未按规定公开年度工作报告', rectifyBy: addDays(todayInChina(), 30),
      checklist: { ...CHECKLIST, disclosure: { status: 'problem', note: '年度报告未公开' } },
    };
    if (outsider) {
      // One who reaches the item (in their subtree) but was not drawn for it is refused; one who does not reach it gets 404.
      const reaches = (await outsider.get(`/api/v1/inspections/items/${item.id}`)).statusCode === 200;
      expect((await outsider.put(`/api/v1/inspections/items/${item.id}/result`, body)).statusCode).toBe(reaches ? 403 : 404);
    }
    const bad = await clientOf(active[0]!).put(`/api/v1/inspections/items/${item.id}/result`, { ...body, rectifyBy: undefined });
    expect(bad.json().error.fields.rectifyBy).toBe('发现问题时请设定整改期限');
    const res = await clientOf(active[0]!).put(`/api/v1/inspections/items/${item.id}/result`, body);
    expect(res.statusCode, res.body).toBe(200);
    const checked = res.json();
    expect(checked).toMatchObject({ status: 'checked', result: 'problems', checkedOn: todayInChina(), publishBy: addDays(todayInChina(), 20) });

    const source = riskSignalSources().find((s) => s.kind === 'inspection_problem')!;
    const signal = (await source.signals(t.database.db, todayInChina())).find((s) => s.subject.id === item.id);
    expect(signal).toMatchObject({ orgId: item.orgId, dueOn: body.rectifyBy, resolvedOn: null, level: 'medium' });
    expect((await source.signals(t.database.db, addDays(todayInChina(), -1))).find((s) => s.subject.id === item.id)).toBeUndefined();

    const published = await admin.post(`/api/v1/inspections/items/${item.id}/publish`, { version: checked.version });
    expect(published.statusCode, published.body).toBe(200);
    const pub = (await t.anonymous().get(`/api/v1/public/inspections/plans/${planId}`)).json();
    expect(pub.results).toEqual([expect.objectContaining({ orgId: item.orgId, result: 'problems', rectifyBy: body.rectifyBy, publishedOn: todayInChina() })]);
    expect((await clientOf(active[0]!).put(`/api/v1/inspections/items/${item.id}/result`, { ...body, version: published.json().version })).statusCode).toBe(409);

    const verified = await admin.post(`/api/v1/inspections/items/${item.id}/rectification`, { version: published.json().version, note: '已在门户公开年度报告' });
    expect(verified.json()).toMatchObject({ rectifiedOn: todayInChina() });
    expect((await source.signals(t.database.db, todayInChina())).find((s) => s.subject.id === item.id)).toMatchObject({ resolvedOn: todayInChina() });
  });

  it('replaces an inspector who declares a conflict by the next of the pool, on record', async () => {
    const item = items[1]!;
    const active = item.inspectors.filter((x) => x.status === 'active').map((x) => x.userId);
    const res = await clientOf(active[0]!).post(`/api/v1/inspections/items/${item.id}/conflict`, { reason: '本人曾任该组织理事' });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Item;
    expect(after.inspectors.find((x) => x.userId === active[0])).toMatchObject({ status: 'declared', reason: '本人曾任该组织理事' });
    const nowActive = after.inspectors.filter((x) => x.status === 'active').map((x) => x.userId);
    expect(nowActive).toHaveLength(2);
    expect(nowActive).not.toContain(active[0]);
    expect((await clientOf(active[0]!).post(`/api/v1/inspections/items/${item.id}/conflict`, { reason: '再次申报' })).statusCode).toBe(403);
  });

  it('refuses an on-site check with fewer inspectors than the rule asks, citing it', async () => {
    const item = (await admin.get(`/api/v1/inspections/items/${items[1]!.id}`)).json() as Item;
    const [stay, leave] = item.inspectors.filter((x) => x.status === 'active');
    await t.database.db.updateTable('inspection_inspectors').set({ status: 'declared', reason: '测试' }).where('item_id', '=', item.id).where('user_id', '=', leave!.userId).execute();
    const res = await clientOf(stay!.userId).put(`/api/v1/inspections/items/${item.id}/result`, { version: item.version, mode: 'on_site', checklist: CHECKLIST, result: 'no_problem' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/实地检查应当有 2 名以上检查人员（依据：实地检查人员与回避（《社会组织抽查暂行办法》（民发〔2017〕45号），第十条）/);
    // A written check needs no second inspector on site.
    expect((await clientOf(stay!.userId).put(`/api/v1/inspections/items/${item.id}/result`, { version: item.version, mode: 'written', checklist: CHECKLIST, result: 'no_problem' })).statusCode).toBe(200);
  });

  it('prints the 检查通知书 for an item', async () => {
    const res = await admin.get(`/api/v1/inspections/items/${items[0]!.id}/notice.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('lists the district’s plans and the public ones', async () => {
    const list = (await admin.get(`/api/v1/inspections/plans?year=${YEAR}`)).json();
    expect(list.items[0]).toMatchObject({ id: planId, status: 'drawn', populationSize: 40, sampleSize: 2, checked: 2 });
    const pub = (await t.anonymous().get(`/api/v1/public/inspections/plans?region=${PLACES.jizhou}`)).json();
    expect(pub.items.map((p: { id: number }) => p.id)).toContain(planId);
  });
});
