import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { searchForm } from '../../lib/search-text.js';
import { searchColumns } from './orgs.mapping.js';
import * as repo from './orgs.search-backfill.repository.js';

export const SEARCH_BACKFILL = 'orgs.search_name';

const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

/**
 * Brings the search columns of rows stored before migration 0014 up to date (issue 11 item 5): their n-grams and
 * pinyin were built from the written name, and SQL cannot compute the normalized form. Only rows whose names
 * differ from their normalized form (traditional characters, full-width or capital letters) can have changed, so
 * the rest are read and left alone. In batches of one short transaction each, resumable (the progress is stored),
 * run once per database in the background at start-up. These are derived columns, not a change anyone made:
 * no history and no audit record (the names themselves are untouched).
 */
export async function backfillOrgSearchColumns(db: Kysely<DB>, batch = 2000): Promise<{ scanned: number; updated: number }> {
  const task = await repo.findSearchBackfill(db, SEARCH_BACKFILL);
  if (!task || task.done_at) return { scanned: 0, updated: 0 };
  const until = Number(task.until_id);
  let last = Number(task.last_id);
  let scanned = 0;
  let updated = 0;
  for (;;) {
    const rows = await repo.findOrgSearchSources(db, last, until, batch);
    const done = rows.length < batch;
    await db.transaction().execute(async (trx) => {
      let n = 0;
      for (const r of rows) {
        const written = [r.name, ...r.former_names].join(' ');
        if (searchForm(written) === written && r.search_name === null) continue;
        const cols = searchColumns(r.name, r.former_names);
        if (cols.pinyin === r.pinyin && cols.initials === r.initials && cols.search_name === r.search_name && sameSet(cols.search_grams, r.search_grams)) continue;
        await repo.updateOrgSearchColumns(trx, Number(r.id), r.version, cols);
        n++;
      }
      if (rows.length > 0) last = Number(rows[rows.length - 1].id);
      await repo.advanceSearchBackfill(trx, SEARCH_BACKFILL, last, n, done);
      updated += n;
    });
    scanned += rows.length;
    if (done) break;
  }
  return { scanned, updated };
}
