import type { Role } from '../../shared/enums.js';

/** The signed-in user as every service sees them. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The node the user acts for; null = the whole system. */
  region: ActorRegion | null;
  /**
   * The organization the user acts for: an organization leader's own, a hub manager's federation (以社管社); null
   * otherwise. Set once when the session is resolved (access.ts actingOrgId).
   */
  orgId: number | null;
}

export interface ActorRegion {
  id: number;
  code: string;
  name: string;
  level: number;
}

/** Who is asking and from where: what a service needs for access checks and the audit record. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  ip: string | null;
}
