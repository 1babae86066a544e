import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import type { PenaltyRow } from '../../db/types-rules.js';
import '../../db/types-rules.js';

const DATE = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(column);

/** Every column, dates as YYYY-MM-DD text. */
export const PENALTY_COLUMNS = [
  'id', 'org_id', 'kind', 'amount_fen', DATE('suspended_from'), DATE('suspended_to'), 'decision_no', DATE('decided_on'), 'facts', 'legal_basis',
  'deciding_body', 'by_registrar', 'status', DATE('annulled_on'), 'annul_reason', DATE('carried_out_on'), 'recorded_by', 'recorded_at', 'version',
] as const;

/**
 * The penalties in force on a day, as things stood that day: decided on or before it, and not annulled by then (a
 * decision annulled later still counted that day). Oldest first. The credit rules read this (民政部令第60号).
 */
export async function findPenaltiesInForce(db: Db, opts: { on: string; orgIds?: number[] }): Promise<PenaltyRow[]> {
  let q = db
    .selectFrom('penalties')
    .select(PENALTY_COLUMNS)
    .where('decided_on', '<=', opts.on)
    .where((eb) => eb.or([eb('annulled_on', 'is', null), eb('annulled_on', '>', opts.on)]));
  if (opts.orgIds) q = q.where('org_id', 'in', opts.orgIds.length ? opts.orgIds : [-1]);
  return q.orderBy('decided_on').orderBy('id').execute() as unknown as Promise<PenaltyRow[]>;
}
