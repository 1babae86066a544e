import { lazyKeyring } from '../lib/personal-data.js';
import type { DataStep } from './migrate.js';
import { resealBatch, SEALED_TABLES, type WalkPosition } from './sealed-tables.js';

/** Rows per batch: PGlite serializes every query, so a batch that holds it for long stalls the requests served meanwhile. */
const SEAL_BATCH = 200;

/**
 * The tables 0015 seals: those SEALED_TABLES listed when it was written. A table appended later (declarations in
 * 0018, …) does not exist yet when 0015 runs on a new database, and its code seals every value from the first row,
 * so it has no clear column to seal; key rotation (`rotate`) still walks the whole list.
 */
export const SEALED_BY_0015 = 8;

/**
 * Data steps by migration version, each run right after its .sql file (migrate.ts). 0015: seal the personal data
 * already stored (the clear columns, the jsonb documents, the stored files) before 0016 drops the clear columns.
 */
export const DATA_STEPS: Record<string, DataStep> = {
  '0015': {
    async batch(trx, progress) {
      const { pos } = await resealBatch(trx, (progress as WalkPosition | null) ?? { t: 0, after: null }, 'seal', SEAL_BATCH, lazyKeyring());
      return { progress: pos, done: pos.t >= Math.min(SEALED_BY_0015, SEALED_TABLES.length) };
    },
  },
};
