import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, ERROR_RESPONSES } from '../../../shared/schemas/common.js';
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
import { z } from '../../../shared/zod.js';
import { OrgFilter, PublicOrg, PublicOrgListQuery, PublicOrgListResponse, PublicPlaces } from '../../../shared/schemas/orgs.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import { todayInChina } from '../../lib/working-days.js';
import { readUpload, sendStoredFile } from '../../lib/uploads.js';
import * as service from './orgs.service.js';
import { exportOrgs, importTemplate } from './orgs.export.js';
import { readSheetUpload, startImport, XLSX } from '../imports/index.js';
import { orgImport } from './orgs.import.js';
import { getPublicOrg, listPublicOrgs, listPublicPlaces } from './orgs.public.js';
import { addAttachment, downloadAttachment, listAttachments, removeAttachment } from './orgs.attachments.js';
import { AttachmentParams, OrgAttachment, OrgAttachmentList } from '../../../shared/schemas/orgs.js';



const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: '社会组织名录：搜索（中文、全拼、首字母、信用代码、曾用名）、筛选、排序、分页',
        querystring: OrgListQuery,
        response: { 200: OrgListResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.listOrgs(app.db, request.ctx(), request.query),
  );

  app.post(
    '/orgs',
    { schema: { tags: ['orgs'], summary: '新增社会组织', body: OrgCreateBody, response: { 201: Org, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.createOrg(app.db, request.ctx(), request.body);
    },
  );

  app.get(
    '/orgs/:id',
    { schema: { tags: ['orgs'], summary: '社会组织详情（个人信息脱敏）', params: OrgIdParam, response: { 200: Org, ...ERROR_RESPONSES } } },
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
        response: { 200: Org, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.updateOrg(app.db, request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/orgs/:id/history',
    { schema: { tags: ['orgs'], summary: '变更历史', params: OrgIdParam, response: { 200: OrgHistoryResponse, ...ERROR_RESPONSES } } },
    async (request) => service.getOrgHistory(app.db, request.ctx(), request.params.id),
  );

  app.post(
    '/orgs/:id/reveal',
    {
      // The one place a leader's ID number or phone is answered in clear (the service audits it).
      config: { reveal: { permission: 'org.personal.reveal' } },
      schema: {
        tags: ['orgs'],
        summary: '查看负责人身份证号或电话明文（记入审计日志）',
        params: OrgIdParam,
        body: RevealBody,
        response: { 200: RevealResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.revealPersonal(app.db, request.ctx(), request.params.id, request.body.field),
  );
};

/** Spreadsheets in and out. */
export const orgSheetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/export.xlsx',
    {
      // unmasked=true exports personal data in clear: audited as org.export_unmasked (orgs.export.ts).
      config: { reveal: { permission: 'org.personal.reveal', whenQuery: 'unmasked' } },
      schema: {
        tags: ['orgs'],
        summary: '导出筛选结果为 .xlsx（个人信息脱敏；有权限的角色可加 unmasked=true，记入审计）',
        querystring: OrgFilter.extend({ unmasked: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const stream = await exportOrgs(app.db, request.ctx(), request.query);
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`社会组织名录-${todayInChina()}.xlsx`, { fallback: `orgs-${todayInChina()}.xlsx` }));
      return reply.send(stream);
    },
  );

  app.get(
    '/orgs/import-template.xlsx',
    { schema: { tags: ['orgs'], summary: '下载导入模板（中文表头、下拉选项、示例行）' } },
    async (request, reply) => {
      const buf = await importTemplate(app.db, request.ctx());
      reply.header('content-type', XLSX).header('content-disposition', contentDisposition('社会组织导入模板.xlsx', { fallback: 'org-import-template.xlsx' }));
      return reply.send(buf);
    },
  );

  app.post(
    '/orgs/import',
    {
      schema: {
        tags: ['orgs'],
        summary: '导入社会组织名单（multipart 上传 .xlsx 或 .csv，字段名 file）→ 导入任务编号',
        consumes: ['multipart/form-data'],
        response: { 202: z.object({ id: z.string() }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const file = await readSheetUpload(request);
      reply.status(202);
      return startImport(app.db, request.ctx(), orgImport.kind, file);
    },
  );
};

/** Attachments (章程, 负责人身份证明, 活动场所证明, 成员名单 …). */
export const orgAttachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:id/attachments',
    { schema: { tags: ['orgs'], summary: '附件列表', params: OrgIdParam, response: { 200: OrgAttachmentList, ...ERROR_RESPONSES } } },
    async (request) => listAttachments(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/orgs/:id/attachments',
    {
      schema: {
        tags: ['orgs'],
        summary: '上传附件（multipart：先 kind 字段，再 file；PDF/JPG/PNG/Word/Excel，≤10 MB）',
        consumes: ['multipart/form-data'],
        params: OrgIdParam,
        response: { 201: OrgAttachment, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      reply.status(201);
      return addAttachment(app.db, request.ctx(), request.params.id, file);
    },
  );
  app.get(
    '/orgs/:id/attachments/:attachmentId',
    { schema: { tags: ['orgs'], summary: '下载附件', params: AttachmentParams } },
    async (request, reply) => {
      const a = await downloadAttachment(app.db, request.ctx(), request.params.id, request.params.attachmentId);
      return sendStoredFile(reply, a);
    },
  );
  app.delete(
    '/orgs/:id/attachments/:attachmentId',
    { schema: { tags: ['orgs'], summary: '删除附件（记入变更历史与审计）', params: AttachmentParams, response: { 200: z.object({ ok: z.literal(true) }), ...ERROR_RESPONSES } } },
    async (request) => {
      await removeAttachment(app.db, request.ctx(), request.params.id, request.params.attachmentId);
      return { ok: true as const };
    },
  );
};

/** The public register: no login, no personal data, rate-limited. */
export const publicOrgRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = { public: true, rateLimit: { max: 120, timeWindow: 60_000 } };
  app.get(
    '/public/orgs',
    { config, schema: { tags: ['public'], summary: '社会组织公示查询（无需登录）', querystring: PublicOrgListQuery, response: { 200: PublicOrgListResponse, 400: ErrorResponse } } },
    async (request) => listPublicOrgs(app.db, request.query, app.config.homeRegion),
  );
  app.get(
    '/public/places',
    { config, schema: { tags: ['public'], summary: '公示查询可选的区县（本区所在省份在前）', response: { 200: PublicPlaces } } },
    async () => listPublicPlaces(app.db, app.config.homeRegion),
  );
  app.get(
    '/public/orgs/:id',
    { config, schema: { tags: ['public'], summary: '社会组织公示信息', params: OrgIdParam, response: { 200: PublicOrg, 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => getPublicOrg(app.db, request.params.id),
  );
};

export default orgRoutes;
