import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './types.js';
import { acquireDataDirLock } from './pglite-lock.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

// int8 and numeric come back as strings from both drivers; counts we read are small enough for numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Dates (not timestamps) stay 'YYYY-MM-DD' strings: a date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; omitted = in memory. */
  dataDir?: string;
  /** An existing PGlite instance (tests clone a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

/** One code path for both databases: Kysely's PostgresDialect over a pg Pool (PGlite via its pg adapter). */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // JIT compiles a query whose estimated cost is high (a search over a million rows): ~50 ms spent on every such
    // short interactive query to save nothing. PGlite has no JIT. Idle connections stay ten minutes rather than ten
    // seconds: a server process that has worked before has the shared buffers it touched mapped, and searches in
    // it run several times faster than in a new one.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, idleTimeoutMillis: 600_000, options: '-c jit=off' });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the pool replaces it.
    pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let release = () => {};
  let pglite = opts.pglite;
  if (!pglite) {
    if (opts.dataDir) release = acquireDataDirLock(opts.dataDir);
    try {
      pglite = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
      await pglite.waitReady;
    } catch (err) {
      release();
      throw err;
    }
  }
  const instance = pglite;
  const pool = new pg.Pool(createPgConfig(instance) as unknown as pg.PoolConfig);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    async close() {
      await db.destroy();
      if (!opts.pglite) await instance.close();
      release();
    },
  };
}
