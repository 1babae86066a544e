import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod.js';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { OrgIdParam } from '../../../shared/schemas/orgs.js';
import { ActivityInput } from '../../../shared/schemas/activities.js';
import {
  Activity,
  ActivityDeleteBody,
  ActivityFile,
  ActivityFileList,
  ActivityFileParams,
  ActivityHistoryResponse,
  ActivityIdParam,
  ActivityListQuery,
  ActivityListResponse,
  ActivityPatchBody,
  ActivityPhotoQuery,
  Dormancy,
  DormantQuery,
  DormantResponse,
  LedgerOrgsQuery,
  LedgerOrgsResponse,
  LedgerQuery,
  LedgerResponse,
  WritableOrgsQuery,
  WritableOrgsResponse,
} from '../../../shared/schemas/ledger.js';
import { sendStoredFile } from '../../lib/uploads.js';
import * as service from './activities.service.js';
import { addPhoto, listActivityFiles, MAX_PHOTO_BYTES, MAX_SIGNIN_BYTES, readActivityFile, readActivityUpload, removeActivityFile, setSignin } from './activities.files.js';
import { dormantByNode, getOrgDormancy } from './activities.dormancy.js';
import { ledgerOrgs, ledgerTotals } from './activities.ledger.js';

const OK = z.object({ ok: z.literal(true) });
const tags = ['activities'];

/** The activity ledger (台账, issue 13 items 1 and 2). */
const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:id/activities',
    { schema: { tags, summary: '组织的活动台账（时间线，新的在前，分页）', params: OrgIdParam, querystring: ActivityListQuery, response: { 200: ActivityListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listOrgActivities(app.db, request.ctx(), request.params.id, request.query),
  );
  app.post(
    '/orgs/:id/activities',
    { schema: { tags, summary: '登记一次活动（组织负责人、社区或枢纽型社会组织）', params: OrgIdParam, body: ActivityInput, response: { 201: Activity, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      reply.status(201);
      return service.createActivity(app.db, request.ctx(), request.params.id, request.body);
    },
  );
  app.get(
    '/orgs/:id/dormancy',
    { schema: { tags, summary: '组织是否长期未开展活动（休眠；社会团体登记管理条例第二十九条）', params: OrgIdParam, response: { 200: Dormancy, ...ERROR_RESPONSES } } },
    async (request) => getOrgDormancy(app.db, request.ctx(), request.params.id),
  );
  app.get(
    '/activities/orgs',
    { schema: { tags, summary: '可登记活动的组织（登记页的组织选择）', querystring: WritableOrgsQuery, response: { 200: WritableOrgsResponse, ...ERROR_RESPONSES } } },
    async (request) => service.writableOrgs(app.db, request.ctx(), request.query.q),
  );
  app.get(
    '/activities/:id',
    { schema: { tags, summary: '一次活动（含照片与签到表）', params: ActivityIdParam, response: { 200: Activity, ...ERROR_RESPONSES } } },
    async (request) => service.getActivity(app.db, request.ctx(), request.params.id),
  );
  app.patch(
    '/activities/:id',
    { schema: { tags, summary: '修改活动（带版本号；逐项记入修改历史）', params: ActivityIdParam, body: ActivityPatchBody, response: { 200: Activity, ...ERROR_RESPONSES } } },
    async (request) => service.updateActivity(app.db, request.ctx(), request.params.id, request.body),
  );
  app.delete(
    '/activities/:id',
    { schema: { tags, summary: '删除活动（须填原因；仅录入人或所在社区）', params: ActivityIdParam, body: ActivityDeleteBody, response: { 200: OK, ...ERROR_RESPONSES } } },
    async (request) => {
      await service.deleteActivity(app.db, request.ctx(), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );
  app.get(
    '/activities/:id/history',
    { schema: { tags, summary: '活动的修改历史', params: ActivityIdParam, response: { 200: ActivityHistoryResponse, ...ERROR_RESPONSES } } },
    async (request) => service.activityHistory(app.db, request.ctx(), request.params.id),
  );
  app.get(
    '/activities/:id/files',
    { schema: { tags, summary: '活动的照片与签到表', params: ActivityIdParam, response: { 200: ActivityFileList, ...ERROR_RESPONSES } } },
    async (request) => listActivityFiles(app.db, request.ctx(), request.params.id),
  );
  app.post(
    '/activities/:id/photos',
    {
      schema: {
        tags,
        summary: '上传一张活动照片（multipart 字段 file；JPG/PNG，按内容识别；缩放并去除 EXIF/GPS；每次一张，最多 9 张）',
        consumes: ['multipart/form-data'],
        params: ActivityIdParam,
        response: { 201: ActivityFile, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const file = await readActivityUpload(request, MAX_PHOTO_BYTES);
      reply.status(201);
      return addPhoto(app.db, request.ctx(), request.params.id, file);
    },
  );
  app.post(
    '/activities/:id/signin',
    {
      schema: {
        tags,
        summary: '上传签到表（multipart 字段 file；PDF/JPG/PNG/xlsx；替换原有的）',
        consumes: ['multipart/form-data'],
        params: ActivityIdParam,
        response: { 201: ActivityFile, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const file = await readActivityUpload(request, MAX_SIGNIN_BYTES);
      reply.status(201);
      return setSignin(app.db, request.ctx(), request.params.id, file);
    },
  );
  app.get(
    '/activities/:id/files/:fileId',
    { schema: { tags, summary: '照片（size=thumb 为缩略图）或签到表', params: ActivityFileParams, querystring: ActivityPhotoQuery } },
    async (request, reply) => sendStoredFile(reply, await readActivityFile(app.db, request.ctx(), request.params.id, request.params.fileId, request.query.size)),
  );
  app.delete(
    '/activities/:id/files/:fileId',
    { schema: { tags, summary: '删除照片或签到表', params: ActivityFileParams, response: { 200: OK, ...ERROR_RESPONSES } } },
    async (request) => {
      await removeActivityFile(app.db, request.ctx(), request.params.id, request.params.fileId);
      return { ok: true as const };
    },
  );
  app.get(
    '/ledger',
    { schema: { tags, summary: '台账汇总：下级区划每月、每类活动的次数与人数（读取月度汇总）', querystring: LedgerQuery, response: { 200: LedgerResponse, ...ERROR_RESPONSES } } },
    async (request) => ledgerTotals(app.db, request.ctx(), request.query),
  );
  app.get(
    '/ledger/orgs',
    { schema: { tags, summary: '社区台账：辖区每个组织的每月、每类活动次数（分页）', querystring: LedgerOrgsQuery, response: { 200: LedgerOrgsResponse, ...ERROR_RESPONSES } } },
    async (request) => ledgerOrgs(app.db, request.ctx(), request.query),
  );
  app.get(
    '/ledger/dormant',
    { schema: { tags, summary: '长期未开展活动的组织：下级区划的数量，list=1 时附名单（分页）', querystring: DormantQuery, response: { 200: DormantResponse, ...ERROR_RESPONSES } } },
    async (request) => dormantByNode(app.db, request.ctx(), request.query),
  );
};

export default activityRoutes;
