import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestUser, PLACES } from '../../../../test/factories.js';
import { contextOf, submitTestItem, TEST_SUBJECT } from '../../../../test/review-subject.js';
import { addDays, addWorkingDays, todayInChina } from '../../lib/working-days.js';
import { chainSettingFor, decideCase, latestCasesFor, submitCase, withdrawCase } from './index.js';

let t: TestApp;
let cangkouStaff: Client;
let street: Client;
let submitterId: number;
beforeAll(async () => {
  t = await createTestApp();
  cangkouStaff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  submitterId = (await createTestUser(t.database.db, { role: 'org_leader', regionCode: PLACES.cangkou })).id;
});
afterAll(async () => t?.close());

const db = () => t.database.db;

/** Everything a refused decision must leave as it was: the case, its trail, the subject's audit records and effects. */
async function snapshot(caseId: number) {
  const c = await db().selectFrom('review_cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const [events, audit] = await Promise.all([
    db().selectFrom('review_events').select(['id', 'action']).where('case_id', '=', caseId).orderBy('id').execute(),
    auditOf(Number(c.subject_id)),
  ]);
  return { c, events, audit };
}

const decide = (c: Client, caseId: number, body: Record<string, unknown>) => c.post(`/api/v1/reviews/${caseId}/decide`, body);
const auditOf = (subjectId: number) =>
  db().selectFrom('audit_log').select(['action', 'new_value']).where('entity_type', '=', 'test_item').where('entity_id', '=', String(subjectId)).orderBy('id').execute();

describe('a subject through the chain', () => {
  it('goes community → street with a due date per step, and takes effect in the last approval’s transaction', async () => {
    const { item, case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const today = todayInChina();
    expect(c).toMatchObject({ subject_kind: 'test_item', status: 'in_review', steps: ['community', 'street'], current_step: 'community', step_due_on: addWorkingDays(today, 5).due });

    const mine = (await cangkouStaff.get('/api/v1/reviews?queue=mine&kind=test_item')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toContain(Number(c.id));
    expect(mine.items.find((i: { id: number }) => i.id === Number(c.id))).toMatchObject({
      kind: 'test_item', kindLabel: '测试事项', title: item.title, currentStep: 'community', link: `/test-items/${item.id}`, regionPath: '吉州区 / 文山街道 / 仓口社区居委会', overdue: false,
    });

    // Not the street's turn yet: 409, and nothing moves.
    const before = await snapshot(Number(c.id));
    const early = await decide(street, Number(c.id), { decision: 'approve' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'test_item.not_your_turn', message: '该测试事项当前处于“社区预审”环节，不是您的审核环节' });
    expect(await snapshot(Number(c.id))).toEqual(before);

    const first = await decide(cangkouStaff, Number(c.id), { decision: 'approve', opinion: '材料齐全' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'in_review', currentStep: 'street', stepDueOn: addWorkingDays(today, 10).due, canDecide: false });

    const last = await decide(street, Number(c.id), { decision: 'approve' });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json()).toMatchObject({ status: 'approved', currentStep: null, stepDueOn: null });
    expect(last.json().decidedAt).toEqual(expect.any(String));
    expect(last.json().events.map((e: { action: string; step: string; opinion: string | null }) => [e.action, e.step, e.opinion])).toEqual([
      ['submit', 'community', null],
      ['approve', 'community', '材料齐全'],
      ['approve', 'street', '同意'],
    ]);
    const audit = await auditOf(item.id);
    expect(audit.map((a) => a.action)).toEqual(['test_item.submit', 'test_item.approve', 'test_item.effect', 'test_item.approve']);
    expect(audit[3]!.new_value).toMatchObject({ caseId: Number(c.id), step: 'street', nextStep: null, effect: `EFFECT-${item.id}` });
  });

  it('returns with a mandatory reason, and a resubmission goes back to the returning step', async () => {
    const { item, case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const id = Number(c.id);
    expect((await decide(cangkouStaff, id, { decision: 'approve' })).statusCode).toBe(200);

    const before = await snapshot(id);
    const bare = await decide(street, id, { decision: 'return' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toEqual({ opinion: '退回补正须写明需要补正的内容' });
    expect((await decide(street, id, { decision: 'return', opinion: '   ' })).statusCode).toBe(400);
    expect(await snapshot(id)).toEqual(before);

    const returned = await decide(street, id, { decision: 'return', opinion: '请补充活动场所证明' });
    expect(returned.json()).toMatchObject({ status: 'returned', currentStep: 'street', stepDueOn: null });
    // The submitter's to-do now; nobody's to decide.
    const ctx = await contextOf(db(), submitterId);
    const own = (await t.login(ctx.actor!.username)).get('/api/v1/reviews?queue=mine');
    expect((await own).json().items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await decide(street, id, { decision: 'approve' })).statusCode).toBe(409);

    const again = await submitCase(db(), ctx, { kind: 'test_item', subjectId: item.id, title: `${item.title}（补正）`, regionId: Number(c.region_id) });
    expect(again).toMatchObject({ id: c.id, status: 'in_review', current_step: 'street', title: `${item.title}（补正）`, step_due_on: addWorkingDays(todayInChina(), 10).due });
    // Submitting an open case again is refused.
    await expect(submitCase(db(), ctx, { kind: 'test_item', subjectId: item.id, title: item.title, regionId: Number(c.region_id) })).rejects.toMatchObject({ statusCode: 409, code: 'test_item.already_in_review' });
    const done = await decide(street, id, { decision: 'approve' });
    expect(done.json().status).toBe('approved');
    expect(done.json().events.map((e: { action: string }) => e.action)).toEqual(['submit', 'approve', 'return', 'resubmit', 'approve']);
  });

  it('rejects with a mandatory reason, runs the subject’s rejection effect, and a new submission opens a new round', async () => {
    const { item, case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const bare = await decide(cangkouStaff, Number(c.id), { decision: 'reject' });
    expect(bare.json().error.fields).toEqual({ opinion: '不予通过须写明理由' });
    const rejected = await decide(cangkouStaff, Number(c.id), { decision: 'reject', opinion: '属于禁止类组织' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', currentStep: null });
    expect((await auditOf(item.id)).map((a) => [a.action, a.new_value])).toContainEqual(['test_item.effect', { effect: 'rejected', opinion: '属于禁止类组织' }]);

    const round2 = await submitCase(db(), await contextOf(db(), submitterId), { kind: 'test_item', subjectId: item.id, title: item.title, regionId: Number(c.region_id) });
    expect(Number(round2.id)).not.toBe(Number(c.id));
    expect(round2).toMatchObject({ status: 'in_review', current_step: 'community' });
    expect((await latestCasesFor(db(), 'test_item', [item.id])).get(item.id)?.id).toBe(round2.id);
  });

  it('refuses outside the jurisdiction with 404 and no data, leaving everything unchanged', async () => {
    const { case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const before = await snapshot(Number(c.id));
    const neighbour = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const otherStreet = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.gunan });
    for (const client of [neighbour, otherStreet]) {
      const res = await decide(client, Number(c.id), { decision: 'reject', opinion: '越权' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('test_item.not_found');
      expect(res.body).not.toContain(c.title);
      expect((await client.get(`/api/v1/reviews/${c.id}`)).statusCode).toBe(404);
      expect((await client.get('/api/v1/reviews?queue=all')).json().items.map((i: { id: number }) => i.id)).not.toContain(Number(c.id));
    }
    expect(await snapshot(Number(c.id))).toEqual(before);
    expect((await decide(cangkouStaff, 99_999_999, { decision: 'approve' })).statusCode).toBe(404);
  });

  it('rolls the whole decision back when the subject’s effect or check refuses, and refuses a stale version', async () => {
    const failing = await submitTestItem(db(), submitterId, PLACES.cangkou, { failOnApprove: true, needsReason: true });
    const id = Number(failing.case.id);
    const check = await decide(cangkouStaff, id, { decision: 'approve' });
    expect(check.json().error.fields).toEqual({ opinion: '该测试事项同意时须写明理由' });
    expect((await decide(cangkouStaff, id, { decision: 'approve', opinion: '同意，理由：已核实' })).statusCode).toBe(200);
    const before = await snapshot(id);
    const refused = await decide(street, id, { decision: 'approve', opinion: '同意' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual({ title: '测试事项无法生效' });
    expect(await snapshot(id)).toEqual(before);

    const stale = await decide(street, id, { decision: 'return', opinion: '补正', version: before.c.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('test_item.version_conflict');
    expect(await snapshot(id)).toEqual(before);
    expect((await decide(street, id, { decision: 'return', opinion: '补正', version: before.c.version })).json().status).toBe('returned');
  });

  it('is withdrawn by its submitter alone, and then nobody decides it', async () => {
    const { item, case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const staffCtx = await contextOf(db(), cangkouStaff.userId!);
    await expect(withdrawCase(db(), staffCtx, { kind: 'test_item', subjectId: item.id })).rejects.toMatchObject({ statusCode: 403 });
    const w = await withdrawCase(db(), await contextOf(db(), submitterId), { kind: 'test_item', subjectId: item.id }, '不办了');
    expect(w).toMatchObject({ status: 'withdrawn', current_step: null, step_due_on: null });
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['test_item.submit', 'test_item.effect', 'test_item.withdraw']);
    expect((await decide(cangkouStaff, Number(c.id), { decision: 'approve' })).statusCode).toBe(409);
    await expect(withdrawCase(db(), await contextOf(db(), submitterId), { caseId: Number(c.id) })).rejects.toMatchObject({ statusCode: 409, code: 'test_item.closed' });
  });

  it('decides a batch item by item: one refusal does not stop the rest', async () => {
    const a = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const b = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const atStreet = await submitTestItem(db(), submitterId, PLACES.cangkou);
    await decideCase(db(), await contextOf(db(), cangkouStaff.userId!), { caseId: Number(atStreet.case.id) }, { decision: 'approve' });
    const before = await snapshot(Number(atStreet.case.id));
    const ids = [Number(a.case.id), Number(atStreet.case.id), Number(b.case.id), Number(a.case.id)];
    const res = await cangkouStaff.post('/api/v1/reviews/decide-batch', { ids, decision: 'return', opinion: '请补充成员名单' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { id: Number(a.case.id), ok: true, message: null },
      { id: Number(atStreet.case.id), ok: false, message: '该测试事项当前处于“街道（乡镇）资格审查”环节，不是您的审核环节' },
      { id: Number(b.case.id), ok: true, message: null },
    ]);
    expect(await snapshot(Number(atStreet.case.id))).toEqual(before);
    const statuses = await db().selectFrom('review_cases').select(['id', 'status']).where('id', 'in', [Number(a.case.id), Number(b.case.id)]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['returned', 'returned']);
    const fresh = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const bare = await cangkouStaff.post('/api/v1/reviews/decide-batch', { ids: [Number(fresh.case.id), Number(b.case.id)], decision: 'reject' });
    expect(bare.json().items).toEqual([
      { id: Number(fresh.case.id), ok: false, message: '不予通过须写明理由' },
      { id: Number(b.case.id), ok: false, message: '该测试事项当前不在审核中，不能审核' },
    ]);
  });
});

describe('queues and counts', () => {
  it('counts to-dos per kind with due-soon and overdue ones, and per child node', async () => {
    // 新村居委会 is used by this test alone: its counts are this test's cases.
    const staff = await t.loginAs({ role: 'community_staff', regionCode: PLACES.xincun });
    const submitter = (await createTestUser(db(), { role: 'community_staff', regionCode: PLACES.xincun })).id;
    const overdue = await submitTestItem(db(), submitter, PLACES.xincun);
    const soon = await submitTestItem(db(), submitter, PLACES.xincun);
    await submitTestItem(db(), submitter, PLACES.xincun);
    const today = todayInChina();
    await db().updateTable('review_cases').set({ step_due_on: addDays(today, -1) }).where('id', '=', Number(overdue.case.id)).execute();
    await db().updateTable('review_cases').set({ step_due_on: today }).where('id', '=', Number(soon.case.id)).execute();

    const counts = (await staff.get('/api/v1/reviews/counts')).json();
    expect(counts.byKind.find((k: { kind: string }) => k.kind === 'test_item')).toEqual({ kind: 'test_item', label: '测试事项', mine: 3, dueSoon: 1, overdue: 1 });
    expect(counts).toMatchObject({ mine: 3, dueSoon: 1, overdue: 1 });

    const byDue = (await staff.get('/api/v1/reviews?queue=mine&sort=due')).json();
    expect(byDue.items.map((i: { id: number }) => i.id).slice(0, 2)).toEqual([Number(overdue.case.id), Number(soon.case.id)]);
    expect(byDue.items[0]).toMatchObject({ overdue: true, dueState: 'overdue' });
    expect((await staff.get('/api/v1/reviews?queue=mine&due=overdue')).json().total).toBe(1);
    expect((await staff.get('/api/v1/reviews?queue=mine&kind=no_such_kind')).json()).toEqual({ items: [], total: 0 });

    const nodes = (await street.get(`/api/v1/reviews/overdue?region=${PLACES.wenshan}`)).json();
    expect(nodes.region.code).toBe(PLACES.wenshan);
    expect(nodes.items.find((i: { region: { code: string } }) => i.region.code === PLACES.xincun)).toMatchObject({ inReview: 3, dueSoon: 1, overdue: 1 });
    const district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
    const streets = (await district.get(`/api/v1/reviews/overdue?region=${PLACES.jizhou}&kind=test_item`)).json();
    expect(streets.items.find((i: { region: { code: string } }) => i.region.code === PLACES.wenshan).overdue).toBeGreaterThanOrEqual(1);
    expect((await street.get(`/api/v1/reviews/overdue?region=${PLACES.gunan}`)).statusCode).toBe(404);

    // The street's queue holds none of these yet: they wait at the community.
    const streetQueue = (await street.get('/api/v1/reviews?queue=mine&kind=test_item')).json();
    expect(streetQueue.items.map((i: { id: number }) => i.id)).not.toContain(Number(overdue.case.id));
  });

  it('shows an applicant only what they submitted', async () => {
    const leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    const own = await submitTestItem(db(), leader.userId!, PLACES.cangkou);
    const others = await submitTestItem(db(), submitterId, PLACES.cangkou);
    const all = (await leader.get('/api/v1/reviews?queue=all')).json();
    expect(all.items.map((i: { id: number }) => i.id)).toEqual([Number(own.case.id)]);
    expect((await leader.get(`/api/v1/reviews/${others.case.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/v1/reviews/${own.case.id}`)).json()).toMatchObject({ canDecide: false, events: [{ action: 'submit' }] });
    expect((await decide(leader, Number(own.case.id), { decision: 'approve' })).statusCode).toBe(403);
    expect((await leader.get('/api/v1/reviews/counts')).json().mine).toBe(0);
  });
});

describe('the chain a district sets per subject kind', () => {
  it('uses the district’s review.chains entry for new cases, and the filing workflow for applications', async () => {
    const admin = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
    const settings = (await admin.get('/api/v1/settings')).json();
    expect(settings.items.find((i: { key: string }) => i.key === 'review.chains')).toMatchObject({ isDefault: true, value: {} });
    const bad = await admin.put('/api/v1/settings/review.chains', { value: { test_item: { steps: ['street'], deadlines: {} } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ 'value.test_item.deadlines.street': '请填写该环节的审核时限（工作日）' });
    // An application's chain also needs the direct-registration window, or a registration could not be given a due date.
    const noWindow = await admin.put('/api/v1/settings/review.chains', { value: { application: { steps: ['street'], deadlines: { street: 10 } } } });
    expect(noWindow.statusCode).toBe(400);
    expect(noWindow.json().error.fields).toEqual({ 'value.application.deadlines.registration': '请填写直接登记的办理时限（工作日）' });
    const put = await admin.put('/api/v1/settings/review.chains', { value: { test_item: { steps: ['street', 'district'], deadlines: { street: 3, district: 7 } } } });
    expect(put.statusCode, put.body).toBe(200);

    const { case: c } = await submitTestItem(db(), submitterId, PLACES.cangkou);
    expect(c).toMatchObject({ steps: ['street', 'district'], current_step: 'street', step_due_on: addWorkingDays(todayInChina(), 3).due });
    const jizhou = await db().selectFrom('regions').select('id').where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
    // Applications keep following the district's filing workflow until the district gives them an entry.
    expect(await chainSettingFor(db(), { ...TEST_SUBJECT, kind: 'application' } as never, Number(jizhou.id))).toEqual({
      steps: ['community', 'street'],
      deadlines: { community: 5, street: 10, district: 10, registration: 20 },
    });
    await admin.put('/api/v1/settings/workflow', { value: { ...settings.items.find((i: { key: string }) => i.key === 'workflow').value, filingSteps: 'street_district' } });
    expect((await chainSettingFor(db(), { ...TEST_SUBJECT, kind: 'application' } as never, Number(jizhou.id))).steps).toEqual(['street', 'district']);
    await admin.put('/api/v1/settings/review.chains', { value: {} });
    await admin.put('/api/v1/settings/workflow', { value: settings.items.find((i: { key: string }) => i.key === 'workflow').value });
  });
});
