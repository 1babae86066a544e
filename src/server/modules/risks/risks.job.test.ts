import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, PLACES } from '../../../../test/factories.js';
import { insertActivity } from '../../../../test/declarations.js';
import { addDays, todayInChina } from '../../lib/working-days.js';
import { registerRiskSignalSource, type RiskSignal } from '../signals/index.js';
import { runJob } from '../jobs/index.js';
import { refreshLastActivity } from '../activities/index.js';
import { runRiskJob } from './index.js';

// A source of this test's own (credit and inspections register theirs elsewhere): the signals it reports per day.
let reported: (on: string) => RiskSignal[] = () => [];
let unregister: () => void;
let t: TestApp;
let orgId: number;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await createTestOrg(t.database.db, { name: '仓口风险任务测试队', regionCode: PLACES.cangkou })).id;
  unregister = registerRiskSignalSource({ name: 'job_test', kind: 'inspection_problem', label: '测试信号', signals: async (_db, on) => reported(on) });
});
afterAll(async () => {
  unregister?.();
  await t?.close();
});

const signal = (subjectId: number, detectedOn: string, extra: Partial<RiskSignal> = {}): RiskSignal => ({
  orgId, kind: 'inspection_problem', detectedOn, evidence: `抽查第${subjectId}项发现问题`, subject: { kind: 'check_item', id: subjectId }, level: 'low', ...extra,
});
const items = () => t.database.db.selectFrom('risk_items').selectAll().where('source', '=', 'job_test').orderBy('id').execute();

describe('the risks job', () => {
  it('opens an item per signal with its level, due day, owner and basis, and a second run changes nothing', async () => {
    reported = (on) => [signal(1, '2026-03-02'), signal(2, '2026-03-10', { dueOn: '2026-04-30', level: 'high' })].filter((s) => s.detectedOn <= on);
    const first = await runRiskJob(t.database.db, '2026-03-10');
    expect(first).toMatchObject({ opened: 2, ended: 0 });
    const rows = await items();
    expect(rows.map((r) => [r.subject_id, r.level, r.due_on, r.status, r.opened_on])).toEqual([
      // risk.level raises inspection_problem to medium (2); risk.due gives 30 days from the opening day.
      [1, 'medium', '2026-04-09', 'open', '2026-03-10'],
      // The evidence's own deadline wins; the source's high level stays.
      [2, 'high', '2026-04-30', 'open', '2026-03-10'],
    ]);
    const owner = await t.database.db.selectFrom('regions').select('code').where('id', '=', rows[0]!.owner_region_id).executeTakeFirstOrThrow();
    expect(owner.code).toBe(PLACES.cangkou);
    expect(rows[0]!.basis).toContain('依据：风险等级（按风险类型）');
    expect(rows[0]!.basis).toContain('2026年3月10日');

    const again = await runRiskJob(t.database.db, '2026-03-10');
    expect(again).toMatchObject({ opened: 0, ended: 0 });
    expect(await items()).toEqual(rows);
  });

  it('reproduces a past day: a rerun for it opens nothing new and dates the first sighting back', async () => {
    await runRiskJob(t.database.db, '2026-03-05');
    const rows = await items();
    expect(rows.filter((r) => r.opened_on <= '2026-03-05').map((r) => Number(r.subject_id))).toEqual([1]);
    expect(rows.map((r) => r.opened_on)).toEqual(['2026-03-05', '2026-03-10']);
  });

  it('marks an ended signal without closing the item, and keeps one open item per organization, kind and subject', async () => {
    // Subject 1 is no longer reported; subject 2 is seen again with a later occurrence while still open.
    reported = (on) => [signal(2, '2026-03-20')].filter((s) => s.detectedOn <= on);
    const run = await runRiskJob(t.database.db, '2026-03-21');
    expect(run).toMatchObject({ opened: 0, ended: 1 });
    const rows = await items();
    expect(rows.map((r) => [r.subject_id, r.status, r.signal_ended_on])).toEqual([[1, 'open', '2026-03-21'], [2, 'open', null]]);
    const steps = await t.database.db.selectFrom('risk_steps').select('step').where('item_id', '=', rows[0]!.id).orderBy('id').execute();
    expect(steps.map((s) => s.step)).toEqual(['opened', 'signal_ended']);

    // Once the open one is closed, a new occurrence opens a new item.
    await t.database.db.updateTable('risk_items').set({ status: 'closed', outcome: 'fixed', closed_on: '2026-03-22' }).where('id', '=', rows[1]!.id).execute();
    expect(await runRiskJob(t.database.db, '2026-03-22')).toMatchObject({ opened: 1 });
    expect((await items()).map((r) => [r.subject_id, r.detected_on, r.status])).toEqual([[1, '2026-03-02', 'open'], [2, '2026-03-10', 'closed'], [2, '2026-03-20', 'open']]);
  });

  it('opens nothing for a signal that had already ended when first seen', async () => {
    reported = () => [signal(3, '2026-03-01', { resolvedOn: '2026-03-15' })];
    expect(await runRiskJob(t.database.db, '2026-03-23')).toMatchObject({ opened: 0 });
    expect((await items()).some((r) => Number(r.subject_id) === 3)).toBe(false);
  });

  it('runs as the scheduled job "risks" for its period', async () => {
    reported = () => [];
    const result = await runJob(t.database.db, 'risks', { period: '2026-03-24' });
    expect(result).toMatchObject({ ran: true, summary: { opened: 0 } });
    // Run once per period.
    expect(await runJob(t.database.db, 'risks', { period: '2026-03-24' })).toMatchObject({ ran: false, reason: 'already_ran' });
  });
  it('finds 换届 overdue from the charter term kept on the organization, as of the day asked', async () => {
    const db = t.database.db;
    const org = (await createTestOrg(db, { name: '仓口换届测试协会', regionCode: PLACES.cangkou })).id;
    await db.updateTable('orgs').set({ term_years: 3, last_election_on: '2023-03-25' }).where('id', '=', org).execute();
    reported = () => [];
    const termItems = () => db.selectFrom('risk_items').select(['kind', 'detected_on', 'level', 'evidence']).where('org_id', '=', org).execute();
    // The term runs through 2026-03-25: not overdue that day, overdue the next.
    await runRiskJob(db, '2026-03-25');
    expect(await termItems()).toEqual([]);
    await runRiskJob(db, '2026-03-26');
    expect(await termItems()).toEqual([{ kind: 'term_overdue', detected_on: '2026-03-26', level: 'low', evidence: expect.stringContaining('章程任期 3 年') }]);
  });

  it('opens dormant items only in a district that keeps its ledger on the platform', async () => {
    const db = t.database.db;
    reported = () => [];
    const silent = (await createTestOrg(db, { name: '仓口休眠测试队', regionCode: PLACES.cangkou })).id;
    const active = (await createTestOrg(db, { name: '仓口活跃测试队', regionCode: PLACES.cangkou })).id;
    const day = addDays(todayInChina(), 400);
    const dormantOf = () => db.selectFrom('risk_items').select('org_id').where('kind', '=', 'dormant').where('org_id', 'in', [silent, active]).execute();
    // Nothing recorded in the whole district for a year: the ledger is kept on paper there, so silence means nothing.
    await runRiskJob(db, day);
    expect(await dormantOf()).toEqual([]);
    const staff = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou });
    await insertActivity(db, active, staff.id, { heldOn: addDays(day, -10) });
    await refreshLastActivity(db, [active]);
    await runRiskJob(db, day);
    expect((await dormantOf()).map((r) => Number(r.org_id))).toEqual([silent]);
  });
});
