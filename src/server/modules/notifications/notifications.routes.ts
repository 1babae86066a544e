import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  Notification,
  NotificationCount,
  NotificationIdParam,
  NotificationListQuery,
  NotificationListResponse,
  NotificationReadAllResponse,
} from '../../../shared/schemas/notifications.js';
import * as service from './notifications.service.js';

const tags = ['notifications'];

/** The inbox (issue 13 item 6): the signed-in account's own notifications. */
const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    { schema: { tags, summary: '本人的通知（提醒、退回、审核结果、逾期）：分页，默认未读在前，附未读数', querystring: NotificationListQuery, response: { 200: NotificationListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listNotifications(app.db, request.ctx(), request.query),
  );
  app.get(
    '/notifications/count',
    { schema: { tags, summary: '本人的未读通知数（页头角标）', response: { 200: NotificationCount, ...ERROR_RESPONSES } } },
    async (request) => service.countNotifications(app.db, request.ctx()),
  );
  app.post(
    '/notifications/read-all',
    { schema: { tags, summary: '全部标为已读', response: { 200: NotificationReadAllResponse, ...ERROR_RESPONSES } } },
    async (request) => service.readAllNotifications(app.db, request.ctx()),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, summary: '标为已读', params: NotificationIdParam, response: { 200: Notification, ...ERROR_RESPONSES } } },
    async (request) => service.readNotification(app.db, request.ctx(), request.params.id),
  );
};

export default notificationRoutes;
