import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { leaderOf } from '../../../../test/declarations.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { yuanToFen } from '../../../shared/schemas/money.js';
import { findPenaltiesInForce, registerPenaltyListener, type PenaltyEvent } from './index.js';

let t: TestApp;
let admin: Client;
let today: string;
let orgId: number;
let otherOrgId: number;
let n = 0;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs({ role: 'district_admin' });
  today = todayInChina();
  orgId = (await createTestOrg(t.database.db, { name: '吉州区处罚测试协会', legalForm: 'social_group', creditCode: makeCreditCode('1'), regionCode: PLACES.cangkou })).id;
  otherOrgId = (await createTestOrg(t.database.db, { name: '古南街道处罚测试服务中心', legalForm: 'social_service', creditCode: makeCreditCode('2'), regionCode: PLACES.gunanCommunity })).id;
});
afterAll(async () => t?.close());

const body = (over: Record<string, unknown> = {}) => ({
  orgId,
  kind: 'warning',
  decisionNo: `吉区民罚〔2026〕${++n}号`,
  decidedOn: addDays(today, -10),
  facts: '未按规定报送年度工作报告，经责令改正逾期未改',
  legalBasis: '《社会团体登记管理条例》第三十条',
  decidingBody: '吉安市吉州区民政局',
  byRegistrar: true,
  ...over,
});

describe('recording a penalty', () => {
  it('stores ¥49,999.99 and ¥50,000 exactly in fen and tells the listeners in the transaction', async () => {
    const heard: Array<{ event: PenaltyEvent; amount: number | null }> = [];
    const stop = registerPenaltyListener(async (trx, _ctx, p, event) => {
      // The listener sees the penalty inside the recording transaction.
      const seen = await trx.selectFrom('penalties').select('id').where('id', '=', p.id).executeTakeFirst();
      expect(seen).toBeDefined();
      heard.push({ event, amount: p.amount_fen === null ? null : Number(p.amount_fen) });
    });
    try {
      const below = await admin.post('/api/v1/penalties', body({ kind: 'fine', amountFen: yuanToFen('49999.99') }));
      expect(below.statusCode).toBe(201);
      expect(below.json()).toMatchObject({ kind: 'fine', kindLabel: '罚款', amountFen: 4_999_999, status: 'decided', org: { id: orgId, name: '吉州区处罚测试协会' }, may: { annul: true, carryOut: true } });
      const at = await admin.post('/api/v1/penalties', body({ kind: 'fine', amountFen: yuanToFen('50000') }));
      expect(at.json().amountFen).toBe(5_000_000);
      const stored = await t.database.db.selectFrom('penalties').select('amount_fen').where('id', 'in', [below.json().id, at.json().id]).orderBy('id').execute();
      expect(stored.map((r) => Number(r.amount_fen))).toEqual([4_999_999, 5_000_000]);
      expect(heard).toEqual([{ event: 'recorded', amount: 4_999_999 }, { event: 'recorded', amount: 5_000_000 }]);
      const audits = await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'penalty.record').where('entity_id', '=', String(at.json().id)).execute();
      expect(audits).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('rolls the penalty and its audit record back when a listener fails', async () => {
    const stop = registerPenaltyListener(async () => {
      throw new Error('listener failed');
    });
    const decisionNo = '吉区民罚〔2026〕回滚号';
    try {
      const res = await admin.post('/api/v1/penalties', body({ decisionNo }));
      expect(res.statusCode).toBe(500);
    } finally {
      stop();
    }
    expect(await t.database.db.selectFrom('penalties').select('id').where('decision_no', '=', decisionNo).execute()).toEqual([]);
  });

  it('asks for what each kind needs, with field messages', async () => {
    const fine = await admin.post('/api/v1/penalties', body({ kind: 'fine' }));
    expect(fine.statusCode).toBe(400);
    expect(fine.json().error.fields).toEqual({ amountFen: '罚款须填写金额' });
    const warning = await admin.post('/api/v1/penalties', body({ amountFen: 100 }));
    expect(warning.json().error.fields.amountFen).toBe('只有罚款、没收填写金额');
    const suspension = await admin.post('/api/v1/penalties', body({ kind: 'suspension' }));
    expect(suspension.json().error.fields).toEqual({ suspendedFrom: '限期停止活动须填写停止活动的起始日期', suspendedTo: '限期停止活动须填写停止活动的截止日期' });
    const backwards = await admin.post('/api/v1/penalties', body({ kind: 'suspension', suspendedFrom: today, suspendedTo: addDays(today, -1) }));
    expect(backwards.json().error.fields.suspendedTo).toBe('截止日期不能早于起始日期');
    const ok = await admin.post('/api/v1/penalties', body({ kind: 'suspension', suspendedFrom: today, suspendedTo: addDays(today, 90) }));
    expect(ok.json()).toMatchObject({ kind: 'suspension', suspendedFrom: today, suspendedTo: addDays(today, 90), amountFen: null });
    const noFacts = await admin.post('/api/v1/penalties', body({ facts: '  ', legalBasis: '' }));
    expect(noFacts.json().error.fields).toMatchObject({ facts: '请填写违法事实', legalBasis: '请填写处罚依据' });
  });

  it('refuses a decision dated tomorrow and takes one dated today', async () => {
    const tomorrow = await admin.post('/api/v1/penalties', body({ decidedOn: addDays(today, 1) }));
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().error.fields.decidedOn).toMatch(/不能晚于今天/);
    expect((await admin.post('/api/v1/penalties', body({ decidedOn: today }))).statusCode).toBe(201);
  });

  it('keeps decision numbers unique per deciding body (409 with the field), not across bodies', async () => {
    const first = await admin.post('/api/v1/penalties', body({ decisionNo: '吉区民罚〔2026〕重号' }));
    expect(first.statusCode).toBe(201);
    const again = await admin.post('/api/v1/penalties', body({ decisionNo: '吉区民罚〔2026〕重号' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.decisionNo).toMatch(/已有文号为“吉区民罚〔2026〕重号”/);
    const elsewhere = await admin.post('/api/v1/penalties', body({ decisionNo: '吉区民罚〔2026〕重号', decidingBody: '吉安市吉州区市场监督管理局', byRegistrar: false, kind: 'fine', amountFen: 2_000_000 }));
    expect(elsewhere.statusCode).toBe(201);
  });
});

describe('after the decision', () => {
  it('annuls with a reason, keeps the record, and stops counting it from that day on', async () => {
    const heard: PenaltyEvent[] = [];
    const stop = registerPenaltyListener(async (_trx, _ctx, _p, event) => void heard.push(event));
    const decidedOn = addDays(today, -30);
    const p = (await admin.post('/api/v1/penalties', body({ decidedOn }))).json();
    const annulledOn = addDays(today, -5);
    try {
      expect((await admin.post(`/api/v1/penalties/${p.id}/annul`, { annulledOn: addDays(decidedOn, -1), reason: '复议撤销', version: p.version })).json().error.fields.annulledOn).toMatch(/不能早于决定日期/);
      expect((await admin.post(`/api/v1/penalties/${p.id}/annul`, { annulledOn: addDays(today, 1), reason: '复议撤销', version: p.version })).json().error.fields.annulledOn).toMatch(/不能晚于今天/);
      expect((await admin.post(`/api/v1/penalties/${p.id}/annul`, { annulledOn, reason: '复议撤销', version: p.version + 1 })).statusCode).toBe(409);
      const res = await admin.post(`/api/v1/penalties/${p.id}/annul`, { annulledOn, reason: '经行政复议撤销', version: p.version });
      expect(res.json()).toMatchObject({ status: 'annulled', annulledOn, annulReason: '经行政复议撤销', may: { annul: false, carryOut: false } });
      expect((await admin.post(`/api/v1/penalties/${p.id}/annul`, { annulledOn, reason: '再次', version: res.json().version })).statusCode).toBe(409);
    } finally {
      stop();
    }
    expect(heard).toEqual(['recorded', 'annulled']);
    const ids = async (on: string) => (await findPenaltiesInForce(t.database.db, { on, orgIds: [orgId] })).map((r) => Number(r.id));
    expect(await ids(addDays(annulledOn, -1))).toContain(p.id);
    expect(await ids(annulledOn)).not.toContain(p.id);
    const pub = await t.anonymous().get(`/api/v1/public/orgs/${orgId}`);
    expect(pub.json().penalties.find((x: { id: number }) => x.id === p.id)).toMatchObject({ annulledOn, decisionNo: p.decisionNo, kindLabel: '警告' });
    expect(JSON.stringify(pub.json().penalties)).not.toContain('经行政复议撤销');
  });

  it('records the day it was carried out, once, not before the decision', async () => {
    const decidedOn = addDays(today, -20);
    const p = (await admin.post('/api/v1/penalties', body({ kind: 'fine', amountFen: 300_000, decidedOn }))).json();
    expect((await admin.post(`/api/v1/penalties/${p.id}/carried-out`, { carriedOutOn: addDays(decidedOn, -1), version: p.version })).json().error.fields.carriedOutOn).toMatch(/不能早于决定日期/);
    const done = await admin.post(`/api/v1/penalties/${p.id}/carried-out`, { carriedOutOn: decidedOn, version: p.version });
    expect(done.json()).toMatchObject({ carriedOutOn: decidedOn, may: { carryOut: false, annul: true } });
    expect((await admin.post(`/api/v1/penalties/${p.id}/carried-out`, { carriedOutOn: today, version: done.json().version })).statusCode).toBe(409);
  });
});

describe('reading penalties', () => {
  it('filters, sorts and pages within the reader’s reach', async () => {
    const other = await admin.post('/api/v1/penalties', body({ orgId: otherOrgId, kind: 'confiscation', amountFen: 12_345, facts: '违规收取费用，没收违法所得' }));
    expect(other.statusCode).toBe(201);
    const fines = (await admin.get('/api/v1/penalties?kind=fine&sort=-amount&pageSize=200')).json();
    expect(fines.items.every((p: { kind: string }) => p.kind === 'fine')).toBe(true);
    const amounts = fines.items.map((p: { amountFen: number }) => p.amountFen);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect((await admin.get(`/api/v1/penalties?q=${encodeURIComponent('没收违法所得')}`)).json().items.map((p: { id: number }) => p.id)).toEqual([other.json().id]);
    const year = Number(today.slice(0, 4));
    expect((await admin.get(`/api/v1/penalties?year=${year - 5}`)).json()).toEqual({ items: [], total: 0 });
    const page = (await admin.get('/api/v1/penalties?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);

    // 文山街道 reaches 仓口社区's organization, not 古南街道's.
    const street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
    const seen = (await street.get('/api/v1/penalties?pageSize=200')).json();
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((p: { org: { id: number } }) => p.org.id === orgId)).toBe(true);
    expect((await street.get(`/api/v1/penalties/${other.json().id}`)).statusCode).toBe(404);
    expect((await street.post('/api/v1/penalties', body())).statusCode).toBe(403);
  });

  it('lets an organization’s leader read its own penalties only', async () => {
    const leader = await leaderOf(t, otherOrgId, PLACES.gunanCommunity);
    const own = (await leader.get('/api/v1/penalties')).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((p: { org: { id: number } }) => p.org.id === otherOrgId)).toBe(true);
    expect(own.items[0].may).toEqual({ annul: false, carryOut: false });
    const mine = (await admin.get(`/api/v1/penalties?org=${orgId}&pageSize=1`)).json().items[0];
    expect((await leader.get(`/api/v1/penalties/${mine.id}`)).statusCode).toBe(404);
  });
});
