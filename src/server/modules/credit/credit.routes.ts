import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { Eligibility } from '../../../shared/schemas/credit-public.js';
import {
  CreditComplianceBody,
  CreditCreateBody,
  CreditEntry,
  CreditIdParam,
  CreditLetterBody,
  CreditLettersResponse,
  CreditListNowBody,
  CreditListQuery,
  CreditListResponse,
  CreditOrgParam,
  CreditProposal,
  CreditProposalConfirmBody,
  CreditProposalDismissBody,
  CreditProposalListResponse,
  CreditProposalQuery,
  CreditRequestReviewBody,
  CreditStatementBody,
  EligibilityQuery,
} from '../../../shared/schemas/credit.js';
import * as service from './credit.service.js';
import { applyRemoval, fileObjection, reviewRequest } from './credit.requests.js';
import { confirmProposal, dismissProposal, letters, listProposals, recordLetter } from './credit.proposals.js';
import { eligibilityFor } from './credit.public.js';

const tags = ['credit'];

/** Credit lists (民政部令第60号; issue 14 item 3): the stable contract of the lists, entries, requests, letters. */
const creditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/credit', { schema: { tags, summary: '活动异常名录、严重违法失信名单（辖区内；按名录、状态、组织、区划筛选，排序分页）', querystring: CreditListQuery, response: { 200: CreditListResponse, ...ERROR_RESPONSES } } }, async (request) =>
    service.listCredit(app.db, request.ctx(), request.query),
  );
  app.post('/credit', { schema: { tags, summary: '人工列入：写明情形、事实、事实发生日期（其他情形须写明依据），先发书面告知', body: CreditCreateBody, response: { 201: CreditEntry, ...ERROR_RESPONSES } } }, async (request, reply) => {
    reply.status(201);
    return service.createCredit(app.db, request.ctx(), request.body);
  });
  app.get('/credit/proposals', { schema: { tags, summary: '待确认的列入建议（如未按规定设立党组织）', querystring: CreditProposalQuery, response: { 200: CreditProposalListResponse, ...ERROR_RESPONSES } } }, async (request) =>
    listProposals(app.db, request.ctx(), request.query),
  );
  app.post('/credit/proposals/:id/confirm', { schema: { tags, summary: '确认列入建议：发出书面告知', params: CreditIdParam, body: CreditProposalConfirmBody, response: { 200: CreditProposal, ...ERROR_RESPONSES } } }, async (request) =>
    confirmProposal(app.db, request.ctx(), request.params.id, request.body.version),
  );
  app.post('/credit/proposals/:id/dismiss', { schema: { tags, summary: '不予列入（写明理由）', params: CreditIdParam, body: CreditProposalDismissBody, response: { 200: CreditProposal, ...ERROR_RESPONSES } } }, async (request) =>
    dismissProposal(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/credit/requests/:id/review', { schema: { tags, summary: '审核陈述申辩或移出申请（同意、退回、不同意）', params: CreditIdParam, body: CreditRequestReviewBody, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    reviewRequest(app.db, request.ctx(), request.params.id, request.body),
  );
  app.get('/credit/:id', { schema: { tags, summary: '条目详情：计时（可移出日期、转入严重名单日期、重新计算）、告知书、事实、轨迹、申请', params: CreditIdParam, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    service.getCredit(app.db, request.ctx(), request.params.id),
  );
  app.post('/credit/:id/objection', { schema: { tags, summary: '告知期内提出陈述申辩（组织负责人）', params: CreditIdParam, body: CreditStatementBody, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    fileObjection(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/credit/:id/list', { schema: { tags, summary: '告知期满前列入（组织书面放弃陈述申辩），写明理由', params: CreditIdParam, body: CreditListNowBody, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    service.listNow(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/credit/:id/removal-application', { schema: { tags, summary: '申请移出（组织负责人；严重违法失信名单须列入满 2 年）', params: CreditIdParam, body: CreditStatementBody, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    applyRemoval(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/credit/:id/compliance', { schema: { tags, summary: '查实已履行义务或完成整改：5 个工作日内移出活动异常名录', params: CreditIdParam, body: CreditComplianceBody, response: { 200: CreditEntry, ...ERROR_RESPONSES } } }, async (request) =>
    service.verifyCompliance(app.db, request.ctx(), request.params.id, request.body),
  );
  app.get('/orgs/:id/letters', { schema: { tags, summary: '向登记住所邮寄的专用信函及“无法取得联系”的判断', params: CreditOrgParam, response: { 200: CreditLettersResponse, ...ERROR_RESPONSES } } }, async (request) =>
    letters(app.db, request.ctx(), request.params.id),
  );
  app.post('/orgs/:id/letters', { schema: { tags, summary: '登记一封专用信函（寄出日期、编号、是否签收）', params: CreditOrgParam, body: CreditLetterBody, response: { 200: CreditLettersResponse, ...ERROR_RESPONSES } } }, async (request) =>
    recordLetter(app.db, request.ctx(), request.params.id, request.body),
  );
  app.get('/orgs/:id/eligibility', { schema: { tags, summary: '能否参加评估、申请资助、承接政府购买服务，及不能的理由和依据', params: CreditOrgParam, querystring: EligibilityQuery, response: { 200: Eligibility, ...ERROR_RESPONSES } } }, async (request) =>
    eligibilityFor(app.db, request.ctx(), request.params.id, request.query.on),
  );
};

export default creditRoutes;
