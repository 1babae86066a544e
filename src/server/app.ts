import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import type { AppConfig } from './config.js';
import type { Database } from './db/database.js';
import { countAppliedMigrations } from './db/migrate.js';
import { AppError } from './lib/errors.js';
import { keyringOf } from './data-key.js';
import { useKeyring } from './lib/personal-data.js';
import { maskPersonalDataIn } from '../shared/validators.js';
import errorHandler from './plugins/error-handler.js';
import openapi from './plugins/openapi.js';
import session from './plugins/session.js';
import textInput from './plugins/text-input.js';
import staticWeb from './plugins/static-web.js';
import { authRoutes } from './modules/auth/index.js';
import { publicRegionRoutes, regionRoutes } from './modules/regions/index.js';
import { publicSignupRoutes, userRoutes } from './modules/users/index.js';
import { applicationRoutes } from './modules/applications/index.js';
import { annualReportRoutes, publicAnnualReportRoutes } from './modules/annual-reports/index.js';
import { certificateRoutes, publicCertificateRoutes } from './modules/certificates/index.js';
import { settingRoutes } from './modules/settings/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { orgAttachmentRoutes, orgRoutes, orgSheetRoutes, publicOrgRoutes } from './modules/orgs/index.js';
import multipart from '@fastify/multipart';
import healthRoutes from './modules/health/health.routes.js';
import { statsRoutes } from './modules/stats/index.js';
import { importRoutes } from './modules/imports/index.js';
import { reviewRoutes } from './modules/reviews/index.js';
import { notificationRoutes } from './modules/notifications/index.js';
import { activityIoRoutes, activityRoutes } from './modules/activities/index.js';
import { declarationRoutes } from './modules/declarations/index.js';
import { ruleRoutes } from './modules/rules/index.js';
import { creditPrintRoutes, creditRoutes } from './modules/credit/index.js';
import { penaltyRoutes } from './modules/penalties/index.js';
import { inspectionRoutes, publicInspectionRoutes } from './modules/inspections/index.js';
import { riskRoutes } from './modules/risks/index.js';

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  /** The route's own zod schemas of what it accepts (fastify-type-provider-zod), for checks generated from them. */
  schema: { params?: ZodType; querystring?: ZodType; body?: ZodType; consumes?: string[] };
}

export interface BuildOptions {
  database: Database;
  config: AppConfig;
  /** Serve the built web app (off in API tests). */
  web?: boolean;
  logger?: boolean;
  /** Where log lines go instead of stdout (the tests' leak scan reads every line the server logs). */
  logStream?: { write(line: string): void };
}

/** Builds the app: external plugins, then app plugins, then the modules under /api/v1 (fastify/demo's order). */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: opts.config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            // Fastify's request line, with personal data typed into an address (a search for a phone) masked: no log
            // line holds an ID number or a phone in full (PIPL art. 51; issue 12 item 2).
            serializers: {
              req: (req: FastifyRequest) => ({ method: req.method, url: maskPersonalDataIn(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
            },
          },
    bodyLimit: 1024 * 1024,
    trustProxy: opts.config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Personal data is sealed under the config's key (lib/personal-data.ts); no key, no app (data-key.ts).
  useKeyring(keyringOf(opts.config));
  app.decorate('db', opts.database.db);
  app.decorate('dbKind', opts.database.kind);
  app.decorate('config', opts.config);
  app.decorate('migrationCount', await countAppliedMigrations(opts.database.db));
  // Every route with its access marking and input schemas (`app.routeList`): the authorization matrix test checks
  // it covers them all; the route fuzz (test/route-fuzz.test.ts) generates its requests from the schemas.
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const { params, querystring, body, consumes } = (route.schema ?? {}) as RouteInfo['schema'];
      // `public` is read when asked: a later onRoute hook may still mark the route (plugins/openapi.ts does).
      routeList.push({
        method,
        url: route.url,
        get public() {
          return route.config?.public === true;
        },
        schema: { params, querystring, body, consumes },
      });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // An audited reveal shows personal data in clear: no browser or proxy may keep a copy (PIPL art. 51).
    if (request.routeOptions.config?.reveal) reply.header('cache-control', 'no-store');
  });

  await app.register(errorHandler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // antd writes its styles at run time (CSS-in-JS); ECharts draws on canvas with data: images.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: opts.config.secureCookies,
  });
  await app.register(rateLimit, {
    max: opts.config.rateLimit.max,
    timeWindow: opts.config.rateLimit.windowMs,
    errorResponseBuilder: () => new AppError(429, 'rate_limited', '请求过于频繁，请稍后再试'),
  });
  // Spreadsheets up to 20 MB (about 100k rows), one file per request.
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(openapi);
  await app.register(session);
  await app.register(textInput);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(regionRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(importRoutes);
      await api.register(orgSheetRoutes);
      await api.register(orgRoutes);
      await api.register(orgAttachmentRoutes);
      await api.register(publicOrgRoutes);
      await api.register(statsRoutes);
      await api.register(publicSignupRoutes);
      await api.register(publicRegionRoutes);
      await api.register(applicationRoutes);
      await api.register(certificateRoutes);
      await api.register(publicCertificateRoutes);
      await api.register(settingRoutes);
      await api.register(reviewRoutes);
      await api.register(notificationRoutes);
      await api.register(annualReportRoutes);
      await api.register(publicAnnualReportRoutes);
      await api.register(activityRoutes);
      await api.register(declarationRoutes);
      await api.register(activityIoRoutes);
      await api.register(ruleRoutes);
      await api.register(creditRoutes);
      await api.register(creditPrintRoutes);
      await api.register(penaltyRoutes);
      await api.register(inspectionRoutes);
      await api.register(publicInspectionRoutes);
      await api.register(riskRoutes);
    },
    { prefix: '/api/v1' },
  );

  if (opts.web !== false) await app.register(staticWeb);
  return app;
}
