import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import type { DatabaseKind } from '../db/database.js';
import type { AppConfig } from '../config.js';
import type { Actor, RequestContext } from '../lib/context.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>;
    dbKind: DatabaseKind;
    config: AppConfig;
    migrationCount: number;
    routeList: import('../app.js').RouteInfo[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** Who is asking, for services: actor, request id, IP. */
    ctx(): RequestContext;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, public register). */
    public?: boolean;
    /**
     * An audited reveal: the answer may hold personal data in clear, for actors whose role has this permission (and,
     * with `whenQuery`, only when that query flag is 'true'). Answered with no-store; the leak scan allows exactly these.
     */
    reveal?: { permission: import('../lib/access.js').Permission; whenQuery?: string };
  }
}
