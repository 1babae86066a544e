import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.js';

/** The server the PostgreSQL benches run on, or null (they then say so and are left out). */
export function benchServerUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

/** A fresh database of the bench's own on that server, dropped by the returned function. */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A database of the bench's own that outlives the run (created when missing): for benches that generate a lot. */
export async function keptDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: async () => {} };
}

/**
 * Runs a measurement on a fresh PGlite directory, then on a fresh PostgreSQL database when a server is given (said so
 * otherwise), closing and dropping each after it.
 */
export async function onPgliteAndPostgres(name: string, measure: (database: Database, label: string) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shezu-${name}-`));
  const database = await openDatabase({ dataDir: dir });
  try {
    await measure(database, 'PGlite');
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const server = benchServerUrl();
  if (!server) {
    console.log('PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure it too');
    return;
  }
  const fresh = await freshDatabase(server, `shezu_${name.replace(/-/g, '_')}`);
  const pgDatabase = await openDatabase({ databaseUrl: fresh.url });
  try {
    await measure(pgDatabase, 'PostgreSQL');
  } finally {
    await pgDatabase.close();
    await fresh.drop();
  }
}
