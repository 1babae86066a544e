import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, PLACES } from '../../../../test/factories.js';
import { daysFromToday, declarationBody, fieldsOf, insertActivity, insertDeclaration, leaderOf } from '../../../../test/declarations.js';
import { DEFAULT_DECLARATIONS } from '../../../shared/schemas/supervision-settings.js';
import { reminderSources } from '../notifications/index.js';
import { UNLIMITED_SCOPE } from '../../lib/access.js';
import { declarationLinkProblem, flaggedActivities, refreshSummaryDue } from './index.js';

let t: TestApp;
let orgId: number;
let otherOrgId: number;
let leader: Client;
let community: Client;
let street: Client;
let district: Client;
let otherStreet: Client;
let communityUserId: number;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createTestOrg(t.database.db, { name: '仓口社区申报测试合唱团', regionCode: PLACES.cangkou })).id;
  otherOrgId = (await createTestOrg(t.database.db, { name: '古南申报测试舞蹈队', regionCode: PLACES.gunanCommunity })).id;
  leader = await leaderOf(t, orgId, PLACES.cangkou);
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  communityUserId = community.userId!;
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  otherStreet = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.gunan });
});
afterAll(async () => t?.close());

const setRule = async (value: unknown) => {
  const res = await district.put(`/api/v1/settings/declarations?region=${PLACES.jizhou}`, { value });
  expect(res.statusCode, res.body).toBe(200);
};
const review = (c: Client, id: number, decision: string, opinion?: string) => c.post(`/api/v1/declarations/${id}/review`, { decision, ...(opinion ? { opinion } : {}) });

describe('declaring a major activity', () => {
  it('needs a session, and stays out of reach of roles and places without it', async () => {
    expect((await t.anonymous().get('/api/v1/declarations')).statusCode).toBe(401);
    const expert = await t.loginAs({ role: 'expert' });
    expect((await expert.get('/api/v1/declarations')).statusCode).toBe(403);
    expect((await street.post('/api/v1/declarations', declarationBody(orgId))).statusCode).toBe(403);
    // Another organization's leader reaches neither this organization nor its declarations.
    const otherLeader = await leaderOf(t, otherOrgId, PLACES.gunanCommunity);
    expect((await otherLeader.post('/api/v1/declarations', declarationBody(orgId))).statusCode).toBe(404);
  });

  it('walks draft → submit → community → street, with the trail, and hides a draft from everyone but its author', async () => {
    const created = await leader.post('/api/v1/declarations', declarationBody(orgId));
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', org: { id: orgId }, contactPhone: '139****1234', onBehalf: false, review: null, can: { edit: true, submit: true } });
    expect(created.body).not.toContain('13900001234');
    expect((await community.get(`/api/v1/declarations/${draft.id}`)).statusCode).toBe(404);

    // The masked phone sent back untouched keeps the stored one.
    const saved = await leader.patch(`/api/v1/declarations/${draft.id}`, { ...fieldsOf(declarationBody(orgId, { title: '第二届会员大会（改）', contactPhone: '139****1234' })), version: draft.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ title: '第二届会员大会（改）', contactPhone: '139****1234' });
    const sealed = await t.database.db.selectFrom('declarations').select(['contact_phone_enc', 'contact_phone_hash']).where('id', '=', draft.id).executeTakeFirstOrThrow();
    expect(sealed.contact_phone_enc).not.toContain('13900001234');
    expect(sealed.contact_phone_hash).toEqual(expect.any(String));
    // A stale version is refused.
    expect((await leader.patch(`/api/v1/declarations/${draft.id}`, { ...fieldsOf(declarationBody(orgId)), version: draft.version })).statusCode).toBe(409);

    const submitted = await leader.post(`/api/v1/declarations/${draft.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', leadTime: { requiredDays: 7, unit: 'calendar', aheadDays: 10 }, review: { steps: ['community', 'street'], currentStep: 'community' } });

    expect((await review(street, draft.id, 'approve')).json().error.code).toBe('declaration.not_your_turn');
    expect((await review(otherStreet, draft.id, 'approve')).statusCode).toBe(404);
    expect((await review(community, draft.id, 'return')).statusCode).toBe(400);
    expect((await review(community, draft.id, 'approve', '材料齐全')).statusCode).toBe(200);
    const approved = await review(street, draft.id, 'approve', '同意举办');
    expect(approved.statusCode, approved.body).toBe(200);
    const body = approved.json();
    expect(body).toMatchObject({ status: 'approved', summaryDueOn: daysFromToday(25), can: { link: false, fileSummary: false } });
    // The organization's leader may link the activity held; the summary waits for the event's end.
    expect((await leader.get(`/api/v1/declarations/${draft.id}`)).json().can).toMatchObject({ link: true, fileSummary: false, edit: false });
    expect(body.review.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'approve', 'approve']);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'declaration').where('entity_id', '=', String(draft.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['declaration.create', 'declaration.update', 'declaration.submit', 'declaration.approve', 'declaration.approve']);
  });

  it('lets community staff declare on the organization’s behalf and submit at once; return goes back to the same step', async () => {
    const res = await community.post('/api/v1/declarations', declarationBody(orgId, { submit: true, title: '重阳节敬老活动', kinds: ['参与人数达到门槛的活动'] }));
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 'submitted', onBehalf: true });
    expect((await review(street, d.id, 'approve')).statusCode).toBe(409);
    // The community's pre-review is a community staff member's step (the chain decides by role, as for applications).
    const returned = await review(await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou }), d.id, 'return', '请补充安全预案');
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('returned');
    const again = await community.post(`/api/v1/declarations/${d.id}/submit`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().review.currentStep).toBe('community');
    // The leader sees it (their organization), but only its author may withdraw it.
    expect((await leader.get(`/api/v1/declarations/${d.id}`)).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/declarations/${d.id}/withdraw`, {})).statusCode).toBe(403);
    const withdrawn = await community.post(`/api/v1/declarations/${d.id}/withdraw`, { reason: '活动取消' });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('refuses kinds the district does not list, and a bad body with field messages', async () => {
    const res = await leader.post('/api/v1/declarations', declarationBody(orgId, { kinds: ['广场舞比赛'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.kinds).toBe('“广场舞比赛”不是本区设置的申报事项');
    const bad = await leader.post('/api/v1/declarations', declarationBody(orgId, { amountFen: 1.5, contactPhone: '123', plannedStartOn: '2026-02-30' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ amountFen: '涉及金额须精确到分（以分为单位的整数）', contactPhone: expect.stringContaining('11 位手机号'), plannedStartOn: '没有这一天，请检查日期' });
    const ends = await leader.post('/api/v1/declarations', declarationBody(orgId, { plannedEndOn: daysFromToday(5) }));
    expect(ends.json().error.fields).toEqual({ plannedEndOn: '结束日期不能早于开始日期' });
  });
});

describe('lead time (the district setting; refused when late, with the earliest allowed start)', () => {
  it('exactly 7 days before is on time; 6 days is refused with the rule and the earliest start', async () => {
    const onTime = await leader.post('/api/v1/declarations', declarationBody(orgId, { submit: true, plannedStartOn: daysFromToday(7), plannedEndOn: daysFromToday(7) }));
    expect(onTime.statusCode, onTime.body).toBe(201);
    expect(onTime.json().leadTime).toEqual({ requiredDays: 7, unit: 'calendar', aheadDays: 7 });

    const before = await t.database.db.selectFrom('declarations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const late = await leader.post('/api/v1/declarations', declarationBody(orgId, { submit: true, plannedStartOn: daysFromToday(6), plannedEndOn: daysFromToday(6) }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields.plannedStartOn).toBe(`按本区设置，重大活动须在活动开始 7 日前申报（${daysFromToday(0)} 提交，活动最早可安排在 ${daysFromToday(7)}）`);
    // The refused create-and-submit leaves no draft behind.
    const after = await t.database.db.selectFrom('declarations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // A draft may be saved with any date; submitting it late is refused the same way.
    const draft = (await leader.post('/api/v1/declarations', declarationBody(orgId, { plannedStartOn: daysFromToday(3), plannedEndOn: daysFromToday(3) }))).json();
    const refused = await leader.post(`/api/v1/declarations/${draft.id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.plannedStartOn).toContain(daysFromToday(7));
    expect((await leader.get(`/api/v1/declarations/${draft.id}`)).json().status).toBe('draft');
  });

  it('the form’s hint gives the district’s rule and the earliest start for today, in working days when the district says so', async () => {
    const rules = (await leader.get(`/api/v1/declarations/rules?org=${orgId}`)).json();
    expect(rules).toMatchObject({ participantsThreshold: 50, leadTime: { days: 7, unit: 'calendar' }, earliestStartOn: daysFromToday(7), today: daysFromToday(0) });
    expect(rules.source).toContain('三亚市天涯区');
    // Without `org`: the leader's own organization; staff must name one.
    expect((await leader.get('/api/v1/declarations/rules')).json().org).toEqual({ id: orgId, name: '仓口社区申报测试合唱团' });
    expect((await community.get('/api/v1/declarations/rules')).json().error.fields).toEqual({ org: '请选择组织' });
    await setRule({ ...DEFAULT_DECLARATIONS, leadTime: { days: 3, unit: 'working' } });
    try {
      const working = (await leader.get(`/api/v1/declarations/rules?org=${orgId}`)).json();
      expect(working.leadTime).toEqual({ days: 3, unit: 'working' });
      // Three working days never take fewer than three calendar days, and a start at the earliest date passes.
      expect(working.earliestStartOn >= daysFromToday(3)).toBe(true);
      const ok = await leader.post('/api/v1/declarations', declarationBody(orgId, { submit: true, plannedStartOn: working.earliestStartOn, plannedEndOn: working.earliestStartOn }));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().leadTime).toMatchObject({ requiredDays: 3, unit: 'working', aheadDays: 3 });
      const dayBefore = (await leader.post('/api/v1/declarations', declarationBody(orgId, { submit: true, plannedStartOn: daysFromToday(2), plannedEndOn: daysFromToday(2) })));
      expect(dayBefore.statusCode).toBe(400);
      expect(dayBefore.json().error.fields.plannedStartOn).toContain('3 个工作日前申报');
    } finally {
      await setRule(DEFAULT_DECLARATIONS);
    }
  });
});

describe('after the event: linking the activity, the summary, overdue and reminders', () => {
  it('links an activity of the same organization, moves the summary due date to its end, and files the summary once', async () => {
    const id = await insertDeclaration(t.database.db, orgId, communityUserId, { startOn: daysFromToday(-10), endOn: daysFromToday(-10) });
    const activity = await insertActivity(t.database.db, orgId, communityUserId, { heldOn: daysFromToday(-9), participants: 80 });
    const foreign = await insertActivity(t.database.db, otherOrgId, communityUserId, { participants: 80 });
    expect((await community.post(`/api/v1/declarations/${id}/link`, { activityId: foreign })).statusCode).toBe(400);
    const linked = await community.post(`/api/v1/declarations/${id}/link`, { activityId: activity });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ summaryDueOn: daysFromToday(6), activities: [{ id: activity, participants: 80 }], can: { fileSummary: true } });
    expect((await community.post(`/api/v1/declarations/${id}/link`, { activityId: activity })).statusCode).toBe(409);

    const summary = { effect: '到会会员 72 人，选出新一届理事会', problems: '会场偏小', nextSteps: '下次改在街道礼堂' };
    const filed = await leader.post(`/api/v1/declarations/${id}/summary`, summary);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().summary).toMatchObject({ ...summary, dueOn: daysFromToday(6), late: false });
    expect((await leader.post(`/api/v1/declarations/${id}/summary`, summary)).statusCode).toBe(409);
  });

  it('gives the ledger the link check and the summary due date when it sets declaration_id itself', async () => {
    const db = t.database.db;
    const id = await insertDeclaration(db, orgId, communityUserId, { startOn: daysFromToday(-12) });
    const pending = await insertDeclaration(db, orgId, communityUserId, { status: 'submitted', summaryDueOn: null });
    expect(await declarationLinkProblem(db, orgId, id)).toBeNull();
    expect(await declarationLinkProblem(db, otherOrgId, id)).toBe('没有该组织的这项重大活动申报');
    expect(await declarationLinkProblem(db, orgId, pending)).toBe('只有已同意的申报可以关联台账活动');
    await insertActivity(db, orgId, communityUserId, { heldOn: daysFromToday(-11), endsOn: daysFromToday(-10), declarationId: id });
    await db.transaction().execute((trx) => refreshSummaryDue(trx, id));
    const row = await db.selectFrom('declarations').select('summary_due_on').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.summary_due_on).toBe(daysFromToday(5));
  });

  it('refuses a summary before the event is over, and for a declaration not approved', async () => {
    const future = await insertDeclaration(t.database.db, orgId, communityUserId, { startOn: daysFromToday(9) });
    const early = await community.post(`/api/v1/declarations/${future}/summary`, { effect: '好', problems: '无', nextSteps: '继续' });
    expect(early.statusCode).toBe(400);
    const pending = await insertDeclaration(t.database.db, orgId, communityUserId, { status: 'submitted', summaryDueOn: null });
    expect((await community.post(`/api/v1/declarations/${pending}/summary`, { effect: '好', problems: '无', nextSteps: '继续' })).statusCode).toBe(409);
  });

  it('counts a summary past its due date as overdue (due yesterday: overdue; due today: not yet) and reminds before it', async () => {
    const org = (await createTestOrg(t.database.db, { name: '仓口社区总结逾期测试队', regionCode: PLACES.cangkou })).id;
    const overdue = await insertDeclaration(t.database.db, org, communityUserId, { title: '逾期总结', startOn: daysFromToday(-16), summaryDueOn: daysFromToday(-1) });
    const dueToday = await insertDeclaration(t.database.db, org, communityUserId, { title: '今日到期', startOn: daysFromToday(-15), summaryDueOn: daysFromToday(0) });
    const list = (await district.get(`/api/v1/declarations?org=${org}&overdue=true`)).json();
    expect(list.items.map((d: { id: number }) => d.id)).toEqual([overdue]);
    expect(list.items[0].summaryOverdue).toBe(true);

    const flags = (await district.get(`/api/v1/declarations/flags?region=${PLACES.wenshan}`)).json();
    const cangkou = flags.nodes.find((n: { region: { code: string } }) => n.region.code === PLACES.cangkou);
    expect(cangkou.overdueSummaries).toBeGreaterThanOrEqual(1);
    expect(flags.overdue.items.find((o: { id: number }) => o.id === overdue)).toMatchObject({ title: '逾期总结', daysOverdue: 1 });
    expect(flags.overdue.items.find((o: { id: number }) => o.id === dueToday)).toBeUndefined();

    const source = reminderSources().find((s) => s.name === 'declaration_summary')!;
    const due = await source.dueBetween(t.database.db, daysFromToday(0), daysFromToday(30));
    expect(due.filter((d) => d.orgId === org)).toEqual([{ subjectKind: 'declaration_summary', subjectId: dueToday, orgId: org, dueOn: daysFromToday(0), title: '“今日到期”活动总结', link: `/declarations/${dueToday}` }]);
  });
});

describe('flags: activities that needed a declaration (thresholds at N − 1 and N)', () => {
  it('flags 50 participants but not 49, ¥100,000 but not ¥99,999.99, foreign-related and listed types, unless an approved declaration is linked', async () => {
    const org = (await createTestOrg(t.database.db, { name: '仓口社区门槛测试协会', regionCode: PLACES.cangkou })).id;
    const add = (o: Parameters<typeof insertActivity>[3]) => insertActivity(t.database.db, org, communityUserId, o);
    const p49 = await add({ participants: 49 });
    const p50 = await add({ participants: 50 });
    const m1 = await add({ amountFen: 9_999_999 });
    const m2 = await add({ amountFen: 10_000_000 });
    const f = await add({ foreignRelated: true });
    const kind = await add({ activityType: '研讨会或展览' });
    const gone = await add({ participants: 300, deleted: true });
    const approved = await insertDeclaration(t.database.db, org, communityUserId);
    const covered = await add({ participants: 200, declarationId: approved });
    const pendingDecl = await insertDeclaration(t.database.db, org, communityUserId, { status: 'submitted', summaryDueOn: null });
    const pending = await add({ participants: 200, declarationId: pendingDecl });

    const scope = { region: null, org: { kind: 'own' as const, orgId: org } };
    const { items, total } = await flaggedActivities(t.database.db, scope);
    const ids = items.map((i) => i.id);
    expect(ids.sort()).toEqual([p50, m2, f, kind, pending].sort());
    expect(total).toBe(5);
    expect(ids).not.toContain(p49);
    expect(ids).not.toContain(m1);
    expect(ids).not.toContain(gone);
    expect(ids).not.toContain(covered);
    expect(items.find((i) => i.id === pending)!.declaration).toEqual({ id: pendingDecl, status: 'submitted' });
    expect(items.find((i) => i.id === m2)!.reasons).toEqual(['涉及金额 100000.00 元，达到 100000.00 元的申报门槛']);

    // Counted per child node for the street, and the leader sees their own organization's only.
    const flags = (await street.get(`/api/v1/declarations/flags?region=${PLACES.wenshan}&pageSize=200`)).json();
    const cangkou = flags.nodes.find((n: { region: { code: string } }) => n.region.code === PLACES.cangkou);
    expect(cangkou.flagged).toBeGreaterThanOrEqual(5);
    expect(flags.flagged.items.filter((i: { org: { id: number } }) => i.org.id === org)).toHaveLength(5);
    const own = (await leader.get(`/api/v1/declarations/flags?region=${PLACES.cangkou}`)).json();
    expect(own.flagged.items.every((i: { org: { id: number } }) => i.org.id === orgId)).toBe(true);
    expect((await otherStreet.get(`/api/v1/declarations/flags?region=${PLACES.wenshan}`)).statusCode).toBe(404);

    // Thresholds count only when their kind is in the district's list; a raised threshold moves the boundary.
    await setRule({ ...DEFAULT_DECLARATIONS, participantsThreshold: 51, kinds: DEFAULT_DECLARATIONS.kinds.filter((k) => k !== '涉外活动') });
    try {
      const after = (await flaggedActivities(t.database.db, scope)).items.map((i) => i.id);
      expect(after.sort()).toEqual([m2, kind, pending].sort());
    } finally {
      await setRule(DEFAULT_DECLARATIONS);
    }
    expect((await flaggedActivities(t.database.db, UNLIMITED_SCOPE, { limit: 500 })).items.map((i) => i.id)).toEqual(expect.arrayContaining([p50, m2]));
  });
});
