import { ROLE_LABELS, ROLE_NODE_LEVELS, REGION_LEVEL_LABELS, type Role } from '../../../shared/enums.js';

/** Whether a role may act for a node of this level (DESIGN §1); returns a Chinese message or null. */
export function checkRoleNode(role: Role, regionLevel: number | null): string | null {
  const allowed = ROLE_NODE_LEVELS[role];
  if (regionLevel === null) {
    return allowed === null ? null : `${ROLE_LABELS[role]}必须指定所属区划`;
  }
  if (allowed === null || allowed.includes(regionLevel)) return null;
  const names = allowed.map((l) => REGION_LEVEL_LABELS[l]).join('或');
  return `${ROLE_LABELS[role]}的所属区划应为${names}级节点`;
}
