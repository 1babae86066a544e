import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { leaderOf } from '../../../../test/declarations.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { creditSources } from '../credit/index.js';
import { registerRiskSignalSource, type RiskSignal } from '../signals/index.js';
import { runRiskJob } from './index.js';

let t: TestApp;
let orgId: number;
let otherOrgId: number;
let leader: Client;
let community: Client;
let otherCommunity: Client;
let street: Client;
let unregister: () => void;
let reported: RiskSignal[] = [];
const today = todayInChina();

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createTestOrg(t.database.db, { name: '仓口风险流程测试队', regionCode: PLACES.cangkou })).id;
  otherOrgId = (await createTestOrg(t.database.db, { name: '古南风险流程测试队', regionCode: PLACES.gunanCommunity })).id;
  leader = await leaderOf(t, orgId, PLACES.cangkou);
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  otherCommunity = await t.loginAs({ role: 'community_staff', regionCode: PLACES.gunanCommunity });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  unregister = registerRiskSignalSource({ name: 'flow_test', kind: 'inspection_problem', label: '测试抽查问题', signals: async () => reported });
  const sig = (id: number, org: number): RiskSignal => ({ orgId: org, kind: 'inspection_problem', detectedOn: addDays(today, -3), evidence: `抽查第${id}项：财务制度不健全`, subject: { kind: 'check_item', id }, level: 'medium' });
  reported = [sig(1, orgId), sig(2, orgId), sig(3, otherOrgId)];
  await runRiskJob(t.database.db, today);
});
afterAll(async () => {
  unregister?.();
  await t?.close();
});

const itemOf = async (subjectId: number) => {
  const row = await t.database.db.selectFrom('risk_items').select('id').where('source', '=', 'flow_test').where('subject_id', '=', subjectId).executeTakeFirstOrThrow();
  return Number(row.id);
};
const get = async (c: Client, id: number) => {
  const res = await c.get(`/api/v1/risks/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('risk items', () => {
  it('lists within reach: the community sees its own, another community none of them, the leader only its organization', async () => {
    const mine = (await community.get('/api/v1/risks?kind=inspection_problem&status=active')).json();
    expect(mine.items.map((i: { org: { id: number } }) => i.org.id)).toEqual([orgId, orgId]);
    expect(mine.items[0]).toMatchObject({ level: 'medium', status: 'open', owner: { code: PLACES.cangkou } });
    const other = (await otherCommunity.get(`/api/v1/risks?org=${orgId}`)).json();
    expect(other.total).toBe(0);
    expect((await otherCommunity.get(`/api/v1/risks/${await itemOf(1)}`)).statusCode).toBe(404);
    const own = (await leader.get('/api/v1/risks')).json();
    expect(own.items.every((i: { org: { id: number } }) => i.org.id === orgId)).toBe(true);
    expect((await t.anonymous().get('/api/v1/risks')).statusCode).toBe(401);
    expect((await (await t.loginAs({ role: 'sysadmin' })).get('/api/v1/risks')).statusCode).toBe(403);
  });

  it('walks reminder → 约谈 notice → record with rectification notice → report → failed and passed verification → closed fixed', async () => {
    const id = await itemOf(1);
    let item = await get(community, id);
    expect(item.can).toMatchObject({ remind: true, interviewNotice: true, report: false, close: true });
    expect(item.basis).toContain('依据：');

    // Out of turn, and a stale version, are refused.
    expect((await community.post(`/api/v1/risks/${id}/verify`, { version: item.version, passed: true, note: '好' })).statusCode).toBe(409);
    expect((await leader.post(`/api/v1/risks/${id}/report`, { version: item.version, measures: '已整改' })).statusCode).toBe(409);

    let res = await community.post(`/api/v1/risks/${id}/remind`, { version: item.version, note: '请尽快完善财务制度' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    expect(item.status).toBe('reminded');
    expect((await community.post(`/api/v1/risks/${id}/remind`, { version: item.version - 1 })).statusCode).toBe(409);
    const told = await t.database.db.selectFrom('notifications').select(['title', 'link']).where('recipient_id', '=', leader.userId!).execute();
    expect(told).toContainEqual({ title: '风险提醒：抽查发现问题', link: `/risks/${id}` });

    res = await community.post(`/api/v1/risks/${id}/interview-notice`, { version: item.version, date: addDays(today, -1), time: '09:30', place: '仓口社区会议室', attendees: '理事长、秘书长', reason: '财务制度不健全' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('date');
    res = await community.post(`/api/v1/risks/${id}/interview-notice`, { version: item.version, date: today, time: '09:30', place: '仓口社区会议室', attendees: '理事长、秘书长', reason: '财务制度不健全' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    const notice = await community.get(`/api/v1/risks/${id}/interview-notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('application/pdf');
    expect(notice.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await community.get(`/api/v1/risks/${id}/rectification-notice.pdf`)).statusCode).toBe(409);

    res = await community.post(`/api/v1/risks/${id}/interview-record`, { version: item.version, heldOn: today, attendees: '理事长', record: '说明了财务管理情况', rectifyItems: '建立财务制度并公开', rectifyDueOn: today });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('rectifyDueOn');
    res = await community.post(`/api/v1/risks/${id}/interview-record`, { version: item.version, heldOn: today, attendees: '理事长', record: '说明了财务管理情况', rectifyItems: '建立财务制度并公开', rectifyDueOn: addDays(today, 30) });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    expect(item).toMatchObject({ status: 'rectifying', interviewedOn: today, rectifyDueOn: addDays(today, 30) });
    expect((await community.get(`/api/v1/risks/${id}/rectification-notice.pdf`)).statusCode).toBe(200);

    // Closing as fixed needs a verification first.
    res = await community.post(`/api/v1/risks/${id}/close`, { version: item.version, outcome: 'fixed', note: '已整改' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.outcome).toContain('整改到位');

    expect((await community.post(`/api/v1/risks/${id}/report`, { version: item.version, measures: '已整改' })).statusCode).toBe(403);
    item = await get(leader, id);
    expect(item.can).toMatchObject({ report: true, remind: false, close: false });
    res = await leader.post(`/api/v1/risks/${id}/report`, { version: item.version, measures: '已制定财务管理制度，并在社区公开栏公开' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();

    res = await street.post(`/api/v1/risks/${id}/verify`, { version: item.version, passed: false, note: '制度未经理事会通过' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    expect(item.status).toBe('rectifying');
    item = (await leader.post(`/api/v1/risks/${id}/report`, { version: item.version, measures: '理事会已表决通过财务制度' })).json();
    res = await community.post(`/api/v1/risks/${id}/verify`, { version: item.version, passed: true, note: '制度已通过并公开' });
    item = res.json();
    expect(item).toMatchObject({ status: 'verified', remediedOn: today });
    expect(item.can.outcomes).toContain('fixed');
    res = await community.post(`/api/v1/risks/${id}/close`, { version: item.version, outcome: 'fixed', note: '整改到位，予以销号' });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    expect(item).toMatchObject({ status: 'closed', outcome: 'fixed', closedOn: today, closeNote: '整改到位，予以销号' });
    expect(item.closedBy).toBeTruthy();
    expect(item.steps.map((s: { step: string }) => s.step)).toEqual(['opened', 'reminder', 'interview_notice', 'interview_record', 'report', 'verification', 'report', 'verification', 'closed']);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'risk_item').where('entity_id', '=', String(id)).execute();
    expect(audits).toHaveLength(8);
  });

  it('proposes an abnormal-list entry when the rectification deadline passes, and closes as not fixed', async () => {
    const id = await itemOf(2);
    let item = await get(community, id);
    item = (await community.post(`/api/v1/risks/${id}/interview-notice`, { version: item.version, date: today, time: '14:00', place: '文山街道办', attendees: '秘书长', reason: '账目不清' })).json();
    // Held ten days ago (recorded late), deadline yesterday: overdue today.
    const res = await community.post(`/api/v1/risks/${id}/interview-record`, { version: item.version, heldOn: addDays(today, -10), attendees: '秘书长', record: '承认账目不清', rectifyItems: '清理账目', rectifyDueOn: addDays(today, -1) });
    expect(res.statusCode, res.body).toBe(200);
    item = res.json();
    const source = creditSources().find((s) => s.name === 'risk_rectification')!;
    const facts = await source.facts(t.database.db, today);
    expect(facts.filter((f) => f.subject.id === id)).toEqual([
      expect.objectContaining({ orgId, ground: 'credit.abnormal.rectification', factOn: today, propose: true, remediedOn: null, subject: { kind: 'risk_item', id } }),
    ]);
    // The day before, the fact did not exist yet.
    expect((await source.facts(t.database.db, addDays(today, -1))).some((f) => f.subject.id === id)).toBe(false);
    expect(item.can.outcomes).toContain('not_fixed_credit');
    const closed = await community.post(`/api/v1/risks/${id}/close`, { version: item.version, outcome: 'not_fixed_credit', note: '逾期未整改，提请列入活动异常名录' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'not_fixed_credit' });
  });

  it('lets only the owner node or a node above it handle an item', async () => {
    const registered = (await createTestOrg(t.database.db, { name: '文山风险测试协会', regionCode: PLACES.cangkou, legalForm: 'social_group', creditCode: makeCreditCode('1'), category: '公益慈善' })).id;
    reported = [{ orgId: registered, kind: 'inspection_problem', detectedOn: today, evidence: '未按章程召开理事会', subject: { kind: 'check_item', id: 9 }, level: 'low' }];
    await runRiskJob(t.database.db, today);
    const id = await itemOf(9);
    const item = await get(community, id);
    expect(item.owner.code).toBe(PLACES.jizhou);
    expect(item.can.remind).toBe(false);
    expect((await community.post(`/api/v1/risks/${id}/remind`, { version: item.version })).statusCode).toBe(403);
    expect((await street.post(`/api/v1/risks/${id}/remind`, { version: item.version })).statusCode).toBe(403);
    const district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
    expect((await district.post(`/api/v1/risks/${id}/remind`, { version: item.version })).statusCode).toBe(200);
  });

  it('counts open items on the board by kind and level per child node, with the node\'s own', async () => {
    const board = (await street.get(`/api/v1/risks/board?region=${PLACES.wenshan}`)).json();
    const cangkou = board.nodes.find((n: { region: { code: string } }) => n.region.code === PLACES.cangkou);
    // Open in 仓口: the registered association's item (medium: risk.level raises inspection problems to 2).
    expect(cangkou.counts.byKind.inspection_problem).toEqual({ low: 0, medium: 1, high: 0 });
    expect(board.total.total).toBeGreaterThanOrEqual(1);
    expect(board.own.total).toBe(0);
    // Outside the reader's subtree: 404.
    expect((await street.get(`/api/v1/risks/board?region=${PLACES.gunan}`)).statusCode).toBe(404);
    const drill = (await street.get(`/api/v1/risks?region=${PLACES.cangkou}&kind=inspection_problem&status=active`)).json();
    expect(drill.total).toBe(1);
  });
});
