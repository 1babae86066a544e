import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { can, requireAccess } from '../../lib/access.js';
import { readGrid } from '../../lib/sheets/read.js';
import { readRecords } from '../../lib/sheets/columns.js';
import type { z } from '../../../shared/zod.js';
import type { ImportJob, ImportJobListQuery } from '../../../shared/schemas/imports.js';
import { importDefinition, importDefinitions, type ImportCounts, type ImportDefinition } from './imports.definition.js';
import * as repo from './imports.repository.js';
import { isRunningHere, launch, RUNNER_ID } from './imports.runner.js';

export type ImportJobView = z.infer<typeof ImportJob>;

/** A running job of another process whose heartbeat (one per batch, well under a second) is older than this is gone. */
export const HEARTBEAT_STALE_MS = 60_000;

/** The file's records, the rows set aside (totals, notes, blanks) and the definition's notes on the records. */
async function readRows(def: ImportDefinition, buffer: Buffer, filename: string) {
  const sheet = readRecords(await readGrid(buffer, filename), def.header);
  if (!sheet) throw errors.badRequest('import.no_header', def.header.noHeaderMessage);
  const notes = def.notesOf ? sheet.rows.flatMap((r) => def.notesOf!(r)) : [];
  return { ...sheet, notes };
}

function definitionOf(kind: string) {
  const def = importDefinition(kind);
  if (!def) throw errors.notFound('import');
  return def;
}

/**
 * Reads the file now (a bad file is a 4xx at once), keeps it with the job, then imports in the background; the page
 * polls the job.
 */
export async function startImport(db: Kysely<DB>, ctx: RequestContext, kind: string, file: { buffer: Buffer; filename: string }): Promise<{ id: string }> {
  const def = definitionOf(kind);
  requireAccess(ctx.actor, def.permission);
  const sheet = await readRows(def, file.buffer, file.filename);
  if (sheet.rows.length === 0) {
    throw errors.badRequest('import.empty', sheet.skipped.length ? `表格中没有数据行（${sheet.skipped.length} 行合计、说明或空白行已跳过）` : '表格中没有数据行');
  }
  if (sheet.rows.length > def.maxRows) throw errors.badRequest('import.too_many', `一次最多导入 ${def.maxRows.toLocaleString('en-US')} 行，请拆分文件`);
  const id = randomUUID();
  const filename = file.filename.slice(0, 200);
  const counts = zeroCounts(sheet);
  await repo.insertJob(db, { id, userId: ctx.actor.id, kind, filename, total: counts.total, skipped: counts.skipped, file: file.buffer, unknownHeaders: sheet.unknownHeaders, runner: RUNNER_ID });
  launch(db, ctx, def, { jobId: id, filename, rows: sheet.rows, from: 0, counts, unknownHeaders: sheet.unknownHeaders, skipped: sheet.skipped, notes: sheet.notes });
  return { id };
}

const zeroCounts = (sheet: { rows: unknown[]; skipped: unknown[] }): ImportCounts => ({ total: sheet.rows.length, inserted: 0, updated: 0, unchanged: 0, rejected: 0, skipped: sheet.skipped.length });

/** Someone who may run at least one kind of import (403 otherwise, before any lookup). */
function requireSomeImport(ctx: RequestContext) {
  if (!ctx.actor) throw errors.unauthenticated();
  const defs = importDefinitions();
  const allowed = defs.find((d) => can(ctx.actor!, d.permission));
  requireAccess(ctx.actor, (allowed ?? defs[0])?.permission ?? 'org.import');
}

/** A job is its importer's own, and needs the permission of its kind. */
async function loadJob(db: Kysely<DB>, ctx: RequestContext, id: string) {
  requireSomeImport(ctx);
  let job = await repo.findJob(db, id);
  if (!job || Number(job.user_id) !== ctx.actor!.id) throw errors.notFound('import');
  requireAccess(ctx.actor, definitionOf(job.kind).permission);
  if (job.status === 'running' && !isRunningHere(job.id)) {
    // Its process may be gone (a shared PostgreSQL: it died after this process's start-up sweep): the sweep leaves
    // it alone while its runner lock is held and its heartbeat fresh.
    await interruptOrphanedImports(db, 'postgres');
    job = (await repo.findJob(db, id))!;
  }
  return job;
}

function toView(job: repo.JobRow, firstProblems: ImportJobView['firstProblems'] = []): ImportJobView {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    filename: job.filename,
    total: job.total,
    processed: job.processed,
    inserted: job.inserted,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
    skipped: job.skipped,
    error: job.error,
    reportUrl: job.status === 'done' && job.has_report ? `/api/v1/imports/${job.id}/report.xlsx` : null,
    resumable: (job.status === 'interrupted' || job.status === 'failed') && job.has_file,
    firstProblems,
    createdAt: new Date(job.created_at).toISOString(),
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
  };
}

export async function getImportJob(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<ImportJobView> {
  const job = await loadJob(db, ctx, id);
  // A finished job's first rejected rows, shown at the top of the import drawer (issue 22 item 2).
  const first = job.status === 'done' && job.rejected > 0 ? await repo.findProblems(db, id, repo.KEPT_PROBLEMS) : [];
  return toView(job, first);
}

/** The importer's recent jobs (the import drawer offers the interrupted and failed ones for resume or rerun). */
export async function listImportJobs(db: Kysely<DB>, ctx: RequestContext, query: z.infer<typeof ImportJobListQuery>): Promise<{ items: ImportJobView[] }> {
  requireSomeImport(ctx);
  if (query.kind) requireAccess(ctx.actor, definitionOf(query.kind).permission);
  const rows = await repo.listJobsOf(db, ctx.actor!.id, query);
  return { items: rows.filter((j) => can(ctx.actor!, importDefinition(j.kind)?.permission ?? 'org.import')).map((j) => toView(j)) };
}

export async function getImportReport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<Buffer> {
  await loadJob(db, ctx, id);
  const report = await repo.findJobReport(db, id);
  if (!report) throw errors.notFound('import_report');
  return report;
}

/**
 * Continues an interrupted or failed job after its watermark, or reruns it from the first row. Rows already
 * committed are matched again by their re-import key on a rerun (unchanged, never duplicated); a resume does not
 * read them at all. A failed job is as safe to resume as an interrupted one: its watermark is written in the
 * transaction of the batch it counts (recordBatch), so a failure mid-batch leaves it at the last committed row, and
 * the runner keeps the file on failure (endJob); only a done job drops it.
 */
export async function restartImport(db: Kysely<DB>, ctx: RequestContext, id: string, how: 'resume' | 'rerun'): Promise<ImportJobView> {
  const job = await loadJob(db, ctx, id);
  const def = definitionOf(job.kind);
  if (!(job.status === 'interrupted' || job.status === 'failed') || !job.has_file) {
    throw errors.conflict('import.not_resumable', job.status === 'running' ? '该导入任务正在进行中' : '该导入任务已完成，无需继续');
  }
  const file = (await repo.findJobFile(db, id))!;
  const sheet = await readRows(def, file, job.filename);
  const claimed = await db.transaction().execute(async (trx) => {
    if (!(await repo.claimJob(trx, id, RUNNER_ID, how))) return false;
    if (how === 'rerun') await repo.deleteProblems(trx, id);
    await writeAudit(trx, ctx, { action: `import.${how}`, entityType: 'import_job', entityId: id, newValue: { filename: job.filename, committed: job.processed } });
    return true;
  });
  if (!claimed) throw errors.conflict('import.not_resumable', '该导入任务已在进行中');
  const from = how === 'resume' ? job.processed : 0;
  const counts = how === 'resume' ? { ...zeroCounts(sheet), inserted: job.inserted, updated: job.updated, unchanged: job.unchanged, rejected: job.rejected } : zeroCounts(sheet);
  // The answer is the job as claimed (running), read before the runner starts: on PostgreSQL a short job may be done
  // before a read after launch, and the caller asked to start it, not to wait for it.
  const view = toView((await repo.findJob(db, id))!);
  launch(db, ctx, def, { jobId: id, filename: job.filename, rows: sheet.rows, from, counts, unknownHeaders: sheet.unknownHeaders, skipped: sheet.skipped, notes: sheet.notes });
  return view;
}

/**
 * At start-up (and when a poll finds a job running elsewhere): jobs whose process stopped become interrupted,
 * showing what they had committed. On the embedded database one process owns the data directory, so every job of
 * another runner is an orphan; on PostgreSQL, several processes may share it, so only jobs whose runner lock is
 * gone (the process died: holdRunnerLock) or whose heartbeat stopped count.
 */
/** This process's runner lock on PostgreSQL (held from start-up to close; see holdRunnerLock). */
export const holdOwnRunnerLock = (db: Kysely<DB>) => repo.holdRunnerLock(db, RUNNER_ID);

export async function interruptOrphanedImports(db: Kysely<DB>, kind: 'pglite' | 'postgres') {
  return repo.interruptOrphans(db, RUNNER_ID, { staleBefore: new Date(Date.now() - HEARTBEAT_STALE_MS), everyOtherRunner: kind === 'pglite' });
}
