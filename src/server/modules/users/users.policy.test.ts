import { describe, expect, it } from 'vitest';
import { checkRoleNode } from './users.policy.js';

describe('checkRoleNode (DESIGN §1: each role acts for nodes of its level)', () => {
  it('places district admins at a city or district, reviewers at a street, staff at a community', () => {
    expect(checkRoleNode('district_admin', 3)).toBeNull();
    expect(checkRoleNode('district_admin', 2)).toBeNull();
    expect(checkRoleNode('district_admin', 4)).toBe("区民政局管理员的所属区划应为市或区县级节点");
    expect(checkRoleNode('street_reviewer', 4)).toBeNull();
    expect(checkRoleNode('street_reviewer', 5)).not.toBeNull();
    expect(checkRoleNode('community_staff', 5)).toBeNull();
    expect(checkRoleNode('community_staff', 6)).not.toBeNull();
  });
  it('requires a node for regional roles and none for system-wide ones', () => {
    expect(checkRoleNode('community_staff', null)).toMatch(/必须指定所属区划/);
    expect(checkRoleNode('sysadmin', null)).toBeNull();
    expect(checkRoleNode('auditor', 3)).toBeNull();
    expect(checkRoleNode('expert', null)).toBeNull();
  });
  it('lets org leaders sit from a street down to a grid', () => {
    expect([3, 4, 5, 6].map((l) => checkRoleNode('org_leader', l) === null)).toEqual([false, true, true, true]);
  });
});
