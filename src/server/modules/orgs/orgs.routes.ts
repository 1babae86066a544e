import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import {
  Org,
  OrgCreateBody,
  OrgHistoryResponse,
  OrgIdParam,
  OrgListQuery,
  OrgListResponse,
  OrgUpdateBody,
  RevealBody,
  RevealResponse,
} from '../../../shared/schemas/orgs.js';
import * as service from './orgs.service.js';

const errorsOf = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '社会组织名录：搜索（中文、全拼、首字母、信用代码、曾用名）、筛选、排序、分页',
        querystring: OrgListQuery,
        response: { 200: OrgListResponse, ...errorsOf },
      },
    },
    async (request) => service.listOrgs(app.db, request.ctx(), request.query),
  );

  app.post(
    '/orgs',
    { schema: { tags: ['orgs'], summary: '新增社会组织', body: OrgCreateBody, response: { 201: Org, 409: ErrorResponse, ...errorsOf } } },
    async (request, reply) => {
      reply.status(201);
      return service.createOrg(app.db, request.ctx(), request.body);
    },
  );

  app.get(
    '/orgs/:id',
    { schema: { tags: ['orgs'], summary: '社会组织详情（个人信息脱敏）', params: OrgIdParam, response: { 200: Org, ...errorsOf } } },
    async (request) => service.getOrg(app.db, request.ctx(), request.params.id),
  );

  app.patch(
    '/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: '修改社会组织（保留修改前的值、修改人、时间与原因）',
        params: OrgIdParam,
        body: OrgUpdateBody,
        response: { 200: Org, 409: ErrorResponse, ...errorsOf },
      },
    },
    async (request) => service.updateOrg(app.db, request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/orgs/:id/history',
    { schema: { tags: ['orgs'], summary: '变更历史', params: OrgIdParam, response: { 200: OrgHistoryResponse, ...errorsOf } } },
    async (request) => service.getOrgHistory(app.db, request.ctx(), request.params.id),
  );

  app.post(
    '/orgs/:id/reveal',
    {
      schema: {
        tags: ['orgs'],
        summary: '查看负责人身份证号或电话明文（记入审计日志）',
        params: OrgIdParam,
        body: RevealBody,
        response: { 200: RevealResponse, ...errorsOf },
      },
    },
    async (request) => service.revealPersonal(app.db, request.ctx(), request.params.id, request.body.field),
  );
};

export default orgRoutes;
