import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  Application,
  ApplicationAttachment,
  ApplicationAttachmentParams,
  ApplicationCounts,
  ApplicationCreateBody,
  ApplicationIdParam,
  ApplicationListQuery,
  ApplicationListResponse,
  ApplicationUpdateBody,
  BatchReviewBody,
  BatchReviewResponse,
  OverdueByNode,
  ReviewBody,
  WithdrawBody,
} from '../../../shared/schemas/applications.js';
import { z } from '../../../shared/zod.js';
import { readUpload, sendStoredFile } from '../../lib/uploads.js';
import * as service from './applications.service.js';
import { reviewApplication, reviewBatch } from './applications.review.js';
import { addApplicationAttachment, downloadApplicationAttachment, removeApplicationAttachment } from './applications.attachments.js';

const tags = ['applications'];

const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/applications',
    { schema: { tags, summary: '申请列表：queue=mine 为本人待办（本环节待审、本人草稿与退回件），queue=all 为辖区全部', querystring: ApplicationListQuery, response: { 200: ApplicationListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listApplications(app.db, request.ctx(), request.query),
  );
  app.get(
    '/applications/counts',
    { schema: { tags, summary: '待办数（页头角标）：待办、临期、逾期', response: { 200: ApplicationCounts, ...ERROR_RESPONSES } } },
    async (request) => service.countApplications(app.db, request.ctx()),
  );
  app.get(
    '/applications/overdue',
    { schema: { tags, summary: '各下级节点的在审、临期、逾期件数', querystring: z.strictObject({ region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional() }), response: { 200: OverdueByNode, ...ERROR_RESPONSES } } },
    async (request) => service.overdueByNode(app.db, request.ctx(), request.query.region),
  );
  app.post(
    '/applications',
    { schema: { tags, summary: '新建申请（草稿）：成立/变更/注销备案，直接登记及变更/注销登记', body: ApplicationCreateBody, response: { 201: Application, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.createApplication(app.db, request.ctx(), request.body);
    },
  );
  app.get(
    '/applications/:id',
    { schema: { tags, summary: '申请详情：内容、材料、审核检查、变更对照、办理轨迹', params: ApplicationIdParam, response: { 200: Application, ...ERROR_RESPONSES } } },
    async (request) => service.getApplication(app.db, request.ctx(), request.params.id),
  );
  app.patch(
    '/applications/:id',
    { schema: { tags, summary: '保存草稿或补正内容', params: ApplicationIdParam, body: ApplicationUpdateBody, response: { 200: Application, ...ERROR_RESPONSES } } },
    async (request) => service.updateApplication(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/applications/:id/submit',
    { schema: { tags, summary: '提交（或补正后重新提交）', params: ApplicationIdParam, response: { 200: Application, ...ERROR_RESPONSES } } },
    async (request) => service.submitApplication(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/applications/:id/withdraw',
    { schema: { tags, summary: '撤回申请', params: ApplicationIdParam, body: WithdrawBody, response: { 200: Application, ...ERROR_RESPONSES } } },
    async (request) => service.withdrawApplication(app.db, request.ctx(), request.params.id, request.body.reason),
  );
  app.post(
    '/applications/:id/review',
    { schema: { tags, summary: '审核：同意、退回补正（须写明补正内容）或不予通过（须写明理由）', params: ApplicationIdParam, body: ReviewBody, response: { 200: Application, ...ERROR_RESPONSES } } },
    async (request) => reviewApplication(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/applications/review-batch',
    { schema: { tags, summary: '批量审核（逐件办理，逐件返回结果）', body: BatchReviewBody, response: { 200: BatchReviewResponse, ...ERROR_RESPONSES } } },
    async (request) => reviewBatch(app.db, request.ctx(), request.body.ids, request.body.decision, request.body.opinion),
  );
  app.post(
    '/applications/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传申请材料（multipart：先 kind 字段，再 file；章程、负责人身份证明、活动场所证明、成员名单）',
        consumes: ['multipart/form-data'],
        params: ApplicationIdParam,
        response: { 201: ApplicationAttachment, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      reply.status(201);
      return addApplicationAttachment(app.db, request.ctx(), request.params.id, file);
    },
  );
  app.get(
    '/applications/:id/attachments/:attachmentId',
    { schema: { tags, summary: '查看或下载申请材料', params: ApplicationAttachmentParams } },
    async (request, reply) => {
      const a = await downloadApplicationAttachment(app.db, request.ctx(), request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, a);
    },
  );
  app.delete(
    '/applications/:id/attachments/:attachmentId',
    { schema: { tags, summary: '删除申请材料', params: ApplicationAttachmentParams, response: { 200: z.object({ ok: z.literal(true) }), ...ERROR_RESPONSES } } },
    async (request) => {
      await removeApplicationAttachment(app.db, request.ctx(), request.params.id, request.params.attachmentId);
      return { ok: true as const };
    },
  );
};
export default applicationRoutes;
