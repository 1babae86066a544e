import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';
import { LIBRARY_MESSAGE, fieldLabel } from '../../shared/zod.js';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const body = (code: string, message: string, fields?: Record<string, string>): ErrorBody => ({
  error: fields ? { code, message, fields } : { code, message },
});

/** Fastify's own client errors, in Chinese. */
const FASTIFY_CLIENT_ERRORS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的内容类型（Content-Type）',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length 与请求体不符',
  FST_ERR_VALIDATION: '请求参数有误',
};

/** One error handler: every 4xx gets `{ error: { code, message, fields? } }`; 5xx details stay in the log. */
export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send(body(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || '_';
        const params = issue.params as { keys?: string[] } | undefined;
        if (issue.keyword === 'unrecognized_keys' && params?.keys?.length) {
          for (const k of params.keys) fields[key === 'body' || key === '_' ? k : `${key}.${k}`] = '不允许的字段';
          continue;
        }
        // Messages come from the schema or the shared error map (src/shared/zod.ts); a library's default wording
        // (types, regexes) never reaches a user, whatever produced it.
        const message = issue.message && !LIBRARY_MESSAGE.test(issue.message) ? issue.message : `${fieldLabel(key.split('.'))}的取值不正确，请按说明填写`;
        fields[key] ??= message;
      }
      return reply.status(400).send(body('validation_failed', '提交的内容有误，请检查标出的字段', fields));
    }
    // Two writers racing for the same unique value: the loser is told, not given a 500.
    if ((err as { code?: string }).code === '23505') {
      return reply.status(409).send(body('conflict', '数据已被他人修改或已存在，请刷新后重试'));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      return reply.status(429).send(body('rate_limited', '请求过于频繁，请稍后再试'));
    }
    if (status >= 400 && status < 500) {
      const code = err.code ?? 'bad_request';
      const message = FASTIFY_CLIENT_ERRORS[code] ?? '请求无效';
      return reply.status(status).send(body(code.toLowerCase(), message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('internal', '服务器内部错误，请稍后重试；如持续出现请联系系统管理员'));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body('route.not_found', `接口不存在：${request.method} ${request.url.split('?')[0]}`));
  });
});
