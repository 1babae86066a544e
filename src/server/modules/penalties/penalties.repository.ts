import { sql, type Expression, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../db/types.js';
import type { PenaltiesTable, PenaltyRow } from '../../db/types-rules.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { listScopeCondition } from '../../db/scope.js';
import type { PenaltyKind } from '../../../shared/schemas/penalties.js';
import type { PENALTY_SORTS } from '../../../shared/schemas/penalties.js';

type PenaltySort = (typeof PENALTY_SORTS)[number];
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

export function findPenalty(db: Db, id: number): Promise<PenaltyRow | undefined> {
  return db.selectFrom('penalties').select(PENALTY_COLUMNS).where('id', '=', id).executeTakeFirst() as unknown as Promise<PenaltyRow | undefined>;
}

/** The penalty a deciding body already numbered so (decision numbers are unique per body: migration 0021). */
export async function findByDecisionNo(db: Db, decidingBody: string, decisionNo: string) {
  return db.selectFrom('penalties').select('id').where('deciding_body', '=', decidingBody).where('decision_no', '=', decisionNo).executeTakeFirst();
}

export async function insertPenalty(db: Db, row: Insertable<PenaltiesTable>): Promise<number> {
  const { id } = await db.insertInto('penalties').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

/** Saves when the version still matches; false when someone acted first. */
export async function updatePenalty(db: Db, id: number, version: number, patch: Updateable<PenaltiesTable>): Promise<boolean> {
  const res = await db
    .updateTable('penalties')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface PenaltyFilter {
  scope: ListScope;
  within?: RegionScope;
  orgId?: number;
  kind?: PenaltyKind;
  status?: 'decided' | 'annulled';
  year?: number;
  /** Already escaped for LIKE. */
  q?: string;
}

/** The penalties whose organization the actor reaches (its placement: penalties carry none of their own). */
function filtered(db: Db, f: PenaltyFilter) {
  return db
    .selectFrom('penalties')
    .innerJoin('orgs', 'orgs.id', 'penalties.org_id')
    .where((eb) => {
      const parts: Expression<SqlBool>[] = [listScopeCondition(f.scope, { orgColumn: 'id', prefix: 'orgs.' })];
      if (f.within) parts.push(eb(`orgs.${f.within.column}`, '=', f.within.id));
      if (f.orgId) parts.push(eb('penalties.org_id', '=', f.orgId));
      if (f.kind) parts.push(eb('penalties.kind', '=', f.kind));
      if (f.status) parts.push(eb('penalties.status', '=', f.status));
      if (f.year) parts.push(eb.between('penalties.decided_on', `${f.year}-01-01`, `${f.year}-12-31`));
      if (f.q) {
        const like = `%${f.q}%`;
        parts.push(eb.or([eb('penalties.decision_no', 'like', like), eb('penalties.facts', 'like', like), eb('penalties.deciding_body', 'like', like), eb('orgs.name', 'like', like)]));
      }
      return eb.and(parts);
    });
}

const SORTS: Record<PenaltySort, [string, 'asc' | 'desc']> = {
  '-decidedOn': ['penalties.decided_on', 'desc'],
  decidedOn: ['penalties.decided_on', 'asc'],
  '-amount': ['penalties.amount_fen', 'desc'],
  amount: ['penalties.amount_fen', 'asc'],
  org: ['orgs.name', 'asc'],
  '-org': ['orgs.name', 'desc'],
};

export async function listPenalties(db: Db, f: PenaltyFilter, sort: PenaltySort, offset: number, limit: number) {
  const [column, direction] = SORTS[sort];
  const [items, count] = await Promise.all([
    filtered(db, f)
      .select(PENALTY_COLUMNS.map((c) => (typeof c === 'string' ? `penalties.${c}` : c)) as never)
      .select('orgs.name as org_name')
      // Amounts: the kinds without one last either way; ties by the newest decision, then the newest record.
      .orderBy(sql.ref(column), (ob) => (direction === 'desc' ? ob.desc() : ob.asc()).nullsLast())
      .orderBy('penalties.decided_on', 'desc')
      .orderBy('penalties.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute() as unknown as Promise<Array<PenaltyRow & { org_name: string }>>,
    filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Every penalty of one organization, newest decision first (the public register keeps annulled ones as history). */
export function findOrgPenalties(db: Db, orgId: number): Promise<PenaltyRow[]> {
  return db.selectFrom('penalties').select(PENALTY_COLUMNS).where('org_id', '=', orgId).orderBy('decided_on', 'desc').orderBy('id', 'desc').execute() as unknown as Promise<PenaltyRow[]>;
}
