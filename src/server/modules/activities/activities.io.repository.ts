import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/types.js';
import '../../db/types-ledger.js';
import type { NewActivity } from '../../db/types-ledger.js';
import type { ListScope, RegionScope } from '../../lib/access.js';
import { insertJsonRows } from '../../db/bulk-insert.js';
import { listScopeCondition, regionCondition } from '../../db/scope.js';

/** What the import needs of an organization to place an activity and check the actor's reach. */
export const ORG_COLUMNS = ['id', 'name', 'credit_code', 'certificate_no', 'hub_org_id', 'region_id', 'level1_id', 'level2_id', 'level3_id', 'level4_id', 'level5_id', 'level6_id'] as const;

/** Organizations by credit code or filing/registration certificate number (codes are unique; one query per batch). */
export async function findOrgsByCodes(db: Db, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('orgs')
    .select(ORG_COLUMNS)
    .where((eb) => eb.or([eb('credit_code', 'in', codes), eb('certificate_no', 'in', codes)]))
    .execute();
}

/** Organizations by name within a subtree (a name is unique per place, not per district: the caller sees repeats). */
export async function findOrgsByNames(db: Db, names: string[], within: RegionScope | null) {
  if (names.length === 0) return [];
  let q = db.selectFrom('orgs').select(ORG_COLUMNS).where('name', 'in', names);
  const region = regionCondition(within);
  if (region) q = q.where(region);
  return q.execute();
}

/** The stored live activities among (organization, start, title) triples: the import's re-import key. */
export async function findActivityKeys(db: Db, keys: { org_id: number; held_on: string; starts_at: string; title: string }[]): Promise<{ org_id: number; starts_at: Date; title: string }[]> {
  if (keys.length === 0) return [];
  const json = JSON.stringify(keys);
  // The day is implied by the start; it is matched too so the lookup walks activities_org_idx (org_id, held_on).
  const rows = await sql<{ org_id: number; starts_at: Date; title: string }>`
    select a.org_id, a.starts_at, a.title
      from json_to_recordset(${json}::json) as k(org_id bigint, held_on date, starts_at timestamptz, title text)
      join activities a on a.org_id = k.org_id and a.held_on = k.held_on and a.starts_at = k.starts_at and a.title = k.title and a.deleted_at is null`.execute(db);
  return rows.rows;
}

export const insertActivities = (db: Db, rows: NewActivity[]) => insertJsonRows(db, 'activities', rows as unknown as Record<string, unknown>[]);

/** The ledger's filters: the actor's reach, a node below it, a period of activity days, one organization. */
export interface ActivityFilter {
  scope: ListScope;
  within?: RegionScope;
  from?: string;
  to?: string;
  orgId?: number;
}

function conditions(f: ActivityFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [sql<SqlBool>`a.deleted_at is null`, listScopeCondition(f.scope, { orgColumn: 'org_id', prefix: 'a.' })];
  if (f.within) out.push(sql<SqlBool>`${sql.ref(`a.${f.within.column}`)} = ${f.within.id}`);
  if (f.from) out.push(sql<SqlBool>`a.held_on >= ${f.from}::date`);
  if (f.to) out.push(sql<SqlBool>`a.held_on <= ${f.to}::date`);
  if (f.orgId) out.push(sql<SqlBool>`a.org_id = ${f.orgId}`);
  return out;
}

export interface LedgerRow {
  id: number;
  org_name: string;
  org_code: string | null;
  starts_at: Date;
  ends_at: Date;
  held_on: string;
  title: string;
  activity_type: string;
  place: string;
  participants: number;
  beneficiaries: number;
  volunteers: number;
  volunteer_minutes: number;
  amount_fen: number;
  foreign_related: boolean;
  description: string | null;
}

/** One page of the ledger in date order, after a keyset position (held_on, id): flat memory for any export size. */
export async function ledgerPage(db: Db, f: ActivityFilter, after: { heldOn: string; id: number } | null, limit: number): Promise<LedgerRow[]> {
  const where = [...conditions(f)];
  if (after) where.push(sql<SqlBool>`(a.held_on, a.id) > (${after.heldOn}::date, ${after.id})`);
  const rows = await sql<LedgerRow>`
    select a.id, o.name as org_name, coalesce(o.credit_code, o.certificate_no) as org_code, a.starts_at, a.ends_at,
           to_char(a.held_on, 'YYYY-MM-DD') as held_on, a.title, a.activity_type, a.place, a.participants, a.beneficiaries,
           a.volunteers, a.volunteer_minutes, a.amount_fen, a.foreign_related, a.description
      from activities a join orgs o on o.id = a.org_id
     where ${sql.join(where, sql` and `)}
     order by a.held_on, a.id
     limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id), amount_fen: Number(r.amount_fen) }));
}

/** How many activities the filter holds (the printed ledger says when it shows only the first ones). */
export async function countLedger(db: Db, f: ActivityFilter): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from activities a where ${sql.join(conditions(f), sql` and `)}`.execute(db);
  return Number(r.rows[0].n);
}
