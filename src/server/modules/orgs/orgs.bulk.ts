import { placementColumns } from '../../lib/access.js';
import { sql, type Kysely } from 'kysely';
import type { DB, NewOrg } from '../../db/types.js';
import { searchColumns } from './orgs.mapping.js';

export interface BulkOrg {
  row: Omit<NewOrg, 'pinyin' | 'initials' | 'search_grams' | 'region_id' | 'level1_id' | 'level2_id' | 'level3_id' | 'level4_id' | 'level5_id' | 'level6_id'>;
  regionCode: string;
  /** When the record came into the registry (its filing or registration): history starts then. */
  recordedAt: Date;
}

/**
 * Inserts many organizations at once (demo data, benchmarks), each with its first history entry, in batches of
 * 1,000 per transaction. Rules are the caller's business: this path trusts its input.
 */
export async function insertOrgsBulk(db: Kysely<DB>, orgs: BulkOrg[], actorName: string): Promise<number[]> {
  const ids: number[] = [];
  const codes = [...new Set(orgs.map((o) => o.regionCode))];
  const regions = new Map(
    (await db.selectFrom('regions').selectAll().where(sql<boolean>`code = any(${sql.val(codes)}::text[])`).execute()).map((r) => [r.code, r]),
  );
  for (let i = 0; i < orgs.length; i += 1000) {
    const batch = orgs.slice(i, i + 1000);
    await db.transaction().execute(async (trx) => {
      const rows: NewOrg[] = batch.map((o) => {
        const r = regions.get(o.regionCode);
        if (!r) throw new Error(`region ${o.regionCode} is not imported`);
        return {
          ...o.row,
          ...searchColumns(o.row.name, o.row.former_names ?? []),
          ...placementColumns(r),
          created_at: o.recordedAt,
          updated_at: o.recordedAt,
        };
      });
      const inserted = await trx.insertInto('orgs').values(rows).returning('id').execute();
      await trx
        .insertInto('org_history')
        .values(
          inserted.map((r, j) => ({
            org_id: r.id,
            version: 1,
            at: batch[j].recordedAt,
            actor_id: null,
            actor_name: actorName,
            action: 'create',
            reason: null,
            changes: JSON.stringify({ name: { from: null, to: batch[j].row.name }, regionCode: { from: null, to: batch[j].regionCode } }),
          })),
        )
        .execute();
      ids.push(...inserted.map((r) => Number(r.id)));
    });
  }
  return ids;
}
