import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { diffCounters, diffPlaces, diffYears, rebuildCounters, rebuildPlaces, rebuildYears } from './stats.repository.js';

export interface RecomputeSummary {
  /** Rows that disagreed with the registry and the region tree before the rebuild (at most 1,000 of each kind are counted). */
  differences: number;
  /** Counter rows (by form, category, status, kinds and years). */
  rows: number;
  /** Per-year counter rows and nodes with places figures (population summed upward, communities by kind). */
  yearRows: number;
  places: number;
  seconds: number;
}

/** `shezu stats recompute`: rebuilds the counters, the per-year counters and the places figures in one transaction. */
export async function recomputeStats(db: Kysely<DB>): Promise<RecomputeSummary> {
  const t0 = performance.now();
  const differences = (await diffCounters(db, 1000)).length + (await diffYears(db, 1000)).length + (await diffPlaces(db, 1000)).length;
  const { rows, yearRows, places } = await db.transaction().execute(async (trx) => ({
    rows: await rebuildCounters(trx),
    yearRows: await rebuildYears(trx),
    places: await rebuildPlaces(trx),
  }));
  return { differences, rows, yearRows, places, seconds: (performance.now() - t0) / 1000 };
}
