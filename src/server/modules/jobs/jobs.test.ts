import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { createTestOrg, createTestUser, PLACES } from '../../../../test/factories.js';
import { submitTestItem } from '../../../../test/review-subject.js';
import { todayInChina } from '../../lib/working-days.js';
import { registerReminderSource, type DueItem } from '../notifications/index.js';
import { Cron } from 'croner';
import { defineJob, runJob, startScheduler } from './index.js';
import { periodOf } from './jobs.policy.js';

/**
 * The scheduled jobs on a real database: the reminder job (nearest threshold, once per recipient and threshold,
 * nothing new on a second run), the overdue job (review cases and reminder-source items, once each), and the runner
 * (one run per period, a forced re-run still idempotent).
 */

let t: TestApp;
/** The test source's items: what a module's dueBetween would answer. */
const due: DueItem[] = [];
let unregister: () => void;
let orgId: number;
let leaderId: number;
let staffId: number;
let otherStaffId: number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  orgId = (await createTestOrg(db, { name: '仓口提醒测试舞蹈队', regionCode: PLACES.cangkou })).id;
  leaderId = (await createTestUser(db, { role: 'org_leader', regionCode: PLACES.cangkou })).id;
  await db.updateTable('users').set({ org_id: orgId }).where('id', '=', leaderId).execute();
  staffId = (await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou })).id;
  // Staff of another community hear nothing of 仓口's items.
  otherStaffId = (await createTestUser(db, { role: 'community_staff', regionCode: PLACES.xincun })).id;
  unregister = registerReminderSource({
    name: 'test_due',
    label: '测试到期事项',
    dueBetween: async (_db, from, to) => due.filter((d) => d.dueOn >= from && d.dueOn <= to),
  });
});
afterAll(async () => {
  unregister?.();
  await t?.close();
});

/** What the test items caused: the real sources (annual reports) see the test organization too and remind of it. */
const inbox = (userId: number) =>
  t.database.db.selectFrom('notifications').selectAll().where('recipient_id', '=', userId).where('subject_kind', 'in', ['test_due', 'test_item']).orderBy('id').execute();

/** Reminders logged for the test items (a run's summary counts the real sources' reminders too). */
const testLogCount = async () =>
  Number((await t.database.db.selectFrom('reminder_log').select((eb) => eb.fn.countAll().as('n')).where('subject_kind', '=', 'test_due').executeTakeFirstOrThrow()).n);

function item(subjectId: number, dueOn: string): DueItem {
  const d = { subjectKind: 'test_due', subjectId, orgId, dueOn, title: `测试年报${subjectId}`, link: `/test-due/${subjectId}` };
  due.push(d);
  return d;
}

describe('the reminder job', () => {
  it('reminds the leader and the community staff 7 days before, and a second run sends nothing new', async () => {
    item(1, '2031-03-08');
    const first = await runJob(t.database.db, 'reminders', { period: '2031-03-01' });
    expect(first.ran).toBe(true);
    const mine = (await inbox(leaderId)).filter((n) => n.subject_id !== null && Number(n.subject_id) === 1);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'reminder', title: '测试年报1还有 7 天到期', link: '/test-due/1', subject_kind: 'test_due' });
    expect((await inbox(staffId)).filter((n) => Number(n.subject_id) === 1)).toHaveLength(1);
    expect((await inbox(otherStaffId)).length).toBe(0);
    const log = await t.database.db.selectFrom('reminder_log').selectAll().where('subject_kind', '=', 'test_due').where('subject_id', '=', 1).execute();
    expect(log.map((l) => [Number(l.recipient_id), l.days_before, l.sent_on]).sort()).toEqual([[leaderId, 7, '2031-03-01'], [staffId, 7, '2031-03-01']].sort());

    // The same period again: refused by the runner; forced: runs, and sends nothing new.
    const again = await runJob(t.database.db, 'reminders', { period: '2031-03-01' });
    expect(again).toMatchObject({ ran: false, reason: 'already_ran' });
    const logged = await testLogCount();
    const forced = await runJob(t.database.db, 'reminders', { period: '2031-03-01', force: true });
    expect(forced.ran).toBe(true);
    expect(await testLogCount()).toBe(logged);
    expect(forced.ran && forced.run.reruns).toBe(1);
    // The next day, still inside the 7-day window: nothing new either.
    const next = await runJob(t.database.db, 'reminders', { period: '2031-03-02' });
    expect(next.ran).toBe(true);
    expect(await testLogCount()).toBe(logged);
    expect((await inbox(leaderId)).filter((n) => Number(n.subject_id) === 1)).toHaveLength(1);
  });

  it('sends a missed threshold on the next run inside its window, only the nearest one, then the next threshold on its day', async () => {
    // Due in 5 days: the 30-day day was missed and the 7-day window is reached: one reminder, the 7-day one.
    item(2, '2031-04-06');
    await runJob(t.database.db, 'reminders', { period: '2031-04-01' });
    const days = async () => (await t.database.db.selectFrom('reminder_log').select('days_before').where('subject_kind', '=', 'test_due').where('subject_id', '=', 2).where('recipient_id', '=', leaderId).orderBy('days_before').execute()).map((r) => r.days_before);
    expect(await days()).toEqual([7]);
    await runJob(t.database.db, 'reminders', { period: '2031-04-04' });
    expect(await days()).toEqual([7]);
    await runJob(t.database.db, 'reminders', { period: '2031-04-05' });
    expect(await days()).toEqual([1, 7]);
    const titles = (await inbox(leaderId)).filter((n) => Number(n.subject_id) === 2).map((n) => n.title);
    expect(titles).toEqual(['测试年报2还有 5 天到期', '测试年报2明天到期']);
    // Past due: no more reminders (the overdue job takes over).
    const before = await testLogCount();
    const past = await runJob(t.database.db, 'reminders', { period: '2031-04-07' });
    expect(past.ran).toBe(true);
    expect(await testLogCount()).toBe(before);
  });

  it('follows the district setting of reminders.daysBefore', async () => {
    const admin = await t.loginAs({ role: 'district_admin' });
    expect((await admin.put('/api/v1/settings/reminders', { value: { daysBefore: [14] } })).statusCode).toBe(200);
    try {
      item(3, '2031-05-15');
      await runJob(t.database.db, 'reminders', { period: '2031-04-30' });
      expect((await inbox(leaderId)).filter((n) => Number(n.subject_id) === 3)).toHaveLength(0);
      await runJob(t.database.db, 'reminders', { period: '2031-05-01' });
      const log = await t.database.db.selectFrom('reminder_log').select('days_before').where('subject_kind', '=', 'test_due').where('subject_id', '=', 3).execute();
      expect(new Set(log.map((l) => l.days_before))).toEqual(new Set([14]));
    } finally {
      await admin.put('/api/v1/settings/reminders', { value: { daysBefore: [30, 7, 1] } });
    }
  });
});

describe('the overdue job', () => {
  it('tells the staff at the node of an overdue review step once, and the community staff of an overdue item once', async () => {
    const db = t.database.db;
    const submitter = await createTestUser(db, { role: 'community_staff', regionCode: PLACES.cangkou });
    const { case: c } = await submitTestItem(db, submitter.id, PLACES.cangkou);
    await db.updateTable('review_cases').set({ step_due_on: '2031-06-01' }).where('id', '=', c.id).execute();
    item(4, '2031-06-05');
    const first = await runJob(db, 'overdue', { period: '2031-06-10' });
    expect(first.ran).toBe(true);
    const told = (await inbox(staffId)).filter((n) => n.kind === 'overdue');
    // Items 1–3 of the tests above are past due by now as well: each told once.
    expect(told.map((n) => n.title).sort()).toEqual([`测试事项「${c.title}」已逾期（社区预审）`, '测试年报1已逾期', '测试年报2已逾期', '测试年报3已逾期', '测试年报4已逾期'].sort());
    expect(told.find((n) => n.subject_kind === 'test_item')).toMatchObject({ link: `/test-items/${c.subject_id}`, body: '本环节应于 2031-06-01 前办结' });
    // The case's street reviewers are not told while the case waits at the community.
    const street = await createTestUser(db, { role: 'street_reviewer', regionCode: PLACES.wenshan });
    await runJob(db, 'overdue', { period: '2031-06-11' });
    expect((await inbox(staffId)).filter((n) => n.kind === 'overdue')).toHaveLength(told.length);
    expect(await inbox(street.id)).toHaveLength(0);
    // Not yet due on the day itself.
    await db.updateTable('review_cases').set({ step_due_on: '2031-06-12' }).where('id', '=', c.id).execute();
    await runJob(db, 'overdue', { period: '2031-06-12' });
    expect((await inbox(staffId)).filter((n) => n.kind === 'overdue')).toHaveLength(told.length);
    // Moved on to a new due date (a new step, or a resubmission): overdue again is a new notice.
    await runJob(db, 'overdue', { period: '2031-06-13' });
    expect((await inbox(staffId)).filter((n) => n.kind === 'overdue')).toHaveLength(told.length + 1);
  });
});

describe('the runner', () => {
  it('records a failed run and takes the period over on the next claim', async () => {
    let fail = true;
    defineJob({ name: 'flaky', label: '测试', schedule: '0 3 * * *', run: async () => { if (fail) throw new Error('测试失败'); return { ok: 1 }; } });
    await expect(runJob(t.database.db, 'flaky', { period: '2031-07-01' })).rejects.toThrow('测试失败');
    const failed = await t.database.db.selectFrom('job_runs').selectAll().where('job', '=', 'flaky').executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', error: '测试失败' });
    fail = false;
    const retried = await runJob(t.database.db, 'flaky', { period: '2031-07-01' });
    expect(retried.ran && retried.run).toMatchObject({ status: 'done', reruns: 1, summary: { ok: 1 } });
  });

  it('refuses an unknown job and a malformed period', async () => {
    await expect(runJob(t.database.db, 'nope')).rejects.toThrow(/没有名为 nope/);
    await expect(runJob(t.database.db, 'reminders', { period: '2031-13-45' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('keeps job_runs one row per job and period in the database itself', async () => {
    await expect(sql`insert into job_runs (job, period, status) values ('flaky', '2031-07-01', 'running')`.execute(t.database.db)).rejects.toThrow();
  });

  it('runs today when no period is given', async () => {
    const r = await runJob(t.database.db, 'reminders');
    expect(r.ran || r.reason === 'already_ran').toBe(true);
    expect(r.run!.period).toBe(todayInChina());
  });

  it('starts the schedules and catches up the latest scheduled run that has not happened', async () => {
    const db = t.database.db;
    const lines: string[] = [];
    const scheduler = startScheduler(db, { info: (m) => lines.push(m), error: (m) => lines.push(m) });
    try {
      // The latest 08:00 in China lies within the last day: its period is claimed at start.
      const [last] = new Cron('0 8 * * *', { timezone: 'Asia/Shanghai' }).previousRuns(1);
      const period = periodOf(last!);
      for (let i = 0; i < 100; i++) {
        const run = await db.selectFrom('job_runs').select('status').where('job', '=', 'overdue').where('period', '=', period).executeTakeFirst();
        if (run?.status === 'done') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const runs = await db.selectFrom('job_runs').select(['job', 'status']).where('period', '=', period).where('job', 'in', ['reminders', 'overdue']).orderBy('job').execute();
      expect(runs).toEqual([{ job: 'overdue', status: 'done' }, { job: 'reminders', status: 'done' }]);
    } finally {
      scheduler.stop();
    }
  });
});
