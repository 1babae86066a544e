import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { hasKeyring, Keyring, useKeyring } from '../src/server/lib/personal-data.js';
import { testDbMode } from './db-mode.js';
import { withDatabase } from './global-setup.js';

/** The fixed key test data is sealed under (lib/personal-data.ts): testConfig carries it, and so does every test database. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** A database of this test file's own, copied from the migrated template (PGlite in memory, or a PostgreSQL database). */
export async function openTestDatabase(): Promise<Database> {
  // Tests that write through services without an app (factories) seal under the same key the app would.
  if (!hasKeyring()) useKeyring(Keyring.fromTexts(TEST_DATA_KEY));
  if (testDbMode() === 'pglite') {
    const pglite = new PGlite({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    await pglite.waitReady;
    const database = await openDatabase({ pglite });
    return {
      ...database,
      async close() {
        await database.close();
        await pglite.close();
      },
    };
  }
  const { url, drop } = await createTestPgDatabase();
  const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...database,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/**
 * A PostgreSQL database of this test file's own, copied from the migrated template, by its URL (for a server process
 * of the test's to open); `drop` removes it.
 */
export async function createTestPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL!;
  // Named after this run's template, so a run sweeps only its own leftovers, never a concurrent run's.
  const name = `${inject('pgTemplate').replace('shezu_tpl_', 'shezu_t_')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  return {
    url: withDatabase(url, name),
    async drop() {
      // Closed connections can take a moment to leave the server; retry rather than kill them.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (err) {
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await admin.end();
    },
  };
}
