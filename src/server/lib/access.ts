import type { Role } from '../../shared/enums.js';
import { errors } from './errors.js';
import type { Actor } from './context.js';
import type { Db } from '../db/types.js';

/**
 * The one authorization mechanism: role → permissions, and jurisdiction = the actor's region subtree.
 * Services call requireAccess() (requireOrgAccess() for anything of an organization) first; repositories apply
 * listScope() (region subtree and organization set) to every listing.
 */
export const PERMISSIONS = [
  'region.read',
  'region.population.update',
  'region.grid.create',
  'user.read',
  'user.manage',
  'audit.read',
  'org.read',
  'org.create',
  'org.update',
  'org.personal.reveal',
  'org.import',
  'org.export',
  'application.apply',
  'application.read',
  'application.review',
  // The shared review chain (issue 11 item 3): the cross-kind queue and deciding at one's own step.
  'review.read',
  'review.decide',
  'certificate.read',
  'settings.manage',
  'stats.read',
  'stats.export',
  // Supervision (issue 13): the activity ledger, major-activity declarations, annual reports and inspection.
  'activity.read',
  'activity.write',
  'activity.import',
  'ledger.read',
  'declaration.read',
  'declaration.file',
  'annual_report.read',
  'annual_report.file',
  'annual_report.inspect',
  'notification.read',
  // Supervision part two (issue 14): rules as data, penalties, credit lists, random inspection, risk warnings.
  'rule.read',
  'rule.override',
  'penalty.read',
  'penalty.write',
  'credit.read',
  'credit.write',
  'credit.apply',
  'inspection.read',
  'inspection.plan',
  'inspection.check',
  'risk.read',
  'risk.handle',
  'risk.report',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const BUSINESS: Permission[] = [
  'region.read',
  'region.population.update',
  'region.grid.create',
  'org.read',
  'org.create',
  'org.update',
  'org.personal.reveal',
  'org.import',
  'org.export',
  // Staff may file on an organization's behalf (seed 004) and review at their own step of the chain.
  'application.apply',
  'application.read',
  'application.review',
  'review.read',
  'review.decide',
  'certificate.read',
  'stats.read',
  'stats.export',
  'activity.read',
  'ledger.read',
  'declaration.read',
  'annual_report.read',
  'notification.read',
  'rule.read',
  'penalty.read',
  'credit.read',
  'inspection.read',
  // Risk items are owned by a node: the community, street or district follows up its own (issue 14 item 5).
  'risk.read',
  'risk.handle',
];
/**
 * The ledger is kept by the community, the organization and its hub federation (seed 004, 以社管社); streets and the
 * district read it. An organization declares and reports itself; community staff may file on its behalf.
 */
const COMMUNITY: Permission[] = ['activity.write', 'activity.import', 'declaration.file', 'annual_report.file'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The district configures its chain, deadlines, thresholds, categories and targets (DESIGN §1).
  // Annual inspection of registered forms is the district registration authority's (社团条例 art. 28, 民非条例 art. 23).
  // Penalties, credit listing and the yearly random inspection are the registration authority's (民政部令第60号,
  // 民发〔2017〕45号); a district may change a rule's parameters where the rule lets it (rule.override).
  district_admin: [...BUSINESS, 'settings.manage', 'annual_report.inspect', 'rule.override', 'penalty.write', 'credit.write', 'inspection.plan', 'inspection.check'],
  // Street staff sit in the inspectors' pool with district staff and experts (民发〔2017〕45号: at least two per check).
  street_reviewer: [...BUSINESS, 'inspection.check'],
  community_staff: [...BUSINESS, ...COMMUNITY],
  // 以社管社: a hub federation sees the organizations in its area and keeps its members' ledgers.
  hub_manager: [
    'region.read', 'org.read', 'activity.read', 'activity.write', 'activity.import', 'ledger.read', 'declaration.read', 'annual_report.read', 'notification.read',
    'rule.read', 'penalty.read', 'credit.read', 'risk.read',
  ],
  // An applicant sees and files only their own applications and their organization's certificates.
  org_leader: [
    'region.read',
    'application.apply',
    'application.read',
    'review.read',
    'certificate.read',
    'activity.read',
    'activity.write',
    'declaration.read',
    'declaration.file',
    'annual_report.read',
    'annual_report.file',
    'notification.read',
    // Its own record: penalties and credit entries, an objection or a removal application, its rectification reports.
    'rule.read',
    'penalty.read',
    'credit.read',
    'credit.apply',
    'risk.read',
    'risk.report',
  ],
  // An expert sits in the inspectors' pool and sees the checks assigned to them (registerAssignmentCheck).
  expert: ['notification.read', 'rule.read', 'inspection.check'],
  // 三员分立: the system administrator manages accounts and settings and sees no business data
  // beyond the region tree needed to place accounts; the audit administrator reads the audit log only.
  sysadmin: ['region.read', 'user.read', 'user.manage', 'notification.read'],
  auditor: ['audit.read', 'notification.read'],
};

/** A node's ancestor ids per level (itself included at its own level). */
export interface RegionPath {
  level1_id: number | null;
  level2_id: number | null;
  level3_id: number | null;
  level4_id: number | null;
  level5_id: number | null;
  level6_id: number | null;
}

export type LevelColumn = `level${1 | 2 | 3 | 4 | 5 | 6}_id`;

/** The columns that place a record at a node: the node and its ancestors, so the jurisdiction filter is one equality. */
export function placementColumns(node: RegionPath & { id: number }) {
  return {
    region_id: Number(node.id),
    level1_id: node.level1_id,
    level2_id: node.level2_id,
    level3_id: node.level3_id,
    level4_id: node.level4_id,
    level5_id: node.level5_id,
    level6_id: node.level6_id,
  };
}

/** The filter every listing applies: rows whose `column` equals `id`; null = no restriction. */
export interface RegionScope {
  column: LevelColumn;
  id: number;
}

export function can(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function regionScope(actor: Actor): RegionScope | null {
  return actor.region ? subtreeOf(actor.region) : null;
}

/** The filter for a node and everything below it. */
export function subtreeOf(node: { id: number; level: number }): RegionScope {
  return { column: `level${node.level}_id` as LevelColumn, id: Number(node.id) };
}

export function isInJurisdiction(actor: Actor, path: RegionPath): boolean {
  const scope = regionScope(actor);
  return scope === null || path[scope.column] === scope.id;
}

/**
 * Throws 403 when the role lacks the permission, and 404 when the resource lies outside the
 * actor's subtree (so a refused request never tells whether the record exists).
 */
export function requireAccess(
  actor: Actor | null,
  permission: Permission,
  resource?: { entity: string; path: RegionPath | null },
): asserts actor is Actor {
  if (!actor) throw errors.unauthenticated();
  if (!can(actor, permission)) throw errors.forbidden();
  if (resource) {
    if (!resource.path) {
      // A resource outside every region (a system-wide account) is visible to system-wide actors only.
      if (actor.region) throw errors.notFound(resource.entity);
    } else if (!isInJurisdiction(actor, resource.path)) {
      throw errors.notFound(resource.entity);
    }
  }
}

/** What places an organization for the relation checks: its node path, its id and its federation. */
export type OrgPlace = RegionPath & { id: number; hub_org_id: number | null };

/**
 * How a role relates to organizations (DESIGN §1): an organization leader acts for their own organization only; a
 * hub manager (以社管社) for their federation and its member organizations; an expert for the items assigned to them
 * only; every other role for the organizations of its region subtree.
 */
export type OrgRelation = 'own' | 'hub' | 'assigned' | 'region';
const ORG_RELATIONS: Partial<Record<Role, OrgRelation>> = { org_leader: 'own', hub_manager: 'hub', expert: 'assigned' };
export const orgRelationOf = (role: Role): OrgRelation => ORG_RELATIONS[role] ?? 'region';

/** The organization an account acts for, from the account's stored link (set once when the session is resolved). */
export function actingOrgId(role: Role, linkedOrgId: number | null): number | null {
  const relation = orgRelationOf(role);
  return (relation === 'own' || relation === 'hub') && linkedOrgId !== null ? Number(linkedOrgId) : null;
}

/**
 * The organizations an expert has an item assigned on (evaluation scoring, funding proposals), by item kind. The
 * evaluation and funding modules register theirs; with none registered an expert reaches no organization.
 */
export type AssignmentCheck = (db: Db, actor: Actor) => Promise<number[]>;
const assignmentChecks = new Map<string, AssignmentCheck>();
export function registerAssignmentCheck(kind: string, check: AssignmentCheck): () => void {
  if (assignmentChecks.has(kind)) throw new Error(`assignment check ${kind} registered twice`);
  assignmentChecks.set(kind, check);
  return () => assignmentChecks.delete(kind);
}

async function assignedOrgIds(db: Db, actor: Actor): Promise<number[]> {
  const ids = new Set<number>();
  for (const check of assignmentChecks.values()) for (const id of await check(db, actor)) ids.add(Number(id));
  return [...ids];
}

/**
 * The set of organizations a role is limited to within its region subtree; null = every organization there.
 * `ids: []` reaches none (a leader whose account is not linked yet, an expert with nothing assigned).
 */
export type OrgScope = { kind: 'own'; orgId: number } | { kind: 'hub'; hubId: number } | { kind: 'ids'; ids: number[] };

/** What every listing of organizations or of records attached to one applies: the region subtree and the org set. */
export interface ListScope {
  region: RegionScope | null;
  org: OrgScope | null;
}

/** No limit at all: the public register, system-wide tools. */
export const UNLIMITED_SCOPE: ListScope = { region: null, org: null };

async function orgScopeOf(db: Db, actor: Actor): Promise<OrgScope | null> {
  switch (orgRelationOf(actor.role)) {
    case 'own':
      return actor.orgId !== null ? { kind: 'own', orgId: actor.orgId } : { kind: 'ids', ids: [] };
    case 'hub':
      return actor.orgId !== null ? { kind: 'hub', hubId: actor.orgId } : { kind: 'ids', ids: [] };
    case 'assigned':
      return { kind: 'ids', ids: await assignedOrgIds(db, actor) };
    case 'region':
      return null;
  }
}

export async function listScope(db: Db, actor: Actor): Promise<ListScope> {
  return { region: regionScope(actor), org: await orgScopeOf(db, actor) };
}

/** Whether an organization lies in an organization set (the single-record form of the listing filter). */
export function isInOrgScope(scope: OrgScope | null, org: Pick<OrgPlace, 'id' | 'hub_org_id'>): boolean {
  if (!scope) return true;
  const id = Number(org.id);
  if (scope.kind === 'own') return id === scope.orgId;
  if (scope.kind === 'hub') return id === scope.hubId || Number(org.hub_org_id) === scope.hubId;
  return scope.ids.includes(id);
}

/**
 * The one decision on an actor's relation to an organization: 401 without a session, 403 without the permission,
 * 404 when the organization lies outside the actor's subtree or outside the organizations their role acts for (an
 * assigned expert reaches it regardless of region). Never tells whether the organization exists.
 */
export async function requireOrgAccess(db: Db, actor: Actor | null, permission: Permission, org: OrgPlace, entity = 'org'): Promise<void> {
  requireAccess(actor, permission);
  if (orgRelationOf(actor.role) !== 'assigned') requireAccess(actor, permission, { entity, path: org });
  if (!isInOrgScope(await orgScopeOf(db, actor), org)) throw errors.notFound(entity);
}

/**
 * Filling in an inspection item's checklist, or declaring a conflict on it (民发〔2017〕45号 art. 10): only its active
 * inspectors, drawn for it. Called after requireOrgAccess(…, 'inspection.check') on the item's organization, so reach
 * is already decided; this adds the relation. Another inspector of the pool, or the district, is refused with 403.
 */
export function requireActiveInspector(actor: Actor, activeInspectorIds: readonly number[]): void {
  if (!activeInspectorIds.some((id) => Number(id) === actor.id)) throw errors.forbidden('只有抽到本事项的检查人员可以填写检查结果或申报回避');
}

/**
 * Deleting a ledger activity (issue 13 item 1: "deleted only by its author or the community, with a reason"): its
 * author, or community staff whose subtree holds it (the community keeps the ledger, seed 004). Called after
 * requireOrgAccess(…, 'activity.write') on the activity's organization, so reach is already decided; this adds the
 * relation. A hub manager or leader who did not enter it, or a street, is refused with 403.
 */
export function canDeleteActivity(actor: Actor, activity: RegionPath & { entered_by: number }): boolean {
  if (!can(actor, 'activity.write')) return false;
  if (Number(activity.entered_by) === actor.id) return true;
  return actor.role === 'community_staff' && actor.region !== null && isInJurisdiction(actor, activity);
}

export function requireActivityDelete(actor: Actor, activity: RegionPath & { entered_by: number }): void {
  if (!canDeleteActivity(actor, activity)) throw errors.forbidden('只有录入人或所在社区的工作人员可以删除这条活动记录');
}
