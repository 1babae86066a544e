import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { establishmentData, submitFiling, upload, uploadRequired } from '../../../../test/applications.js';

let t: TestApp;
let leader: Client;
let community: Client;
let street: Client;
let district: Client;
let otherStreet: Client;
beforeAll(async () => {
  t = await createTestApp();
  leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  otherStreet = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.gunan });
});
afterAll(async () => t?.close());

// Test filings in one community resemble each other (same-kind warnings), so approvals carry a reason by default.
const review = (c: Client, id: number, decision: string, opinion: string | null = decision === 'approve' ? '同意，已核实' : null) =>
  c.post(`/api/v1/applications/${id}/review`, { decision, ...(opinion ? { opinion } : {}) });
const get = async (c: Client, id: number) => (await c.get(`/api/v1/applications/${id}`)).json();
const orgCount = async () => Number((await t.database.db.selectFrom('orgs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('establishment filing: community pre-review → street review', () => {
  it('walks draft → submit → community → street, creates the organization and a valid certificate', async () => {
    const id = await submitFiling(leader, PLACES.cangkou, '仓口社区晨曦太极队');
    let app = await get(leader, id);
    expect(app.status).toBe('in_review');
    expect(app.steps).toEqual(['community', 'street']);
    expect(app.currentStep).toBe('community');
    expect(app.stepDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Out of turn: the street may not act before the community.
    const early = await review(street, id, 'approve');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('application.not_your_turn');
    // Outside the jurisdiction: 404, nothing changed.
    expect((await review(otherStreet, id, 'approve')).statusCode).toBe(404);
    expect((await otherStreet.get(`/api/v1/applications/${id}`)).statusCode).toBe(404);
    expect((await get(leader, id)).currentStep).toBe('community');

    const before = await orgCount();
    expect((await review(community, id, 'approve', '材料齐全，同意')).statusCode).toBe(200);
    app = await get(street, id);
    expect(app.currentStep).toBe('street');
    expect(app.can.review).toBe(true);
    const done = await review(street, id, 'approve', '符合条件，准予备案');
    expect(done.statusCode, done.body).toBe(200);
    app = done.json();
    expect(app.status).toBe('approved');
    expect(app.certificateNo).toMatch(/^BA-360802-\d{4}-\d{5}-[0-9A-Z]{4}$/);
    expect(app.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve', 'approve']);
    expect(app.events[2]).toMatchObject({ step: 'community', opinion: '材料齐全，同意' });
    expect(await orgCount()).toBe(before + 1);

    const recorded = await t.database.db.selectFrom('orgs').select('recorded_on').where('id', '=', app.org.id).executeTakeFirstOrThrow();
    expect(recorded.recorded_on).toBe(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
    const org = (await street.get(`/api/v1/orgs/${app.org.id}`)).json();
    expect(org).toMatchObject({ name: '仓口社区晨曦太极队', legalForm: 'filed', status: 'active', certificateNo: app.certificateNo });
    expect((await street.get(`/api/v1/orgs/${app.org.id}/attachments`)).json().items).toHaveLength(4);

    const cert = await t.anonymous().get(`/api/v1/public/certificates/${app.certificateNo}`);
    expect(cert.statusCode).toBe(200);
    expect(cert.json()).toMatchObject({ status: 'valid', orgName: '仓口社区晨曦太极队', issuer: '吉州区文山街道办事处' });
    expect(cert.body).not.toContain('13907960001');
    expect(cert.body).not.toContain('王秀兰');

    // The leader's account now speaks for the organization: its certificate is theirs to download.
    const pdf = await leader.get(`/api/v1/certificates/${app.certificateNo}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('return for correction needs a reason; the applicant corrects and resubmits to the same step', async () => {
    const id = await submitFiling(leader, PLACES.cangkou);
    await review(community, id, 'approve');
    const noReason = await review(street, id, 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.opinion).toContain('补正');
    expect((await review(street, id, 'return', '请补充活动场所使用协议')).statusCode).toBe(200);
    let app = await get(leader, id);
    expect(app.status).toBe('returned');
    expect(app.can).toMatchObject({ edit: true, submit: true });
    // The reviewer cannot act on a returned application.
    expect((await review(street, id, 'approve')).statusCode).toBe(409);
    expect((await upload(leader, id, 'venue_proof')).statusCode).toBe(201);
    const patched = await leader.patch(`/api/v1/applications/${id}`, { version: app.version, data: { ...app.data, org: { ...app.data.org, venue: '仓口社区文化广场（已签协议）' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await leader.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(200);
    app = await get(street, id);
    expect(app.status).toBe('in_review');
    expect(app.currentStep).toBe('street');
    expect(app.events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve', 'return', 'resubmit']);
    expect((await review(street, id, 'approve')).json().status).toBe('approved');
  });

  it('reject needs a reason and ends the application; nothing is created', async () => {
    const id = await submitFiling(leader, PLACES.cangkou);
    const before = await orgCount();
    expect((await review(community, id, 'reject')).statusCode).toBe(400);
    const res = await review(community, id, 'reject', '与本社区已有组织重复');
    expect(res.json()).toMatchObject({ status: 'rejected', currentStep: null, org: null });
    expect((await review(street, id, 'approve')).statusCode).toBe(409);
    expect(await orgCount()).toBe(before);
  });

  it('the applicant withdraws; a withdrawn application cannot be reviewed or resubmitted', async () => {
    const id = await submitFiling(leader, PLACES.cangkou);
    expect((await community.post(`/api/v1/applications/${id}/withdraw`, {})).statusCode).toBe(403);
    expect((await leader.post(`/api/v1/applications/${id}/withdraw`, { reason: '暂缓成立' })).json().status).toBe('withdrawn');
    expect((await review(community, id, 'approve')).statusCode).toBe(409);
    expect((await leader.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(409);
  });

  it('refuses an incomplete submission with field messages and keeps the draft', async () => {
    const res = await leader.post('/api/v1/applications', { kind: 'filing', data: { org: { name: '未完成的申请', regionCode: PLACES.cangkou }, members: [] } });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const submit = await leader.post(`/api/v1/applications/${id}/submit`);
    expect(submit.statusCode).toBe(400);
    const fields = submit.json().error.fields;
    expect(fields['org.category']).toBeTruthy();
    expect(fields.charter).toBe('请填写章程全文');
    expect(fields['attachments.charter']).toBe('请上传章程');
    expect((await get(leader, id)).status).toBe('draft');
    // Others do not see someone's draft.
    expect((await community.get(`/api/v1/applications/${id}`)).statusCode).toBe(404);
  });

  it('community staff file on behalf; the district record step applies when the district sets it', async () => {
    const put = await district.put('/api/v1/settings/workflow', {
      value: { filingSteps: 'community_street_district', deadlines: { community: 3, street: 10, district: 5, registration: 20 }, dueSoonDays: 2, memberThresholds: { individual: 20, unit: 10 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const id = await submitFiling(community, PLACES.cangkou);
      let app = await get(community, id);
      expect(app.onBehalf).toBe(true);
      expect(app.steps).toEqual(['community', 'street', 'district']);
      await review(community, id, 'approve');
      await review(street, id, 'approve');
      expect((await get(district, id)).currentStep).toBe('district');
      app = (await review(district, id, 'approve')).json();
      expect(app.status).toBe('approved');
      const cert = (await t.anonymous().get(`/api/v1/public/certificates/${app.certificateNo}`)).json();
      expect(cert.issuer).toBe('吉州区民政局');
    } finally {
      await t.database.db.deleteFrom('district_settings').where('key', '=', 'workflow').execute();
    }
  });
});

describe('change and deregistration filing', () => {
  it('shows a field-by-field diff, applies it on approval in the same transaction and supersedes the certificate', async () => {
    // A leader's account speaks for the one organization it founded.
    const leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    const id = await submitFiling(leader, PLACES.cangkou, '仓口社区夕照合唱团');
    await review(community, id, 'approve');
    const first = (await review(street, id, 'approve')).json();
    const orgId = first.org.id;

    const created = await leader.post('/api/v1/applications', { kind: 'filing_change', orgId });
    expect(created.statusCode, created.body).toBe(201);
    const change = created.json();
    expect(change.data.org.name).toBe('仓口社区夕照合唱团');
    const edit = await leader.patch(`/api/v1/applications/${change.id}`, {
      version: change.version,
      data: { ...change.data, org: { ...change.data.org, name: '仓口社区夕阳红合唱团', venue: '仓口社区二楼活动室' }, reason: '更名并更换活动场所' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await leader.post(`/api/v1/applications/${change.id}/submit`)).statusCode).toBe(200);
    expect((await street.get(`/api/v1/orgs/${orgId}`)).json().status).toBe('changing');
    // A second open application for the same organization is refused.
    expect((await leader.post('/api/v1/applications', { kind: 'filing_deregistration', orgId })).statusCode).toBe(409);

    const view = await get(community, change.id);
    expect(view.diff).toEqual(
      expect.arrayContaining([
        { field: 'name', label: '名称', from: '仓口社区夕照合唱团', to: '仓口社区夕阳红合唱团' },
        { field: 'venue', label: '活动场所', from: '仓口社区文化广场', to: '仓口社区二楼活动室' },
      ]),
    );
    expect(view.diff).toHaveLength(2);
    await review(community, change.id, 'approve');
    const approved = (await review(street, change.id, 'approve')).json();
    const org = (await street.get(`/api/v1/orgs/${orgId}`)).json();
    expect(org).toMatchObject({ name: '仓口社区夕阳红合唱团', venue: '仓口社区二楼活动室', status: 'active', certificateNo: approved.certificateNo });
    expect(org.formerNames).toContain('仓口社区夕照合唱团');
    const old = (await t.anonymous().get(`/api/v1/public/certificates/${first.certificateNo}`)).json();
    expect(old).toMatchObject({ status: 'superseded', supersededBy: approved.certificateNo });
    expect((await t.anonymous().get(`/api/v1/public/certificates/${approved.certificateNo}`)).json().status).toBe('valid');
  });

  it('a rejected change puts the organization back to normal, unchanged', async () => {
    const org = await createTestOrg(t.database.db, { name: '仓口社区象棋协会', regionCode: PLACES.cangkou });
    const c = (await community.post('/api/v1/applications', { kind: 'filing_change', orgId: org.id })).json();
    await community.patch(`/api/v1/applications/${c.id}`, { version: c.version, data: { ...c.data, org: { ...c.data.org, name: '仓口社区棋类协会' }, reason: '扩大活动范围' } });
    expect((await community.post(`/api/v1/applications/${c.id}/submit`)).statusCode).toBe(200);
    await review(community, c.id, 'approve');
    await review(street, c.id, 'reject', '名称与他会相近');
    const after = (await street.get(`/api/v1/orgs/${org.id}`)).json();
    expect(after).toMatchObject({ name: '仓口社区象棋协会', status: 'active' });
  });

  it('deregistration revokes the certificate', async () => {
    const leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    const id = await submitFiling(leader, PLACES.cangkou, '仓口社区读书会');
    await review(community, id, 'approve');
    const est = (await review(street, id, 'approve')).json();
    const d = (await leader.post('/api/v1/applications', { kind: 'filing_deregistration', orgId: est.org.id })).json();
    expect((await leader.post(`/api/v1/applications/${d.id}/submit`)).json().error.fields.reason).toBe('请填写注销原因');
    await leader.patch(`/api/v1/applications/${d.id}`, { version: d.version, data: { ...d.data, reason: '成员搬迁，活动停止' } });
    expect((await leader.post(`/api/v1/applications/${d.id}/submit`)).statusCode).toBe(200);
    expect((await street.get(`/api/v1/orgs/${est.org.id}`)).json().status).toBe('deregistering');
    await review(community, d.id, 'approve');
    expect((await review(street, d.id, 'approve')).json().status).toBe('approved');
    expect((await street.get(`/api/v1/orgs/${est.org.id}`)).json().status).toBe('deregistered');
    expect((await t.anonymous().get(`/api/v1/public/certificates/${est.certificateNo}`)).json()).toMatchObject({ status: 'revoked', revokedOn: expect.any(String) });
  });
});

describe('direct registration (one window at the district)', () => {
  it('goes to the district only, assigns a valid credit code, and keeps a filed organization’s identity', async () => {
    const filed = await createTestOrg(t.database.db, { name: '仓口社区公益服务社', regionCode: PLACES.cangkou, category: '公益慈善' });
    const created = await community.post('/api/v1/applications', { kind: 'registration', orgId: filed.id });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    const data = { ...r.data, registrationType: '公益慈善类', charter: '本会宗旨：扶贫济困。业务范围：社区公益活动。负责人：张三。', org: { ...r.data.org, legalForm: 'social_service', leaderName: '张三', individualMembers: 30 } };
    expect((await community.patch(`/api/v1/applications/${r.id}`, { version: r.version, data })).statusCode).toBe(200);
    await uploadRequired(community, r.id);
    const sub = await community.post(`/api/v1/applications/${r.id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ steps: ['district'], currentStep: 'district' });
    expect((await review(street, r.id, 'approve')).statusCode).toBe(409);
    const approved = await review(district, r.id, 'approve', '准予登记');
    expect(approved.statusCode, approved.body).toBe(200);
    const org = (await district.get(`/api/v1/orgs/${filed.id}`)).json();
    expect(org.id).toBe(filed.id);
    expect(org.legalForm).toBe('social_service');
    expect(org.creditCode).toMatch(/^52360802MJ/);
    expect((await t.anonymous().get(`/api/v1/public/certificates/${approved.json().certificateNo}`)).json().kind).toBe('registration');
  });

  it('change and deregistration of a registered organization go to the district', async () => {
    const reg = await createTestOrg(t.database.db, { name: '吉州区志愿服务促进会', legalForm: 'social_group', creditCode: makeCreditCode('1'), regionCode: PLACES.jizhou, category: '公益慈善' });
    expect((await community.post('/api/v1/applications', { kind: 'filing_change', orgId: reg.id })).statusCode).toBe(404);
    const wrong = await district.post('/api/v1/applications', { kind: 'filing_change', orgId: reg.id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.orgId).toContain('变更登记');
    const c = (await district.post('/api/v1/applications', { kind: 'registration_change', orgId: reg.id })).json();
    await district.patch(`/api/v1/applications/${c.id}`, { version: c.version, data: { ...c.data, org: { ...c.data.org, address: '吉州区井冈山大道 1 号' }, reason: '住所变更' } });
    expect((await district.post(`/api/v1/applications/${c.id}/submit`)).json().steps).toEqual(['district']);
    expect((await review(district, c.id, 'approve')).json().status).toBe('approved');
    expect((await district.get(`/api/v1/orgs/${reg.id}`)).json().address).toBe('吉州区井冈山大道 1 号');
    const d = (await district.post('/api/v1/applications', { kind: 'registration_deregistration', orgId: reg.id, data: { org: {}, members: [], reason: '完成清算' } })).json();
    expect((await district.post(`/api/v1/applications/${d.id}/submit`)).statusCode).toBe(200);
    expect((await review(district, d.id, 'approve')).json().status).toBe('approved');
    expect((await district.get(`/api/v1/orgs/${reg.id}`)).json().status).toBe('deregistered');
  });
});

describe('queues, counts, batches and checks', () => {
  it('lists each reviewer’s to-dos with counts, and batch approval acts on each', async () => {
    const a = await submitFiling(leader, PLACES.cangkou);
    const b = await submitFiling(leader, PLACES.cangkou);
    const mine = (await community.get('/api/v1/applications?queue=mine&pageSize=200')).json();
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual(expect.arrayContaining([a, b]));
    expect(mine.items.every((i: { currentStep: string | null; status: string }) => i.status !== 'in_review' || i.currentStep === 'community')).toBe(true);
    const counts = (await community.get('/api/v1/applications/counts')).json();
    expect(counts.mine).toBeGreaterThanOrEqual(2);
    const streetBefore = (await street.get('/api/v1/applications/counts')).json().mine;
    const batch = await community.post('/api/v1/applications/review-batch', { ids: [a, b, 999999], decision: 'approve', opinion: '同意' });
    expect(batch.statusCode).toBe(200);
    expect(batch.json().items).toEqual([
      { id: a, ok: true, message: null },
      { id: b, ok: true, message: null },
      { id: 999999, ok: false, message: '记录不存在或无权访问' },
    ]);
    expect((await street.get('/api/v1/applications/counts')).json().mine).toBe(streetBefore + 2);
    const leaderQueue = (await leader.get('/api/v1/applications?queue=all&pageSize=200')).json();
    expect(leaderQueue.items.every((i: { applicant: { id: number } }) => i.applicant.id === leader.userId)).toBe(true);
  });

  it('are cases of the review chain: the bell over every kind counts what the applications queue counts', async () => {
    const draft = (await leader.post('/api/v1/applications', { kind: 'filing', data: establishmentData(PLACES.cangkou) })).json().id as number;
    const returned = await submitFiling(leader, PLACES.cangkou);
    expect((await review(community, returned, 'return', '请补充成员名单')).statusCode).toBe(200);
    const waiting = await submitFiling(leader, PLACES.cangkou);
    for (const c of [leader, community, street]) {
      const own = (await c.get('/api/v1/applications/counts')).json();
      const bell = (await c.get('/api/v1/reviews/counts')).json();
      expect(bell.byKind.find((k: { kind: string }) => k.kind === 'application')).toEqual({ kind: 'application', label: '备案登记申请', ...own });
      expect({ mine: bell.mine, dueSoon: bell.dueSoon, overdue: bell.overdue }).toEqual(own);
    }
    // The leader's draft counts in the bell, their returned application too; the waiting one is the community's.
    const leaderMine = (await leader.get('/api/v1/applications?queue=mine&pageSize=200')).json().items.map((i: { id: number }) => i.id);
    expect(leaderMine).toEqual(expect.arrayContaining([draft, returned]));
    expect(leaderMine).not.toContain(waiting);
    const queue = (await community.get('/api/v1/reviews?queue=mine&kind=application&pageSize=200')).json();
    const item = queue.items.find((i: { subjectId: number }) => i.subjectId === waiting);
    expect(item).toMatchObject({ kind: 'application', kindLabel: '备案登记申请', status: 'in_review', currentStep: 'community', link: `/applications/${waiting}` });
    expect(queue.items.map((i: { subjectId: number }) => i.subjectId)).not.toContain(returned);
    // The case trail is the application's: created (its own), submitted, returned, in time order.
    expect((await get(leader, returned)).events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'return']);
  });

  it('marks overdue items and counts them per node', async () => {
    const id = await submitFiling(leader, PLACES.cangkou);
    await t.database.db.updateTable('review_cases').set({ step_due_on: '2020-01-02' }).where('subject_kind', '=', 'application').where('subject_id', '=', id).execute();
    const overdue = (await community.get('/api/v1/applications?queue=mine&due=overdue')).json();
    expect(overdue.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(overdue.items.find((i: { id: number }) => i.id === id).dueState).toBe('overdue');
    const byNode = (await street.get(`/api/v1/applications/overdue?region=${PLACES.wenshan}`)).json();
    const cangkou = byNode.items.find((i: { region: { code: string } }) => i.region.code === PLACES.cangkou);
    expect(cangkou.overdue).toBeGreaterThanOrEqual(1);
    expect((await otherStreet.get(`/api/v1/applications/overdue?region=${PLACES.wenshan}`)).statusCode).toBe(404);
  });

  it('warns of thresholds, charter gaps, same-kind organizations and prohibited kinds; approval then needs a reason', async () => {
    await createTestOrg(t.database.db, { name: '仓口社区红枫广场舞队', regionCode: PLACES.cangkou, category: '文体活动', purpose: '丰富居民文化生活' });
    const data = establishmentData(PLACES.cangkou, '仓口社区红枫广场舞蹈队');
    data.org.individualMembers = 8;
    data.members = data.members.slice(0, 8);
    data.charter = '本队宗旨：强身健体。活动：跳舞。';
    data.org.activities = '广场舞与气功修炼';
    const id = (await leader.post('/api/v1/applications', { kind: 'filing', data })).json().id;
    await uploadRequired(leader, id);
    expect((await leader.post(`/api/v1/applications/${id}/submit`)).statusCode).toBe(200);
    const app = await get(community, id);
    const codes = app.checks.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['members_below_threshold', 'charter_no_leader', 'similar_org', 'prohibited_kind']));
    expect(app.checks.find((c: { code: string }) => c.code === 'similar_org').orgs.map((o: { name: string }) => o.name)).toContain('仓口社区红枫广场舞队');
    const bare = await review(community, id, 'approve', null);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.opinion).toBeTruthy();
    expect((await review(community, id, 'approve', '已核实不含气功内容，建议与红枫广场舞队合并后再报')).statusCode).toBe(200);
  });
});

describe('public sign-up', () => {
  it('creates an applicant at a community, who then files', async () => {
    const res = await t.anonymous().post('/api/v1/public/signup', { username: 'zhang-applicant', displayName: '张申请', phone: '13907961111', password: 'Apply-Pass-2026', regionCode: PLACES.xincun });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ role: 'org_leader', region: { code: PLACES.xincun } });
    const bad = await t.anonymous().post('/api/v1/public/signup', { username: 'li-applicant', displayName: '李', phone: '123', password: 'short', regionCode: PLACES.wenshan + '000' });
    expect(bad.statusCode).toBe(400);
    const dup = await t.anonymous().post('/api/v1/public/signup', { username: 'zhang-applicant', displayName: '张申请', phone: '13907961111', password: 'Apply-Pass-2026', regionCode: PLACES.xincun });
    expect(dup.statusCode).toBe(409);
    const c = await t.login('zhang-applicant', 'Apply-Pass-2026');
    const id = await submitFiling(c, PLACES.xincun);
    expect((await get(c, id)).currentStep).toBe('community');
    // Outside the applicant's community: refused.
    const outside = await c.post('/api/v1/applications', { kind: 'filing', data: establishmentData(PLACES.cangkou) });
    expect(outside.statusCode).toBe(404);
  });
});

describe('rules the form follows', () => {
  it('carries the district’s categories and thresholds, and lets a grassroots group still 筹备 file', async () => {
    const grass = await createTestOrg(t.database.db, { name: '仓口社区筹备中的花友会', legalForm: 'grassroots', status: 'preparing', regionCode: PLACES.cangkou });
    const res = await community.post('/api/v1/applications', { kind: 'filing', orgId: grass.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rules).toEqual({ categories: expect.arrayContaining(['文体活动', '枢纽型']), memberThresholds: { individual: 20, unit: 10 } });
    expect(res.json().data.org).toMatchObject({ name: '仓口社区筹备中的花友会', legalForm: 'filed' });
    const filed = await createTestOrg(t.database.db, { name: '仓口社区筹备中的读书会', status: 'preparing', regionCode: PLACES.cangkou });
    expect((await community.post('/api/v1/applications', { kind: 'filing_change', orgId: filed.id })).statusCode).toBe(409);
  });
});
