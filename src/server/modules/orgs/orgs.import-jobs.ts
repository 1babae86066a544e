import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { writeAudit } from '../../lib/audit.js';
import { requireAccess } from '../../lib/access.js';
import type { z } from '../../../shared/zod.js';
import type { ImportJob } from '../../../shared/schemas/orgs.js';
import { buildReport, importOrgRows, newJobId, readOrgSheet } from './orgs.import.js';

export type ImportJobView = z.infer<typeof ImportJob>;

/** Jobs still running in this process, so tests and shutdown can wait for them. */
const running = new Set<Promise<void>>();
export const waitForImports = () => Promise.all([...running]);

/**
 * Reads the file now (a bad file is a 4xx at once), then imports in the background; the page polls the job.
 */
export async function startOrgImport(db: Kysely<DB>, ctx: RequestContext, file: { buffer: Buffer; filename: string }): Promise<{ id: string }> {
  requireAccess(ctx.actor, 'org.import');
  const sheet = await readOrgSheet(file.buffer, file.filename);
  if (sheet.rows.length === 0) throw errors.badRequest('import.empty', sheet.skipped.length ? `表格中没有组织数据行（${sheet.skipped.length} 行合计、说明或空白行已跳过）` : '表格中没有数据行');
  if (sheet.rows.length > 200_000) throw errors.badRequest('import.too_many', '一次最多导入 200,000 行，请拆分文件');
  const id = newJobId();
  await db
    .insertInto('import_jobs')
    .values({ id, user_id: ctx.actor.id, kind: 'orgs', filename: file.filename.slice(0, 200), status: 'running', total: sheet.rows.length, created_at: new Date() })
    .execute();
  const job = (async () => {
    try {
      const { counts, problems } = await importOrgRows(db, ctx, sheet.rows, async (c, processed) => {
        c.skipped = sheet.skipped.length;
        await db
          .updateTable('import_jobs')
          .set({ processed, inserted: c.inserted, updated: c.updated, unchanged: c.unchanged, rejected: c.rejected, skipped: c.skipped })
          .where('id', '=', id)
          .execute();
      });
      counts.skipped = sheet.skipped.length;
      const report = await buildReport(problems, counts, sheet.unknownHeaders, { skipped: sheet.skipped, notes: sheet.notes });
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('import_jobs')
          .set({ status: 'done', report, finished_at: new Date(), processed: counts.total, skipped: counts.skipped })
          .where('id', '=', id)
          .execute();
        await writeAudit(trx, ctx, { action: 'org.import_file', entityType: 'import_job', entityId: id, newValue: { filename: file.filename, ...counts } });
      });
    } catch (err) {
      await db
        .updateTable('import_jobs')
        .set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: new Date() })
        .where('id', '=', id)
        .execute()
        .catch(() => {});
    }
  })();
  running.add(job);
  void job.finally(() => running.delete(job));
  return { id };
}

async function loadJob(db: Kysely<DB>, ctx: RequestContext, id: string) {
  requireAccess(ctx.actor, 'org.import');
  const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  // A job is its importer's own.
  if (!job || Number(job.user_id) !== ctx.actor.id) throw errors.notFound('import');
  return job;
}

export async function getImportJob(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<ImportJobView> {
  const job = await loadJob(db, ctx, id);
  return {
    id: job.id,
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
    reportUrl: job.status === 'done' ? `/api/v1/imports/${job.id}/report.xlsx` : null,
    createdAt: new Date(job.created_at).toISOString(),
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
  };
}

export async function getImportReport(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<Buffer> {
  const job = await loadJob(db, ctx, id);
  if (!job.report) throw errors.notFound('import_report');
  return Buffer.from(job.report);
}
