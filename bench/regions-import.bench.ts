import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { benchServerUrl, fmt, freshDatabase } from './pg.js';

const SELECTOR = process.env.BENCH_REGIONS ?? 'all';

/**
 * `shezu regions import all` (665,276 nodes) on PostgreSQL beside a plain COPY of the same rows into an identical
 * table with the same indexes; goal: under 60 s. Then the same import on PGlite (it must complete).
 */
export async function regionsImportBench() {
  const server = benchServerUrl();
  if (!server) {
    console.log('PostgreSQL: left out (set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
  } else {
    const target = await freshDatabase(server, `shezu_bench_regions_${process.pid}`);
    const database = await openDatabase({ databaseUrl: target.url });
    try {
      await migrate(database.db);
      const s = await importRegions(database.db, SELECTOR, { batchSize: 20000 });
      const importRate = s.total / s.seconds;

      // Baseline: the very rows the import wrote, COPY'd into an identical table (same columns and indexes).
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const chunks: Buffer[] = [];
      await pipeline(client.query(copyTo('COPY regions TO STDOUT')), new Writable({ write(c, _e, cb) { chunks.push(c); cb(); } }));
      await client.query('CREATE TABLE regions_copy (LIKE regions INCLUDING ALL)');
      const t0 = performance.now();
      await pipeline(Readable.from(chunks), client.query(copyFrom('COPY regions_copy FROM STDIN')));
      const copySeconds = (performance.now() - t0) / 1000;
      await client.end();
      const copyRate = s.total / copySeconds;

      console.log(`PostgreSQL import ${SELECTOR}: ${fmt(s.total)} nodes in ${s.seconds.toFixed(1)} s = ${fmt(importRate)} rows/s (goal: all in < 60 s: ${s.seconds < 60 ? 'met' : 'NOT met'})`);
      console.log(`PostgreSQL plain COPY of the same rows: ${copySeconds.toFixed(1)} s = ${fmt(copyRate)} rows/s`);
      console.log(`ratio import/COPY time: ${(s.seconds / copySeconds).toFixed(2)}×`);
    } finally {
      await database.close();
      await target.drop();
    }
  }

  if (process.env.BENCH_SKIP_PGLITE === '1') return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-bench-pglite-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrate(database.db);
    const rssBefore = process.memoryUsage().rss;
    const s = await importRegions(database.db, SELECTOR, { batchSize: 5000 });
    console.log(`PGlite import ${SELECTOR}: ${fmt(s.total)} nodes in ${s.seconds.toFixed(1)} s = ${fmt(s.total / s.seconds)} rows/s (RSS +${fmt((process.memoryUsage().rss - rssBefore) / 1048576)} MB)`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
