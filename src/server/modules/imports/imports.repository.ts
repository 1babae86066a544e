import { sql, type Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { ImportCounts, RowProblem } from './imports.definition.js';
import { openBytes, sealBytes } from '../../lib/personal-data.js';

/** The job's columns without the file and the report (bytes a poll never needs). */
const VIEW = ['id', 'user_id', 'kind', 'filename', 'status', 'total', 'processed', 'inserted', 'updated', 'unchanged', 'rejected', 'skipped', 'error', 'created_at', 'finished_at', 'heartbeat_at', 'runner', 'unknown_headers'] as const;

export function findJob(db: Db, id: string) {
  return db
    .selectFrom('import_jobs')
    .select([...VIEW, sql<boolean>`report is not null`.as('has_report'), sql<boolean>`file is not null`.as('has_file')])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export function listJobsOf(db: Db, userId: number, f: { kind?: string; status?: JobRow['status'] }, limit = 20) {
  let q = db
    .selectFrom('import_jobs')
    .select([...VIEW, sql<boolean>`report is not null`.as('has_report'), sql<boolean>`file is not null`.as('has_file')])
    .where('user_id', '=', userId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function findJobFile(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('import_jobs').select('file').where('id', '=', id).executeTakeFirst();
  return row?.file ? openBytes(row.file) : null;
}

export async function findJobReport(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('import_jobs').select('report').where('id', '=', id).executeTakeFirst();
  return row?.report ? openBytes(row.report) : null;
}

export async function insertJob(
  db: Db,
  job: { id: string; userId: number; kind: string; filename: string; total: number; skipped: number; file: Buffer; unknownHeaders: string[]; runner: string },
) {
  const now = new Date();
  await db
    .insertInto('import_jobs')
    .values({
      id: job.id,
      user_id: job.userId,
      kind: job.kind,
      filename: job.filename,
      status: 'running',
      total: job.total,
      skipped: job.skipped,
      // The uploaded sheet holds ID numbers and phones in clear: stored sealed whole (migration 0015).
      file: sealBytes(job.file),
      unknown_headers: job.unknownHeaders,
      runner: job.runner,
      heartbeat_at: now,
      created_at: now,
    })
    .execute();
}

/** Claims a job for this process (resume, rerun): only one that is not running, so two clicks start one runner. */
export async function claimJob(db: Db, id: string, runner: string, from: 'resume' | 'rerun'): Promise<boolean> {
  let q = db
    .updateTable('import_jobs')
    .set({ status: 'running', runner, heartbeat_at: new Date(), error: null, finished_at: null, report: null })
    .where('id', '=', id)
    .where('status', 'in', ['interrupted', 'failed'])
    .where('file', 'is not', null);
  if (from === 'rerun') q = q.set({ processed: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteProblems(db: Db, id: string) {
  await db.deleteFrom('import_job_problems').where('job_id', '=', id).execute();
}

/**
 * A batch's progress, in the batch's transaction: the watermark, the counts so far and the batch's row problems.
 * False when the job is no longer this runner's (found orphaned and resumed elsewhere): the caller rolls back.
 */
export async function recordBatch(trx: Db, id: string, runner: string, processed: number, counts: ImportCounts, problems: RowProblem[]): Promise<boolean> {
  if (problems.length > 0) {
    let seq = 0;
    let lastRow = -1;
    const values = problems.map((p) => {
      seq = p.row === lastRow ? seq + 1 : 0;
      lastRow = p.row;
      return { job_id: id, row_number: p.row, seq, column_name: p.column, message: p.message };
    });
    // Chunks keep the statement under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < values.length; i += 5000) await trx.insertInto('import_job_problems').values(values.slice(i, i + 5000)).execute();
  }
  const res = await trx
    .updateTable('import_jobs')
    .set({ processed, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected, heartbeat_at: new Date() })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A job's row problems in row order; `limit` for the first ones only (a finished job keeps KEPT_PROBLEMS). */
export function findProblems(db: Db, id: string, limit?: number) {
  const q = db
    .selectFrom('import_job_problems')
    .select(['row_number as row', 'column_name as column', 'message'])
    .where('job_id', '=', id)
    .orderBy('row_number')
    .orderBy('seq');
  return (limit === undefined ? q : q.limit(limit)).execute();
}

/** How many of a finished job's row problems stay in the table: the import drawer lists the first ones at the top. */
export const KEPT_PROBLEMS = 10;

/**
 * Done: the report is kept, the file is dropped (nothing is left to resume), and only the first problems stay.
 * False when the job is no longer this runner's.
 */
export async function finishJob(trx: Db, id: string, runner: string, report: Buffer): Promise<boolean> {
  const res = await trx
    .updateTable('import_jobs')
    .set({ status: 'done', report: sealBytes(report), file: null, finished_at: new Date(), runner: null })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  const last = await trx
    .selectFrom('import_job_problems')
    .select(['row_number', 'seq'])
    .where('job_id', '=', id)
    .orderBy('row_number')
    .orderBy('seq')
    .offset(KEPT_PROBLEMS - 1)
    .limit(1)
    .executeTakeFirst();
  if (last) {
    await trx
      .deleteFrom('import_job_problems')
      .where('job_id', '=', id)
      .where((eb) => eb.or([eb('row_number', '>', last.row_number), eb.and([eb('row_number', '=', last.row_number), eb('seq', '>', last.seq)])]))
      .execute();
  }
  return true;
}

/** The runner's end of a job it still runs (a job taken over by another runner is left to that one). */
export async function endJob(db: Db, id: string, runner: string, status: 'failed' | 'interrupted', error: string | null) {
  await db.updateTable('import_jobs').set({ status, error, finished_at: new Date(), runner: null }).where('id', '=', id).where('runner', '=', runner).where('status', '=', 'running').execute();
}

/**
 * Advisory-lock space of import runners on PostgreSQL: a live runner process holds (RUNNER_LOCKS, hashtext(runner))
 * on a connection of its own for as long as it runs. PostgreSQL drops a session's locks the moment the session
 * ends, and a killed process's sessions end with it, so another process sees at once that the runner is gone
 * (the heartbeat alone would say so only after HEARTBEAT_STALE_MS).
 */
const RUNNER_LOCKS = 0x5e2a;

/** Takes a runner's lock in the session of `db` (false when another session holds it). */
export async function tryLockRunner(db: Db, runner: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${RUNNER_LOCKS}, hashtext(${runner})) as ok`.execute(db);
  return rows[0].ok;
}

export async function unlockRunner(db: Db, runner: string) {
  await sql`select pg_advisory_unlock(${RUNNER_LOCKS}, hashtext(${runner}))`.execute(db);
}

/**
 * Holds this runner's lock on a connection of its own (PostgreSQL: the embedded database has one session) until
 * the returned release is called. Not blocking: if the key is held (another runner whose id hashes alike) the
 * runner goes without, and the others see it by its heartbeat alone, the safe side (a live runner is never taken
 * for a dead one).
 */
export async function holdRunnerLock(db: Kysely<DB>, runner: string): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const acquired = new Promise<void>((resolve) => (held = resolve));
  const session = db.connection().execute(async (conn) => {
    const ok = await tryLockRunner(conn, runner);
    held();
    await released;
    // A connection lost meanwhile took its lock with it: nothing to release then.
    if (ok) await unlockRunner(conn, runner).catch(() => {});
  });
  // The session ends only after release, or with an error (no connection), which the race passes on.
  await Promise.race([acquired, session]);
  return async () => {
    release();
    await session.catch(() => {});
  };
}

/** Whether a runner's lock is held by a live session (SQL, for the orphan sweep; pg_locks shows every session's). */
const runnerAlive = sql<boolean>`exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.classid = ${RUNNER_LOCKS}
  and l.objid = hashtext(import_jobs.runner)::oid and l.database = (select oid from pg_database where datname = current_database()))`;

/**
 * Running jobs whose process is gone become interrupted: those of another runner that holds no runner lock (its
 * sessions ended with it) or whose heartbeat (written with every batch) is older than `staleBefore`; with
 * `everyOtherRunner`, all of another runner's (the embedded database allows one process per data directory, so
 * another runner's job cannot be alive).
 */
export async function interruptOrphans(db: Db, runner: string, opts: { staleBefore: Date; everyOtherRunner: boolean }) {
  let q = db
    .updateTable('import_jobs')
    .set({ status: 'interrupted', error: '服务重启时导入被中断', finished_at: new Date(), runner: null })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('runner', 'is', null), eb('runner', '<>', runner)]));
  if (!opts.everyOtherRunner) q = q.where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', opts.staleBefore), eb.not(runnerAlive)]));
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
