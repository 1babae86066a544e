import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import { LedgerIoQuery } from '../../../shared/schemas/ledger-io.js';
import { z } from '../../../shared/zod.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { todayInChina } from '../../lib/working-days.js';
import { readSheetUpload, startImport, XLSX } from '../imports/index.js';
import { activityImport } from './activities.import.js';
import { activityImportTemplate, exportActivities } from './activities.export.js';
import { printLedger } from './activities.print.js';

/** The ledger's spreadsheets in and out, and the printed ledger (issue 13 item 1). */
export const activityIoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/activities/import',
    {
      schema: {
        tags: ['activities'],
        summary: '导入活动台账（multipart 上传 .xlsx 或 .csv，字段名 file）→ 导入任务编号，进度与逐行报告见 /imports/{id}',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await readSheetUpload(request);
      reply.status(202);
      return startImport(app.db, request.ctx(), activityImport.kind, file);
    },
  );

  app.get(
    '/activities/import-template.xlsx',
    { schema: { tags: ['activities'], summary: '下载活动台账导入模板（中文表头、本区活动类型下拉、示例行、填写说明）' } },
    async (request, reply) => {
      const buf = await activityImportTemplate(app.db, request.ctx());
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition('活动台账导入模板.xlsx', { fallback: 'activity-import-template.xlsx' }));
      return reply.send(buf);
    },
  );

  app.get(
    '/activities/export.xlsx',
    { schema: { tags: ['activities'], summary: '导出活动台账为 .xlsx（本人辖区内；可按区划、期间、组织筛选；记入审计）', querystring: LedgerIoQuery } },
    async (request, reply) => {
      const stream = await exportActivities(app.db, request.ctx(), request.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`活动台账-${todayInChina()}.xlsx`, { fallback: `activities-${todayInChina()}.xlsx` }));
      return reply.send(stream);
    },
  );

  app.get(
    '/ledger/print.pdf',
    { schema: { tags: ['activities'], summary: '打印活动台账（A4 横向 PDF：单位与期间、序号、签字栏、页码；默认近 12 个月；记入审计）', querystring: LedgerIoQuery } },
    async (request, reply) => {
      const pdf = await printLedger(app.db, request.ctx(), request.query);
      reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(`活动台账-${todayInChina()}.pdf`, { fallback: `ledger-${todayInChina()}.pdf`, inline: true }));
      return reply.send(pdf);
    },
  );
};
