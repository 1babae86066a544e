import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, PlacementColumns } from '../../db/types.js';
import '../../db/types-declarations.js';
import type { LevelColumn as LevelColumnName, ListScope, RegionScope } from '../../lib/access.js';
import { orgCondition, regionCondition } from '../../db/scope.js';
import { FOREIGN_KIND, MONEY_KIND, PARTICIPANTS_KIND, type DeclarationSettings } from '../../../shared/schemas/supervision-settings.js';
import { overdueCondition } from './declarations.repository.js';

/** The districts a scope reaches (their settings decide what needs declaring there). */
export async function findDistrictIds(db: Db, within: RegionScope | null): Promise<number[]> {
  if (within && Number(within.column.slice(5, 6)) >= 3) {
    const row = await db.selectFrom('regions').select('level3_id').where('id', '=', within.id).executeTakeFirst();
    return row?.level3_id ? [Number(row.level3_id)] : [];
  }
  let q = db.selectFrom('regions').select('id').where('level', '=', 3);
  if (within) q = q.where(within.column, '=', within.id);
  return (await q.execute()).map((r) => Number(r.id));
}

export type RuleGroup = { districtIds: number[]; settings: Pick<DeclarationSettings, 'kinds' | 'participantsThreshold' | 'moneyThresholdFen'> };

/**
 * An activity that needs a declaration under its district's setting (declarations.policy declarationReasons in SQL):
 * a threshold crossed whose kind the district lists, or a type that is itself a listed kind.
 */
function needsDeclaration(groups: RuleGroup[]): RawBuilder<SqlBool> {
  if (groups.length === 0) return sql<SqlBool>`false`;
  const parts = groups.map(({ districtIds, settings: s }) => {
    const kinds = new Set(s.kinds);
    const crossing: RawBuilder<SqlBool>[] = [];
    if (kinds.has(PARTICIPANTS_KIND)) crossing.push(sql<SqlBool>`a.participants >= ${s.participantsThreshold}`);
    if (kinds.has(MONEY_KIND)) crossing.push(sql<SqlBool>`a.amount_fen >= ${s.moneyThresholdFen}`);
    if (kinds.has(FOREIGN_KIND)) crossing.push(sql<SqlBool>`a.foreign_related`);
    crossing.push(sql<SqlBool>`a.activity_type in (${sql.join(s.kinds)})`);
    return sql<SqlBool>`(a.level3_id in (${sql.join(districtIds)}) and (${sql.join(crossing, sql` or `)}))`;
  });
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Live activities in the scope that need a declaration and have no approved one linked. */
function flaggedWhere(scope: ListScope, within: RegionScope | undefined, groups: RuleGroup[], range: { from?: string; to?: string }) {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`a.deleted_at is null`, needsDeclaration(groups)];
  const region = regionCondition(scope.region, 'a.');
  if (region) parts.push(region);
  const orgs = orgCondition(scope.org, { orgColumn: 'org_id', prefix: 'a.' });
  if (orgs) parts.push(orgs);
  if (within) parts.push(sql<SqlBool>`${sql.ref(`a.${within.column}`)} = ${within.id}`);
  if (range.from) parts.push(sql<SqlBool>`a.held_on >= ${range.from}`);
  if (range.to) parts.push(sql<SqlBool>`a.held_on <= ${range.to}`);
  parts.push(sql<SqlBool>`not exists (select 1 from declarations d where d.id = a.declaration_id and d.status = 'approved')`);
  return sql.join(parts, sql` and `);
}

export interface FlagQuery {
  scope: ListScope;
  within?: RegionScope;
  groups: RuleGroup[];
  from?: string;
  to?: string;
}

export async function countFlaggedByChild(db: Db, q: FlagQuery, childColumn: LevelColumnName) {
  const { rows } = await sql<{ child: number | null; n: number }>`select ${sql.ref(`a.${childColumn}`)} as child, count(*)::int as n
    from activities a where ${flaggedWhere(q.scope, q.within, q.groups, q)} group by 1`.execute(db);
  return rows;
}

export interface FlaggedRow extends PlacementColumns {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  held_on: string;
  activity_type: string;
  participants: number;
  amount_fen: string | number;
  foreign_related: boolean;
  declaration_id: number | null;
  declaration_status: string | null;
}

export async function findFlagged(db: Db, q: FlagQuery, offset: number, limit: number) {
  const where = flaggedWhere(q.scope, q.within, q.groups, q);
  const [{ rows }, total] = await Promise.all([
    sql<FlaggedRow>`select a.id, a.org_id, o.name as org_name, a.region_id, a.level1_id, a.level2_id, a.level3_id, a.level4_id, a.level5_id, a.level6_id,
        a.title, to_char(a.held_on, 'YYYY-MM-DD') as held_on, a.activity_type, a.participants, a.amount_fen, a.foreign_related,
        a.declaration_id, d.status as declaration_status
      from activities a join orgs o on o.id = a.org_id left join declarations d on d.id = a.declaration_id
      where ${where} order by a.held_on desc, a.id desc offset ${offset} limit ${limit}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from activities a where ${where}`.execute(db),
  ]);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}

function overdueWhere(scope: ListScope, within: RegionScope | undefined, today: string) {
  const parts: RawBuilder<SqlBool>[] = [overdueCondition(today, 'd')];
  const region = regionCondition(scope.region, 'd.');
  if (region) parts.push(region);
  const orgs = orgCondition(scope.org, { orgColumn: 'org_id', prefix: 'd.' });
  if (orgs) parts.push(orgs);
  if (within) parts.push(sql<SqlBool>`${sql.ref(`d.${within.column}`)} = ${within.id}`);
  return sql.join(parts, sql` and `);
}

export async function countOverdueByChild(db: Db, scope: ListScope, within: RegionScope | undefined, today: string, childColumn: LevelColumnName) {
  const { rows } = await sql<{ child: number | null; n: number }>`select ${sql.ref(`d.${childColumn}`)} as child, count(*)::int as n
    from declarations d where ${overdueWhere(scope, within, today)} group by 1`.execute(db);
  return rows;
}

export interface OverdueRow extends PlacementColumns {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  planned_end_on: string;
  summary_due_on: string;
}

export async function findOverdue(db: Db, scope: ListScope, within: RegionScope | undefined, today: string, offset: number, limit: number) {
  const where = overdueWhere(scope, within, today);
  const [{ rows }, total] = await Promise.all([
    sql<OverdueRow>`select d.id, d.org_id, o.name as org_name, d.region_id, d.level1_id, d.level2_id, d.level3_id, d.level4_id, d.level5_id, d.level6_id, d.title,
        to_char(d.planned_end_on, 'YYYY-MM-DD') as planned_end_on, to_char(d.summary_due_on, 'YYYY-MM-DD') as summary_due_on
      from declarations d join orgs o on o.id = d.org_id where ${where} order by d.summary_due_on, d.id offset ${offset} limit ${limit}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from declarations d where ${where}`.execute(db),
  ]);
  return { rows, total: Number(total.rows[0]?.n ?? 0) };
}
