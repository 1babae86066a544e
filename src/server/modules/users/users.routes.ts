import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../../shared/zod.js';
import { ErrorResponse, ERROR_RESPONSES } from '../../../shared/schemas/common.js';
import {
  PasswordResetBody,
  UserCreateBody,
  UserIdParam,
  UserListQuery,
  UserListResponse,
  UserResponse,
  UserUpdateBody,
} from '../../../shared/schemas/users.js';
import { SignupBody } from '../../../shared/schemas/applications.js';
import * as service from './users.service.js';


const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    { schema: { tags: ['users'], summary: '账号列表', querystring: UserListQuery, response: { 200: UserListResponse, ...ERROR_RESPONSES } } },
    async (request) => service.listUsers(app.db, request.ctx(), request.query),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建账号',
        body: UserCreateBody,
        response: { 201: UserResponse, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return service.createUser(app.db, request.ctx(), request.body);
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: '账号详情', params: UserIdParam, response: { 200: UserResponse, ...ERROR_RESPONSES } } },
    async (request) => service.getUser(app.db, request.ctx(), request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改账号（姓名、角色、区划、电话、停用）',
        params: UserIdParam,
        body: UserUpdateBody,
        response: { 200: UserResponse, ...ERROR_RESPONSES },
      },
    },
    async (request) => service.updateUser(app.db, request.ctx(), request.params.id, request.body),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: '重置密码',
        params: UserIdParam,
        body: PasswordResetBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      await service.resetPassword(app.db, request.ctx(), request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/users/:id/unlock',
    { schema: { tags: ['users'], summary: '解除登录锁定', params: UserIdParam, response: { 200: UserResponse, ...ERROR_RESPONSES } } },
    async (request) => service.unlockUser(app.db, request.ctx(), request.params.id),
  );
};

export default userRoutes;

/** Applicants sign up themselves (no login); limited like the login form. */
export const publicSignupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/public/signup',
    {
      config: { public: true, rateLimit: { max: app.config.rateLimit.loginMax, timeWindow: app.config.rateLimit.windowMs } },
      schema: {
        tags: ['public'],
        summary: '申请人注册（社会组织负责人账号，落在组织所在社区）',
        body: SignupBody,
        response: { 201: UserResponse, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return service.signUpApplicant(app.db, request.ctx(), request.body);
    },
  );
};
