import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  ReviewBatchBody,
  ReviewBatchResponse,
  ReviewCase,
  ReviewCaseIdParam,
  ReviewCounts,
  ReviewDecisionBody,
  ReviewListQuery,
  ReviewListResponse,
  ReviewOverdueByNode,
  ReviewOverdueQuery,
} from '../../../shared/schemas/reviews.js';
import { countReviews, listReviews, overdueByNode } from './reviews.queues.js';
import { decideBatch, decideCase, getCase } from './reviews.service.js';

const tags = ['reviews'];

/**
 * The shared review chain over every subject kind. Decisions with subject-specific fields (an application's
 * credit code) stay on the subject's own routes, which call the same service; these take the plain ones.
 */
const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reviews',
    { schema: { tags, summary: '审核事项（各类事项合一）：queue=mine 为本人待办（本环节待审、本人退回件），queue=all 为辖区全部', querystring: ReviewListQuery, response: { 200: ReviewListResponse, ...ERROR_RESPONSES } } },
    async (request) => listReviews(app.db, request.ctx(), request.query),
  );
  app.get(
    '/reviews/counts',
    { schema: { tags, summary: '待办数（页头角标）：合计与各类事项的待办、临期、逾期', response: { 200: ReviewCounts, ...ERROR_RESPONSES } } },
    async (request) => countReviews(app.db, request.ctx()),
  );
  app.get(
    '/reviews/overdue',
    { schema: { tags, summary: '各下级节点的在审、临期、逾期件数（可按事项类型）', querystring: ReviewOverdueQuery, response: { 200: ReviewOverdueByNode, ...ERROR_RESPONSES } } },
    async (request) => overdueByNode(app.db, request.ctx(), request.query.region, request.query.kind),
  );
  app.get(
    '/reviews/:id',
    { schema: { tags, summary: '一件审核事项及其办理轨迹', params: ReviewCaseIdParam, response: { 200: ReviewCase, ...ERROR_RESPONSES } } },
    async (request) => getCase(app.db, request.ctx(), { caseId: request.params.id }),
  );
  app.post(
    '/reviews/:id/decide',
    { schema: { tags, summary: '审核：同意、退回补正（须写明补正内容）或不予通过（须写明理由）', params: ReviewCaseIdParam, body: ReviewDecisionBody, response: { 200: ReviewCase, ...ERROR_RESPONSES } } },
    async (request) => {
      const ctx = request.ctx();
      const { decision, opinion, version } = request.body;
      await decideCase(app.db, ctx, { caseId: request.params.id }, { decision, opinion, ...(version === undefined ? {} : { version }) });
      return getCase(app.db, ctx, { caseId: request.params.id });
    },
  );
  app.post(
    '/reviews/decide-batch',
    { schema: { tags, summary: '批量审核（逐件办理，逐件返回结果）', body: ReviewBatchBody, response: { 200: ReviewBatchResponse, ...ERROR_RESPONSES } } },
    async (request) => {
      const { ids, decision, opinion } = request.body;
      const { items } = await decideBatch(app.db, request.ctx(), ids.map((caseId) => ({ caseId })), { decision, opinion });
      return { items: items.map((i) => ({ id: 'caseId' in i.ref ? i.ref.caseId : i.ref.subjectId, ok: i.ok, message: i.message })) };
    },
  );
};
export default reviewRoutes;
