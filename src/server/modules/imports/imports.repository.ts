import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import type { ImportCounts, RowProblem } from './imports.definition.js';

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
  return row?.file ? Buffer.from(row.file) : null;
}

export async function findJobReport(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('import_jobs').select('report').where('id', '=', id).executeTakeFirst();
  return row?.report ? Buffer.from(row.report) : null;
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
      file: job.file,
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

/** A batch's progress, in the batch's transaction: the watermark, the counts so far and the batch's row problems. */
export async function recordBatch(trx: Db, id: string, processed: number, counts: ImportCounts, problems: RowProblem[]) {
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
  await trx
    .updateTable('import_jobs')
    .set({ processed, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, rejected: counts.rejected, heartbeat_at: new Date() })
    .where('id', '=', id)
    .execute();
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

/** Done: the report is kept, the file is dropped (nothing is left to resume), and only the first problems stay. */
export async function finishJob(trx: Db, id: string, report: Buffer) {
  await trx.updateTable('import_jobs').set({ status: 'done', report, file: null, finished_at: new Date(), runner: null }).where('id', '=', id).execute();
  const last = await trx
    .selectFrom('import_job_problems')
    .select(['row_number', 'seq'])
    .where('job_id', '=', id)
    .orderBy('row_number')
    .orderBy('seq')
    .offset(KEPT_PROBLEMS - 1)
    .limit(1)
    .executeTakeFirst();
  if (!last) return;
  await trx
    .deleteFrom('import_job_problems')
    .where('job_id', '=', id)
    .where((eb) => eb.or([eb('row_number', '>', last.row_number), eb.and([eb('row_number', '=', last.row_number), eb('seq', '>', last.seq)])]))
    .execute();
}

export async function endJob(db: Db, id: string, status: 'failed' | 'interrupted', error: string | null) {
  await db.updateTable('import_jobs').set({ status, error, finished_at: new Date(), runner: null }).where('id', '=', id).where('status', '=', 'running').execute();
}

/**
 * Running jobs whose process is gone become interrupted: those of another runner whose heartbeat (written with
 * every batch) is older than `staleBefore`; with `everyOtherRunner`, all of another runner's (the embedded
 * database allows one process per data directory, so another runner's job cannot be alive).
 */
export async function interruptOrphans(db: Db, runner: string, opts: { staleBefore: Date; everyOtherRunner: boolean }) {
  let q = db
    .updateTable('import_jobs')
    .set({ status: 'interrupted', error: '服务重启时导入被中断', finished_at: new Date(), runner: null })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('runner', 'is', null), eb('runner', '<>', runner)]));
  if (!opts.everyOtherRunner) q = q.where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', opts.staleBefore)]));
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
