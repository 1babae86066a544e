import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  GridCreateBody,
  PopulationBody,
  RegionCodeParam,
  RegionDetail,
  RegionListResponse,
  RegionSearchQuery,
  RegionSearchResponse,
  PublicCommunityQuery,
  PublicCommunityResponse,
} from '../../../shared/schemas/regions.js';
import * as service from './regions.service.js';


const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '区划搜索（中文、全拼、首字母或代码）；不带 q 时返回可见范围的顶层节点',
        querystring: RegionSearchQuery,
        response: { 200: RegionSearchResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      if (q) return service.searchRegions(app.db, request.ctx(), q, limit);
      const roots = await service.listRoots(app.db, request.ctx());
      return { items: roots.items.map((r) => ({ ...r, path: r.name })) };
    },
  );

  app.get(
    '/regions/:code',
    { schema: { tags: ['regions'], summary: '区划节点详情', params: RegionCodeParam, response: { 200: RegionDetail, ...ERROR_RESPONSES } } },
    async (request) => service.getRegion(app.db, request.ctx(), request.params.code),
  );

  app.get(
    '/regions/:code/children',
    {
      schema: {
        tags: ['regions'],
        summary: '下级节点（含人口合计与下级数）',
        params: RegionCodeParam,
        response: { 200: RegionListResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.listChildren(app.db, request.ctx(), request.params.code),
  );

  app.put(
    '/regions/:code/population',
    {
      schema: {
        tags: ['regions'],
        summary: '录入常住人口（记入审计日志）',
        params: RegionCodeParam,
        body: PopulationBody,
        response: { 200: RegionDetail, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.setPopulation(app.db, request.ctx(), request.params.code, request.body),
  );

  app.post(
    '/regions/:code/grids',
    {
      schema: {
        tags: ['regions'],
        summary: '在社区/村下新建网格',
        params: RegionCodeParam,
        body: GridCreateBody,
        response: { 201: RegionDetail, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return service.createGrid(app.db, request.ctx(), request.params.code, request.body);
    },
  );
};

export default regionRoutes;

/** Applicants choose their community before they have an account (rate-limited like the public register). */
export const publicRegionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/communities',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: { tags: ['public'], summary: '社区（村）查询：名称、全拼、首字母或代码（申请人注册用）', querystring: PublicCommunityQuery, response: { 200: PublicCommunityResponse, 400: ErrorResponse } },
    },
    async (request) => service.searchPublicCommunities(app.db, request.query.q, request.query.limit),
  );
};
