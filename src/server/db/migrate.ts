import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './types.js';
import { DATA_STEPS } from './data-steps.js';

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

/**
 * Work a migration needs done in code right after its .sql file (sealing existing rows needs Node's crypto): run in
 * batches, each in its own transaction with the progress it reached, so a stopped process resumes where it was.
 * Keep a batch short: PGlite serializes every query, and requests wait behind it.
 */
export interface DataStep {
  /** One batch in `trx`, from `progress` (null at first); returns the progress reached and whether all is done. */
  batch(trx: Transaction<DB>, progress: unknown): Promise<{ progress: unknown; done: boolean }>;
}

/** Applies pending migrations in order, each inside its own transaction; returns how many are applied in total. */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR, steps: Record<string, DataStep> = DATA_STEPS): Promise<number> {
  const files = readMigrations(dir);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  // The data step's progress and end beside its migration (null for a migration without one).
  await sql`ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS step_progress jsonb, ADD COLUMN IF NOT EXISTS step_done_at timestamptz`.execute(db);
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
    const step = steps[file.version];
    if (step) await runDataStep(db, file.version, step);
  }
  return files.length;
}

async function runDataStep(db: Kysely<DB>, version: string, step: DataStep) {
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7361001)`.execute(trx);
      const row = await trx
        .selectFrom('schema_migrations')
        .select(['step_progress', 'step_done_at'])
        .where('version', '=', version)
        .executeTakeFirstOrThrow();
      if (row.step_done_at) return true;
      const r = await step.batch(trx, row.step_progress ?? null);
      await trx
        .updateTable('schema_migrations')
        .set({ step_progress: JSON.stringify(r.progress), step_done_at: r.done ? new Date() : null })
        .where('version', '=', version)
        .execute();
      return r.done;
    });
    if (done) return;
  }
}

export async function countAppliedMigrations(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
