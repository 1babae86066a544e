import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { PLACES } from '../../../../test/factories.js';
import { basisOf, ruleInForce } from './index.js';
import { overrideProblems } from './rules.policy.js';

let t: TestApp;
let admin: Client;
let street: Client;
let jizhouId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'district_admin' });
  street = await t.loginAs({ role: 'street_reviewer' });
  jizhouId = Number((await t.database.db.selectFrom('regions').select('id').where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow()).id);
});
afterAll(async () => t?.close());
afterEach(() => vi.useRealTimers());

describe('rules as data', () => {
  it('gives the version in force on the decisive day, and none before the rule existed', async () => {
    const db = t.database.db;
    const rule = await ruleInForce(db, 'credit.dishonest.big_fine', { on: '2026-06-01', districtId: null });
    expect(rule).toMatchObject({ key: 'credit.dishonest.big_fine', validFrom: '2018-01-24', params: { fineThresholdFen: 5_000_000 } });
    expect(basisOf(rule, '2026-06-01').text).toBe('依据：受到5万元以上罚款处罚（《社会组织信用信息管理办法》（民政部令第60号），第十四条第（四）项），2026年6月1日');
    await expect(ruleInForce(db, 'credit.dishonest.big_fine', { on: '2017-12-31', districtId: null })).rejects.toThrow(/not in force/);
  });

  it('judges a later version after its day and the earlier one before it', async () => {
    const db = t.database.db;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('rules').set({ valid_to: '2029-12-31' }).where('key', '=', 'inspection.publish').execute();
      await trx.insertInto('rules').values({ key: 'inspection.publish', valid_from: '2030-01-01', title: '抽查结果公开（修订）', source: '测试文本', article: '第一条', certainty: 'inferred', summary: '测试', params: JSON.stringify({ days: 10 }), overridable: '{}' }).execute();
    });
    expect((await ruleInForce(db, 'inspection.publish', { on: '2029-12-31', districtId: null })).params).toEqual({ days: 20 });
    expect((await ruleInForce(db, 'inspection.publish', { on: '2030-01-01', districtId: null })).params).toEqual({ days: 10 });
    const history = await admin.get('/api/v1/rules/inspection.publish');
    expect(history.json().versions.map((v: { validFrom: string }) => v.validFrom)).toEqual(['2017-03-13', '2030-01-01']);
  });

  it('lets the district raise the inspection ratio from a day on, never below the rule, never backdated, audited', async () => {
    const url = `/api/v1/rules/inspection.ratio/overrides?region=${PLACES.jizhou}`;
    const low = await admin.post(url, { validFrom: '2031-01-01', params: { percent: 2 }, reason: '试图降低' });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.fields['params.percent']).toBe('抽查比例（%）不得低于 3（规则下限）');
    const unknown = await admin.post(url, { validFrom: '2031-01-01', params: { minInspectors: 3 }, reason: '不属于该规则' });
    expect(unknown.json().error.fields['params.minInspectors']).toBe('该参数不允许本区调整');
    const past = await admin.post(url, { validFrom: '2020-01-01', params: { percent: 5 }, reason: '追溯' });
    expect(past.json().error.fields.validFrom).toMatch(/不得早于今天/);
    const fixed = await admin.post('/api/v1/rules/credit.dishonest.big_fine/overrides?region=' + PLACES.jizhou, { validFrom: '2031-01-01', params: { fineThresholdFen: 1 }, reason: '不可调整' });
    expect(fixed.json().error.fields.params).toBe('该规则不允许本区调整');

    const ok = await admin.post(url, { validFrom: '2031-01-01', params: { percent: 5 }, reason: '本区加大抽查力度' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ params: { percent: 5, includeFiled: false }, defaults: { percent: 3 }, override: { validFrom: '2031-01-01', reason: '本区加大抽查力度' } });
    const again = await admin.post(url, { validFrom: '2031-01-01', params: { percent: 6 }, reason: '同一天' });
    expect(again.statusCode).toBe(409);
    const later = await admin.post(url, { validFrom: '2032-01-01', params: { includeFiled: true }, reason: '纳入备案组织' });
    expect(later.json().params).toEqual({ percent: 5, includeFiled: true });

    const db = t.database.db;
    expect((await ruleInForce(db, 'inspection.ratio', { on: '2030-12-31', districtId: jizhouId })).params.percent).toBe(3);
    expect((await ruleInForce(db, 'inspection.ratio', { on: '2031-06-01', districtId: jizhouId })).params).toEqual({ percent: 5, includeFiled: false });
    expect((await ruleInForce(db, 'inspection.ratio', { on: '2032-06-01', districtId: jizhouId })).params).toEqual({ percent: 5, includeFiled: true });
    expect((await ruleInForce(db, 'inspection.ratio', { on: '2032-06-01', districtId: null })).params.percent).toBe(3);
    const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'rule.override').execute();
    expect(audit).toHaveLength(2);

    expect((await street.post(url, { validFrom: '2033-01-01', params: { percent: 9 }, reason: '街道无权' })).statusCode).toBe(403);
    // A street reads its own district's values.
    const seen = await street.get('/api/v1/rules?prefix=inspection.&on=2031-06-01');
    expect(seen.json().items.find((r: { key: string }) => r.key === 'inspection.ratio').params.percent).toBe(5);
  });

  it('checks override values by type and bounds', () => {
    const spec = { months: { type: 'integer' as const, label: '列入满（月）', min: 6, max: 24 }, enabled: { type: 'boolean' as const, label: '启用' } };
    expect(overrideProblems(spec, { months: 6.5 })).toEqual({ 'params.months': '列入满（月）须为整数' });
    expect(overrideProblems(spec, { months: 25 })).toEqual({ 'params.months': '列入满（月）不得高于 24' });
    expect(overrideProblems(spec, { enabled: 1 })).toEqual({ 'params.enabled': '启用须为是或否' });
    expect(overrideProblems(spec, {})).toEqual({ params: '请至少调整一个参数' });
    expect(overrideProblems(spec, { months: 12, enabled: true })).toEqual({});
  });
});
