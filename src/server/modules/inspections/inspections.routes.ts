import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES, ErrorResponse } from '../../../shared/schemas/common.js';
import {
  ConflictInput, InspectionItem, ItemIdParam, MyItemList, PlanDetail, PlanIdParam, PlanInput, PlanList, PlanListQuery, PublicPlan, PublicPlanList, PublicPlanListQuery,
  RectificationInput, ResultInput, VersionInput,
} from '../../../shared/schemas/inspections.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import * as plans from './inspections.plans.js';
import * as items from './inspections.items.js';
import { publicPlan, publicPlans } from './inspections.public.js';

const tags = ['inspections'];

/** Random inspection (双随机一公开, 民发〔2017〕45号): plans, the draw, the checks. */
const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/inspections/plans', { schema: { tags, summary: '抽查计划列表', querystring: PlanListQuery, response: { 200: PlanList, ...ERROR_RESPONSES } } }, async (request) =>
    plans.listPlans(app.db, request.ctx(), request.query));
  app.post('/inspections/plans', { schema: { tags, summary: '制定抽查计划（年度定期或不定期）', body: PlanInput, response: { 201: PlanDetail, ...ERROR_RESPONSES } } }, async (request, reply) => {
    reply.status(201);
    return plans.createPlan(app.db, request.ctx(), request.body);
  });
  app.get('/inspections/plans/:id', { schema: { tags, summary: '抽查计划：名单分层、种子、抽取结果与检查人员', params: PlanIdParam, response: { 200: PlanDetail, ...ERROR_RESPONSES } } }, async (request) =>
    plans.getPlan(app.db, request.ctx(), request.params.id));
  app.post('/inspections/plans/:id/publish', { schema: { tags, summary: '公布计划：冻结名单并公布抽取种子', params: PlanIdParam, body: VersionInput, response: { 200: PlanDetail, ...ERROR_RESPONSES } } }, async (request) =>
    plans.publishPlan(app.db, request.ctx(), request.params.id, request.body.version));
  app.post('/inspections/plans/:id/draw', { schema: { tags, summary: '按已公布的种子抽取检查对象与检查人员', params: PlanIdParam, body: VersionInput, response: { 200: PlanDetail, ...ERROR_RESPONSES } } }, async (request) =>
    plans.drawPlan(app.db, request.ctx(), request.params.id, request.body.version));
  app.get('/inspections/my-items', { schema: { tags, summary: '我承担的检查事项', response: { 200: MyItemList, ...ERROR_RESPONSES } } }, async (request) =>
    items.myItems(app.db, request.ctx()));
  app.get('/inspections/items/:id', { schema: { tags, summary: '检查事项（检查表与结果）', params: ItemIdParam, response: { 200: InspectionItem, ...ERROR_RESPONSES } } }, async (request) =>
    items.getItem(app.db, request.ctx(), request.params.id));
  app.put('/inspections/items/:id/result', { schema: { tags, summary: '填写检查表与检查结果', params: ItemIdParam, body: ResultInput, response: { 200: InspectionItem, ...ERROR_RESPONSES } } }, async (request) =>
    items.recordResult(app.db, request.ctx(), request.params.id, request.body));
  app.post('/inspections/items/:id/conflict', { schema: { tags, summary: '检查人员申报利害关系并回避', params: ItemIdParam, body: ConflictInput, response: { 200: InspectionItem, ...ERROR_RESPONSES } } }, async (request) =>
    items.declareConflict(app.db, request.ctx(), request.params.id, request.body.reason));
  app.post('/inspections/items/:id/publish', { schema: { tags, summary: '公开检查结果', params: ItemIdParam, body: VersionInput, response: { 200: InspectionItem, ...ERROR_RESPONSES } } }, async (request) =>
    items.publishResult(app.db, request.ctx(), request.params.id, request.body.version));
  app.post('/inspections/items/:id/rectification', { schema: { tags, summary: '核实整改完成', params: ItemIdParam, body: RectificationInput, response: { 200: InspectionItem, ...ERROR_RESPONSES } } }, async (request) =>
    items.verifyRectification(app.db, request.ctx(), request.params.id, request.body.version, request.body.note));
  app.get('/inspections/items/:id/notice.pdf', { schema: { tags, summary: '打印检查通知书（A4）', params: ItemIdParam } }, async (request, reply) => {
    const { filename, content } = await items.printNotice(app.db, request.ctx(), request.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(filename, { inline: true })).send(content);
  });
};

/** The public side (no login): published plans, the seed and list to recompute the draw, the published results. */
export const publicInspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = { public: true, rateLimit: { max: 120, timeWindow: 60_000 } };
  app.get('/public/inspections/plans', { config, schema: { tags: ['public'], summary: '已公布的抽查计划', querystring: PublicPlanListQuery, response: { 200: PublicPlanList, 400: ErrorResponse } } }, async (request) =>
    publicPlans(app.db, request.query.region));
  app.get('/public/inspections/plans/:id', { config, schema: { tags: ['public'], summary: '抽查计划公示：种子、名单、算法与抽取结果，可自行复核', params: PlanIdParam, response: { 200: PublicPlan, 400: ErrorResponse, 404: ErrorResponse } } }, async (request) =>
    publicPlan(app.db, request.params.id));
};

export default inspectionRoutes;
