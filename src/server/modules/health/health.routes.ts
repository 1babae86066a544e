import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from '../../../shared/zod.js';

const HealthResponse = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  migrations: z.number().int(),
});

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查', response: { 200: HealthResponse } } },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' as const, db: app.dbKind, migrations: app.migrationCount };
    },
  );
};

export default healthRoutes;
