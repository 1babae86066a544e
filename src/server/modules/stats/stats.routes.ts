import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { BreakdownResponse, StatsOrgsQuery, StatsOrgsResponse, StatsQuery, StatsReportQuery, TargetsResponse } from '../../../shared/schemas/stats.js';
import * as service from './stats.service.js';
import { exportTargetsView, exportYearReport } from './stats.export.js';
import { contentDisposition } from '../../lib/content-disposition.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/stats/targets',
    {
      schema: {
        tags: ['stats'],
        summary: '目标达成：节点及其下级的各项指标（数值、目标、差距、状态、分子、分母），截至今天或所选年末',
        querystring: StatsQuery,
        response: { 200: TargetsResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.getTargets(app.db, request.ctx(), request.query),
  );

  app.get(
    '/stats/breakdown',
    {
      schema: { tags: ['stats'], summary: '历年增长与类别、组织形式构成', querystring: StatsQuery, response: { 200: BreakdownResponse, ...ERROR_RESPONSES } },
    },
    async (request) => service.getBreakdown(app.db, request.ctx(), request.query),
  );

  app.get(
    '/stats/orgs',
    {
      schema: { tags: ['stats'], summary: '数字背后的组织：统计日在册（或当年新增）的组织', querystring: StatsOrgsQuery, response: { 200: StatsOrgsResponse, ...ERROR_RESPONSES } },
    },
    async (request) => service.listStatsOrgs(app.db, request.ctx(), request.query),
  );

  app.get(
    '/stats/targets.xlsx',
    { schema: { tags: ['stats'], summary: '导出当前看板（表格、区划路径与统计日期）为 .xlsx', querystring: StatsQuery } },
    async (request, reply) => {
      const { buffer, filename } = await exportTargetsView(app.db, request.ctx(), request.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(filename, { fallback: 'stats-targets.xlsx' }));
      return reply.send(buffer);
    },
  );

  app.get(
    '/stats/report.xlsx',
    { schema: { tags: ['stats'], summary: '年度统计报表（.xlsx）：各下级节点的年末在册、新增、注销、增长率与各项指标', querystring: StatsReportQuery } },
    async (request, reply) => {
      const { buffer, filename } = await exportYearReport(app.db, request.ctx(), request.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(filename, { fallback: `stats-report-${request.query.year}.xlsx` }));
      return reply.send(buffer);
    },
  );
};

export default statsRoutes;
