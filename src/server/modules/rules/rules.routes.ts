import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { Rule, RuleHistoryResponse, RuleKeyParam, RuleListQuery, RuleListResponse, RuleOverrideInput, RuleRegionQuery } from '../../../shared/schemas/rules.js';
import * as service from './rules.service.js';

const tags = ['rules'];

/** Rules as data (issue 14 item 1): the versions in force on a day, their history, a district's own values. */
const ruleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/rules',
    { schema: { tags, summary: '某日有效的规则（依据、条款、参数及本区调整）', querystring: RuleListQuery, response: { 200: RuleListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listRules(app.db, request.ctx(), request.query),
  );
  app.get(
    '/rules/:key',
    { schema: { tags, summary: '一条规则的各版本与本区调整记录', params: RuleKeyParam, querystring: RuleRegionQuery, response: { 200: RuleHistoryResponse, ...ERROR_RESPONSES } } },
    async (request) => service.getRuleHistory(app.db, request.ctx(), request.params.key, request.query.region),
  );
  app.post(
    '/rules/:key/overrides',
    { schema: { tags, summary: '本区调整规则参数（自某日起生效，不溯及既往）', params: RuleKeyParam, querystring: RuleRegionQuery, body: RuleOverrideInput, response: { 200: Rule, ...ERROR_RESPONSES } } },
    async (request) => service.overrideRule(app.db, request.ctx(), request.params.key, request.query.region, request.body),
  );
};

export default ruleRoutes;
