import { sql } from 'kysely';
import type { Db } from '../../db/types.js';
import type { RuleOverrideRow, RuleRow } from '../../db/types-rules.js';
import '../../db/types-rules.js';

const inForce = (on: string) => sql<boolean>`valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to >= ${on}::date)`;
const RULE_COLUMNS = ['key', sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'), sql<string | null>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'), 'title', 'source', 'article', 'certainty', 'summary', 'params', 'overridable'] as const;

/** The version of each rule in force on a day (keys starting with prefix). */
export async function findRulesInForce(db: Db, on: string, prefix = ''): Promise<RuleRow[]> {
  return db
    .selectFrom('rules')
    .select(RULE_COLUMNS)
    .where(inForce(on))
    .where('key', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('key')
    .execute() as Promise<RuleRow[]>;
}

export async function findRuleInForce(db: Db, key: string, on: string): Promise<RuleRow | undefined> {
  return db.selectFrom('rules').select(RULE_COLUMNS).where('key', '=', key).where(inForce(on)).executeTakeFirst() as Promise<RuleRow | undefined>;
}

export async function findRuleVersions(db: Db, key: string): Promise<RuleRow[]> {
  return db.selectFrom('rules').select(RULE_COLUMNS).where('key', '=', key).orderBy('valid_from').execute() as Promise<RuleRow[]>;
}

export type OverrideWithUser = RuleOverrideRow & { username: string | null };

const OVERRIDE_COLUMNS = [
  'o.id', 'o.district_id', 'o.rule_key', sql<string>`to_char(o.valid_from, 'YYYY-MM-DD')`.as('valid_from'), 'o.params', 'o.reason', 'o.set_by', 'o.set_at', 'u.username',
] as const;

/** The district's override of each rule applying on a day: the newest one from on or before it. */
export async function findOverridesInForce(db: Db, districtId: number, on: string, keys: string[]): Promise<Map<string, OverrideWithUser>> {
  if (keys.length === 0) return new Map();
  const rows = (await db
    .selectFrom('rule_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.set_by')
    .select(OVERRIDE_COLUMNS)
    .distinctOn('o.rule_key')
    .where('o.district_id', '=', districtId)
    .where('o.rule_key', 'in', keys)
    .where('o.valid_from', '<=', on)
    .orderBy('o.rule_key')
    .orderBy('o.valid_from', 'desc')
    .execute()) as OverrideWithUser[];
  return new Map(rows.map((r) => [r.rule_key, r]));
}

export async function findOverridesOf(db: Db, key: string, districtIds: number[] | null): Promise<(OverrideWithUser & { district_name: string })[]> {
  let q = db
    .selectFrom('rule_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.set_by')
    .innerJoin('regions as r', 'r.id', 'o.district_id')
    .select([...OVERRIDE_COLUMNS, 'r.name as district_name'])
    .where('o.rule_key', '=', key);
  if (districtIds) q = q.where('o.district_id', 'in', districtIds.length ? districtIds : [-1]);
  return q.orderBy('r.name').orderBy('o.valid_from', 'desc').execute() as Promise<(OverrideWithUser & { district_name: string })[]>;
}

export async function insertOverride(db: Db, row: { district_id: number; rule_key: string; valid_from: string; params: Record<string, unknown>; reason: string; set_by: number }): Promise<number | null> {
  const inserted = await db
    .insertInto('rule_overrides')
    .values({ ...row, params: JSON.stringify(row.params) })
    .onConflict((oc) => oc.columns(['district_id', 'rule_key', 'valid_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? Number(inserted.id) : null;
}
