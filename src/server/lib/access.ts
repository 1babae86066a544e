import type { Role } from '../../shared/enums.js';
import { errors } from './errors.js';
import type { Actor } from './context.js';

/**
 * The one authorization mechanism: role → permissions, and jurisdiction = the actor's region subtree.
 * Services call requireAccess() first; repositories apply regionScope() to every listing.
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
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // The district configures its chain, deadlines, thresholds, categories and targets (DESIGN §1).
  district_admin: [...BUSINESS, 'settings.manage'],
  street_reviewer: BUSINESS,
  community_staff: BUSINESS,
  // 以社管社: a hub federation sees the organizations in its area (its member ledgers come with the ledger issue).
  hub_manager: ['region.read', 'org.read'],
  // An applicant sees and files only their own applications and their organization's certificates.
  org_leader: ['region.read', 'application.apply', 'application.read', 'review.read', 'certificate.read'],
  expert: [],
  // 三员分立: the system administrator manages accounts and settings and sees no business data
  // beyond the region tree needed to place accounts; the audit administrator reads the audit log only.
  sysadmin: ['region.read', 'user.read', 'user.manage'],
  auditor: ['audit.read'],
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
  if (!actor.region) return null;
  return { column: `level${actor.region.level}_id` as LevelColumn, id: actor.region.id };
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

/**
 * 以社管社 (DESIGN §1): a hub manager acts for a hub organization; within their subtree they see that hub and its
 * member organizations, nothing else. `hubOrgId` is the hub their account stands for (null: none yet).
 */
export function isHubVisible(hubOrgId: number | null, org: { id: number; hub_org_id: number | null }): boolean {
  return hubOrgId !== null && (Number(org.id) === hubOrgId || Number(org.hub_org_id) === hubOrgId);
}
