import { lazyKeyring } from '../lib/personal-data.js';
import type { DataStep } from './migrate.js';
import { resealBatch, SEALED_TABLES, type WalkPosition } from './sealed-tables.js';

/** Rows per batch: PGlite serializes every query, so a batch that holds it for long stalls the requests served meanwhile. */
const SEAL_BATCH = 200;

/**
 * The tables 0015 seals: those that existed then (the list's first entries). Tables added to SEALED_TABLES later are
 * created after 0015 runs and are sealed on every write from the start; key rotation walks them all.
 */
const SEALED_AT_0015 = SEALED_TABLES.findIndex((t) => t.table === 'application_attachments') + 1;

/**
 * Data steps by migration version, each run right after its .sql file (migrate.ts). 0015: seal the personal data
 * already stored (the clear columns, the jsonb documents, the stored files) before 0016 drops the clear columns.
 */
export const DATA_STEPS: Record<string, DataStep> = {
  '0015': {
    async batch(trx, progress) {
      const { pos } = await resealBatch(trx, (progress as WalkPosition | null) ?? { t: 0, after: null }, 'seal', SEAL_BATCH, lazyKeyring());
      return { progress: pos, done: pos.t >= SEALED_AT_0015 };
    },
  },
};
