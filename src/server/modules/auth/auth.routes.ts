import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod.js';
import { ChangePasswordBody, LoginBody, LoginResponse } from '../../../shared/schemas/auth.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import * as service from './auth.service.js';

export const SESSION_COOKIE = 'shezu_sid';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
  });

  app.post(
    '/auth/login',
    {
      config: { public: true, rateLimit: { max: app.config.rateLimit.loginMax, timeWindow: app.config.rateLimit.windowMs } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: LoginBody,
        response: { 200: LoginResponse, 400: ErrorResponse, 423: ErrorResponse },
      },
    },
    async (request, reply) => {
      const result = await service.login(
        app.db,
        request.ctx(),
        request.body,
        app.config.session,
        request.headers['user-agent'] ?? null,
      );
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions());
      return { csrfToken: result.csrfToken, user: result.user };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (request, reply) => {
      await service.logout(app.db, request.ctx(), request.sessionId!);
      reply.clearCookie(SESSION_COOKIE, cookieOptions());
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户与 CSRF 令牌', response: { 200: LoginResponse } } },
    async (request) => ({
      csrfToken: request.csrfToken!,
      user: await service.describeActor(app.db, request.actor!),
    }),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: ChangePasswordBody,
        response: { 200: z.object({ ok: z.literal(true) }), 400: ErrorResponse },
      },
    },
    async (request) => {
      await service.changePassword(app.db, request.ctx(), request.sessionId!, request.body);
      return { ok: true as const };
    },
  );
};

export default authRoutes;
