import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  Declaration,
  DeclarationCreateBody,
  DeclarationFlags,
  DeclarationFlagsQuery,
  DeclarationIdParam,
  DeclarationLinkBody,
  DeclarationListQuery,
  DeclarationListResponse,
  DeclarationReviewBody,
  DeclarationRules,
  DeclarationRulesQuery,
  DeclarationSummaryBody,
  DeclarationUpdateBody,
  DeclarationWithdrawBody,
} from '../../../shared/schemas/declarations.js';
import * as service from './declarations.service.js';
import { reviewDeclaration } from './declarations.review.js';
import { fileSummary, linkActivity } from './declarations.after-event.js';
import { declarationFlags } from './declarations.flags.js';

const tags = ['declarations'];

const declarationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/declarations',
    { schema: { tags, summary: '重大活动申报列表（辖区内；按状态、组织、区划筛选，分页）', querystring: DeclarationListQuery, response: { 200: DeclarationListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listDeclarations(app.db, request.ctx(), request.query),
  );
  app.post(
    '/declarations',
    { schema: { tags, summary: '新建申报：保存草稿，或 submit=true 直接提交（按本区提前天数校验）', body: DeclarationCreateBody, response: { 201: Declaration, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.createDeclaration(app.db, request.ctx(), request.body);
    },
  );
  app.get(
    '/declarations/rules',
    { schema: { tags, summary: '某组织所在区的申报规则：申报事项、门槛、提前天数与今天提交时最早可安排的开始日期', querystring: DeclarationRulesQuery, response: { 200: DeclarationRules, ...ERROR_RESPONSES } } },
    async (request) => service.declarationRules(app.db, request.ctx(), request.query.org),
  );
  app.get(
    '/declarations/flags',
    { schema: { tags, summary: '各下级节点：应申报未申报的台账活动数与逾期未交的活动总结数，及其名单', querystring: DeclarationFlagsQuery, response: { 200: DeclarationFlags, ...ERROR_RESPONSES } } },
    async (request) => declarationFlags(app.db, request.ctx(), request.query),
  );
  app.get(
    '/declarations/:id',
    { schema: { tags, summary: '申报详情：内容、审核轨迹、关联的台账活动、活动总结', params: DeclarationIdParam, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => service.getDeclaration(app.db, request.ctx(), request.params.id),
  );
  app.patch(
    '/declarations/:id',
    { schema: { tags, summary: '修改草稿或退回补正的申报', params: DeclarationIdParam, body: DeclarationUpdateBody, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => service.updateDeclaration(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/declarations/:id/submit',
    { schema: { tags, summary: '提交（或补正后重新提交）；晚于本区规定的提前天数时拒绝并给出最早可安排的开始日期', params: DeclarationIdParam, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => service.submitDeclaration(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/declarations/:id/withdraw',
    { schema: { tags, summary: '撤回申报', params: DeclarationIdParam, body: DeclarationWithdrawBody, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => service.withdrawDeclaration(app.db, request.ctx(), request.params.id, request.body.reason),
  );
  app.post(
    '/declarations/:id/review',
    { schema: { tags, summary: '审核：同意、退回补正（须写明补正内容）或不予同意（须写明理由）', params: DeclarationIdParam, body: DeclarationReviewBody, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => reviewDeclaration(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/declarations/:id/summary',
    { schema: { tags, summary: '提交活动总结（活动效果、存在问题、下一步打算）', params: DeclarationIdParam, body: DeclarationSummaryBody, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => fileSummary(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/declarations/:id/link',
    { schema: { tags, summary: '把举办的台账活动关联到已同意的申报（unlink=true 取消关联）', params: DeclarationIdParam, body: DeclarationLinkBody, response: { 200: Declaration, ...ERROR_RESPONSES } } },
    async (request) => linkActivity(app.db, request.ctx(), request.params.id, request.body),
  );
};
export default declarationRoutes;
