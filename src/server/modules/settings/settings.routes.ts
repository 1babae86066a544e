import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import { SettingKeyParam, SettingsQuery, SettingsResponse, SettingUpdateBody } from '../../../shared/schemas/settings.js';
import { getSettings, updateSetting } from './settings.service.js';


const settingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings',
    { schema: { tags: ['settings'], summary: '本区设置：备案登记流程与时限、节假日补充、类别清单', querystring: SettingsQuery, response: { 200: SettingsResponse, ...ERROR_RESPONSES } } },
    async (request) => getSettings(app.db, request.ctx(), request.query.region),
  );
  app.put(
    '/settings/:key',
    {
      schema: {
        tags: ['settings'],
        summary: '修改本区的一项设置（记入审计日志）',
        params: SettingKeyParam,
        querystring: SettingsQuery,
        body: SettingUpdateBody,
        response: { 200: SettingsResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => updateSetting(app.db, request.ctx(), request.query.region, request.params.key, request.body.value),
  );
};
export default settingRoutes;
