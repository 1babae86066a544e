import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { ImportJob, ImportJobList, ImportJobListQuery } from '../../../shared/schemas/imports.js';
import { z } from '../../../shared/zod.js';
import { errors } from '../../lib/errors.js';
import { assertStorableText } from '../../lib/text-input.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import * as service from './imports.service.js';
import { stopImports, useImportLog } from './imports.runner.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const JobParam = z.object({ id: z.string().uuid('任务编号无效') });

/** The spreadsheet of an import request (multipart, field `file`): every module's import route reads it so. */
export async function readSheetUpload(request: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  if (!request.isMultipart()) throw errors.badRequest('import.no_file', '请以 multipart/form-data 上传文件（字段名 file）');
  // A body the multipart parser cannot read (its boundary is not the header's, a truncated head) is the sender's
  // fault too: 400 with what to do, never a 500. A file over the size limit keeps its own 413.
  const file = await request.file().catch((err: { statusCode?: number }) => {
    if (err.statusCode && err.statusCode < 500) throw err;
    throw errors.badRequest('import.incomplete_upload', '文件没有完整上传，请重新上传', { file: '文件没有完整上传，请重新上传' });
  });
  if (!file) throw errors.badRequest('import.no_file', '请选择要导入的文件', { file: '请选择文件' });
  // Multipart text is parsed here, after the app-wide check of every other string (plugins/text-input.ts).
  assertStorableText({ filename: file.filename });
  // What kind of file it is (an .xls, .et, .numbers or Word file is refused with how to save it as .xlsx) is decided
  // once, where the sheet is read (lib/sheets/read.ts readGrid), before any job exists.
  // A body cut off before its closing boundary is the sender's fault (a dropped connection), not the server's: 400.
  // A file over the size limit keeps its own 413.
  const buffer = await file.toBuffer().catch((err: { statusCode?: number }) => {
    if (err.statusCode) throw err;
    throw errors.badRequest('import.incomplete_upload', '文件没有完整上传，请重新上传', { file: '文件没有完整上传，请重新上传' });
  });
  return { buffer, filename: file.filename };
}

/** Import jobs of every kind: progress, report, and resume or rerun after an interruption or a failure. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  useImportLog(app.db, app.log);
  // On PostgreSQL this process's runners are known alive by a lock its session holds (gone the moment it dies).
  let releaseRunnerLock = async () => {};
  // A job that was running when the process stopped is shown as interrupted from the first request on.
  app.addHook('onReady', async () => {
    if (app.dbKind === 'postgres') releaseRunnerLock = await service.holdOwnRunnerLock(app.db);
    await service.interruptOrphanedImports(app.db, app.dbKind);
  });
  // A clean stop lets the batch in hand commit and leaves the job interrupted, ready to resume.
  app.addHook('onClose', async () => {
    await stopImports(app.db);
    await releaseRunnerLock();
  });

  app.get(
    '/imports',
    { schema: { tags: ['imports'], summary: '本人最近的导入任务（可按类型、状态筛选）', querystring: ImportJobListQuery, response: { 200: ImportJobList, ...ERROR_RESPONSES } } },
    async (request) => service.listImportJobs(app.db, request.ctx(), request.query),
  );

  app.get(
    '/imports/:id',
    { schema: { tags: ['imports'], summary: '导入任务进度与结果', params: JobParam, response: { 200: ImportJob, ...ERROR_RESPONSES } } },
    async (request) => service.getImportJob(app.db, request.ctx(), request.params.id),
  );

  app.get(
    '/imports/:id/report.xlsx',
    { schema: { tags: ['imports'], summary: '下载逐行导入报告', params: JobParam } },
    async (request, reply) => {
      const buf = await service.getImportReport(app.db, request.ctx(), request.params.id);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition('导入报告.xlsx', { fallback: 'import-report.xlsx' }));
      return reply.send(buf);
    },
  );

  for (const how of ['resume', 'rerun'] as const) {
    app.post(
      `/imports/:id/${how}`,
      {
        schema: {
          tags: ['imports'],
          summary: how === 'resume' ? '继续中断或失败的导入（从已提交的行之后开始）' : '重新运行中断或失败的导入（从第一行开始，已导入的行按匹配规则不会重复）',
          params: JobParam,
          response: { 202: ImportJob, ...ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        reply.status(202);
        return service.restartImport(app.db, request.ctx(), request.params.id, how);
      },
    );
  }
};
