import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabase } from '../../../test/db.js';
import type { Database } from './database.js';
import { MIGRATIONS_DIR, MigrationChecksumError, countAppliedMigrations, migrate, readMigrations } from './migrate.js';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shezu-migrations-'));
  for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('has applied every migration of the repository, with checksums', async () => {
    const files = readMigrations();
    expect(await countAppliedMigrations(database.db)).toBe(files.length);
    const rows = await database.db.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
  });

  it('applies a new migration once', async () => {
    fs.writeFileSync(path.join(dir, '0900_create_probe.sql'), 'CREATE TABLE probe (id int);\nINSERT INTO probe VALUES (1);\n');
    const n = await migrate(database.db, dir);
    expect(n).toBe(readMigrations().length + 1);
    await migrate(database.db, dir);
    const rows = await sql<{ n: number }>`select count(*)::int as n from probe`.execute(database.db);
    expect(rows.rows[0].n).toBe(1);
  });

  it('rolls back a failing migration whole', async () => {
    fs.writeFileSync(path.join(dir, '0901_create_broken.sql'), 'CREATE TABLE broken (id int);\nSELECT 1/0;\n');
    await expect(migrate(database.db, dir)).rejects.toThrow(/division by zero/);
    const exists = await sql<{ t: string | null }>`select to_regclass('broken')::text as t`.execute(database.db);
    expect(exists.rows[0].t).toBeNull();
    expect(await database.db.selectFrom('schema_migrations').select('version').where('version', '=', '0901').execute()).toEqual([]);
    fs.rmSync(path.join(dir, '0901_create_broken.sql'));
  });

  it('refuses to start when an applied migration was edited', async () => {
    fs.appendFileSync(path.join(dir, '0001_create_regions.sql'), '\n-- edited\n');
    const err = await migrate(database.db, dir).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationChecksumError);
    expect(err.message).toContain('0001_create_regions.sql');
    expect(err.message).toContain('校验和不一致');
  });
});
