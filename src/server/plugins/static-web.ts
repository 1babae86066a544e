import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { errors } from '../lib/errors.js';

export const WEB_DIST = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** Serves the built web app; any other non-API path gets index.html (client-side routes). */
export default fp(async function staticWeb(app: FastifyInstance, opts: { root?: string }) {
  const root = opts.root ?? WEB_DIST;
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`web app not built at ${root}; run npm run build:web`);
    return;
  }
  // The app's own files are public: the login page must load before anyone is logged in.
  app.addHook('onRoute', (route) => {
    if ((route.config as { rootPath?: string } | undefined)?.rootPath) route.config = { ...route.config, public: true };
  });
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    maxAge: '1h',
    setHeaders(res, filePath) {
      // Hashed bundle files never change; index.html must always be fresh.
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      if (filePath.endsWith('index.html')) res.header('cache-control', 'no-cache');
    },
  });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) throw errors.notFound('route');
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
});
