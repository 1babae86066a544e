import type { Kysely } from 'kysely';
import type { DB, Db } from '../../db/types.js';
import type { RequestContext } from '../../lib/context.js';
import { errors } from '../../lib/errors.js';
import { listScope, requireAccess, subtreeOf, type LevelColumn, type ListScope, type RegionScope } from '../../lib/access.js';
import { todayInChina } from '../../lib/working-days.js';
import type { DeclarationFlags, DeclarationFlagsQuery, DeclarationStatus, FlaggedActivity } from '../../../shared/schemas/declarations.js';
import { declarationSettingsFor } from '../settings/index.js';
import { findChildren, resolveRegionFor } from '../regions/index.js';
import { placesOf } from '../orgs/index.js';
import * as repo from './declarations.flags.repository.js';
import { declarationReasons } from './declarations.policy.js';

/**
 * The districts' rules, grouped: districts with the same kinds and thresholds share one SQL condition, so a city
 * with twenty districts on the defaults asks one question, not twenty.
 */
async function ruleGroupsFor(db: Db, within: RegionScope | null) {
  const districts = await repo.findDistrictIds(db, within);
  const byDistrict = new Map<number, repo.RuleGroup['settings']>();
  const groups = new Map<string, repo.RuleGroup>();
  for (const id of districts) {
    const s = await declarationSettingsFor(db, id);
    const settings = { kinds: s.kinds, participantsThreshold: s.participantsThreshold, moneyThresholdFen: s.moneyThresholdFen };
    byDistrict.set(id, settings);
    const key = JSON.stringify(settings);
    const group = groups.get(key) ?? { districtIds: [], settings };
    group.districtIds.push(id);
    groups.set(key, group);
  }
  return { groups: [...groups.values()], byDistrict };
}

export interface FlagOptions {
  /** A node inside the scope to look under. */
  within?: RegionScope;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
}

/**
 * Ledger activities that needed a declaration and have no approved one linked (issue 13 item 3), with the reasons:
 * participants ≥ the district's threshold, money ≥ its threshold, foreign-related (each only when its kind is in the
 * district's list), or an activity type that is itself a listed kind. For the risk-warning rules of the next issue:
 * no access check here (the caller passes the actor's listScope, or UNLIMITED_SCOPE for a system job).
 */
export async function flaggedActivities(db: Db, scope: ListScope, opts: FlagOptions = {}): Promise<{ items: FlaggedActivity[]; total: number }> {
  const { groups, byDistrict } = await ruleGroupsFor(db, opts.within ?? scope.region);
  const { rows, total } = await repo.findFlagged(db, { scope, within: opts.within, groups, from: opts.from, to: opts.to }, opts.offset ?? 0, opts.limit ?? 100);
  const place = await placesOf(db, rows);
  const items = rows.map((r) => {
    const settings = byDistrict.get(Number(r.level3_id));
    return {
      id: Number(r.id),
      org: { id: Number(r.org_id), name: r.org_name },
      regionPath: place(r).regionPath,
      title: r.title,
      heldOn: r.held_on,
      activityType: r.activity_type,
      participants: r.participants,
      amountFen: Number(r.amount_fen),
      foreignRelated: r.foreign_related,
      reasons: settings ? declarationReasons(r, settings) : [],
      declaration: r.declaration_id !== null ? { id: Number(r.declaration_id), status: r.declaration_status as DeclarationStatus } : null,
    };
  });
  return { items, total };
}

/** The node asked for (inside the actor's subtree), else the actor's own node. */
async function nodeFor(db: Db, ctx: RequestContext, code: string | undefined) {
  const wanted = code ?? ctx.actor?.region?.code;
  if (!wanted) throw errors.validation({ region: '请选择区划' });
  return resolveRegionFor(db, ctx.actor, wanted, 'declaration.read');
}

/**
 * Per child node of a region: activities flagged for want of a declaration and summaries past their due date, with
 * the lists behind the counts (paged) for the node itself.
 */
export async function declarationFlags(db: Kysely<DB>, ctx: RequestContext, query: DeclarationFlagsQuery): Promise<DeclarationFlags> {
  requireAccess(ctx.actor, 'declaration.read');
  const region = await nodeFor(db, ctx, query.region);
  const scope = await listScope(db, ctx.actor);
  const within = subtreeOf(region);
  const today = todayInChina();
  const childColumn = `level${Math.min(region.level + 1, 6)}_id` as LevelColumn;
  const { groups } = await ruleGroupsFor(db, within);
  const offset = (query.page - 1) * query.pageSize;
  const [children, flaggedCounts, overdueCounts, flagged, overdueRows] = await Promise.all([
    findChildren(db, Number(region.id)),
    repo.countFlaggedByChild(db, { scope, within, groups, from: query.from, to: query.to }, childColumn),
    repo.countOverdueByChild(db, scope, within, today, childColumn),
    flaggedActivities(db, scope, { within, from: query.from, to: query.to, offset, limit: query.pageSize }),
    repo.findOverdue(db, scope, within, today, offset, query.pageSize),
  ]);
  const flaggedBy = new Map(flaggedCounts.map((r) => [r.child === null ? null : Number(r.child), Number(r.n)]));
  const overdueBy = new Map(overdueCounts.map((r) => [r.child === null ? null : Number(r.child), Number(r.n)]));
  // At a grid (level 6) there is no level below: everything counts at the node itself.
  const atNodeKey = region.level >= 6 ? Number(region.id) : null;
  const place = await placesOf(db, overdueRows.rows);
  const ref = (r: { id: number; code: string; name: string; level: number }) => ({ id: Number(r.id), code: r.code, name: r.name, level: r.level });
  return {
    region: ref(region),
    nodes: children.map((c) => ({ region: ref(c), flagged: flaggedBy.get(Number(c.id)) ?? 0, overdueSummaries: overdueBy.get(Number(c.id)) ?? 0 })),
    atNode: { flagged: flaggedBy.get(atNodeKey) ?? 0, overdueSummaries: overdueBy.get(atNodeKey) ?? 0 },
    flagged,
    overdue: {
      total: overdueRows.total,
      items: overdueRows.rows.map((r) => ({
        id: Number(r.id),
        org: { id: Number(r.org_id), name: r.org_name },
        regionPath: place(r).regionPath,
        title: r.title,
        plannedEndOn: r.planned_end_on,
        summaryDueOn: r.summary_due_on,
        daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.summary_due_on}T00:00:00Z`)) / 86_400_000),
      })),
    },
  };
}
