import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { diffCounters, rebuildCounters } from './stats.repository.js';

export interface RecomputeSummary {
  /** Counter rows that disagreed with the registry before the rebuild (at most 1,000 are counted). */
  differences: number;
  rows: number;
  seconds: number;
}

/** `shezu stats recompute`: rebuilds the counters from the registry in one transaction. */
export async function recomputeStats(db: Kysely<DB>): Promise<RecomputeSummary> {
  const t0 = performance.now();
  const differences = (await diffCounters(db, 1000)).length;
  const rows = await db.transaction().execute((trx) => rebuildCounters(trx));
  return { differences, rows, seconds: (performance.now() - t0) / 1000 };
}
