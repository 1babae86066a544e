import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { todayInChina } from '../../lib/working-days.js';
import { reminderSources } from '../notifications/index.js';
import type { OrgFields } from '../../../shared/schemas/orgs.js';
import './index.js';

/**
 * Annual reports end to end (issue 13 item 4): a filed organization's leader files, the community and the street
 * review, the street concludes; the district inspects a registered one; returns, the correction window, the rates.
 */
let t: TestApp;
let district: Client;
let street: Client;
let community: Client;
const YEAR = Number(todayInChina().slice(0, 4)) - 1;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function scanBody(content: Buffer, filename = 'sign.png') {
  const b = 'ar-boundary';
  const head = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${b}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
export const uploadScan = (c: Client, id: number, content = PNG) => c.request({ method: 'PUT', url: `/api/v1/annual-reports/${id}/declaration-scan`, ...scanBody(content) });

async function newOrg(over: Partial<OrgFields> = {}) {
  return createTestOrg(t.database.db, { foundedOn: '2018-03-01', leaderPhone: '13800001234', individualMembers: 30, ...over });
}

async function leaderOf(orgId: number, region: string = PLACES.cangkou) {
  const c = await t.loginAs({ role: 'org_leader', regionCode: region });
  await t.database.db.updateTable('users').set({ org_id: orgId }).where('id', '=', c.userId!).execute();
  return t.login(c.username!);
}

async function addActivities(orgId: number, n: number, year = YEAR) {
  const user = await createTestUser(t.database.db, { role: 'community_staff' });
  const org = await t.database.db.selectFrom('orgs').select(['region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id']).where('id', '=', orgId).executeTakeFirstOrThrow();
  for (let i = 0; i < n; i++) {
    const day = `${year}-0${1 + (i % 9)}-1${i % 9}`;
    await t.database.db.insertInto('activities').values({ org_id: orgId, ...org, starts_at: `${day}T09:00:00+08:00`, ends_at: `${day}T11:00:00+08:00`, held_on: day, title: `活动${i}`, activity_type: '文体活动', place: '广场', participants: 20, entered_by: user.id, entered_as: 'community' }).execute();
  }
}

const complete = (count: number) => ({
  basic: { name: '仓口年报舞蹈队', leaderName: '王芳', address: '仓口社区 3 号', leaderPhone: '138****1234' },
  activities: { claimedCount: count, summary: '全年开展广场舞活动' },
  finances: { income: { membershipFees: 100_00, donations: 200_00, governmentGrants: 0, otherIncome: 0 }, incomeTotal: 300_00, expenses: { programs: 200_00, admin: 50_00, otherExpense: 0 }, expenseTotal: 250_00, assets: 500_00, liabilities: 100_00, netAssets: 400_00 },
  members: { individual: 30, unit: 0, joined: 5, left: 1 },
  governance: { electionHeldThisYear: false, leaderChanges: [{ role: '队长', formerName: '李梅', newName: '王芳', idNumber: '360802198001010011', phone: '13900001111' }] },
  declaration: { signerName: '王芳', signedOn: `${YEAR + 1}-03-01` },
});

beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
  street = await t.loginAs({ role: 'street_reviewer', regionCode: PLACES.wenshan });
  community = await t.loginAs({ role: 'community_staff', regionCode: PLACES.cangkou });
});
afterAll(async () => t?.close());

describe('a filed organization reports to its community and street', () => {
  it('is prefilled, checked, submitted, reviewed and concluded; the rates and the public register follow', async () => {
    const org = await newOrg({ name: '仓口年报舞蹈队' });
    await addActivities(org.id, 3);
    const leader = await leaderOf(org.id);
    const before = (await district.get(`/api/v1/annual-reports/rates?region=${PLACES.wenshan}&year=${YEAR}`)).json();
    const board = async () => ((await district.get(`/api/v1/stats/targets?region=${PLACES.wenshan}`)).json().items as { key: string; numerator: number; denominator: number; value: number | null }[]).find((i) => i.key === 'inspectionRate')!;
    const boardBefore = await board();
    expect(boardBefore).toMatchObject({ numerator: before.node.figures.concluded, denominator: before.node.figures.due });

    const created = await leader.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ status: 'draft', legalForm: 'filed', dueOn: `${YEAR + 1}-03-31`, ledgerActivityCount: 3, can: { edit: true, submit: false } });
    expect(r.sections.activities.claimedCount).toBe(3);
    expect(r.sections.basic).toMatchObject({ name: '仓口年报舞蹈队', leaderPhone: '138****1234' });
    expect((await leader.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR })).statusCode).toBe(409);

    // A negative amount: a field message; figures that do not add up: errors in the checks.
    const neg = await leader.patch(`/api/v1/annual-reports/${r.id}`, { version: r.version, sections: { finances: { ...complete(3).finances, assets: -1 } } });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().error.fields['sections.finances.assets']).toBe('资产总计不能为负数');
    const off = await leader.patch(`/api/v1/annual-reports/${r.id}`, { version: r.version, sections: { finances: { ...complete(3).finances, incomeTotal: 999_00 } } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().checks.find((c: { code: string }) => c.code === 'income_sum')).toMatchObject({ level: 'error', field: 'finances.incomeTotal' });
    const early = await leader.post(`/api/v1/annual-reports/${r.id}/submit`, { version: off.json().version });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields['finances.incomeTotal']).toContain('不符');

    const saved = await leader.patch(`/api/v1/annual-reports/${r.id}`, { version: off.json().version, sections: complete(5) });
    expect(saved.statusCode, saved.body).toBe(200);
    // The ledger disagrees (5 claimed, 3 recorded): a warning with both numbers, not a refusal.
    expect(saved.json().checks.find((c: { code: string }) => c.code === 'ledger_count')).toMatchObject({ level: 'warning', params: { claimed: 5, ledger: 3 } });
    // The new leader's ID number and phone are sealed at rest and answered masked; the untouched masked phone keeps its value.
    const change = saved.json().sections.governance.leaderChanges[0];
    expect(change.idNumber).toContain('*');
    const raw = await t.database.db.selectFrom('annual_reports').select('sections').where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(raw.sections)).not.toContain('360802198001010011');
    expect(JSON.stringify(raw.sections)).not.toContain('13900001111');
    expect(JSON.stringify(raw.sections)).not.toContain('13800001234');

    expect((await uploadScan(leader, r.id, Buffer.from('plain text, not a scan'))).statusCode).toBe(400);
    const up = await uploadScan(leader, r.id);
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ declarationScan: { mimeType: 'image/png', sizeBytes: PNG.length }, can: { submit: true } });
    const file = await community.get(`/api/v1/annual-reports/${r.id}/declaration-scan`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);

    const sub = await leader.post(`/api/v1/annual-reports/${r.id}/submit`, { version: up.json().version });
    expect(sub.statusCode, sub.body).toBe(200);
    // Filed today: the previous year's report of a filed organization was due 31 March.
    expect(sub.json()).toMatchObject({ status: 'submitted', onTime: todayInChina() <= `${YEAR + 1}-03-31`, currentStep: 'community', review: { steps: ['community', 'street'] } });

    // The community approves (the chain moves on); the street must give a conclusion, and reasons below 合格.
    expect((await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'pass' })).statusCode).toBe(409);
    const adv = await community.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', opinion: '材料齐全' });
    expect(adv.statusCode, adv.body).toBe(200);
    expect(adv.json().currentStep).toBe('street');
    const bare = await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields.conclusion).toContain('年检结论');
    expect((await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'basic_pass' })).json().error.fields.opinion).toContain('基本合格');
    expect((await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'reject', opinion: '不行' })).statusCode).toBe(400);
    const diff = (await street.get(`/api/v1/annual-reports/${r.id}/diff`)).json();
    expect(diff).toMatchObject({ year: YEAR, lastYearReportId: null });
    expect(diff.items.find((i: { field: string }) => i.field === 'finances.incomeTotal')).toMatchObject({ thisYear: 300_00, lastYear: null });
    const done = await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'pass', opinion: '合格' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'concluded', conclusion: 'pass', concludedBy: { id: street.userId } });

    const after = (await district.get(`/api/v1/annual-reports/rates?region=${PLACES.wenshan}&year=${YEAR}`)).json();
    // The organization owed its report before it filed it: the denominator stays, the numerators grow.
    expect(after.node.figures.due).toBe(before.node.figures.due);
    expect(after.node.figures.submitted).toBe(before.node.figures.submitted + 1);
    expect(after.node.figures.concluded).toBe(before.node.figures.concluded + 1);
    expect(after.node.figures.passed).toBe(before.node.figures.passed + 1);
    // The target board's 年检率 of 文山街道 moves with it (today's board reads last year's reports).
    expect(await board()).toMatchObject({ numerator: boardBefore.numerator + 1, denominator: boardBefore.denominator });
    const cangkou = after.children.find((c: { region: { code: string } }) => c.region.code === PLACES.cangkou);
    expect(cangkou.figures.inspectionRate).not.toBeNull();
    const passed = (await district.get(`/api/v1/annual-reports/rates/orgs?region=${PLACES.cangkou}&year=${YEAR}&figure=passed&pageSize=200`)).json();
    expect(passed.items.map((i: { id: number }) => i.id)).toContain(org.id);
    // As of a day before the conclusion it was not concluded yet.
    const earlier = (await district.get(`/api/v1/annual-reports/rates?region=${PLACES.wenshan}&year=${YEAR}&asOf=${YEAR}-12-31`)).json();
    expect(earlier.node.figures.concluded).toBe(0);

    const pub = await t.anonymous().get(`/api/v1/public/orgs/${org.id}/annual-reports`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items).toEqual([expect.objectContaining({ year: YEAR, kind: 'report', conclusion: 'pass', conclusionLabel: '合格' })]);
    const pdf = await leader.get(`/api/v1/annual-reports/${r.id}/print.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'annual_report').where('entity_id', '=', String(r.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['annual_report.create', 'annual_report.update', 'annual_report.update', 'annual_report.scan.upload', 'annual_report.submit', 'annual_report.approve', 'annual_report.approve']);
  });

  it('opens a correction window on a return and flags a late resubmission', async () => {
    const org = await newOrg();
    const leader = await leaderOf(org.id);
    const r = (await leader.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR })).json();
    const saved = (await leader.patch(`/api/v1/annual-reports/${r.id}`, { version: r.version, sections: complete(0) })).json();
    const sub = (await leader.post(`/api/v1/annual-reports/${(await uploadScan(leader, r.id)).json().id}/submit`, { version: saved.version + 1 })).json();
    expect(sub.status).toBe('submitted');
    const ret = await community.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'return', opinion: '请补充活动照片' });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', lateCorrection: false });
    expect(ret.json().correctionDueOn > todayInChina()).toBe(true);
    // The window has passed (as if the return were weeks ago): the resubmission is late.
    await t.database.db.updateTable('annual_reports').set({ correction_due_on: '2000-01-03' }).where('id', '=', r.id).execute();
    const again = await leader.post(`/api/v1/annual-reports/${r.id}/submit`, { version: ret.json().version });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'submitted', lateCorrection: true, currentStep: 'community', onTime: sub.onTime });
  });
});

describe('a registered organization is inspected by the district', () => {
  it('goes to the district alone; the district concludes 不合格 with an opinion; others may not', async () => {
    const org = await newOrg({ legalForm: 'social_group', creditCode: makeCreditCode('1'), name: '吉州区年检测试协会' });
    const r = (await community.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR })).json();
    expect(r).toMatchObject({ legalForm: 'social_group', dueOn: `${YEAR + 1}-05-31` });
    const finances = { ...complete(0).finances, income: { membershipFees: 100_00, donations: 200_00, governmentGrants: 0, serviceIncome: 0, investmentIncome: 0, otherIncome: 0 }, expenses: { programs: 200_00, admin: 50_00, fundraising: 0, otherExpense: 0 } };
    const saved = (await community.patch(`/api/v1/annual-reports/${r.id}`, { version: r.version, sections: { ...complete(0), finances } })).json();
    expect(saved.checks.filter((c: { level: string }) => c.level === 'error').map((c: { field: string }) => c.field)).toEqual(['declarationScan']);
    await uploadScan(community, r.id);
    const sub = await community.post(`/api/v1/annual-reports/${r.id}/submit`, { version: saved.version + 1 });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ currentStep: 'district', review: { steps: ['district'] } });
    // The inspection is the registration authority's (annual_report.inspect): a street reviewer may not.
    expect((await street.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'pass' })).statusCode).toBe(403);
    expect((await district.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'fail' })).statusCode).toBe(400);
    const done = await district.post(`/api/v1/annual-reports/${r.id}/review`, { decision: 'approve', conclusion: 'fail', opinion: '未按章程换届，财务制度不健全' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'concluded', conclusion: 'fail', opinion: '未按章程换届，财务制度不健全' });
    const list = (await district.get(`/api/v1/annual-reports?year=${YEAR}&conclusion=fail`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(r.id);
  });

  it('refuses a report for an exempt organization, with the rule', async () => {
    const org = await newOrg({ legalForm: 'social_service', creditCode: makeCreditCode('2'), foundedOn: `${YEAR}-07-02` });
    await t.database.db.updateTable('orgs').set({ recorded_on: `${YEAR}-07-02` }).where('id', '=', org.id).execute();
    const ob = (await district.get(`/api/v1/annual-reports/obligation?org=${org.id}&year=${YEAR}`)).json();
    expect(ob).toMatchObject({ due: false, exemption: { code: 'social_service_new' } });
    const res = await community.post('/api/v1/annual-reports', { orgId: org.id, year: YEAR });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('民政部令第27号');
  });
});

describe('rates and reminders agree with the rules', () => {
  it('counts as due exactly the organizations the policy says owe a report, and reminds those not submitted', async () => {
    const streetCode = PLACES.gunan;
    const region = PLACES.gunanCommunity;
    const cases: [Partial<OrgFields>, string | null, boolean][] = [
      [{ legalForm: 'social_service', creditCode: makeCreditCode('2') }, `${YEAR}-07-01`, true],
      [{ legalForm: 'social_service', creditCode: makeCreditCode('2') }, `${YEAR}-07-02`, false],
      [{ legalForm: 'social_group', creditCode: makeCreditCode('1') }, `${YEAR}-06-30`, true],
      [{ legalForm: 'social_group', creditCode: makeCreditCode('1') }, `${YEAR}-07-01`, false],
      [{ legalForm: 'filed' }, `${YEAR}-12-31`, true],
      [{ legalForm: 'filed' }, `${YEAR + 1}-01-01`, false],
      [{ legalForm: 'grassroots' }, null, false],
    ];
    const ids: { id: number; due: boolean }[] = [];
    for (const [over, recorded, due] of cases) {
      const o = await newOrg({ ...over, regionCode: region });
      await t.database.db.updateTable('orgs').set({ recorded_on: recorded }).where('id', '=', o.id).execute();
      ids.push({ id: o.id, due });
    }
    const got = (await district.get(`/api/v1/annual-reports/rates/orgs?region=${streetCode}&year=${YEAR}&figure=due&pageSize=200`)).json();
    const listed = new Set(got.items.map((i: { id: number }) => i.id));
    expect(ids.map((x) => listed.has(x.id))).toEqual(ids.map((x) => x.due));
    for (const x of ids.filter((i) => i.due)) {
      expect((await district.get(`/api/v1/annual-reports/obligation?org=${x.id}&year=${YEAR}`)).json().due).toBe(true);
    }
    const source = reminderSources().find((s) => s.name === 'annual_report')!;
    const items = await source.dueBetween(t.database.db, `${YEAR + 1}-01-01`, `${YEAR + 1}-12-31`);
    const reminded = new Set(items.map((i) => i.orgId));
    expect(ids.filter((x) => x.due).every((x) => reminded.has(x.id))).toBe(true);
    expect(ids.filter((x) => !x.due).some((x) => reminded.has(x.id))).toBe(false);
    expect(items.find((i) => i.orgId === ids[0]!.id)).toMatchObject({ subjectKind: 'annual_report', dueOn: `${YEAR + 1}-05-31`, link: `/annual-reports/new?org=${ids[0]!.id}&year=${YEAR}` });
  });

  it('keeps an organization leader and a hub manager out of the node rates', async () => {
    const leader = await t.loginAs({ role: 'org_leader', regionCode: PLACES.cangkou });
    expect((await leader.get(`/api/v1/annual-reports/rates?region=${PLACES.cangkou}`)).statusCode).toBe(404);
    expect((await street.get(`/api/v1/annual-reports/rates?region=${PLACES.gunan}`)).statusCode).toBe(404);
  });
});
