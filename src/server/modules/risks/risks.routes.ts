import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  RiskBoard, RiskBoardQuery, RiskCloseInput, RiskIdParam, RiskInterviewNoticeInput, RiskInterviewRecordInput, RiskItem, RiskListQuery, RiskListResponse, RiskRemindInput, RiskReportInput, RiskVerifyInput,
} from '../../../shared/schemas/risks.js';
import { contentDisposition } from '../../lib/content-disposition.js';
import * as service from './risks.service.js';
import { printRiskLetter } from './risks.pdf.js';

const tags = ['risks'];

/** Risk warnings closed by 销号 (issue 14 item 5): the items, the board per node, the steps and the two letters. */
const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  const answer = { 200: RiskItem, ...ERROR_RESPONSES };
  app.get('/risks', { schema: { tags, summary: '风险事项（按区划、状态、类型、等级、组织、逾期）', querystring: RiskListQuery, response: { 200: RiskListResponse, ...ERROR_RESPONSES } } }, async (request) =>
    service.listRisks(app.db, request.ctx(), request.query),
  );
  app.get('/risks/board', { schema: { tags, summary: '风险看板：本级及各下级按类型、等级统计未销号事项', querystring: RiskBoardQuery, response: { 200: RiskBoard, ...ERROR_RESPONSES } } }, async (request) =>
    service.riskBoard(app.db, request.ctx(), request.query.region),
  );
  app.get('/risks/:id', { schema: { tags, summary: '风险事项（证据、依据、处置环节）', params: RiskIdParam, response: answer } }, async (request) =>
    service.getRisk(app.db, request.ctx(), request.params.id),
  );
  app.post('/risks/:id/remind', { schema: { tags, summary: '提醒组织', params: RiskIdParam, body: RiskRemindInput, response: answer } }, async (request) =>
    service.remind(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/risks/:id/interview-notice', { schema: { tags, summary: '发出约谈通知（时间、地点、参加人员、事由）', params: RiskIdParam, body: RiskInterviewNoticeInput, response: answer } }, async (request) =>
    service.noticeInterview(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/risks/:id/interview-record', { schema: { tags, summary: '约谈记录与整改通知（整改事项、期限）', params: RiskIdParam, body: RiskInterviewRecordInput, response: answer } }, async (request) =>
    service.recordInterview(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/risks/:id/report', { schema: { tags, summary: '组织提交整改报告', params: RiskIdParam, body: RiskReportInput, response: answer } }, async (request) =>
    service.reportRectification(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/risks/:id/verify', { schema: { tags, summary: '核查整改', params: RiskIdParam, body: RiskVerifyInput, response: answer } }, async (request) =>
    service.verifyRectification(app.db, request.ctx(), request.params.id, request.body),
  );
  app.post('/risks/:id/close', { schema: { tags, summary: '销号（结果：整改到位、未整改到位转信用、组织已注销、误报、移交）', params: RiskIdParam, body: RiskCloseInput, response: answer } }, async (request) =>
    service.closeRisk(app.db, request.ctx(), request.params.id, request.body),
  );
  for (const letter of ['interview-notice', 'rectification-notice'] as const) {
    const what = letter === 'interview-notice' ? '约谈通知书' : '整改通知书';
    app.get(`/risks/:id/${letter}.pdf`, { schema: { tags, summary: `打印${what}（A4）`, params: RiskIdParam } }, async (request, reply) => {
      const { filename, content } = await printRiskLetter(app.db, request.ctx(), request.params.id, letter);
      return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(filename, { inline: true })).send(content);
    });
  }
};

export default riskRoutes;
