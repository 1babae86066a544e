import { sql } from 'kysely';
import type { Db } from '../src/server/db/types.js';

/**
 * Every table's row count and a checksum of its content, so a test can say "this request changed nothing"
 * without naming the tables a route might touch. Columns that change on every authenticated request
 * (a session's last-seen time) are left out by default; a test may leave out more (a refused login that is
 * audited on purpose, say) through `ignore`.
 */
export type DatabaseSnapshot = Record<string, { rows: number; checksum: string }>;

export interface SnapshotOptions {
  /** table → columns left out of the checksum; `'*'` leaves the whole table out */
  ignore?: Record<string, string[] | '*'>;
}

const ALWAYS_IGNORED: Record<string, string[] | '*'> = { sessions: ['last_seen_at'] };

export async function snapshotDatabase(db: Db, options: SnapshotOptions = {}): Promise<DatabaseSnapshot> {
  const ignore = { ...ALWAYS_IGNORED, ...options.ignore };
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db);
  const byTable = new Map<string, string[]>();
  for (const c of columns.rows) {
    const skip = ignore[c.table_name];
    if (skip === '*') continue;
    const kept = byTable.get(c.table_name) ?? [];
    if (!skip?.includes(c.column_name)) kept.push(c.column_name);
    byTable.set(c.table_name, kept);
  }
  const snapshot: DatabaseSnapshot = {};
  for (const [table, cols] of byTable) {
    const row = sql.join(cols.map((c) => sql`coalesce(${sql.ref(`t.${c}`)}::text, '∅')`), sql`, `);
    const r = await sql<{ rows: string; checksum: string | null }>`
      SELECT count(*)::text AS rows,
             md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
      FROM (SELECT md5(concat_ws('|', ${cols.length ? row : sql`''`})) AS h FROM ${sql.table(table)} t) x`.execute(db);
    snapshot[table] = { rows: Number(r.rows[0]!.rows), checksum: r.rows[0]!.checksum ?? '' };
  }
  return snapshot;
}

/** The tables whose count or content differ between two snapshots (empty when nothing changed). */
export function changedTables(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n]?.rows !== after[n]?.rows || before[n]?.checksum !== after[n]?.checksum).sort();
}
