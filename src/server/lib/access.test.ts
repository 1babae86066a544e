import { describe, expect, it } from 'vitest';
import type { Db } from '../db/types.js';
import type { Actor } from './context.js';
import { actingOrgId, canDeleteActivity, isInOrgScope, listScope, orgRelationOf, registerAssignmentCheck, requireActiveInspector, requireActivityDelete, requireOrgAccess, type OrgPlace, type RegionPath } from './access.js';

// The relation checks below never touch the database unless an assignment check is registered.
const db = {} as Db;
const actor = (over: Partial<Actor>): Actor => ({ id: 7, username: 'u', displayName: 'u', role: 'community_staff', region: { id: 50, code: '360802003009', name: '仓口', level: 5 }, orgId: null, ...over });
const place = (over: Partial<OrgPlace> = {}): OrgPlace => ({ id: 1, hub_org_id: null, level1_id: 1, level2_id: 2, level3_id: 3, level4_id: 4, level5_id: 50, level6_id: null, ...over });

describe('the organization relation (DESIGN §1)', () => {
  it('links only leaders and hub managers to an organization', () => {
    expect(actingOrgId('org_leader', 5)).toBe(5);
    expect(actingOrgId('hub_manager', 5)).toBe(5);
    expect(actingOrgId('community_staff', 5)).toBeNull();
    expect(actingOrgId('org_leader', null)).toBeNull();
    expect(orgRelationOf('expert')).toBe('assigned');
    expect(orgRelationOf('district_admin')).toBe('region');
  });

  it('limits a leader to their own organization and a hub manager to the hub and its members', async () => {
    const leader = actor({ role: 'org_leader', orgId: 1 });
    await expect(requireOrgAccess(db, leader, 'application.apply', place())).resolves.toBeUndefined();
    await expect(requireOrgAccess(db, leader, 'application.apply', place({ id: 2 }))).rejects.toMatchObject({ statusCode: 404 });
    await expect(requireOrgAccess(db, actor({ role: 'org_leader' }), 'application.apply', place())).rejects.toMatchObject({ statusCode: 404 });
    const hub = actor({ role: 'hub_manager', orgId: 9 });
    await expect(requireOrgAccess(db, hub, 'org.read', place({ id: 9 }))).resolves.toBeUndefined();
    await expect(requireOrgAccess(db, hub, 'org.read', place({ id: 3, hub_org_id: 9 }))).resolves.toBeUndefined();
    await expect(requireOrgAccess(db, hub, 'org.read', place({ id: 3, hub_org_id: 8 }))).rejects.toMatchObject({ statusCode: 404 });
    // The permission is decided first (403), the region subtree before the organization set (both 404).
    await expect(requireOrgAccess(db, hub, 'org.update', place({ id: 9 }))).rejects.toMatchObject({ statusCode: 403 });
    await expect(requireOrgAccess(db, hub, 'org.read', place({ id: 9, level5_id: 51 }))).rejects.toMatchObject({ statusCode: 404 });
    await expect(requireOrgAccess(db, null, 'org.read', place())).rejects.toMatchObject({ statusCode: 401 });
  });

  it('gives staff their region subtree without an organization set', async () => {
    expect(await listScope(db, actor({}))).toEqual({ region: { column: 'level5_id', id: 50 }, org: null });
    expect(isInOrgScope(null, place())).toBe(true);
    await expect(requireOrgAccess(db, actor({}), 'org.read', place({ level5_id: 51 }))).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reaches nothing for an expert until an assignment check says otherwise', async () => {
    const expert = actor({ role: 'expert', region: null });
    expect((await listScope(db, expert)).org).toEqual({ kind: 'ids', ids: [] });
    const unregister = registerAssignmentCheck('test.scoring', async (_db, a) => (a.id === 7 ? [1, 4] : []));
    try {
      expect((await listScope(db, expert)).org).toEqual({ kind: 'ids', ids: [1, 4] });
      expect((await listScope(db, actor({ role: 'expert', id: 8 }))).org).toEqual({ kind: 'ids', ids: [] });
      expect(() => registerAssignmentCheck('test.scoring', async () => [])).toThrow();
    } finally {
      unregister();
    }
    expect((await listScope(db, expert)).org).toEqual({ kind: 'ids', ids: [] });
  });
});

describe('deleting a ledger activity (issue 13 item 1: its author or the community)', () => {
  const activity = (over: Partial<RegionPath & { entered_by: number }> = {}) => ({ level1_id: 1, level2_id: 2, level3_id: 3, level4_id: 4, level5_id: 50, level6_id: null, entered_by: 99, ...over });
  it('lets the author delete what they entered, whatever their role', () => {
    expect(canDeleteActivity(actor({ role: 'org_leader', orgId: 1, id: 99 }), activity())).toBe(true);
    expect(canDeleteActivity(actor({ role: 'hub_manager', orgId: 9, id: 99 }), activity())).toBe(true);
  });
  it('lets community staff of its community delete, and nobody else', () => {
    expect(canDeleteActivity(actor({}), activity())).toBe(true);
    // Staff of another community, a leader or hub manager who did not enter it, a street reviewer: refused.
    expect(canDeleteActivity(actor({ region: { id: 51, code: '360802003005', name: '新村', level: 5 } }), activity())).toBe(false);
    expect(canDeleteActivity(actor({ role: 'org_leader', orgId: 1 }), activity())).toBe(false);
    expect(canDeleteActivity(actor({ role: 'hub_manager', orgId: 9 }), activity())).toBe(false);
    expect(canDeleteActivity(actor({ role: 'street_reviewer', region: { id: 4, code: '360802003', name: '文山', level: 4 } }), activity())).toBe(false);
    // An author who lost the write permission (an expert account, say) cannot.
    expect(canDeleteActivity(actor({ role: 'expert', id: 99, region: null }), activity())).toBe(false);
    expect(() => requireActivityDelete(actor({ role: 'org_leader', orgId: 1 }), activity())).toThrow(expect.objectContaining({ statusCode: 403 }));
  });
});

describe('filling in an inspection check (民发〔2017〕45号 art. 10: its drawn inspectors only)', () => {
  it('lets an active inspector of the item act and refuses everyone else with 403', () => {
    expect(() => requireActiveInspector(actor({ role: 'expert', id: 7 }), [3, 7])).not.toThrow();
    expect(() => requireActiveInspector(actor({ role: 'district_admin', id: 8 }), [3, 7])).toThrow(expect.objectContaining({ statusCode: 403, code: 'access.forbidden' }));
    expect(() => requireActiveInspector(actor({ role: 'street_reviewer', id: 7 }), [])).toThrow(expect.objectContaining({ statusCode: 403, code: 'access.forbidden' }));
  });
});
