import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/**
 * How many organizations a search could match at most, from PostgreSQL's own statistics of the n-gram column
 * (ANALYZE keeps the most common array elements with their frequencies): the rarest of the query's n-grams bounds
 * the matches. PostgreSQL's planner multiplies the frequencies as if the n-grams of one word were independent,
 * and so guesses a few hundred rows for words that match tens of thousands; this bound does not.
 */
export interface GramStats {
  rows: number;
  /** Table pages, for walks over page ranges. */
  pages: number;
  /** Frequency of each common n-gram; any other n-gram is rarer than `floor`. */
  freq: Map<string, number>;
  floor: number;
}

const TTL_MS = 60_000;
const cache = new WeakMap<object, { at: number; stats: Promise<GramStats | null> }>();

async function loadGramStats(db: Kysely<DB>): Promise<GramStats | null> {
  const { rows } = await sql<{ rows: number; pages: number; elems: string[] | null; freqs: number[] | null }>`
    select c.reltuples::float8 as rows, c.relpages as pages, s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs
    from pg_class c
    left join pg_stats s on s.schemaname = current_schema() and s.tablename = 'orgs' and s.attname = 'search_grams'
    where c.oid = 'orgs'::regclass`.execute(db);
  const r = rows[0];
  if (!r || !r.elems || !r.freqs || r.rows <= 0 || r.pages <= 0) return null;
  // most_common_elem_freqs ends with the minimum, the maximum and the null frequency.
  const freq = new Map(r.elems.map((e, i) => [e, Number(r.freqs![i])]));
  return { rows: Number(r.rows), pages: Number(r.pages), freq, floor: Number(r.freqs[r.elems.length]) };
}

/** The statistics, read at most once a minute per database (they change only when ANALYZE runs). */
export function gramStats(db: Kysely<DB>): Promise<GramStats | null> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.stats;
  const stats = loadGramStats(db).catch(() => null);
  cache.set(db, { at: Date.now(), stats });
  return stats;
}

/** Upper bound of the organizations containing every n-gram, or null before the table was ever analyzed. */
export function matchBound(stats: GramStats, grams: string[]): number {
  let f = 1;
  for (const g of grams) f = Math.min(f, stats.freq.get(g) ?? stats.floor);
  return f * stats.rows;
}

/** Reads the statistics afresh next time (after an ANALYZE the caller ran itself, e.g. following a large import). */
export function forgetGramStats(db: Kysely<DB>) {
  cache.delete(db);
}
