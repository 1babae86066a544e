import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/app.js';
import { createTestOrg, makeCreditCode, PLACES } from '../../../../test/factories.js';
import { leaderOf } from '../../../../test/declarations.js';
import { entriesOf, insertPenalty, insertSubmittedReport } from '../../../../test/credit.js';
import { addDays } from '../../lib/working-days.js';
import { eligibility, entriesInForce, runCreditRules } from './index.js';
import { applyRemoval, reviewRequest } from './credit.requests.js';
import { publicCredit } from './credit.public.js';
import { actorOf } from '../../demo/demo-applications.js';

let t: TestApp;
let district: Client;

beforeAll(async () => {
  t = await createTestApp();
  district = await t.loginAs({ role: 'district_admin', regionCode: PLACES.jizhou });
});
afterAll(async () => t?.close());
afterEach(() => vi.useRealTimers());

const at = (day: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T10:00:00+08:00`));
};
/** A filed community organization: no annual report is due from it, so its penalties alone drive its entries. */
const org = async (name: string) => (await createTestOrg(t.database.db, { name, regionCode: PLACES.cangkou })).id;
const registered = async (name: string) =>
  (await createTestOrg(t.database.db, { name, legalForm: 'social_group', creditCode: makeCreditCode('1'), regionCode: PLACES.cangkou, foundedOn: '2018-03-01', leaderPhone: '13800001234', individualMembers: 30 })).id;
const db = () => t.database.db;

describe('penalties by amount, at once through the listener', () => {
  it('puts ¥49,999.99 on the abnormal list and ¥50,000 on the serious list, in notice until the window ends', async () => {
    at('2026-11-02');
    const small = await org('罚款边界测试协会甲');
    const big = await org('罚款边界测试协会乙');
    await insertPenalty(db(), small, { kind: 'fine', amountFen: 4_999_999, decidedOn: '2026-11-02', tell: true });
    await insertPenalty(db(), big, { kind: 'fine', amountFen: 5_000_000, decidedOn: '2026-11-02', tell: true });
    expect((await entriesOf(db(), small)).map((e) => [e.list, e.rule_key, e.status])).toEqual([['abnormal', 'credit.abnormal.small_penalty', 'noticed']]);
    const [entry] = await entriesOf(db(), big);
    expect([entry!.list, entry!.rule_key, entry!.status]).toEqual(['dishonest', 'credit.dishonest.big_fine', 'noticed']);
    // 10 working days from Mon 2026-11-02: Mon 2026-11-16; the record deadline 5 working days: Mon 2026-11-09.
    expect([entry!.objection_due_on, entry!.record_due_on]).toEqual(['2026-11-16', '2026-11-09']);

    const listed = await district.get(`/api/v1/credit?list=dishonest&org=${big}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items[0]).toMatchObject({ status: 'noticed', statusLabel: '告知中', groundLabel: '受到5万元以上罚款处罚', basis: { text: expect.stringContaining('依据：受到5万元以上罚款处罚（《社会组织信用信息管理办法》（民政部令第60号），第十四条第（四）项），2026年11月2日') } });
    // A notice is not a listing: no credit reason yet (the unpaid fine is one: eligibility.penalty_unfinished), and
    // the public register shows nothing yet.
    expect((await eligibility(db(), big, { on: '2026-11-16' })).purposes.funding.reasons.map((r) => r.basis.key)).toEqual(['eligibility.penalty_unfinished']);
    expect((await eligibility(db(), small, { on: '2026-11-16' })).purposes.funding.reasons.map((r) => r.basis.key)).toEqual(['eligibility.penalty_unfinished']);
    expect((await t.anonymous().get(`/api/v1/public/orgs/${big}`)).json().credit).toEqual([]);

    // The day after the window the job lists it; then it excludes, and the public register shows it.
    await runCreditRules(db(), '2026-11-17');
    const [after] = await entriesOf(db(), big);
    expect([after!.status, after!.listed_on, after!.period_from]).toEqual(['listed', '2026-11-17', '2026-11-17']);
    const verdict = await eligibility(db(), big, { on: '2026-11-17' });
    expect(verdict.eligible).toBe(false);
    expect(verdict.purposes.funding.reasons[0]!.basis.key).toBe('eligibility.credit');
    expect(verdict.purposes.evaluation.reasons.map((r) => r.basis.key)).toEqual(['eligibility.credit', 'eligibility.penalty_unfinished']);
    at('2026-11-17');
    expect((await t.anonymous().get(`/api/v1/public/orgs/${big}`)).json().credit).toMatchObject([{ list: 'dishonest', listedOn: '2026-11-17', removedOn: null }]);
  });
});

describe('the annual report ground', () => {
  it('enters a registered organization the day after its report fell due, not on the due day', async () => {
    const id = await registered('年报逾期测试协会');
    const filed = await createTestOrg(db(), { name: '年报逾期测试备案队', regionCode: PLACES.cangkou });
    const { lateReports } = await import('../annual-reports/index.js');
    // No report of any year was filed on the platform in the district yet: its reporting was not run here, and a
    // year kept on paper makes nobody late.
    expect((await lateReports(db(), '2026-11-30')).filter((r) => r.orgId === id)).toEqual([]);
    await insertSubmittedReport(db(), await registered('年报按时报送测试协会'), 2025, '2026-05-31');
    const owed = (await lateReports(db(), '2026-11-30')).filter((r) => r.orgId === id).sort((a, b) => a.year - b.year);
    expect(owed.map((r) => r.year), 'the test organization owes its 2025 report').toEqual([2025]);
    expect((await lateReports(db(), '2026-11-30')).some((r) => r.orgId === filed.id)).toBe(false);
    const late = owed.at(-1)!;
    const groundsOfYear = () => db().selectFrom('credit_grounds').select(['rule_key', 'fact_on']).where('org_id', '=', id).where('subject_kind', '=', 'annual_report_year').where('subject_id', '=', late.year).execute();
    await runCreditRules(db(), late.dueOn);
    expect(await groundsOfYear()).toEqual([]);
    await runCreditRules(db(), addDays(late.dueOn, 1));
    expect(await groundsOfYear()).toEqual([{ rule_key: 'credit.abnormal.annual_report', fact_on: addDays(late.dueOn, 1) }]);
    expect((await entriesOf(db(), filed.id)).length).toBe(0);
  });
});

describe('the timers run by the job', () => {
  it('moves an abnormal entry exactly two full years on, not the day before', async () => {
    const id = await org('两年移入测试协会');
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2023-03-01' });
    await runCreditRules(db(), '2023-04-01');
    const [entry] = await entriesOf(db(), id);
    expect(entry!.status).toBe('listed');
    const moves = addDays(entry!.listed_on!, 0).replace(/^2023/, '2025');
    await runCreditRules(db(), addDays(moves, -1));
    expect((await entriesOf(db(), id)).map((e) => e.status)).toEqual(['listed']);
    await runCreditRules(db(), moves);
    const after = await entriesOf(db(), id);
    expect(after.map((e) => [e.list, e.status, e.moved_on])).toEqual([['abnormal', 'moved', moves], ['dishonest', 'noticed', null]]);
    expect(after[1]!.rule_key).toBe('credit.dishonest.abnormal_two_years');
    expect(Number(after[1]!.moved_from_id)).toBe(Number(entry!.id));
  });

  it('counts a second small penalty within three years, day-exact, and restarts the abnormal period', async () => {
    const inside = await org('三年内再次处罚测试协会');
    const outside = await org('三年外再次处罚测试协会');
    for (const o of [inside, outside]) await insertPenalty(db(), o, { kind: 'warning', decidedOn: '2024-06-03' });
    await insertPenalty(db(), inside, { kind: 'fine', amountFen: 100_000, decidedOn: '2025-06-02' });
    await runCreditRules(db(), '2025-06-02');
    const [abnormal, serious] = await entriesOf(db(), inside);
    expect([serious!.list, serious!.rule_key]).toEqual(['dishonest', 'credit.dishonest.repeat_penalties']);
    // The new small penalty while listed restarted the abnormal period, recorded with its day and ground.
    expect(abnormal!.period_from).toBe('2025-06-02');
    const detail = (await district.get(`/api/v1/credit/${abnormal!.id}`)).json();
    expect(detail.timers.restarts).toMatchObject([{ on: '2025-06-02', ground: 'credit.abnormal.small_penalty' }]);
    expect(detail.timers.movesToSerialOn).toBe('2027-06-02');
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain('restarted');

    // Outside: the second penalty on 2027-06-03, three full years after the first.
    await insertPenalty(db(), outside, { kind: 'fine', amountFen: 100_000, decidedOn: '2027-06-03' });
    await runCreditRules(db(), '2027-06-03');
    expect((await entriesOf(db(), outside)).some((e) => e.rule_key === 'credit.dishonest.repeat_penalties')).toBe(false);
  });

  it('removes on verified compliance on the 5th working day across 国庆, not before', async () => {
    const id = await org('国庆移出测试协会');
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2026-08-03' });
    await runCreditRules(db(), '2026-09-01');
    const [entry] = await entriesOf(db(), id);
    at('2026-09-30');
    const res = await district.post(`/api/v1/credit/${entry!.id}/compliance`, { verifiedOn: '2026-09-30', evidence: '已完成整改', removeNow: false, version: entry!.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timers.removalDueOn).toBe('2026-10-13');
    await runCreditRules(db(), '2026-10-12');
    expect((await entriesOf(db(), id))[0]!.status).toBe('listed');
    await runCreditRules(db(), '2026-10-13');
    expect((await entriesOf(db(), id)).map((e) => [e.status, e.removed_on, e.removal_rule_key])).toEqual([['removed', '2026-10-13', 'credit.removal.compliance']]);
  });
});

describe('the job', () => {
  const snapshot = async () => ({
    entries: await db().selectFrom('credit_entries').selectAll().orderBy('id').execute(),
    grounds: await db().selectFrom('credit_grounds').select(['id', 'entry_id', 'rule_key', 'remedied_on']).orderBy('id').execute(),
    events: await db().selectFrom('credit_events').select(['id', 'kind', 'on_day']).orderBy('id').execute(),
    audits: (await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  });

  it('changes nothing the second time it runs for a day', async () => {
    const id = await org('重复运行测试协会');
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2026-05-06' });
    await insertPenalty(db(), id, { kind: 'fine', amountFen: 6_000_000, decidedOn: '2026-07-01' });
    const first = await runCreditRules(db(), '2026-11-30');
    expect(first.entered).toBeGreaterThan(0);
    const before = await snapshot();
    const second = await runCreditRules(db(), '2026-11-30');
    expect(second).toEqual({ on: '2026-11-30', entered: 0, restarted: 0, proposed: 0, listed: 0, moved: 0, removed: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('run for a past day reproduces that day’s lists, before and after later runs', async () => {
    const id = await org('历史重现测试协会');
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2027-01-04' });
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2027-03-01' });
    await runCreditRules(db(), '2027-02-15');
    const that = await entriesInForce(db(), { on: '2027-02-15', orgIds: [id] });
    expect(that.map((e) => [e.list, e.status, e.periodFrom])).toEqual([['abnormal', 'listed', that[0]!.listedOn]]);
    await runCreditRules(db(), '2027-06-01');
    const later = await entriesInForce(db(), { on: '2027-06-01', orgIds: [id] });
    expect(later.map((e) => e.list).sort()).toEqual(['abnormal', 'dishonest']);
    expect(later.find((e) => e.list === 'abnormal')!.periodFrom).toBe('2027-03-01');
    // The later run (with its restart and its serious entry) leaves the earlier day as it stood.
    expect(await entriesInForce(db(), { on: '2027-02-15', orgIds: [id] })).toEqual(that);
    const before = await snapshot();
    expect(await runCreditRules(db(), '2027-02-15')).toMatchObject({ entered: 0, restarted: 0, listed: 0 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('the organization’s side', () => {
  it('an objection upheld withdraws the notice; a removal from the serious list only after two clean years, through the chain', async () => {
    at('2026-11-02');
    const id = await org('申辩测试协会');
    const leader = await leaderOf(t, id, PLACES.cangkou);
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2026-11-02', tell: true });
    const [entry] = await entriesOf(db(), id);
    const objected = await leader.post(`/api/v1/credit/${entry!.id}/objection`, { statement: '该警告已被复议撤销，附复议决定书' });
    expect(objected.statusCode, objected.body).toBe(200);
    const requestId = objected.json().requests[0].id;
    const decided = await district.post(`/api/v1/credit/requests/${requestId}/review`, { decision: 'approve', opinion: '申辩成立' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'withdrawn', events: expect.arrayContaining([expect.objectContaining({ kind: 'objection_upheld' })]) });

    const big = await org('申请移出测试协会');
    const bigLeader = await leaderOf(t, big, PLACES.cangkou);
    await insertPenalty(db(), big, { kind: 'fine', amountFen: 6_000_000, decidedOn: '2026-11-02', tell: true });
    await runCreditRules(db(), '2026-11-17');
    const [serious] = await entriesOf(db(), big);
    // Two years on, through the services: a session of the real clock does not outlive a clock moved by years on
    // PostgreSQL (its now() keeps real time), so the far-future steps skip HTTP.
    const leaderCtx = { actor: await actorOf(db(), bigLeader.username!), requestId: 'test', ip: null };
    const districtCtx = { actor: await actorOf(db(), district.username!), requestId: 'test', ip: null };
    at('2028-11-16');
    await expect(applyRemoval(db(), leaderCtx, Number(serious!.id), { statement: '两年来未再违法' })).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('2028-11-17') });
    at('2028-11-17');
    const applied = await applyRemoval(db(), leaderCtx, Number(serious!.id), { statement: '两年来未再违法' });
    const approved = await reviewRequest(db(), districtCtx, applied.requests[0]!.id, { decision: 'approve', opinion: '经核查期间未再出现列入情形' });
    expect(approved).toMatchObject({ status: 'removed', removedOn: '2028-11-17', removalBasis: { key: 'credit.removal.dishonest' } });
    expect(await publicCredit(db(), big)).toMatchObject([{ removedOn: '2028-11-17' }]);
  });

  it('enters a manual ground with its basis, and lists at once when the organization waives', async () => {
    at('2026-11-20');
    const id = await org('人工列入测试协会');
    const missing = await district.post('/api/v1/credit', { orgId: id, ground: 'credit.dishonest.other', factOn: '2026-11-18', facts: '被有关部门认定严重违法' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields.basisNote).toBeTruthy();
    const made = await district.post('/api/v1/credit', { orgId: id, ground: 'credit.dishonest.defaulter', factOn: '2026-11-18', facts: '被人民法院纳入失信被执行人名单（(2026)赣0802执123号）' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ status: 'noticed', origin: 'manual', noticedOn: '2026-11-20', notice: { no: expect.stringMatching(/^吉民信告〔2026〕\d+号$/), rights: expect.stringContaining('陈述') } });
    const listed = await district.post(`/api/v1/credit/${made.json().id}/list`, { reason: '该组织书面放弃陈述申辩', version: made.json().version });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({ status: 'listed', listedOn: '2026-11-20' });
  });
});

describe('letters, proposals, annulment and risk signals', () => {
  it('turns two unsigned letters into the unreachable ground, with its signal; confirms a proposal; takes back an annulled penalty', async () => {
    at('2026-11-20');
    const id = await org('信函测试协会');
    const first = await district.post(`/api/v1/orgs/${id}/letters`, { sentOn: '2026-09-01', trackingNo: 'XA100000001CN', address: '文山街道某路1号', signed: false, outcomeOn: '2026-09-08' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().unreachable).toMatchObject({ met: false, basis: { key: 'credit.abnormal.unreachable' } });
    const second = await district.post(`/api/v1/orgs/${id}/letters`, { sentOn: '2026-10-08', trackingNo: 'XA100000002CN', signed: false, outcomeOn: '2026-10-15', address: '文山街道某路1号' });
    expect(second.json().unreachable.met).toBe(true);
    expect((await district.post(`/api/v1/orgs/${id}/letters`, { sentOn: '2026-10-09', trackingNo: 'xa100000002cn', signed: true, address: '某路' })).statusCode).toBe(409);
    await runCreditRules(db(), '2026-11-20');
    const [entry] = await entriesOf(db(), id);
    expect([entry!.rule_key, entry!.noticed_on, entry!.status]).toEqual(['credit.abnormal.unreachable', '2026-10-15', 'listed']);
    const { riskSignalSources } = await import('../signals/index.js');
    const signals = await Promise.all(riskSignalSources().map((s) => s.signals(db(), '2026-11-20')));
    const mine = signals.flat().filter((s) => s.orgId === id);
    expect(mine.map((s) => [s.kind, s.detectedOn]).sort()).toEqual([['credit_entry', entry!.listed_on], ['unreachable', '2026-09-08']]);

    const party = await org('党建建议测试协会');
    const proposal = await db().insertInto('credit_proposals').values({ org_id: party, rule_key: 'credit.abnormal.party', subject_kind: 'party_check', subject_id: party, fact_on: '2026-11-10', evidence: '未按规定成立党支部' }).returning('id').executeTakeFirstOrThrow();
    const pending = await district.get('/api/v1/credit/proposals?status=pending');
    expect(pending.json().items.map((p: { id: number }) => p.id)).toContain(Number(proposal.id));
    const confirmed = await district.post(`/api/v1/credit/proposals/${proposal.id}/confirm`, { version: 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', entryId: expect.any(Number) });
    expect((await entriesOf(db(), party)).map((e) => [e.status, e.origin, e.noticed_on])).toEqual([['noticed', 'proposal', '2026-11-20']]);

    const annulled = await org('撤销处罚测试协会');
    const penalty = await insertPenalty(db(), annulled, { kind: 'warning', decidedOn: '2026-11-20', tell: true });
    const { tellPenaltyListeners } = await import('../penalties/penalties.events.js');
    await db().transaction().execute((trx) => tellPenaltyListeners(trx, { actor: null, requestId: 'test', ip: null }, { ...penalty, status: 'annulled', annulled_on: '2026-11-20', annul_reason: '复议撤销' }, 'annulled'));
    expect((await entriesOf(db(), annulled)).map((e) => e.status)).toEqual(['withdrawn']);
  });
});

describe('district settings and reach', () => {
  it('removes a penalty entry six months on only where the district enabled automatic removal', async () => {
    const id = await org('自动移出测试协会');
    await insertPenalty(db(), id, { kind: 'warning', decidedOn: '2029-01-08' });
    await runCreditRules(db(), '2029-02-01');
    const [entry] = await entriesOf(db(), id);
    const sixMonths = entry!.listed_on!.replace(/^2029-0(\d)/, (_m, d: string) => `2029-0${Number(d) + 6}`);
    await runCreditRules(db(), sixMonths);
    expect((await entriesOf(db(), id))[0]!.status).toBe('listed');
    const jizhou = await db().selectFrom('regions').select('id').where('code', '=', PLACES.jizhou).executeTakeFirstOrThrow();
    await db().insertInto('rule_overrides').values({ district_id: Number(jizhou.id), rule_key: 'credit.removal.auto', valid_from: '2029-01-01', params: JSON.stringify({ enabled: true, months: 6 }), reason: '本区启用满期自动移出' }).execute();
    await runCreditRules(db(), addDays(sixMonths, 1));
    expect((await entriesOf(db(), id)).map((e) => [e.status, e.removed_on, e.removal_rule_key])).toEqual([['removed', sixMonths, 'credit.removal.auto']]);
    await db().deleteFrom('rule_overrides').where('rule_key', '=', 'credit.removal.auto').execute();
  });

  it('shows an organization leader its own organization’s entries only', async () => {
    const mine = await org('本组织信用测试协会');
    const other = await org('他组织信用测试协会');
    for (const o of [mine, other]) await insertPenalty(db(), o, { kind: 'warning', decidedOn: '2026-10-12', tell: true });
    const leader = await leaderOf(t, mine, PLACES.cangkou);
    const listed = await leader.get('/api/v1/credit?current=true&pageSize=200');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(new Set(listed.json().items.map((i: { org: { id: number } }) => i.org.id))).toEqual(new Set([mine]));
    const [theirs] = await entriesOf(db(), other);
    expect((await leader.get(`/api/v1/credit/${theirs!.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/api/v1/orgs/${mine}/eligibility`)).json()).toMatchObject({ orgId: mine, eligible: true });
  });
});
