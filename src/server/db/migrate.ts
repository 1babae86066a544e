import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './types.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
}

export class MigrationChecksumError extends Error {
  constructor(file: string) {
    super(
      `已执行的迁移文件 ${file} 被修改过（校验和不一致），拒绝启动。迁移只能前进：请恢复该文件，并把改动写成新的迁移。\n` +
        `Migration ${file} was edited after it was applied (checksum mismatch); restore it and add a new migration instead.`,
    );
    this.name = 'MigrationChecksumError';
  }
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file,
        checksum: createHash('sha256').update(text).digest('hex'),
        sql: text,
      };
    });
}

/** Applies pending migrations in order, each inside its own transaction; returns how many are applied in total. */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<number> {
  const files = readMigrations(dir);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  for (const file of files) {
    await db.transaction().execute(async (trx) => {
      // Several processes may start together on one PostgreSQL: one applies, the others wait and then see it done.
      await sql`SELECT pg_advisory_xact_lock(7361001)`.execute(trx);
      const applied = await trx
        .selectFrom('schema_migrations')
        .select(['checksum'])
        .where('version', '=', file.version)
        .executeTakeFirst();
      if (applied) {
        if (applied.checksum !== file.checksum) throw new MigrationChecksumError(file.name);
        return;
      }
      await sql.raw(file.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ version: file.version, name: file.name, checksum: file.checksum, applied_at: new Date() })
        .execute();
    });
  }
  return files.length;
}

export async function countAppliedMigrations(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
