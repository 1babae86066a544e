import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { importRegions } from '../src/server/modules/regions/index.js';
import { TEMPLATE_REGIONS, testDbMode } from './db-mode.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

/** Builds one migrated database holding the fixture regions; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const mode = testDbMode();
  if (mode === 'pglite') {
    const pglite = new PGlite();
    const database = await openDatabase({ pglite });
    await migrate(database.db);
    for (const code of TEMPLATE_REGIONS) await importRegions(database.db, code);
    await database.close();
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-test-')), 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplate', file);
    project.provide('pgTemplate', '');
    return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }

  const url = process.env.TEST_DATABASE_URL!;
  const template = `shezu_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, template) });
  await migrate(database.db);
  for (const code of TEMPLATE_REGIONS) await importRegions(database.db, code);
  await database.close();
  project.provide('pgTemplate', template);
  project.provide('pgliteTemplate', '');
  return async () => {
    // Databases of test files that crashed before closing are swept here too.
    const left = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`shezu\\_t\\_${process.pid}\\_%`, template]);
    for (const row of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
