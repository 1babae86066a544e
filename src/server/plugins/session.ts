import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { errors } from '../lib/errors.js';
import type { RequestContext } from '../lib/context.js';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/index.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Loads the session from its cookie, enforces authentication on every route not marked `config.public`,
 * and CSRF on every state-changing request that carries a session.
 */
export default fp(async function session(app: FastifyInstance) {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): RequestContext {
    return { actor: this.actor, requestId: String(this.id), ip: this.ip ?? null };
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession(app.db, token, app.config.session);
      if (found) {
        request.actor = found.actor;
        request.sessionId = found.sessionId;
        request.csrfToken = found.csrfToken;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // Checked before the body is parsed, so an anonymous request learns nothing from validation messages.
    const isPublic = request.is404 || request.routeOptions.config?.public === true;
    if (!isPublic && !request.actor) throw errors.unauthenticated();
    if (!isPublic && request.sessionId && !SAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== request.csrfToken) throw errors.csrf();
    }
  });
});
