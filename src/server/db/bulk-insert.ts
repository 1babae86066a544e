import { sql } from 'kysely';
import type { DB, Db } from './types.js';

/**
 * Inserts many rows as one JSON parameter (json_populate_recordset) instead of a VALUES list with a bind parameter
 * per cell: 500 organizations are 17,000 parameters, which the driver encodes and the server (PGlite in
 * WebAssembly above all) decodes one by one. Columns are those any row sets (a column no row sets keeps its default); values are JSON-encoded as the
 * driver would (dates as ISO text, arrays as arrays, which PostgreSQL ≥ 10 turns into its arrays). Returns the ids in
 * the order of the rows: the SELECT reads the array in order and RETURNING yields rows in insertion order.
 */
export async function insertJsonRows<T extends keyof DB & string>(db: Db, table: T, rows: Record<string, unknown>[], returningId = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (r[k] !== undefined) seen.add(k);
  const columns = [...seen];
  const list = sql.join(columns.map((c) => sql.ref(c)));
  // The rows as they are: a key a row lacks (or holds undefined, which JSON drops) reads as NULL, as `?? null` would.
  const json = JSON.stringify(rows);
  const query = sql<{ id: number }>`insert into ${sql.table(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.table(table)}, ${json}::json)${returningId ? sql` returning id` : sql``}`;
  const res = await query.execute(db);
  return returningId ? res.rows.map((r) => Number(r.id)) : [];
}
