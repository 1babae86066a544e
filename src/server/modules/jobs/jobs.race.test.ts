import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestPgDatabase, openTestDatabase } from '../../../../test/db.js';
import { testDbMode } from '../../../../test/db-mode.js';
import { createTestOrg, createTestUser, PLACES } from '../../../../test/factories.js';
import { openDatabase, type Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { registerReminderSource, type DueItem } from '../notifications/index.js';
import { defineJob, runJob } from './index.js';

/**
 * "Two processes, one run per period" (issue 13 item 6): two runners, each with its own connection pool (two Kysely
 * instances, as two app processes have) on one PostgreSQL database, tick the same periods at the same moment. On
 * PGlite, where one process holds the database, the two runners share it and race all the same.
 */

const databases: Database[] = [];
let a: Kysely<DB>;
let b: Kysely<DB>;
let drop: (() => Promise<void>) | undefined;
let runs = 0;
const due: DueItem[] = [];
let unregister: () => void;

beforeAll(async () => {
  if (testDbMode() === 'postgres') {
    const pgdb = await createTestPgDatabase();
    drop = pgdb.drop;
    for (let i = 0; i < 2; i++) databases.push(await openDatabase({ databaseUrl: pgdb.url, poolSize: 4 }));
    [a, b] = [databases[0]!.db, databases[1]!.db];
  } else {
    databases.push(await openTestDatabase());
    a = b = databases[0]!.db;
  }
  defineJob({
    name: 'race_probe',
    label: '测试：计数',
    schedule: '0 4 * * *',
    run: async () => {
      runs++;
      // Long enough that the second runner's claim lands while the first is still running.
      await new Promise((r) => setTimeout(r, 30));
      return { runs };
    },
  });
  unregister = registerReminderSource({ name: 'race_due', label: '测试', dueBetween: async (_db, from, to) => due.filter((d) => d.dueOn >= from && d.dueOn <= to) });
});
afterAll(async () => {
  unregister?.();
  for (const d of databases) await d.close();
  await drop?.();
});

describe('two runners on one database', () => {
  it('run each period once, however they interleave', async () => {
    const periods = Array.from({ length: 12 }, (_, i) => `2032-01-${String(i + 1).padStart(2, '0')}`);
    const results = await Promise.all(periods.flatMap((period) => [runJob(a, 'race_probe', { period }), runJob(b, 'race_probe', { period })]));
    expect(runs).toBe(periods.length);
    for (let i = 0; i < periods.length; i++) {
      const pair = [results[2 * i]!, results[2 * i + 1]!];
      expect(pair.filter((r) => r.ran)).toHaveLength(1);
      expect(pair.find((r) => !r.ran)).toMatchObject({ ran: false });
    }
    const rows = await a.selectFrom('job_runs').select(['period', 'status']).where('job', '=', 'race_probe').orderBy('period').execute();
    expect(rows).toEqual(periods.map((period) => ({ period, status: 'done' })));
  });

  it('send each reminder once when both run the reminder job, forced or not', async () => {
    const orgId = (await createTestOrg(a, { name: '仓口赛跑提醒合唱团', regionCode: PLACES.cangkou })).id;
    const leader = await createTestUser(a, { role: 'org_leader', regionCode: PLACES.cangkou });
    await a.updateTable('users').set({ org_id: orgId }).where('id', '=', leader.id).execute();
    for (let i = 1; i <= 20; i++) due.push({ subjectKind: 'race_due', subjectId: i, orgId, dueOn: '2032-02-08', title: `赛跑事项${i}`, link: `/race/${i}` });
    await Promise.all([runJob(a, 'reminders', { period: '2032-02-01' }), runJob(b, 'reminders', { period: '2032-02-01' })]);
    // A forced re-run in each "process" at once: the reminder log still lets each reminder through once.
    await Promise.all([runJob(a, 'reminders', { period: '2032-02-01', force: true }), runJob(b, 'reminders', { period: '2032-02-01', force: true })]);
    const told = await a.selectFrom('notifications').select('subject_id').where('recipient_id', '=', leader.id).where('kind', '=', 'reminder').execute();
    expect(told.map((n) => Number(n.subject_id)).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
