import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, ErrorResponse } from '../../../shared/schemas/common.js';
import { OrgIdParam } from '../../../shared/schemas/orgs.js';
import {
  AnnualReport,
  AnnualReportChecks,
  AnnualReportCreateBody,
  AnnualReportDiff,
  AnnualReportIdParam,
  AnnualReportListQuery,
  AnnualReportListResponse,
  AnnualReportReviewBody,
  AnnualReportSubmitBody,
  AnnualReportUpdateBody,
  AnnualReportWithdrawBody,
  Obligation,
  ObligationQuery,
  PublicAnnualReportList,
  RateOrgsQuery,
  RateOrgsResponse,
  RatesQuery,
  RatesResponse,
} from '../../../shared/schemas/annual-reports.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { readUpload, sendStoredFile } from '../../lib/uploads.js';
import { getPublicOrg } from '../orgs/index.js';
import * as service from './annual-reports.service.js';
import { reviewReport, submitReport, withdrawReport } from './annual-reports.review.js';
import { getRateOrgs, getRates } from './annual-reports.rates.js';
import { downloadScan, printReport, publicConclusions, uploadScan } from './annual-reports.files.js';

const tags = ['annual-reports'];

/** Annual reports and inspection (年报/年检, issue 13 items 4 and 5); shapes in shared/schemas/annual-reports.ts. */
const annualReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/annual-reports',
    { schema: { tags, summary: '年报列表：按年度、区划、状态、结论、组织筛选', querystring: AnnualReportListQuery, response: { 200: AnnualReportListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listReports(app.db, request.ctx(), request.query),
  );
  app.post(
    '/annual-reports',
    { schema: { tags, summary: '新建年报（草稿）：按登记信息和活动台账预填；免检组织不能新建', body: AnnualReportCreateBody, response: { 201: AnnualReport, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.createReport(app.db, request.ctx(), request.body);
    },
  );
  app.get(
    '/annual-reports/obligation',
    { schema: { tags, summary: '组织某年度是否应报年报（或免检及依据）、截止日期、已有年报', querystring: ObligationQuery, response: { 200: Obligation, ...ERROR_RESPONSES } } },
    async (request) => service.getObligation(app.db, request.ctx(), request.query.org, request.query.year),
  );
  app.get(
    '/annual-reports/rates',
    { schema: { tags, summary: '各节点报送率、年检率、合格率（截至某日）', querystring: RatesQuery, response: { 200: RatesResponse, ...ERROR_RESPONSES } } },
    async (request) => getRates(app.db, request.ctx(), request.query),
  );
  app.get(
    '/annual-reports/rates/orgs',
    { schema: { tags, summary: '指标背后的组织名单：应报、已报、已出结论、合格、未报', querystring: RateOrgsQuery, response: { 200: RateOrgsResponse, ...ERROR_RESPONSES } } },
    async (request) => getRateOrgs(app.db, request.ctx(), request.query),
  );
  app.get(
    '/annual-reports/:id',
    { schema: { tags, summary: '年报详情：各栏目、检查结果、审核轨迹', params: AnnualReportIdParam, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => service.getReport(app.db, request.ctx(), request.params.id),
  );
  app.patch(
    '/annual-reports/:id',
    { schema: { tags, summary: '保存年报草稿（整栏替换），返回最新检查结果', params: AnnualReportIdParam, body: AnnualReportUpdateBody, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => service.updateReport(app.db, request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/annual-reports/:id/checks',
    { schema: { tags, summary: '提交前检查：必填、收支合计、资产负债、活动台账、与上年变化', params: AnnualReportIdParam, response: { 200: AnnualReportChecks, ...ERROR_RESPONSES } } },
    async (request) => service.getChecks(app.db, request.ctx(), request.params.id),
  );
  app.get(
    '/annual-reports/:id/diff',
    { schema: { tags, summary: '与上年度对比（供审核人员查看）', params: AnnualReportIdParam, response: { 200: AnnualReportDiff, ...ERROR_RESPONSES } } },
    async (request) => service.getDiff(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/annual-reports/:id/submit',
    { schema: { tags, summary: '提交年报（或补正后重新提交）', params: AnnualReportIdParam, body: AnnualReportSubmitBody, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => submitReport(app.db, request.ctx(), request.params.id, request.body.version),
  );
  app.post(
    '/annual-reports/:id/withdraw',
    { schema: { tags, summary: '撤回已提交的年报（提交人）', params: AnnualReportIdParam, body: AnnualReportWithdrawBody, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => withdrawReport(app.db, request.ctx(), request.params.id, request.body.reason),
  );
  app.post(
    '/annual-reports/:id/review',
    { schema: { tags, summary: '审核年报：同意（最后环节给出合格/基本合格/不合格结论）或退回补正', params: AnnualReportIdParam, body: AnnualReportReviewBody, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => reviewReport(app.db, request.ctx(), request.params.id, request.body),
  );
  app.put(
    '/annual-reports/:id/declaration-scan',
    { schema: { tags, summary: '上传声明签章页扫描件（multipart 字段 file；PDF、JPG、PNG）', consumes: ['multipart/form-data'], params: AnnualReportIdParam, response: { 200: AnnualReport, ...ERROR_RESPONSES } } },
    async (request) => uploadScan(app.db, request.ctx(), request.params.id, await readUpload(request)),
  );
  app.get(
    '/annual-reports/:id/declaration-scan',
    { schema: { tags, summary: '查看声明签章页扫描件', params: AnnualReportIdParam } },
    async (request, reply) => sendStoredFile(reply, await downloadScan(app.db, request.ctx(), request.params.id)),
  );
  app.get(
    '/annual-reports/:id/print.pdf',
    { schema: { tags, summary: '打印年报（A4，年检报告书版式）', params: AnnualReportIdParam } },
    async (request, reply) => {
      const { filename, content } = await printReport(app.db, request.ctx(), request.params.id);
      return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(filename, { inline: true })).send(content);
    },
  );
};

/** The public register: each year's conclusion of an organization on it (no login, no opinion, no figures). */
export const publicAnnualReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = { public: true, rateLimit: { max: 120, timeWindow: 60_000 } };
  app.get(
    '/public/orgs/:id/annual-reports',
    { config, schema: { tags: ['public'], summary: '社会组织历年年检（年报）结论公示', params: OrgIdParam, response: { 200: PublicAnnualReportList, 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => {
      // Only an organization the public register shows (404 otherwise, as its own page answers).
      await getPublicOrg(app.db, request.params.id);
      return publicConclusions(app.db, request.params.id);
    },
  );
};

export default annualReportRoutes;
