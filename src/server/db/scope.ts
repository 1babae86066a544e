import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope, OrgScope, RegionScope } from '../lib/access.js';

/**
 * The one SQL form of an actor's list scope (lib/access.ts listScope): the region subtree and, where the role needs
 * it, the organization set. Every repository listing organizations or records attached to one applies it, so a role's
 * reach is decided in access.ts and written once here.
 *
 * `orgColumn` names the column holding the organization id: `id` on `orgs` itself (then a federation's members are
 * found by its own `hub_org_id`), `org_id` on an attached record (then through the `orgs` table).
 */
export function listScopeCondition(scope: ListScope, columns: { orgColumn: 'id' | 'org_id'; prefix?: string }): Expression<SqlBool> {
  const parts = [regionCondition(scope.region, columns.prefix), orgCondition(scope.org, columns)].filter((p) => p !== null);
  return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

export function regionCondition(region: RegionScope | null, prefix = '') {
  return region ? sql<SqlBool>`${sql.ref(`${prefix}${region.column}`)} = ${region.id}` : null;
}

/** The organization set alone (an applicant's own applications are added to it by the applications module). */
export function orgCondition(scope: OrgScope | null, columns: { orgColumn: 'id' | 'org_id'; prefix?: string }) {
  if (!scope) return null;
  const org = sql.ref(`${columns.prefix ?? ''}${columns.orgColumn}`);
  if (scope.kind === 'own') return sql<SqlBool>`${org} = ${scope.orgId}`;
  if (scope.kind === 'ids') return scope.ids.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`${org} in (${sql.join(scope.ids)})`;
  if (columns.orgColumn === 'id') return sql<SqlBool>`(${org} = ${scope.hubId} or ${sql.ref(`${columns.prefix ?? ''}hub_org_id`)} = ${scope.hubId})`;
  return sql<SqlBool>`${org} in (select id from orgs where id = ${scope.hubId} or hub_org_id = ${scope.hubId})`;
}
