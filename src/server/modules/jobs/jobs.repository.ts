import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import type { JobRunRow } from '../../db/types-notifications.js';
import '../../db/types-notifications.js';
import type { Role } from '../../../shared/enums.js';

/** job_runs and reminder_log (migration 0020) are this module's; users and orgs are only read, to find recipients. */

/** The seed of the claim locks' keys (pg_try_advisory_xact_lock(hashtextextended('job/period', seed))). */
const JOB_LOCK_SEED = 7361020;

/**
 * Takes the claim lock of one job's period for this transaction; false when another process is claiming that period
 * right now (it will run it). One lock per period, so a claim of one day never holds up another's.
 */
export async function tryJobLock(trx: Db, job: string, period: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtextextended(${`${job}/${period}`}, ${JOB_LOCK_SEED})) as ok`.execute(trx);
  return rows[0]?.ok === true;
}

/** A new run of the period; undefined when the period has a run already (the unique key). */
export function insertRun(trx: Db, job: string, period: string, trigger: 'schedule' | 'cli') {
  return trx
    .insertInto('job_runs')
    .values({ job, period, status: 'running', trigger, started_at: new Date() })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes over the period's run: always when forced (a re-run by hand), else only a failed run or one left 'running'
 * by a process that died (started before `staleBefore`).
 */
export function retakeRun(trx: Db, job: string, period: string, trigger: 'schedule' | 'cli', force: boolean, staleBefore: Date) {
  let q = trx
    .updateTable('job_runs')
    .set((eb) => ({ status: 'running', trigger, started_at: new Date(), finished_at: null, error: null, reruns: eb('reruns', '+', 1) }))
    .where('job', '=', job)
    .where('period', '=', period);
  if (!force) q = q.where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]));
  return q.returningAll().executeTakeFirst();
}

export async function finishRun(db: Db, id: number, status: 'done' | 'failed', summary: unknown, error: string | null) {
  await db
    .updateTable('job_runs')
    .set({ status, finished_at: new Date(), summary: summary === null ? null : JSON.stringify(summary), error })
    .where('id', '=', id)
    .execute();
}

export function findRun(db: Db, job: string, period: string) {
  return db.selectFrom('job_runs').selectAll().where('job', '=', job).where('period', '=', period).executeTakeFirst();
}

export function listRecentRuns(db: Db, limit: number): Promise<JobRunRow[]> {
  return db.selectFrom('job_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface LogRow {
  source: string;
  subject_kind: string;
  subject_id: number;
  recipient_id: number;
  due_on: string;
  days_before: number;
  sent_on: string;
}

/** Logs reminders; returns the recipients whose row is new (a reminder already logged is never sent again). */
export async function logReminders(trx: Db, rows: LogRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await trx
    .insertInto('reminder_log')
    .values(rows)
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'recipient_id', 'due_on', 'days_before']).doNothing())
    .returning('recipient_id')
    .execute();
  return inserted.map((r) => Number(r.recipient_id));
}

/** Where organizations sit: their district (whose settings apply) and their community (whose staff are told). */
export async function orgPlaces(db: Db, orgIds: number[]) {
  if (orgIds.length === 0) return new Map<number, { districtId: number | null; communityId: number | null }>();
  const rows = await db.selectFrom('orgs').select(['id', 'level3_id', 'level5_id']).where('id', 'in', [...new Set(orgIds)]).execute();
  return new Map(rows.map((r) => [Number(r.id), { districtId: r.level3_id === null ? null : Number(r.level3_id), communityId: r.level5_id === null ? null : Number(r.level5_id) }]));
}

/** Active organization leader accounts linked to each organization. */
export async function leadersOf(db: Db, orgIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (orgIds.length === 0) return out;
  const rows = await db.selectFrom('users').select(['id', 'org_id']).where('role', '=', 'org_leader').where('disabled', '=', false).where('org_id', 'in', [...new Set(orgIds)]).execute();
  for (const r of rows) out.set(Number(r.org_id), [...(out.get(Number(r.org_id)) ?? []), Number(r.id)]);
  return out;
}

/** Active accounts of a role placed exactly at each node (the staff of a community, the reviewers of a street). */
export async function staffAt(db: Db, role: Role, nodeIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (nodeIds.length === 0) return out;
  const rows = await db.selectFrom('users').select(['id', 'region_id']).where('role', '=', role).where('disabled', '=', false).where('region_id', 'in', [...new Set(nodeIds)]).execute();
  for (const r of rows) out.set(Number(r.region_id), [...(out.get(Number(r.region_id)) ?? []), Number(r.id)]);
  return out;
}
