import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { AuditFilter, AuditListQuery, AuditListResponse } from '../../../shared/schemas/audit.js';
import * as service from './audit.service.js';
import { contentDisposition } from '../../lib/content-disposition.js';


const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志查询（审计管理员）',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.listAudit(app.db, request.ctx(), request.query),
  );

  app.get(
    '/audit/export.xlsx',
    { schema: { tags: ['audit'], summary: '导出审计日志（.xlsx）', querystring: AuditFilter } },
    async (request, reply) => {
      const stream = await service.exportAudit(app.db, request.ctx(), request.query);
      const date = new Date().toISOString().slice(0, 10);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`审计日志-${date}.xlsx`, { fallback: `audit-${date}.xlsx` }));
      return reply.send(stream);
    },
  );
};

export default auditRoutes;
