import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { COVERED_THROUGH } from '../../lib/working-days.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
});
afterAll(async () => t?.close());

describe('district settings', () => {
  it('shows defaults, saves a valid value with an audit record, and refuses bad values field by field', async () => {
    const first = (await admin.get('/api/v1/settings')).json();
    expect(first.region.code).toBe(PLACES.jizhou);
    const workflow = first.items.find((i: { key: string }) => i.key === 'workflow');
    expect(workflow).toMatchObject({ isDefault: true, value: { filingSteps: 'community_street', deadlines: { community: 5, street: 10 } } });
    expect(first.coveredThrough).toBe(COVERED_THROUGH);

    const bad = await admin.put('/api/v1/settings/workflow', { value: { ...workflow.value, deadlines: { ...workflow.value.deadlines, street: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['value.deadlines.street']).toBe('街道审查时限至少 1 个工作日');

    const ok = await admin.put('/api/v1/settings/workflow', { value: { ...workflow.value, filingSteps: 'street_district' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((i: { key: string }) => i.key === 'workflow')).toMatchObject({ isDefault: false, value: { filingSteps: 'street_district' } });
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'region_code']).where('action', '=', 'settings.update').execute();
    expect(audit).toContainEqual({ action: 'settings.update', entity_id: 'workflow', region_code: PLACES.jizhou });
  });

  it('lists years without a holiday schedule until the district enters one', async () => {
    const next = String(COVERED_THROUGH + 1);
    const put = await admin.put('/api/v1/settings/workdays.overrides', { value: { [next]: { holidays: [`${next}-01-01`], workdays: [] } } });
    expect(put.statusCode).toBe(200);
    expect(put.json().uncoveredYears).not.toContain(Number(next));
    const bad = await admin.put('/api/v1/settings/workdays.overrides', { value: { [next]: { holidays: ['1 月 1 日'], workdays: [] } } });
    expect(bad.statusCode).toBe(400);
  });

  it('uses a changed category list for new records', async () => {
    const put = await admin.put('/api/v1/settings/org.categories', { value: ['文体活动', '邻里互助'] });
    expect(put.statusCode).toBe(200);
    const res = await admin.post('/api/v1/orgs', { name: '仓口邻里互助会', legalForm: 'grassroots', category: '邻里互助', regionCode: PLACES.cangkou });
    expect(res.statusCode, res.body).toBe(201);
    const refused = await admin.post('/api/v1/orgs', { name: '仓口社区调解会', legalForm: 'grassroots', category: '社区事务', regionCode: PLACES.cangkou });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.category).toContain('邻里互助');
    expect((await admin.put('/api/v1/settings/org.categories', { value: ['文体活动', '文体活动'] })).statusCode).toBe(400);
  });

  it('is the district administrator’s alone, and only for districts in their subtree', async () => {
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    expect((await street.get('/api/v1/settings')).statusCode).toBe(403);
    const city = await t.loginAs({ role: 'district_admin', regionCode: PLACES.city });
    expect((await city.get('/api/v1/settings')).statusCode).toBe(400);
    expect((await city.get(`/api/v1/settings?region=${PLACES.jizhou}`)).statusCode).toBe(200);
    expect((await admin.get('/api/v1/settings?region=360803')).statusCode).toBe(404);
  });
});

describe('targets setting', () => {
  it('is edited here and read by the target board', async () => {
    const items = (await admin.get('/api/v1/settings')).json().items;
    const targets = items.find((i: { key: string }) => i.key === 'targets');
    expect(targets.value.orgsPer10k).toBe(25);
    const put = await admin.put('/api/v1/settings/targets', { value: { ...targets.value, orgsPer10k: 30 } });
    expect(put.statusCode, put.body).toBe(200);
    const board = (await admin.get(`/api/v1/stats/targets?region=${PLACES.jizhou}`)).json();
    expect(board.items.find((i: { key: string }) => i.key === 'orgsPer10k').target).toBe(30);
    expect((await admin.put('/api/v1/settings/targets', { value: { ...targets.value, orgsPer10k: -1 } })).statusCode).toBe(400);
  });
});
