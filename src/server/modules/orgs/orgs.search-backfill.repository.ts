import type { Db, OrgRow } from '../../db/types.js';

// The start-up recomputation of the search columns (search_backfills, migration 0014): the queries of
// orgs.search-backfill.ts.

/** A start-up recomputation of derived columns and how far it got (migration 0014). */
export function findSearchBackfill(db: Db, name: string) {
  return db.selectFrom('search_backfills').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function advanceSearchBackfill(db: Db, name: string, lastId: number, updated: number, done: boolean) {
  await db
    .updateTable('search_backfills')
    .set((eb) => ({ last_id: lastId, updated: eb('updated', '+', updated), ...(done ? { done_at: new Date() } : {}) }))
    .where('name', '=', name)
    .execute();
}

/** The names and stored search columns of the rows after `afterId` up to `untilId`, in id order. */
export function findOrgSearchSources(db: Db, afterId: number, untilId: number, limit: number) {
  return db
    .selectFrom('orgs')
    .select(['id', 'version', 'name', 'former_names', 'pinyin', 'initials', 'search_grams', 'search_name'])
    .where('id', '>', afterId)
    .where('id', '<=', untilId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Derived search columns only; `version` guards against a concurrent rename (that write computed its own). */
export async function updateOrgSearchColumns(db: Db, id: number, version: number, cols: Pick<OrgRow, 'pinyin' | 'initials' | 'search_grams' | 'search_name'>) {
  await db.updateTable('orgs').set(cols).where('id', '=', id).where('version', '=', version).execute();
}
