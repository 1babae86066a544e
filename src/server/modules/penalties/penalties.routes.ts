import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { Penalty, PenaltyAnnulBody, PenaltyCarriedOutBody, PenaltyIdParam, PenaltyInput, PenaltyListQuery, PenaltyListResponse } from '../../../shared/schemas/penalties.js';
import * as service from './penalties.service.js';

const tags = ['penalties'];

/** Administrative penalties (行政处罚, issue 14 item 2): recorded by the district, read in the organization's reach. */
const penaltyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/penalties',
    { schema: { tags, summary: '行政处罚列表（辖区内；按组织、种类、状态、年度、关键词筛选，排序，分页）', querystring: PenaltyListQuery, response: { 200: PenaltyListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listPenalties(app.db, request.ctx(), request.query),
  );
  app.post(
    '/penalties',
    { schema: { tags, summary: '登记行政处罚决定（本机关或其他部门作出）；文号在同一机关内唯一', body: PenaltyInput, response: { 201: Penalty, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.recordPenalty(app.db, request.ctx(), request.body);
    },
  );
  app.get(
    '/penalties/:id',
    { schema: { tags, summary: '行政处罚详情', params: PenaltyIdParam, response: { 200: Penalty, ...ERROR_RESPONSES } } },
    async (request) => service.getPenalty(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/penalties/:id/annul',
    { schema: { tags, summary: '撤销处罚决定（经行政复议或诉讼被撤销），保留记录与原因', params: PenaltyIdParam, body: PenaltyAnnulBody, response: { 200: Penalty, ...ERROR_RESPONSES } } },
    async (request) => service.annulPenalty(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/penalties/:id/carried-out',
    { schema: { tags, summary: '登记处罚执行完毕的日期', params: PenaltyIdParam, body: PenaltyCarriedOutBody, response: { 200: Penalty, ...ERROR_RESPONSES } } },
    async (request) => service.markCarriedOut(app.db, request.ctx(), request.params.id, request.body),
  );
};

export default penaltyRoutes;
